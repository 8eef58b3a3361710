// The finite-difference checks. The Jacobian: J·v against central differences
// (F(x + hv) − F(x − hv)) / 2h, block by block, for every column when J has few, else for a few
// random directions. A gradient: ⟨g, v⟩ against central differences of the scalar along v.
// A NaN anywhere is an infinite error, so it can never pass.

import type { LinOp } from '../sparse';
import { mulberry32 } from './values';
import type { Mat } from './matrix';

export const CHECK_TOLERANCE = 1e-6;
const MAX_COLUMNS = 64;
export const DIRECTIONS = 4;

export interface CheckInput {
  /** The blocks of J, one per wrt variable, in column order. */
  readonly blocks: readonly LinOp[];
  /** F at the given values of the wrt variables, concatenated vec by vec (the columns of J). */
  readonly forward: (wrtValues: Float64Array) => Mat;
  readonly at: Float64Array;
  readonly seed: number;
}

export interface JacobianCheck {
  readonly maxRelError: number;
  /** Per block, in order. */
  readonly perBlock: readonly number[];
  readonly method: 'columns' | 'directions';
  readonly count: number;
}

function normInf(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] as number));
  return m;
}

// x = a + s·v
function axpy(a: Float64Array, s: number, v: Float64Array): Float64Array {
  const x = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) x[i] = (a[i] as number) + s * (v[i] as number);
  return x;
}

/** The step for central differences at x. */
const stepAt = (x: ArrayLike<number>): number => 1e-5 * Math.max(1, normInf(x));

/** NaN (from either side) counts as an infinite error. */
export const relError = (diff: number, scale: number): number => (Number.isFinite(diff) && !Number.isNaN(scale) ? diff / Math.max(1, scale) : Infinity);

/** Random directions uniform in [−1, 1]ⁿ, seeded. */
export function directions(n: number, count: number, seed: number): Float64Array[] {
  const next = mulberry32(seed ^ 0x9e3779b9);
  return Array.from({ length: count }, () => {
    // a plain loop: Float64Array.from with a callback costs a call per entry
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = 2 * next() - 1;
    return v;
  });
}

/** max |Jv − fd| / max(1, |fd|, |Jv|) over the entries, for one direction v (embedded at `offset`). */
function directionError(J: LinOp, v: Float64Array, offset: number, { forward, at }: CheckInput, h: number): number {
  const full = new Float64Array(at.length);
  full.set(v, offset);
  const jv = J.matvec(v);
  const plus = forward(axpy(at, h, full)).data;
  const minus = forward(axpy(at, -h, full)).data;
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < jv.length; i++) {
    const fd = ((plus[i] as number) - (minus[i] as number)) / (2 * h);
    diff = Math.max(diff, Math.abs(fd - (jv[i] as number)));
    scale = Math.max(scale, Math.abs(fd), Math.abs(jv[i] as number));
    if (Number.isNaN(fd) || Number.isNaN(jv[i] as number)) return Infinity;
  }
  return relError(diff, scale);
}

export function finiteDifferenceCheck(input: CheckInput): JacobianCheck {
  const h = stepAt(input.at);
  const cols = input.blocks.reduce((n, b) => n + b.cols, 0);
  const byColumn = cols <= MAX_COLUMNS;
  let offset = 0;
  let count = 0;
  const perBlock = input.blocks.map((J, k) => {
    const vs = byColumn
      ? Array.from({ length: J.cols }, (_, c) => Float64Array.from({ length: J.cols }, (_, i) => (i === c ? 1 : 0)))
      : directions(J.cols, DIRECTIONS, input.seed + k);
    const err = vs.reduce((m, v) => Math.max(m, directionError(J, v, offset, input, h)), 0);
    offset += J.cols;
    count += vs.length;
    return err;
  });
  return { maxRelError: perBlock.reduce((a, b) => Math.max(a, b), 0), perBlock, method: byColumn ? 'columns' : 'directions', count };
}

/** max over random v of |⟨g, v⟩ − (f(x + hv) − f(x − hv)) / 2h| / max(1, Σ|gᵢvᵢ|). */
export function gradientCheck(f: (x: Float64Array) => number, at: Float64Array, g: ArrayLike<number>, seed: number): number {
  const h = stepAt(at);
  let worst = 0;
  for (const v of directions(at.length, DIRECTIONS, seed)) {
    let dot = 0;
    let scale = 0;
    for (let i = 0; i < v.length; i++) {
      dot += (g[i] as number) * (v[i] as number);
      scale += Math.abs((g[i] as number) * (v[i] as number));
    }
    const fd = (f(axpy(at, h, v)) - f(axpy(at, -h, v))) / (2 * h);
    worst = Math.max(worst, relError(Math.abs(fd - dot), Math.max(scale, Math.abs(fd))));
  }
  return worst;
}

/** max |a − b| / max(1, |a|, |b|) entrywise; a 1×1 `a` stands for a constant matrix. Shapes must agree. */
export function valueError(a: Mat, b: Mat): number {
  const broadcast = a.rows === 1 && a.cols === 1;
  if (!broadcast && (a.rows !== b.rows || a.cols !== b.cols)) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.data.length; i++) {
    const x = a.data[broadcast ? 0 : i] as number;
    const y = b.data[i] as number;
    if (Number.isNaN(x) || Number.isNaN(y)) return Infinity;
    diff = Math.max(diff, Math.abs(x - y));
    scale = Math.max(scale, Math.abs(x), Math.abs(y));
  }
  return relError(diff, scale);
}
