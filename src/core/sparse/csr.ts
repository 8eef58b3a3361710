// Compressed sparse row, the one explicit sparse format. Canonical CSR, which every kernel
// here takes and returns: column indices strictly increasing within a row (sorted, no
// duplicates). Explicit zeros are kept — structure, not value, decides what is stored.
// CSR arrays handed out by toCSR may be shared with the operator: treat them as read-only.
import type { CSR, LinOp } from './linop';
import { checkDenseBudget, checkDim, checkLength, shapeOf } from './check';

const MAX_NNZ = 2 ** 31 - 1;

/** Stored entries of A. */
export function csrNnz(A: CSR): number {
  return A.Ap[A.rows]!;
}

/** A rows×cols CSR with room for `nz` entries and its row pointers zeroed. */
export function csrAlloc(rows: number, cols: number, nz: number): CSR {
  if (nz > MAX_NNZ) throw new Error(`CSR: ${nz} stored entries exceed the Int32 index range`);
  return { rows, cols, Ap: new Int32Array(rows + 1), Ai: new Int32Array(nz), Ax: new Float64Array(nz) };
}

/** Throws unless A is a well-formed canonical CSR. O(nnz). */
export function csrCheck(A: CSR, who = 'CSR'): void {
  checkDim(A.rows, who);
  checkDim(A.cols, who);
  const { Ap, Ai, Ax } = A;
  if (Ap.length !== A.rows + 1 || Ap[0] !== 0) throw new Error(`${who}: Ap must have length rows + 1 and start at 0`);
  const nz = Ap[A.rows]!;
  if (Ai.length !== nz || Ax.length !== nz) {
    throw new Error(`${who}: Ai and Ax must hold exactly Ap[rows] = ${nz} entries (got ${Ai.length}, ${Ax.length})`);
  }
  for (let i = 0; i < A.rows; i++) {
    const p0 = Ap[i]!, p1 = Ap[i + 1]!;
    if (p1 < p0) throw new Error(`${who}: Ap decreases at row ${i}`);
    let last = -1;
    for (let p = p0; p < p1; p++) {
      const j = Ai[p]!;
      if (j <= last || j >= A.cols) {
        throw new Error(`${who}: row ${i} has column ${j} out of range or out of order (use csrFromTriplets)`);
      }
      last = j;
    }
  }
}

// A from triplets (Ti[k], Tj[k], Tx[k]); duplicates are summed into one stored entry
export function csrFromTriplets(rows: number, cols: number, Ti: Int32Array, Tj: Int32Array, Tx: Float64Array): CSR {
  checkDim(rows, 'csrFromTriplets');
  checkDim(cols, 'csrFromTriplets');
  const nz = Ti.length;
  if (Tj.length !== nz || Tx.length !== nz) throw new Error('csrFromTriplets: Ti, Tj, Tx must have equal lengths');
  for (let k = 0; k < nz; k++) {
    const i = Ti[k]!, j = Tj[k]!;
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw new Error(`csrFromTriplets: entry (${i}, ${j}) outside a ${rows}×${cols} matrix`);
    }
  }
  // Bucketing by column, then stably by row, leaves each row sorted with duplicates adjacent.
  const T = csrTranspose(bucketRows(cols, rows, Tj, Ti, Tx));
  return sumAdjacentDuplicates(T);
}

// B with B(i, ·) the entries k with Ti[k] = i, in input order; columns unsorted
function bucketRows(rows: number, cols: number, Ti: Int32Array, Tj: Int32Array, Tx: Float64Array): CSR {
  const B = csrAlloc(rows, cols, Ti.length);
  const { Ap, Ai, Ax } = B;
  for (let k = 0; k < Ti.length; k++) Ap[Ti[k]! + 1]!++;
  for (let i = 0; i < rows; i++) Ap[i + 1]! += Ap[i]!;
  const next = Ap.slice(0, rows);
  for (let k = 0; k < Ti.length; k++) {
    const p = next[Ti[k]!]!++;
    Ai[p] = Tj[k]!;
    Ax[p] = Tx[k]!;
  }
  return B;
}

