// A dense rows×cols matrix, column-major (A(i,j) = data[i + j·rows]). Structurally every
// entry is stored: nnz = rows·cols, zeros included.
import type { CSR, LinOp } from '../linop';
import { checkDim, checkLength } from '../check';
import { csrAlloc } from '../csr';

export class Dense implements LinOp {
  constructor(readonly rows: number, readonly cols: number, readonly data: Float64Array) {
    checkDim(rows, 'Dense');
    checkDim(cols, 'Dense');
    if (data.length !== rows * cols) {
      throw new Error(`Dense: a ${rows}×${cols} matrix needs ${rows * cols} values, got ${data.length}`);
    }
  }
  // y = A x, accumulated column by column (A column-major)
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'Dense.matvec');
    const { rows, cols, data } = this;
    const y = new Float64Array(rows);
    for (let j = 0; j < cols; j++) {
      const xj = x[j]!, o = j * rows;
      for (let i = 0; i < rows; i++) y[i]! += data[o + i]! * xj;
    }
    return y;
  }
  // x = Aᵀ y: x_j is the dot of column j with y
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'Dense.rmatvec');
    const { rows, cols, data } = this;
    const x = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      let s = 0;
      const o = j * rows;
      for (let i = 0; i < rows; i++) s += data[o + i]! * y[i]!;
      x[j] = s;
    }
    return x;
  }
  nnz(): number {
    return this.rows * this.cols;
  }
  bytes(): number {
    return this.data.byteLength;
  }
  // every entry, zeros included, row by row
  toCSR(): CSR {
    const { rows, cols, data } = this;
    const C = csrAlloc(rows, cols, rows * cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      C.Ap[i + 1] = o + cols;
      for (let j = 0; j < cols; j++) { C.Ai[o + j] = j; C.Ax[o + j] = data[i + j * rows]!; }
    }
    return C;
  }
}
