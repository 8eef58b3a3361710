// The finite-difference checks. The Jacobian: J·v against central differences
// (F(x + hv) − F(x − hv)) / 2h, block by block, for every column when J has few, else for a few
// random directions. A gradient: ⟨g, v⟩ against central differences of the scalar along v.
// A NaN anywhere is an infinite error, so it can never pass.

import type { LinOp } from '../sparse';
import { mulberry32 } from './values';
import type { Mat } from './matrix';

export const CHECK_TOLERANCE = 1e-6;
const MAX_COLUMNS = 64;
/** Random directions per check: the hand-written peer of the bench checks along two as well. */
export const DIRECTIONS = 2;

/** A direction over all the columns of J and F's central differences along it. */
export interface Sample {
  readonly v: Float64Array;
  readonly fd: Float64Array;
}

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
  readonly samples: readonly Sample[];
}

function normInf(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] as number));
  return m;
}

/**
 * Central differences of F along directions, with two buffers reused for every x ± hv: at
 * 1024² a fresh array per evaluation cost more than the evaluations.
 */
class Differences {
  private readonly x: Float64Array;
  constructor(private readonly at: Float64Array, private readonly h: number, private readonly f: (x: Float64Array) => ArrayLike<number>) {
    this.x = new Float64Array(at.length);
  }

  /** (F(x + hv) − F(x − hv)) / 2h, for v placed at `offset` (zero elsewhere). */
  along(v: Float64Array, offset = 0): Float64Array {
    const plus = Float64Array.from(this.shifted(v, offset, this.h)); // F may return a view of x
    const minus = this.shifted(v, offset, -this.h);
    for (let i = 0; i < plus.length; i++) plus[i] = ((plus[i] as number) - (minus[i] as number)) / (2 * this.h);
    return plus;
  }

  private shifted(v: Float64Array, offset: number, s: number): ArrayLike<number> {
    const { x, at } = this;
    x.set(at);
    for (let i = 0; i < v.length; i++) x[offset + i] = (at[offset + i] as number) + s * (v[i] as number);
    return this.f(x);
  }
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

/** max |Jv − fd| / max(1, |fd|, |Jv|) over the entries. */
function vectorError(jv: ArrayLike<number>, fd: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < jv.length; i++) {
    if (Number.isNaN(fd[i] as number) || Number.isNaN(jv[i] as number)) return Infinity;
    diff = Math.max(diff, Math.abs((fd[i] as number) - (jv[i] as number)));
    scale = Math.max(scale, Math.abs(fd[i] as number), Math.abs(jv[i] as number));
  }
  return relError(diff, scale);
}

/** J v = Σ J_k v_k for v over all the blocks' columns. */
function jointMatvec(blocks: readonly LinOp[], v: Float64Array): Float64Array {
  let out: Float64Array | undefined;
  let o = 0;
  for (const J of blocks) {
    const part = J.matvec(v.subarray(o, o + J.cols));
    o += J.cols;
    if (!out) out = Float64Array.from(part);
    else for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (part[i] as number);
  }
  return out ?? new Float64Array(0);
}

/**
 * J against differences of F. Few columns: every column, block by block. Else two random
 * directions over all the columns at once (four evaluations of F, whatever the number of blocks):
 * a wrong block cannot hide along a random direction, and only a failure pays for per-block
 * directions to say which block is wrong. The differences are returned for a gradient to reuse.
 */
export function finiteDifferenceCheck(input: CheckInput): JacobianCheck {
  const diffs = new Differences(input.at, stepAt(input.at), (x) => input.forward(x).data);
  const cols = input.blocks.reduce((n, b) => n + b.cols, 0);
  if (cols <= MAX_COLUMNS) return byColumns(input, diffs);
  const samples = directions(cols, DIRECTIONS, input.seed).map((v) => ({ v, fd: diffs.along(v) }));
  const joint = samples.reduce((m, { v, fd }) => Math.max(m, vectorError(jointMatvec(input.blocks, v), fd)), 0);
  if (joint <= CHECK_TOLERANCE) {
    return { maxRelError: joint, perBlock: input.blocks.map(() => joint), method: 'directions', count: DIRECTIONS, samples };
  }
  let offset = 0;
  const perBlock = input.blocks.map((J, k) => {
    const err = directions(J.cols, DIRECTIONS, input.seed + 1 + k).reduce((m, v) => Math.max(m, vectorError(J.matvec(v), diffs.along(v, offset))), 0);
    offset += J.cols;
    return err;
  });
  const count = DIRECTIONS * (1 + input.blocks.length);
  return { maxRelError: Math.max(joint, ...perBlock), perBlock, method: 'directions', count, samples };
}

function byColumns(input: CheckInput, diffs: Differences): JacobianCheck {
  const samples: Sample[] = [];
  let offset = 0;
  const perBlock = input.blocks.map((J) => {
    let err = 0;
    for (let c = 0; c < J.cols; c++) {
      const e = new Float64Array(J.cols);
      e[c] = 1;
      const fd = diffs.along(e, offset);
      const v = new Float64Array(input.at.length);
      v[offset + c] = 1;
      samples.push({ v, fd });
      err = Math.max(err, vectorError(J.matvec(e), fd));
    }
    offset += J.cols;
    return err;
  });
  return { maxRelError: perBlock.reduce((a, b) => Math.max(a, b), 0), perBlock, method: 'columns', count: samples.length, samples };
}

/** ⟨g, v⟩ against the differences of a scalar F already taken along v (F = L: no new evaluation). */
export function gradientFromSamples(g: ArrayLike<number>, samples: readonly Sample[]): number {
  return samples.reduce((worst, { v, fd }) => Math.max(worst, dotError(g, v, fd[0] as number)), 0);
}

function dotError(g: ArrayLike<number>, v: Float64Array, fd: number): number {
  let dot = 0;
  let scale = 0;
  for (let i = 0; i < v.length; i++) {
    dot += (g[i] as number) * (v[i] as number);
    scale += Math.abs((g[i] as number) * (v[i] as number));
  }
  return relError(Math.abs(fd - dot), Math.max(scale, Math.abs(fd)));
}

/** max over random v of |⟨g, v⟩ − (f(x + hv) − f(x − hv)) / 2h| / max(1, Σ|gᵢvᵢ|). */
export function gradientCheck(f: (x: Float64Array) => number, at: Float64Array, g: ArrayLike<number>, seed: number): number {
  const diffs = new Differences(at, stepAt(at), (x) => [f(x)]);
  return gradientFromSamples(g, directions(at.length, DIRECTIONS, seed).map((v) => ({ v, fd: diffs.along(v) })));
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
