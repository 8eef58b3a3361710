// The finite-difference checks. The Jacobian: J·v against central differences
// (F(x + hv) − F(x − hv)) / 2h, for every column when J has few, else along two random
// directions over all its blocks at once. A gradient: ⟨g, v⟩ against central differences of the
// scalar along v. Where they disagree, a Richardson estimate (O(h⁴)) is asked too, so that a
// strongly curved map is not failed for the O(h²) error of the differences. A NaN anywhere is an
// infinite error.

import { HCat, type LinOp } from '../sparse';
import { fillUniform } from './values';
import type { Mat } from './matrix';

export const CHECK_TOLERANCE = 1e-6;
const MAX_COLUMNS = 64;
/** Random directions per check: the hand-written peer of the bench checks along two as well. */
export const DIRECTIONS = 2;

export interface CheckInput {
  /** The blocks of J, one per wrt variable, in column order. */
  readonly blocks: readonly LinOp[];
  /** F at the given values of the wrt variables, concatenated vec by vec (the columns of J). */
  readonly forward: (wrtValues: Float64Array) => Mat;
  readonly at: Point;
  readonly seed: number;
  /** L as a function of F's values, when L depends on the variables through F alone: the
   *  gradient's check then reads L's differences off the very evaluations of F (no new pass). */
  readonly loss?: (F: ArrayLike<number>) => number;
  /** A gradient of L to check: ⟨g, v⟩ is taken along each random direction while v is at hand. */
  readonly gradient?: ArrayLike<number>;
  /** The printed form of J, applied along each random direction for its own check. */
  readonly printed?: LinOp;
}

/** ⟨g, v⟩ and Σ|gᵢvᵢ|, the scale its error is measured against. */
export interface Dot {
  readonly dot: number;
  readonly scale: number;
}

/**
 * What was taken along one random direction v over all the columns of J: F's central
 * differences, J v, and what the input asked for. v itself is not kept: every direction is drawn
 * into one buffer (at 2048² a fresh 32 MB vector costs more in page faults than its arithmetic).
 */
export interface Sample {
  readonly slope: Slope;
  /** J v, for the printed form of J to be compared with. */
  readonly jv: Float64Array;
  /** The central difference of L = loss(F) along v, from the same two evaluations of F. */
  readonly loss?: Slope;
  /** ⟨g, v⟩ for the input's gradient. */
  readonly gv?: Dot;
  /** The printed J along v. */
  readonly pv?: Float64Array;
}

export interface JacobianCheck {
  readonly maxRelError: number;
  /** Per block, in order. */
  readonly perBlock: readonly number[];
  readonly method: 'columns' | 'directions';
  readonly count: number;
  /** What was taken along the random directions, for the gradient and the printed J to reuse. */
  readonly samples: readonly Sample[];
}

function normInf(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] as number));
  return m;
}

/**
 * Where J is taken: one vector, or the parts it is stacked from (the wrt variables' own values,
 * so that a point of four million entries is not copied into a fifth buffer).
 */
export type Point = Float64Array | readonly Float64Array[];
const partsOf = (at: Point): readonly Float64Array[] => (at instanceof Float64Array ? [at] : at);

/** The step for central differences at x. */
const stepAt = (parts: readonly Float64Array[]): number => 1e-5 * Math.max(1, ...parts.map(normInf));

/** NaN (from either side) counts as an infinite error. */
export const relError = (diff: number, scale: number): number => (Number.isFinite(diff) && !Number.isNaN(scale) ? diff / Math.max(1, scale) : Infinity);

/**
 * Random directions uniform in [−1, 1]ⁿ, seeded: one mulberry32 stream, direction after
 * direction, each drawn into the same buffer (use one before asking for the next). A continuous
 * distribution: a nonzero difference D between two linear maps has D v = 0 with probability 0.
 */
export function* directions(n: number, count: number, seed: number): Generator<Float64Array> {
  let state = seed ^ 0x9e3779b9;
  const v = new Float64Array(n);
  for (let k = 0; k < count; k++) {
    state = fillUniform(v, state, -1, 1);
    yield v;
  }
}

