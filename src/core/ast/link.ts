// Later lines may use earlier names: `z = W*x + b` then `y = σ(z)`. A use of an assigned name
// becomes a `ref` to its definition, so it prints as `z` and differentiates through `W*x + b`.

import type { Expr, Program } from './index';
import { substituteVars } from './substitute';
import { foldConstants } from './fold';

export interface Linked {
  readonly output: Expr;
  readonly outputName?: string;
  /** Every assignment's linked expression, in order (the output last). */
  readonly steps: ReadonlyArray<{ readonly name?: string; readonly expr: Expr }>;
}

export function link(program: Program): Linked {
  const defs = new Map<string, Expr>();
  const steps = program.assignments.map((a) => {
    const expr = substituteVars(foldConstants(a.expr), (v) => {
      const def = defs.get(v.name);
      return def && { kind: 'ref', name: v.name, def, range: v.range };
    });
    if (a.name) defs.set(a.name, expr);
    return { name: a.name, expr };
  });
  const last = steps[steps.length - 1];
  if (!last) throw new Error('a program has at least one assignment');
  return { output: last.expr, outputName: last.name, steps };
}