// C = A with equal adjacent column indices in a row summed into one entry
function sumAdjacentDuplicates(A: CSR): CSR {
  const { Ap, Ai, Ax } = A;
  const Cp = new Int32Array(A.rows + 1);
  const Ci = new Int32Array(Ai.length);
  const Cx = new Float64Array(Ai.length);
  let nz = 0;
  for (let i = 0; i < A.rows; i++) {
    const start = nz;
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
      if (nz > start && Ci[nz - 1] === Ai[p]) Cx[nz - 1]! += Ax[p]!;
      else { Ci[nz] = Ai[p]!; Cx[nz++] = Ax[p]!; }
    }
    Cp[i + 1] = nz;
  }
  return { rows: A.rows, cols: A.cols, Ap: Cp, Ai: Ci.slice(0, nz), Ax: Cx.slice(0, nz) };
}

// C = Aᵀ; rows of C come out sorted because rows of A are visited in order
export function csrTranspose(A: CSR): CSR {
  const { Ap, Ai, Ax } = A;
  const C = csrAlloc(A.cols, A.rows, csrNnz(A));
  const { Ap: Cp, Ai: Ci, Ax: Cx } = C;
  for (let p = 0; p < Ai.length; p++) Cp[Ai[p]! + 1]!++;
  for (let j = 0; j < A.cols; j++) Cp[j + 1]! += Cp[j]!;
  const next = Cp.slice(0, A.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
      const q = next[Ai[p]!]!++;
      Ci[q] = i;
      Cx[q] = Ax[p]!;
    }
  }
  return C;
}

// y[yo + i] = Σⱼ A(i,j) x[xo + j]  (y = A x, overwriting y's slice)
export function csrGaxpy(A: CSR, x: Float64Array, xo: number, y: Float64Array, yo: number): void {
  const { Ap, Ai, Ax } = A;
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) s += Ax[p]! * x[xo + Ai[p]!]!;
    y[yo + i] = s;
  }
}

// x[xo + j] += Σᵢ A(i,j) y[yo + i]  (x += Aᵀ y, by scattering the rows of A)
export function csrGaxpyT(A: CSR, y: Float64Array, yo: number, x: Float64Array, xo: number): void {
  const { Ap, Ai, Ax } = A;
  for (let i = 0; i < A.rows; i++) {
    const yi = y[yo + i]!;
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) x[xo + Ai[p]!]! += Ax[p]! * yi;
  }
}

// C = A B, structural: C(i,j) is stored when some A(i,k) and B(k,j) are both stored
export function csrMultiply(A: CSR, B: CSR): CSR {
  if (A.cols !== B.rows) throw new Error(`csrMultiply: cannot multiply ${shapeOf(A)} by ${shapeOf(B)}`);
  const C = csrAlloc(A.rows, B.cols, csrProductNnz(A, B));
  const { Ap, Ai, Ax } = A;
  const { Ap: Bp, Ai: Bi, Ax: Bx } = B;
  const { Ap: Cp, Ai: Ci, Ax: Cx } = C;
  const mark = new Int32Array(B.cols).fill(-1);
  const acc = new Float64Array(B.cols);
  let nz = 0;
  for (let i = 0; i < A.rows; i++) {
    const start = nz;
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
      const k = Ai[p]!, a = Ax[p]!;
      for (let q = Bp[k]!; q < Bp[k + 1]!; q++) {
        const j = Bi[q]!;
        if (mark[j] !== i) { mark[j] = i; Ci[nz++] = j; acc[j] = a * Bx[q]!; }
        else acc[j]! += a * Bx[q]!;
      }
    }
    sortRow(Ci, start, nz, mark, i);
    for (let q = start; q < nz; q++) Cx[q] = acc[Ci[q]!]!;
    Cp[i + 1] = nz;
  }
  return C;
}

// Ci[start … end) in increasing order: left alone when it is, read off the row's marks when
// the row is dense enough that a scan of all columns beats a sort, else sorted
export function sortRow(Ci: Int32Array, start: number, end: number, mark: Int32Array, row: number): void {
  let sorted = true;
  for (let q = start + 1; q < end && sorted; q++) sorted = Ci[q - 1]! < Ci[q]!;
  if (sorted) return;
  const n = end - start;
  if (n * Math.log2(n) < mark.length) { Ci.subarray(start, end).sort(); return; }
  let q = start;
  for (let j = 0; j < mark.length; j++) if (mark[j] === row) Ci[q++] = j;
}

