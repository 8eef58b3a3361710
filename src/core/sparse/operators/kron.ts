// A ⊗ B, never expanded. With X the B.cols×A.cols matrix whose column-major vec is x,
//   (A ⊗ B) vec X = vec(B X Aᵀ),   (A ⊗ B)ᵀ vec Y = (Aᵀ ⊗ Bᵀ) vec Y = vec(Bᵀ Y A).
// An Identity factor is never touched: I ⊗ B applies B to each block (block diagonal), and
// A ⊗ I mixes whole columns of X, so (xᵀ ⊗ I_m) vec W = W x and (xᵀ ⊗ I_m)ᵀ δ = vec(δ xᵀ),
// both O(mn). Other factors are used through their CSR, taken once and kept (the operator is
// immutable); bytes() counts the factors as given.
import type { CSR, LinOp } from '../linop';
import { checkLength } from '../check';
import { csrAlloc, csrGaxpy, csrGaxpyT, csrNnz } from '../csr';
import { Identity } from './identity';
import type { WritesInto } from '../into';

/** A factor as the kernels see it: its CSR, or null for an identity. */
interface Factor {
  readonly m: CSR | null;
  readonly rows: number;
  readonly cols: number;
}

export class Kron implements LinOp, WritesInto {
  readonly rows: number;
  readonly cols: number;
  private fa: Factor | undefined;
  private fb: Factor | undefined;
  constructor(readonly A: LinOp, readonly B: LinOp) {
    this.rows = A.rows * B.rows;
    this.cols = A.cols * B.cols;
  }
  // y = (A ⊗ B) x = vec(B X Aᵀ)
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'Kron.matvec');
    return kronApply(this.factorA(), this.factorB(), x, false);
  }
  // x = (A ⊗ B)ᵀ y = vec(Bᵀ Y A)
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'Kron.rmatvec');
    return kronApply(this.factorA(), this.factorB(), y, true);
  }
  matvecInto(x: Float64Array, out: Float64Array, off: number): void {
    checkLength(x, this.cols, 'Kron.matvecInto');
    kronApply(this.factorA(), this.factorB(), x, false, out, off);
  }
  rmatvecInto(y: Float64Array, out: Float64Array, off: number): void {
    checkLength(y, this.rows, 'Kron.rmatvecInto');
    kronApply(this.factorA(), this.factorB(), y, true, out, off);
  }
  nnz(): number {
    return this.A.nnz() * this.B.nnz();
  }
  bytes(): number {
    return this.A.bytes() + this.B.bytes();
  }
  toCSR(): CSR {
    return kronCSR(this.A.toCSR(), this.B.toCSR());
  }
  private factorA(): Factor {
    return (this.fa ??= asFactor(this.A));
  }
  private factorB(): Factor {
    return (this.fb ??= asFactor(this.B));
  }
}

function asFactor(op: LinOp): Factor {
  return { m: op instanceof Identity ? null : op.toCSR(), rows: op.rows, cols: op.cols };
}

// vec(op(B) X op(A)ᵀ), op = transpose when `trans`; applies the factors in the cheaper order.
// The result goes to out[off …] when out is given (a zeroed slice), else to a new vector.
function kronApply(A: Factor, B: Factor, x: Float64Array, trans: boolean, out?: Float64Array, off = 0): Float64Array {
  const aIn = trans ? A.rows : A.cols, aOut = trans ? A.cols : A.rows;
  const bIn = trans ? B.rows : B.cols, bOut = trans ? B.cols : B.rows;
  const y = out ?? new Float64Array(aOut * bOut);
  if (!A.m && !B.m) y.set(x, off);
  else if (!A.m) applyLeft(B.m!, x, aIn, trans, y, off);
  else if (!B.m) applyRight(A.m, x, bIn, trans, y, off);
  else {
    const nzA = csrNnz(A.m), nzB = csrNnz(B.m);
    if (nzB * aIn + nzA * bOut <= nzA * bIn + nzB * aOut) {
      applyRight(A.m, applyLeft(B.m, x, aIn, trans, new Float64Array(bOut * aIn), 0), bOut, trans, y, off);
    } else {
      applyLeft(B.m, applyRight(A.m, x, bIn, trans, new Float64Array(bIn * aOut), 0), aOut, trans, y, off);
    }
  }
  return y;
}

// y[yo …] = vec(op(B) X) for X with `ncols` columns: B applied to each block of x
function applyLeft(B: CSR, x: Float64Array, ncols: number, trans: boolean, y: Float64Array, yo: number): Float64Array {
  const bIn = trans ? B.rows : B.cols, bOut = trans ? B.cols : B.rows;
  for (let c = 0; c < ncols; c++) {
    if (trans) csrGaxpyT(B, x, c * bIn, y, yo + c * bOut);
    else csrGaxpy(B, x, c * bIn, y, yo + c * bOut);
  }
  return y;
}

// y[yo …] = vec(X op(A)ᵀ) for X with columns of length `len`, y's slice zero on entry: X Aᵀ
// has column i = Σⱼ A(i,j) X(:,j), X A has column j = Σᵢ A(i,j) X(:,i). A column's first term
// is stored rather than added, so fresh memory is written once and never read first.
function applyRight(A: CSR, x: Float64Array, len: number, trans: boolean, y: Float64Array, yo: number): Float64Array {
  const { Ap, Ai, Ax } = A;
  const started = new Uint8Array(trans ? A.cols : A.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
      const a = Ax[p]!, c = trans ? Ai[p]! : i;
      const src = (trans ? i : Ai[p]!) * len, dst = yo + c * len;
      if (started[c]) for (let k = 0; k < len; k++) y[dst + k]! += a * x[src + k]!;
      else for (let k = 0; k < len; k++) y[dst + k] = a * x[src + k]!;
      started[c] = 1;
    }
  }
  return y;
}

// C = A ⊗ B: row i·p + k of C is row i of A times row k of B (B p×q), columns j·q + l
export function kronCSR(A: CSR, B: CSR): CSR {
  const { Ap, Ai, Ax } = A;
  const { Ap: Bp, Ai: Bi, Ax: Bx } = B;
  const C = csrAlloc(A.rows * B.rows, A.cols * B.cols, csrNnz(A) * csrNnz(B));
  const { Ap: Cp, Ai: Ci, Ax: Cx } = C;
  let nz = 0;
  for (let i = 0; i < A.rows; i++) {
    for (let k = 0; k < B.rows; k++) {
      for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
        const off = Ai[p]! * B.cols, a = Ax[p]!;
        for (let q = Bp[k]!; q < Bp[k + 1]!; q++) { Ci[nz] = off + Bi[q]!; Cx[nz++] = a * Bx[q]!; }
      }
      Cp[i * B.rows + k + 1] = nz;
    }
  }
  return C;
}
