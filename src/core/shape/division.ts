// `A/B` by a matrix is A B⁻¹ (MATLAB's mrdivide, the Matrix Cookbook's reading). The shape rule
// decides while sizes are inferred and marks its choice; right after, each marked division is
// rewritten as that product and every other `/` becomes a plain division entry by entry, so no
// later pass (whose sizes are final) decides again.

import type { Expr } from '../ast';
import type { Linked } from '../ast/link';
import { mapChildren } from '../ast/walk';
import type { ShapeTable } from './infer';

/** The linked program with every `A/B` by a matrix B as A B⁻¹ (shared nodes stay shared). */
export function rightDivisionsAsInverse(linked: Linked, shapes: ShapeTable): Linked {
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    let out = memo.get(e);
    if (out) return out;
    out = mapChildren(e, go);
    if (e.kind === 'div' && e.slash && out.kind === 'div') {
      const { left, right, range } = out;
      out = shapes.isRightDivision(e)
        ? { kind: 'mul', left, right: { kind: 'inv', arg: right, range: right.range }, range }
        : { kind: 'div', left, right, range };
    }
    memo.set(e, out);
    return out;
  };
  return { ...linked, output: go(linked.output), steps: linked.steps.map((st) => ({ ...st, expr: go(st.expr) })) };
}
