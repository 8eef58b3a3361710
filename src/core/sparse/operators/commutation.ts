// K_{mn}: the mn×mn permutation with K_{mn} vec(A) = vec(Aᵀ) for A m×n (Magnus & Neudecker).
// Entry A(i,j) sits at i + j·m in vec(A) and at j + i·n in vec(Aᵀ). K_{mn}ᵀ = K_{nm}.
import type { CSR, LinOp } from '../linop';
import { checkDim, checkLength } from '../check';

export class Commutation implements LinOp {
  readonly rows: number;
  readonly cols: number;
  constructor(readonly m: number, readonly n: number) {
    checkDim(m, 'Commutation');
    checkDim(n, 'Commutation');
    this.rows = m * n;
    this.cols = m * n;
  }
  // y = K_{mn} x: y[j + i·n] = x[i + j·m]
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'Commutation.matvec');
    const { m, n } = this;
    const y = new Float64Array(m * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) y[j + i * n] = x[i + j * m]!;
    }
    return y;
  }
  // x = K_{mn}ᵀ y: x[i + j·m] = y[j + i·n]
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'Commutation.rmatvec');
    const { m, n } = this;
    const x = new Float64Array(m * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) x[i + j * m] = y[j + i * n]!;
    }
    return x;
  }
  nnz(): number {
    return this.m * this.n;
  }
  bytes(): number {
    return 0;
  }
  // row r = j + i·n holds a single 1 in column i + j·m
  toCSR(): CSR {
    const { m, n } = this;
    const N = m * n;
    const Ap = new Int32Array(N + 1);
    const Ai = new Int32Array(N);
    for (let r = 0; r < N; r++) {
      const i = Math.floor(r / n), j = r - i * n;
      Ai[r] = i + j * m;
      Ap[r + 1] = r + 1;
    }
    return { rows: N, cols: N, Ap, Ai, Ax: new Float64Array(N).fill(1) };
  }
}
