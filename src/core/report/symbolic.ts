// The symbolic half of an Analysis: definition, variables, the factored Jacobian and its blocks.

import type { AnalysisOk, Formula, JacobianFactor, JacobianInfo, VariableInfo } from '../analysis';
import { factorBlocks } from '../calculus/jacobian';
import { nnzOf, nnzOfBlocks } from '../calculus/nnz';
import type { Op } from '../calculus/ops';
import type { Prepared } from '../prepare';
import { Renderer, EQ } from '../present/renderer';
import { jsonDim, mulPoly, addPoly, type Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';
import { setOwn } from '../keys';
import type { SharedJacobian } from './share';

export const shapeJSON = (s: Shape): [number | string, number | string] => [jsonDim(s.rows), jsonDim(s.cols)];

export function definitionOf(p: Prepared, r: Renderer): Formula {
  const lines = p.linked.steps.map((s) => (s.name ? Renderer.relation(r.name(s.name), EQ, r.expr(s.expr)) : r.expr(s.expr)));
  return { latex: lines.map((l) => l.latex).join(',\\quad '), unicode: lines.map((l) => l.unicode).join(';  ') };
}

export function variablesInfo(p: Prepared, r: Renderer): Record<string, VariableInfo> {
  const out: Record<string, VariableInfo> = {};
  for (const name of p.variables) {
    const s = p.shapes.vars.get(name) as Shape;
    setOwn(out, name, {
      ...r.name(name),
      shape: shapeJSON(s),
      role: p.wrt.includes(name) ? 'parameter' : 'input',
      shapeSource: p.shapes.sources.get(name) ?? 'inferred',
    });
  }
  return out;
}

export function jacobianInfo(shared: SharedJacobian, p: Prepared, r: Renderer): JacobianInfo {
  const b = shared.blocks;
  const out = p.shapes.shape(p.linked.output);
  const rows = mulPoly(out.rows, out.cols);
  const cols = p.wrt.reduce<Poly>((acc, w) => {
    const s = p.shapes.vars.get(w) as Shape;
    return addPoly(acc, mulPoly(s.rows, s.cols));
  }, new Map());
  const { common, rest } = factorBlocks(b);
  const factor = (o: Op, part: JacobianFactor['part']): JacobianFactor => ({ ...r.op(o), shape: shapeJSON(b.ops.shape(o)), part });
  return {
    ...r.factored(common, rest),
    shape: [jsonDim(rows), jsonDim(cols)],
    nnz: jsonDim(nnzOfBlocks(b.blocks, b.ops)),
    denseCount: jsonDim(mulPoly(rows, cols)),
    blocks: b.blocks.map((o, i) => ({
      ...r.op(o),
      wrt: p.wrt[i] as string,
      shape: shapeJSON(b.ops.shape(o)),
      nnz: jsonDim(nnzOf(o, b.ops)),
    })),
    factors: [...common.map((o) => factor(o, 'left')), ...rest.map((o) => factor(o, 'block'))],
    // innermost first: each name is defined before a name that reads it
    ...(shared.shared.length
      ? { where: [...shared.shared].reverse().map((d) => ({ name: d.name, ...Renderer.relation(r.name(d.name), EQ, r.expr(d.expr)) })) }
      : {}),
  };
}

export const outputInfo = (p: Prepared, r: Renderer): AnalysisOk['output'] => ({
  ...r.expr(p.linked.output.kind === 'ref' ? p.linked.output.def : p.linked.output),
  name: p.linked.outputName,
  shape: shapeJSON(p.shapes.shape(p.linked.output)),
});