// nnz(A B) structurally, by marking the columns each row of A reaches through B
export function csrProductNnz(A: CSR, B: CSR): number {
  const { Ap, Ai } = A;
  const { Ap: Bp, Ai: Bi } = B;
  const mark = new Int32Array(B.cols).fill(-1);
  let nz = 0;
  for (let i = 0; i < A.rows; i++) {
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
      const k = Ai[p]!;
      for (let q = Bp[k]!; q < Bp[k + 1]!; q++) {
        const j = Bi[q]!;
        if (mark[j] !== i) { mark[j] = i; nz++; }
      }
    }
  }
  return nz;
}

// C = diag(r) A diag(c) (either may be null), sharing A's structure
export function csrScale(A: CSR, r: Float64Array | null, c: Float64Array | null): CSR {
  const { Ap, Ai, Ax } = A;
  const Cx = new Float64Array(Ax.length);
  for (let i = 0; i < A.rows; i++) {
    const ri = r ? r[i]! : 1;
    if (c) for (let p = Ap[i]!; p < Ap[i + 1]!; p++) Cx[p] = ri * Ax[p]! * c[Ai[p]!]!;
    else for (let p = Ap[i]!; p < Ap[i + 1]!; p++) Cx[p] = ri * Ax[p]!;
  }
  return { rows: A.rows, cols: A.cols, Ap, Ai, Ax: Cx };
}

// C = αA + βB over the union of the two structures
export function csrAdd(A: CSR, B: CSR, alpha = 1, beta = 1): CSR {
  if (A.rows !== B.rows || A.cols !== B.cols) throw new Error(`csrAdd: cannot add ${shapeOf(A)} and ${shapeOf(B)}`);
  let nz = 0;
  for (let i = 0; i < A.rows; i++) nz += mergeRow(A, B, i, alpha, beta, null, 0);
  const C = csrAlloc(A.rows, A.cols, nz);
  for (let i = 0; i < A.rows; i++) C.Ap[i + 1] = C.Ap[i]! + mergeRow(A, B, i, alpha, beta, C, C.Ap[i]!);
  return C;
}

// merges row i of αA and βB into C at offset `at` (only counts when C is null); returns the count
function mergeRow(A: CSR, B: CSR, i: number, alpha: number, beta: number, C: CSR | null, at: number): number {
  let p = A.Ap[i]!, q = B.Ap[i]!, n = 0;
  const pEnd = A.Ap[i + 1]!, qEnd = B.Ap[i + 1]!;
  while (p < pEnd || q < qEnd) {
    const ja = p < pEnd ? A.Ai[p]! : A.cols, jb = q < qEnd ? B.Ai[q]! : B.cols;
    const j = ja < jb ? ja : jb;
    let v = 0;
    if (ja === j) v += alpha * A.Ax[p++]!;
    if (jb === j) v += beta * B.Ax[q++]!;
    if (C) { C.Ai[at + n] = j; C.Ax[at + n] = v; }
    n++;
  }
  return n;
}

// D = A, column-major dense; refused above `budget` entries
export function csrToDense(A: CSR, budget: number): Float64Array {
  checkDenseBudget(A.rows, A.cols, budget, 'csrToDense');
  const D = new Float64Array(A.rows * A.cols);
  const { Ap, Ai, Ax } = A;
  for (let i = 0; i < A.rows; i++) {
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) D[i + Ai[p]! * A.rows]! += Ax[p]!;
  }
  return D;
}

/** A LinOp over a canonical CSR (checked once, at construction). */
export class CSRMatrix implements LinOp {
  readonly rows: number;
  readonly cols: number;
  constructor(readonly csr: CSR) {
    csrCheck(csr, 'CSRMatrix');
    this.rows = csr.rows;
    this.cols = csr.cols;
  }
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'CSRMatrix.matvec');
    const y = new Float64Array(this.rows);
    csrGaxpy(this.csr, x, 0, y, 0);
    return y;
  }
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'CSRMatrix.rmatvec');
    const x = new Float64Array(this.cols);
    csrGaxpyT(this.csr, y, 0, x, 0);
    return x;
  }
  nnz(): number {
    return csrNnz(this.csr);
  }
  bytes(): number {
    return this.csr.Ap.byteLength + this.csr.Ai.byteLength + this.csr.Ax.byteLength;
  }
  toCSR(): CSR {
    return this.csr;
  }
}
