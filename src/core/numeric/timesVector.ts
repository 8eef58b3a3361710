// A formula times a block of vectors without forming the formula: products are applied right to
// left, so the printed ∂L/∂W = δ xᵀ is checked as δ (xᵀ V) — n + m numbers, not an n·m matrix
// (at 2048² a fresh 32 MB array costs more than the arithmetic on it). Anything but a product or
// its negation is evaluated whole, as the evaluator does; a 1×1 factor scales, as it does there.

import type { Expr } from '../ast';
import type { EvalCtx } from './evaluate';
import { mapMat, matmul, mat, type Mat } from './matrix';

interface Size {
  readonly rows: number;
  readonly cols: number;
}

const isScalar = (s: Size): boolean => s.rows === 1 && s.cols === 1;

/** What `e` evaluates to, in the pieces that are not products (negations). */
const inner = (e: Expr): Expr => (e.kind === 'ref' ? inner(e.def) : e);

/** The size of `e`'s value; a product's from its factors, so it is never formed. */
export function sizeOf(e: Expr, ev: EvalCtx): Size {
  const d = inner(e);
  if (d.kind === 'neg') return sizeOf(d.arg, ev);
  if (d.kind === 'mul') {
    const a = sizeOf(d.left, ev);
    const b = sizeOf(d.right, ev);
    if (isScalar(a)) return b;
    if (isScalar(b)) return a;
    return { rows: a.rows, cols: b.cols };
  }
  const v = ev.value(e);
  return { rows: v.rows, cols: v.cols };
}

/** e V, for V with as many rows as e has columns (a size that does not chain throws). */
export function timesRight(e: Expr, V: Mat, ev: EvalCtx): Mat {
  const d = inner(e);
  if (d.kind === 'neg') return mapMat(timesRight(d.arg, V, ev), (x) => -x);
  if (d.kind === 'mul') {
    if (isScalar(sizeOf(d.left, ev))) return scaled(ev.value(d.left), timesRight(d.right, V, ev));
    if (isScalar(sizeOf(d.right, ev))) return scaled(ev.value(d.right), timesRight(d.left, V, ev));
    return timesRight(d.left, timesRight(d.right, V, ev), ev);
  }
  const m = ev.value(e);
  if (isScalar(m)) return scaled(m, V);
  if (m.cols !== V.rows) throw new Error(`sizes do not chain: ${m.rows}×${m.cols} times ${V.rows}×${V.cols}`);
  return matmul(m, V);
}

const scaled = (s: Mat, V: Mat): Mat => {
  const k = s.data[0] as number;
  return mapMat(V, (x) => k * x);
};

/** G v for a matrix G and a vector v of its columns' count. */
export function matvec(G: Mat, v: Float64Array): Mat {
  return matmul(G, mat(v.length, 1, v));
}