/**
 * Central differences along v and their rounding noise: each F value is off by some ulps of
 * |F|, which the division by 2h magnifies (F ≈ 1e6 with a slope ≈ 1 leaves 1e-5 of noise).
 */
export interface Slope {
  readonly d: Float64Array;
  readonly noise: number;
}

/** Rounding allowed per value of F, in units of |F|. */
const ROUNDING = 8 * Number.EPSILON;

/**
 * Central differences of F with one buffer reused for every x ± hv: at 1024² a fresh array per
 * evaluation cost more than the evaluations.
 */
class Differences {
  private readonly x: Float64Array;
  private readonly parts: readonly Float64Array[];
  readonly h: number;
  /** The length of x. */
  readonly size: number;
  constructor(at: Point, private readonly f: (x: Float64Array) => ArrayLike<number>) {
    this.parts = partsOf(at);
    this.x = new Float64Array(this.parts.reduce((n, p) => n + p.length, 0));
    this.size = this.x.length;
    this.h = stepAt(this.parts);
  }

  /** (F(x + hv) − F(x − hv)) / 2h, for v placed at `offset` (zero elsewhere); with `loss`, the
   *  same difference of loss(F) too. */
  along(v: Float64Array, offset: number, h: number, loss?: (F: ArrayLike<number>) => number): Slope & { loss?: Slope } {
    const plus = Float64Array.from(this.shifted(v, offset, h)); // F may return a view of x
    const minus = this.shifted(v, offset, -h);
    const ends = loss && [loss(plus), loss(minus)];
    const noise = (ROUNDING * Math.max(normInf(plus), normInf(minus))) / h;
    for (let i = 0; i < plus.length; i++) plus[i] = ((plus[i] as number) - (minus[i] as number)) / (2 * h);
    if (!ends) return { d: plus, noise };
    const [lp, lm] = ends as [number, number];
    return { d: plus, noise, loss: { d: Float64Array.of((lp - lm) / (2 * h)), noise: (ROUNDING * Math.max(Math.abs(lp), Math.abs(lm))) / h } };
  }

