// The inspector's view of an Analysis: what the sidebar shows of the definition at the cursor.

import type { Analysis } from '../../core/analysis';
import { outputName, symbolsOf } from '../../core/present';
import type { InspectSummary } from '../../shared/protocol';

/** The inspector's view of an Analysis (what the sidebar needs, without the numbers). */
export function summarize(analysis: Analysis, index: number): InspectSummary {
  if (!analysis.ok) return { ok: false, index, input: analysis.input, error: analysis.error };
  const a = analysis;
  const j = a.jacobian;
  return {
    ok: true,
    index,
    definition: { latex: a.definition.latex, unicode: a.definition.unicode },
    output: { name: outputName(a), shape: a.output.shape, role: 'output' },
    variables: Object.entries(a.variables).map(([name, v]) => ({ name, shape: v.shape, role: v.role })),
    wrt: a.wrt,
    jacobian: {
      latex: j.latex, unicode: j.unicode, shape: j.shape, nnz: j.nnz, denseCount: j.denseCount,
      ...(j.check ? { check: j.check } : {}),
      ...(j.where ? { where: j.where.map(({ latex, unicode }) => ({ latex, unicode })) } : {}),
    },
    gradient: Object.entries(a.gradient ?? {}).map(([name, g]) => ({
      name,
      latex: g.latex,
      unicode: g.unicode,
      shape: g.shape,
      ...(g.check ? { check: g.check } : {}),
    })),
    loss: symbolsOf(a).loss,
  };
}
