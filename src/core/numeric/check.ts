// The finite-difference check: J·v against central differences (F(x + hv) − F(x − hv)) / 2h,
// for every column of J when it has few, else for a few random directions.

import type { CheckInfo } from '../analysis';
import type { LinOp } from '../sparse';
import type { Mat } from './matrix';

export const CHECK_TOLERANCE = 1e-6;
const MAX_COLUMNS = 64;
const DIRECTIONS = 4;

export interface CheckInput {
  readonly J: LinOp;
  /** F at the given values of the wrt variables, concatenated vec by vec (the columns of J). */
  readonly forward: (wrtValues: Float64Array) => Mat;
  readonly at: Float64Array;
  readonly seed: number;
}

function normInf(v: Float64Array): number {
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

export function finiteDifferenceCheck({ J, forward, at, seed }: CheckInput): CheckInfo {
  const h = 1e-5 * Math.max(1, normInf(at));
  const byColumn = J.cols <= MAX_COLUMNS;
  const count = byColumn ? J.cols : DIRECTIONS;
  let rand = seed >>> 0 || 1;
  const next = () => ((rand = (Math.imul(rand, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  let maxRelError = 0;
  for (let k = 0; k < count; k++) {
    const v = new Float64Array(J.cols);
    if (byColumn) v[k] = 1;
    else for (let i = 0; i < v.length; i++) v[i] = next();
    const jv = J.matvec(v);
    const plus = forward(axpy(at, h, v)).data;
    const minus = forward(axpy(at, -h, v)).data;
    let diff = 0;
    let scale = 1;
    for (let i = 0; i < jv.length; i++) {
      const fd = ((plus[i] as number) - (minus[i] as number)) / (2 * h);
      diff = Math.max(diff, Math.abs(fd - (jv[i] as number)));
      scale = Math.max(scale, Math.abs(fd), Math.abs(jv[i] as number));
    }
    maxRelError = Math.max(maxRelError, Number.isNaN(diff) ? Infinity : diff / scale);
  }
  return {
    maxRelError,
    method: byColumn ? 'columns' : 'directions',
    count,
    passed: maxRelError <= CHECK_TOLERANCE,
    tolerance: CHECK_TOLERANCE,
  };
}