  private shifted(v: Float64Array, offset: number, s: number): ArrayLike<number> {
    const { x } = this;
    // one pass over x, part by part: the moved entries written, the others copied
    let o = 0;
    for (const p of this.parts) {
      const lo = Math.min(Math.max(offset, o), o + p.length);
      const hi = Math.max(Math.min(offset + v.length, o + p.length), lo);
      x.set(p.subarray(0, lo - o), o);
      for (let k = lo; k < hi; k++) x[k] = (p[k - o] as number) + s * (v[k - offset] as number);
      x.set(p.subarray(hi - o), hi);
      o += p.length;
    }
    return this.f(x);
  }
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
function entryError(jv: ArrayLike<number>, fd: Slope): number {
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
 * The error of `jv` (J along v at `offset`) against differences, first `first` (at step h). Where
 * they disagree, their O(h²) error may be the cause (a strongly curved map: tanh(60x)), so a
 * Richardson estimate, O(h⁴), is asked as well, with h/2, h/4, …; any agreeing is agreement.
 */
function refinedError(jv: ArrayLike<number>, v: Float64Array, offset: number, diffs: Differences, first: Slope): number {
  let coarse = first;
  let err = entryError(jv, coarse);
  for (let k = 1; k <= REFINEMENTS && err > CHECK_TOLERANCE; k++) {
    const fine = diffs.along(v, offset, diffs.h / 2 ** k);
    const better = richardson(coarse, fine);
    if (!quiet(better, normInf(jv))) break;
    err = Math.min(err, entryError(jv, better));
    coarse = fine;
  }
  return err;
}

/**
 * J against differences of F. Few columns: every column, block by block. Else two random
 * directions over all the columns at once (four evaluations of F, whatever the number of blocks):
 * a wrong block cannot hide along a random direction, and only a failure pays for per-block
 * directions to say which block is wrong.
 */
export function finiteDifferenceCheck(input: CheckInput): JacobianCheck {
  const diffs = new Differences(input.at, (x) => input.forward(x).data);
  const cols = input.blocks.reduce((n, b) => n + b.cols, 0);
  if (cols <= MAX_COLUMNS) return byColumns(input, diffs);
  const J = new HCat(input.blocks); // J v = Σ J_k v_k
  const samples: Sample[] = [];
  let error = 0;
  for (const v of directions(cols, DIRECTIONS, input.seed)) {
    const { loss, ...slope } = diffs.along(v, 0, diffs.h, input.loss);
    const jv = J.matvec(v);
    error = Math.max(error, refinedError(jv, v, 0, diffs, slope));
    const { gradient: g, printed } = input;
    samples.push({ slope, jv, ...(loss ? { loss } : {}), ...(g ? { gv: dotOf(g, v) } : {}), ...(printed ? { pv: printed.matvec(v) } : {}) });
  }
  if (error <= CHECK_TOLERANCE) {
    return { maxRelError: error, perBlock: input.blocks.map(() => error), method: 'directions', count: DIRECTIONS, samples };
  }
  let offset = 0;
  const perBlock = input.blocks.map((J, k) => {
    let err = 0;
    for (const v of directions(J.cols, DIRECTIONS, input.seed + 1 + k)) err = Math.max(err, refinedError(J.matvec(v), v, offset, diffs, diffs.along(v, offset, diffs.h)));
    offset += J.cols;
    return err;
  });
  return { maxRelError: Math.max(error, ...perBlock), perBlock, method: 'directions', count: DIRECTIONS * (1 + input.blocks.length), samples };
}

function byColumns(input: CheckInput, diffs: Differences): JacobianCheck {
  let offset = 0;
  let count = 0;
  const perBlock = input.blocks.map((J) => {
    let err = 0;
    for (let c = 0; c < J.cols; c++) {
      const e = new Float64Array(J.cols);
      e[c] = 1;
      err = Math.max(err, refinedError(J.matvec(e), e, offset, diffs, diffs.along(e, offset, diffs.h)));
      count++;
    }
    offset += J.cols;
    return err;
  });
  return { maxRelError: perBlock.reduce((a, b) => Math.max(a, b), 0), perBlock, method: 'columns', count, samples: [] };
}

function dotOf(g: ArrayLike<number>, v: Float64Array): Dot {
  let dot = 0;
  let scale = 0;
  for (let i = 0; i < v.length; i++) {
    dot += (g[i] as number) * (v[i] as number);
    scale += Math.abs((g[i] as number) * (v[i] as number));
  }
  return { dot, scale };
}

/** |⟨g, v⟩ − d| beyond the noise, relative to max(1, Σ|gᵢvᵢ|, |d|). */
function dotError({ dot, scale }: Dot, { d, noise }: Slope): number {
  return relError(Math.max(0, Math.abs((d[0] as number) - dot) - noise), Math.max(scale, Math.abs(d[0] as number)));
}

/**
 * The input's gradient against the differences of L already taken along each direction — F's
 * own when F = L, else those of loss(F) — with no new evaluation; Infinity when there are none.
 * A disagreement is settled by `gradientCheck`, which refines.
 */
export function gradientFromSamples(samples: readonly Sample[], of: 'F' | 'loss'): number {
  if (!samples.length || samples.some((s) => !s.gv || (of === 'loss' && !s.loss))) return Infinity;
  return samples.reduce((worst, s) => Math.max(worst, dotError(s.gv as Dot, (of === 'F' ? s.slope : s.loss) as Slope)), 0);
}

/** max over random v of |⟨g, v⟩ − fd| / max(1, Σ|gᵢvᵢ|), fd by central differences, refined as for J. */
export function gradientCheck(f: (x: Float64Array) => number, at: Point, g: ArrayLike<number>, seed: number): number {
  const diffs = new Differences(at, (x) => [f(x)]);
  let worst = 0;
  for (const v of directions(diffs.size, DIRECTIONS, seed)) {
    const gv = dotOf(g, v);
    let coarse = diffs.along(v, 0, diffs.h);
    let err = dotError(gv, coarse);
    for (let k = 1; k <= REFINEMENTS && err > CHECK_TOLERANCE; k++) {
      const fine = diffs.along(v, 0, diffs.h / 2 ** k);
      const better = richardson(coarse, fine);
      if (!quiet(better, Math.abs(coarse.d[0] as number))) break;
      err = Math.min(err, dotError(gv, better));
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
