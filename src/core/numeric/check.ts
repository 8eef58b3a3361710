// The finite-difference check: J·v against central differences (F(x + hv) − F(x − hv)) / 2h,
// for every column of J when it has few, else along two random ±1 directions. Either way it
// costs a bounded number of forward passes (2 per column checked, 4 for the directions) and
// one buffer the size of the wrt variables.

import type { CheckInfo } from '../analysis';
import type { LinOp } from '../sparse';
import type { Mat } from './matrix';
import { mulberry32 } from './values';

export const CHECK_TOLERANCE = 1e-6;
const MAX_COLUMNS = 64;
const DIRECTIONS = 2;

export interface CheckInput {
  readonly J: LinOp;
  /** The wrt variables' values (their vecs, in the order of J's columns). */
  readonly at: readonly Float64Array[];
  /** F at other values of the wrt variables, given the same way (it may hand back its own buffers). */
  readonly forward: (point: readonly Float64Array[]) => Mat;
  readonly seed: number;
}

// v = a random ±1 vector, 32 signs per draw
function signs(v: Float64Array, next: () => number): void {
  for (let i = 0; i < v.length; i += 32) {
    const bits = (next() * 4294967296) >>> 0;
    const end = Math.min(32, v.length - i);
    for (let k = 0; k < end; k++) v[i + k] = (((bits >>> k) & 1) << 1) - 1;
  }
}

// max |fd − jv| / max(1, |fd|, |jv|) with fd = (plus − minus) / 2h
function relError(plus: Float64Array, minus: Float64Array, jv: Float64Array, h: number): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < jv.length; i++) {
    const fd = (plus[i]! - minus[i]!) / (2 * h);
    diff = Math.max(diff, Math.abs(fd - jv[i]!));
    scale = Math.max(scale, Math.abs(fd), Math.abs(jv[i]!));
  }
  return Number.isNaN(diff) ? Infinity : diff / scale;
}

function largest(at: readonly Float64Array[]): number {
  let m = 0;
  for (const a of at) for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** Views of v, one per wrt variable. */
function split(v: Float64Array, at: readonly Float64Array[]): Float64Array[] {
  let o = 0;
  return at.map((a) => v.subarray(o, (o += a.length)));
}

// The step: 1e-5 of the values' scale, smaller for long ±1 directions, whose second-order
// term grows with their length while rounding stays far below it.
function step(at: readonly Float64Array[], cols: number): number {
  return (1e-5 * Math.max(1, largest(at))) / Math.sqrt(Math.max(1, Math.sqrt(cols) / 32));
}

export function finiteDifferenceCheck({ J, at, forward, seed }: CheckInput): CheckInfo {
  const byColumn = J.cols <= MAX_COLUMNS;
  const h = byColumn ? 1e-5 * Math.max(1, largest(at)) : step(at, J.cols);
  const count = byColumn ? J.cols : DIRECTIONS;
  const next = mulberry32(seed >>> 0 || 1);
  // one buffer: the direction v, then in place the points x + hv and 2x − (x + hv) = x − hv
  const v = new Float64Array(J.cols);
  const parts = split(v, at);
  let maxRelError = 0;
  for (let k = 0; k < count; k++) {
    if (byColumn) { v.fill(0); v[k] = 1; }
    else signs(v, next);
    const jv = J.matvec(v);
    parts.forEach((p, j) => { const a = at[j]!; for (let i = 0; i < p.length; i++) p[i] = a[i]! + h * p[i]!; });
    const plus = forward(parts).data.slice();
    parts.forEach((p, j) => { const a = at[j]!; for (let i = 0; i < p.length; i++) p[i] = 2 * a[i]! - p[i]!; });
    maxRelError = Math.max(maxRelError, relError(plus, forward(parts).data, jv, h));
  }
  return {
    maxRelError,
    method: byColumn ? 'columns' : 'directions',
    count,
    passed: maxRelError <= CHECK_TOLERANCE,
    tolerance: CHECK_TOLERANCE,
  };
}
