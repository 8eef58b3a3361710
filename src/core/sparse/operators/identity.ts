// I_n: stores nothing; its explicit form is the n ones of the diagonal.
import type { CSR, LinOp } from '../linop';
import { checkDim, checkLength } from '../check';
import type { WritesInto } from '../into';

export class Identity implements LinOp, WritesInto {
  readonly rows: number;
  readonly cols: number;
  constructor(readonly n: number) {
    checkDim(n, 'Identity');
    this.rows = n;
    this.cols = n;
  }
  // y = I x
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.n, 'Identity.matvec');
    return x.slice();
  }
  // x = Iᵀ y
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.n, 'Identity.rmatvec');
    return y.slice();
  }
  matvecInto(x: Float64Array, out: Float64Array, off: number): void {
    checkLength(x, this.n, 'Identity.matvecInto');
    out.set(x, off);
  }
  rmatvecInto(y: Float64Array, out: Float64Array, off: number): void {
    checkLength(y, this.n, 'Identity.rmatvecInto');
    out.set(y, off);
  }
  nnz(): number {
    return this.n;
  }
  bytes(): number {
    return 0;
  }
  toCSR(): CSR {
    const n = this.n;
    const Ap = new Int32Array(n + 1);
    const Ai = new Int32Array(n);
    for (let i = 0; i < n; i++) { Ai[i] = i; Ap[i + 1] = i + 1; }
    return { rows: n, cols: n, Ap, Ai, Ax: new Float64Array(n).fill(1) };
  }
}
