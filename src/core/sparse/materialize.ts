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

/** op's stored entries as 0-based (row, col, value) triplets, row by row. */
export function toCOO(op: LinOp): COO {
  const A = op.toCSR();
  const nz = csrNnz(A);
  const rows = new Int32Array(nz);
  for (let i = 0; i < A.rows; i++) rows.fill(i, A.Ap[i], A.Ap[i + 1]);
  return { rows, cols: A.Ai.slice(0, nz), vals: A.Ax.slice(0, nz) };
}
