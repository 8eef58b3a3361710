// The finite-difference check: J·v against central differences (F(x + hv) − F(x − hv)) / 2h,
// for every column of J when it has few, else along two random ±1 directions. Either way it
// costs a bounded number of forward passes: 2 per column checked, 4 for the directions.

import type { CheckInfo } from '../analysis';
import type { LinOp } from '../sparse';
import type { Mat } from './matrix';
import { mulberry32 } from './values';

export const CHECK_TOLERANCE = 1e-6;
const MAX_COLUMNS = 64;
const DIRECTIONS = 2;

export interface CheckInput {
  readonly J: LinOp;
  /** F at the wrt values moved by s·v (v over the columns of J: the wrt vecs, concatenated). */
  readonly forwardAlong: (s: number, v: Float64Array) => Mat;
  /** The largest |entry| of the wrt values: it sets the step. */
  readonly scale: number;
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

export function finiteDifferenceCheck({ J, forwardAlong, scale, seed }: CheckInput): CheckInfo {
  const h = 1e-5 * Math.max(1, scale);
  const byColumn = J.cols <= MAX_COLUMNS;
  const count = byColumn ? J.cols : DIRECTIONS;
  const next = mulberry32(seed >>> 0 || 1);
  const v = new Float64Array(J.cols);
  let maxRelError = 0;
  for (let k = 0; k < count; k++) {
    if (byColumn) { v.fill(0); v[k] = 1; }
    else signs(v, next);
    const jv = J.matvec(v);
    // the forward pass may hand back its own buffers, which the next one overwrites
    const plus = forwardAlong(h, v).data.slice();
    const minus = forwardAlong(-h, v).data;
    maxRelError = Math.max(maxRelError, relError(plus, minus, jv, h));
  }
  return {
    maxRelError,
    method: byColumn ? 'columns' : 'directions',
    count,
    passed: maxRelError <= CHECK_TOLERANCE,
    tolerance: CHECK_TOLERANCE,
  };
}
