// `A/B` by a matrix is A B⁻¹ (MATLAB's mrdivide, the Matrix Cookbook's reading): once shapes are
// known, each such division is rewritten as that product; a scalar or vector divisor stays a
// division entry by entry.

import type { Expr } from '../ast';
import type { Linked } from '../ast/link';
import { mapChildren } from '../ast/walk';
import { isOne } from './dim';
import type { ShapeTable } from './infer';

/** The linked program with every `A/B` by a matrix B as A B⁻¹ (shared nodes stay shared). */
export function rightDivisionsAsInverse(linked: Linked, shapes: ShapeTable): Linked {
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    let out = memo.get(e);
    if (out) return out;
    out = mapChildren(e, go);
    if (e.kind === 'div' && e.slash && out.kind === 'div') {
      const s = shapes.shape(e.right);
      if (!isOne(s.rows) && !isOne(s.cols)) {
        out = { kind: 'mul', left: out.left, right: { kind: 'inv', arg: out.right, range: out.right.range }, range: out.range };
      }
    }
    memo.set(e, out);
    return out;
  };
  return { ...linked, output: go(linked.output), steps: linked.steps.map((st) => ({ ...st, expr: go(st.expr) })) };
}
