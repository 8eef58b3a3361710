// Explicit forms of any operator: dense (only on request and under a budget) and COO.
import type { LinOp } from './linop';
import { checkDenseBudget } from './check';
import { csrNnz, csrToDense } from './csr';

/** op as a column-major rows×cols array; throws when rows·cols exceeds `budget` entries. */
export function toDense(op: LinOp, budget: number): Float64Array {
  checkDenseBudget(op.rows, op.cols, budget, 'toDense');
  return csrToDense(op.toCSR(), budget);
}

export interface COO {
  rows: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

/**
 * op's stored entries as 0-based (row, col, value) triplets, row by row. `owned`: the caller
 * drops op afterwards, so the arrays of its CSR are handed over instead of copied.
 */
export function toCOO(op: LinOp, owned = false): COO {
  const A = op.toCSR();
  const nz = csrNnz(A);
  const rows = new Int32Array(nz);
  for (let i = 1; i < A.rows; i++) rows.fill(i, A.Ap[i], A.Ap[i + 1]);
  const exact = owned && A.Ai.length === nz && A.Ax.length === nz;
  return { rows, cols: exact ? A.Ai : A.Ai.slice(0, nz), vals: exact ? A.Ax : A.Ax.slice(0, nz) };
}
