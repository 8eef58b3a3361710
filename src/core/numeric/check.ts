// The finite-difference checks. The Jacobian: J·v against central differences
// (F(x + hv) − F(x − hv)) / 2h, block by block, for every column when J has few, else for a few
// random directions. A gradient: ⟨g, v⟩ against central differences of the scalar along v.
// Where they disagree, a Richardson estimate (O(h⁴)) is asked too, so that a strongly curved map
// is not failed for the O(h²) error of the differences. A NaN anywhere is an infinite error.

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

/**
 * Central differences along v and their rounding noise: each F value is off by some ulps of
 * |F|, which the division by 2h magnifies (F ≈ 1e6 with a slope ≈ 1 leaves 1e-5 of noise).
 */
interface Slope {
  readonly d: Float64Array;
  readonly noise: number;
}

/** Rounding allowed per value of F, in units of |F|. */
const ROUNDING = 8 * Number.EPSILON;

/** (F(x + hv) − F(x − hv)) / 2h. */
function central(forward: CheckInput['forward'], at: Float64Array, v: Float64Array, h: number): Slope {
  const plus = forward(axpy(at, h, v)).data;
  const minus = forward(axpy(at, -h, v)).data;
  const d = new Float64Array(plus.length);
  for (let i = 0; i < d.length; i++) d[i] = ((plus[i] as number) - (minus[i] as number)) / (2 * h);
  return { d, noise: (ROUNDING * Math.max(normInf(plus), normInf(minus))) / h };
}

/** Richardson: (4 D(h/2) − D(h)) / 3 cancels the h² term of central differences, leaving O(h⁴). */
const richardson = (coarse: Slope, fine: Slope): Slope => ({
  d: coarse.d.map((c, i) => (4 * (fine.d[i] as number) - c) / 3),
  noise: (4 * fine.noise + coarse.noise) / 3,
});

/** Richardson estimates tried, each with half the step, before a disagreement is a failure. */
const REFINEMENTS = 8;

/** A smaller step is worth taking only while its noise stays below what the check tolerates. */
const quiet = (s: Slope, scale: number): boolean => s.noise <= CHECK_TOLERANCE * Math.max(1, scale);

/** max (|Jv − fd| beyond the noise) / max(1, |fd|, |Jv|) over the entries. */
function entryError(jv: Float64Array, fd: Slope): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < jv.length; i++) {
    const d = fd.d[i] as number;
    if (Number.isNaN(d) || Number.isNaN(jv[i] as number)) return Infinity;
    diff = Math.max(diff, Math.abs(d - (jv[i] as number)));
    scale = Math.max(scale, Math.abs(d), Math.abs(jv[i] as number));
  }
  return relError(Math.max(0, diff - fd.noise), scale);
}

/**
 * The error of J along one direction v (embedded at `offset`). Where central differences
 * disagree, their O(h²) error may be the cause (a strongly curved map: tanh(60x)), so a
 * Richardson estimate, O(h⁴), is asked as well, with h/2, h/4, …; any agreeing is agreement.
 */
function directionError(J: LinOp, v: Float64Array, offset: number, { forward, at }: CheckInput, h: number): number {
  const full = new Float64Array(at.length);
  full.set(v, offset);
  const jv = J.matvec(v);
  let coarse = central(forward, at, full, h);
  let err = entryError(jv, coarse);
  for (let k = 1; k <= REFINEMENTS && err > CHECK_TOLERANCE; k++) {
    const fine = central(forward, at, full, h / 2 ** k);
    const better = richardson(coarse, fine);
    if (!quiet(better, normInf(jv))) break;
    err = Math.min(err, entryError(jv, better));
    coarse = fine;
  }
  return err;
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

/** max over random v of |⟨g, v⟩ − fd| / max(1, Σ|gᵢvᵢ|), fd by central differences, refined as in directionError. */
export function gradientCheck(f: (x: Float64Array) => number, at: Float64Array, g: ArrayLike<number>, seed: number): number {
  const h = stepAt(at);
  const slope = (v: Float64Array, step: number): Slope => {
    const plus = f(axpy(at, step, v));
    const minus = f(axpy(at, -step, v));
    return { d: Float64Array.of((plus - minus) / (2 * step)), noise: (ROUNDING * Math.max(Math.abs(plus), Math.abs(minus))) / step };
  };
  let worst = 0;
  for (const v of directions(at.length, DIRECTIONS, seed)) {
    let dot = 0;
    let scale = 0;
    for (let i = 0; i < v.length; i++) {
      dot += (g[i] as number) * (v[i] as number);
      scale += Math.abs((g[i] as number) * (v[i] as number));
    }
    const error = ({ d, noise }: Slope) => relError(Math.max(0, Math.abs((d[0] as number) - dot) - noise), Math.max(scale, Math.abs(d[0] as number)));
    let coarse = slope(v, h);
    let err = error(coarse);
    for (let k = 1; k <= REFINEMENTS && err > CHECK_TOLERANCE; k++) {
      const fine = slope(v, h / 2 ** k);
      const better = richardson(coarse, fine);
      if (!quiet(better, scale)) break;
      err = Math.min(err, error(better));
      coarse = fine;
    }
    worst = Math.max(worst, err);
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
