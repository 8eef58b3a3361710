// diag(d): the n diagonal entries are stored structurally, zeros included (a relu′ diagonal
// still stores n), so nnz = n whatever the values.
import type { CSR, LinOp } from '../linop';
import { checkLength } from '../check';

export class Diag implements LinOp {
  readonly rows: number;
  readonly cols: number;
  constructor(readonly d: Float64Array) {
    this.rows = d.length;
    this.cols = d.length;
  }
  // y = diag(d) x = d ⊙ x
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'Diag.matvec');
    const d = this.d, y = new Float64Array(d.length);
    for (let i = 0; i < d.length; i++) y[i] = d[i]! * x[i]!;
    return y;
  }
  // x = diag(d)ᵀ y = d ⊙ y
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'Diag.rmatvec');
    const d = this.d, x = new Float64Array(d.length);
    for (let i = 0; i < d.length; i++) x[i] = d[i]! * y[i]!;
    return x;
  }
  nnz(): number {
    return this.d.length;
  }
  bytes(): number {
    return this.d.byteLength;
  }
  toCSR(): CSR {
    const n = this.d.length;
    const Ap = new Int32Array(n + 1);
    const Ai = new Int32Array(n);
    for (let i = 0; i < n; i++) { Ai[i] = i; Ap[i + 1] = i + 1; }
    return { rows: n, cols: n, Ap, Ai, Ax: this.d.slice() };
  }
}
