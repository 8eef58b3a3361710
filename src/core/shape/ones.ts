// Ones vectors whose length a front-end left to shape inference (ast: INFERRED_SIZE) get the size
// found: X𝟏 with X 3×4 becomes X 𝟏₄. Where the size is a number, the count 𝟏ᵀ𝟏 a mean divides by
// becomes that number, and a 1×1 𝟏 (the sum along the one axis of a vector) goes: x𝟏/(𝟏ᵀ𝟏) of a
// row of 3 reads x𝟏/3, not x𝟏₃/(𝟏₃ᵀ𝟏₃).

import { UserError, isInferredSize, type Dim, type Expr, type Range } from '../ast';
import type { Linked } from '../ast/link';
import { mapChildren } from '../ast/walk';
import { dimOf, poly, symbolsOf } from './dim';
import type { ShapeTable } from './infer';

const isOnes = (e: Expr, rows: Dim, cols: Dim): boolean => e.kind === 'ones' && e.rows === rows && e.cols === cols;

/** a·b once its ones have sizes: 𝟏ₖᵀ𝟏ₖ = k, A𝟏₁ = A, and a product of two numbers is one. */
function folded(e: Expr): Expr {
  if (e.kind !== 'mul') return e;
  const { left: a, right: b, range } = e;
  if (a.kind === 'ones' && b.kind === 'ones' && typeof a.cols === 'number' && isOnes(a, 1, a.cols) && isOnes(b, a.cols, 1)) {
    return { kind: 'num', value: a.cols, range };
  }
  if (isOnes(b, 1, 1)) return a;
  if (isOnes(a, 1, 1)) return b;
  if (a.kind === 'num' && b.kind === 'num') return { kind: 'num', value: a.value * b.value, range };
  return e;
}

/** The linked program with every inferred size in a ones vector replaced by the size found (shared nodes stay shared). */
export function onesSized(linked: Linked, shapes: ShapeTable): Linked {
  const sized = (d: Dim, range: Range): Dim => {
    if (!isInferredSize(d)) return d;
    const p = shapes.resolve(poly(d));
    if (symbolsOf(p).some((s) => s.startsWith('?'))) throw UserError.at('the length of the ones vector here cannot be inferred: declare the sizes of the inputs', range);
    return dimOf(p);
  };
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    let out = memo.get(e);
    if (out) return out;
    if (e.kind === 'ones') {
      out = isInferredSize(e.rows) || isInferredSize(e.cols) ? { kind: 'ones', rows: sized(e.rows, e.range), cols: sized(e.cols, e.range), range: e.range } : e;
    } else {
      out = mapChildren(e, go);
      // only where a size was just found: the user's own products are left as written
      if (out !== e) out = folded(out);
    }
    memo.set(e, out);
    return out;
  };
  return { ...linked, output: go(linked.output), steps: linked.steps.map((st) => ({ ...st, expr: go(st.expr) })) };
}
