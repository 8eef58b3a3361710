// The rows×cols zero map: stores nothing, and its explicit form stores nothing either.
import type { CSR, LinOp } from '../linop';
import { checkDim, checkLength } from '../check';

export class Zero implements LinOp {
  constructor(readonly rows: number, readonly cols: number) {
    checkDim(rows, 'Zero');
    checkDim(cols, 'Zero');
  }
  // y = 0 x
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'Zero.matvec');
    return new Float64Array(this.rows);
  }
  // x = 0ᵀ y
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'Zero.rmatvec');
    return new Float64Array(this.cols);
  }
  nnz(): number {
    return 0;
  }
  bytes(): number {
    return 0;
  }
  toCSR(): CSR {
    return { rows: this.rows, cols: this.cols, Ap: new Int32Array(this.rows + 1), Ai: new Int32Array(0), Ax: new Float64Array(0) };
  }
}
