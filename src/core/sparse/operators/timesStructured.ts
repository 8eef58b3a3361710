// Products C F of a CSR C with a structured F, without forming F's CSR.
//
// M = C (A ⊗ B) without forming A ⊗ B. With B p×q, row r = a·p + k of A ⊗ B holds A(a, j)·B(k, l)
// at column j·q + l, so a stored C(i, r) spreads over row a of A times row k of B. Costs the
// multiply-adds of the product, not the nnz(A)·nnz(B) entries of the Kronecker product.
import type { CSR } from '../linop';
import { shapeOf } from '../check';
import { csrAlloc, csrMultiply, csrProductNnz, sortRow } from '../csr';
import type { Dense } from './dense';

function checkShapes(C: CSR, A: CSR, B: CSR): void {
  if (C.cols !== A.rows * B.rows) throw new Error(`csrKronMultiply: cannot multiply ${shapeOf(C)} by (${shapeOf(A)}) ⊗ (${shapeOf(B)})`);
}

// nnz(C (A ⊗ B)), structurally
export function csrKronProductNnz(C: CSR, A: CSR, B: CSR): number {
  checkShapes(C, A, B);
  if (A.rows === 1) return csrProductNnz(C, B) * A.Ap[1]!;
  const { Ap: Cp, Ai: Ci } = C, { Ap, Ai } = A, { Ap: Bp, Ai: Bi } = B;
  const p = B.rows, q = B.cols;
  const mark = new Int32Array(A.cols * q).fill(-1);
  let nz = 0;
  for (let i = 0; i < C.rows; i++) {
    for (let s = Cp[i]!; s < Cp[i + 1]!; s++) {
      const r = Ci[s]!, a = (r / p) | 0, k = r - a * p;
      for (let u = Ap[a]!; u < Ap[a + 1]!; u++) {
        const o = Ai[u]! * q;
        for (let w = Bp[k]!; w < Bp[k + 1]!; w++) {
          const j = o + Bi[w]!;
          if (mark[j] !== i) { mark[j] = i; nz++; }
        }
      }
    }
  }
  return nz;
}

// M = C (A ⊗ B), Gustavson's row-by-row product with the rows of A ⊗ B generated as needed
export function csrKronMultiply(C: CSR, A: CSR, B: CSR): CSR {
  if (A.rows === 1) return rowKron(A, csrMultiply(C, B));
  const M = csrAlloc(C.rows, A.cols * B.cols, csrKronProductNnz(C, A, B));
  const { Ap: Cp, Ai: Ci, Ax: Cx } = C, { Ap, Ai, Ax } = A, { Ap: Bp, Ai: Bi, Ax: Bx } = B;
  const { Ap: Mp, Ai: Mi, Ax: Mx } = M;
  const p = B.rows, q = B.cols;
  const mark = new Int32Array(M.cols).fill(-1);
  const acc = new Float64Array(M.cols);
  let nz = 0;
  for (let i = 0; i < C.rows; i++) {
    const start = nz;
    for (let s = Cp[i]!; s < Cp[i + 1]!; s++) {
      const r = Ci[s]!, a = (r / p) | 0, k = r - a * p, c = Cx[s]!;
      for (let u = Ap[a]!; u < Ap[a + 1]!; u++) {
        const o = Ai[u]! * q, ca = c * Ax[u]!;
        for (let w = Bp[k]!; w < Bp[k + 1]!; w++) {
          const j = o + Bi[w]!;
          if (mark[j] !== i) { mark[j] = i; Mi[nz++] = j; acc[j] = ca * Bx[w]!; }
          else acc[j]! += ca * Bx[w]!;
        }
      }
    }
    sortRow(Mi, start, nz, mark, i);
    for (let t = start; t < nz; t++) Mx[t] = acc[Mi[t]!]!;
    Mp[i + 1] = nz;
  }
  return M;
}

// M = C (a ⊗ B) for a one-row a: row i of M is a ⊗ (row i of C B), so M(i, j·q + l) =
// a(j)·(CB)(i, l), written in order (j, then l, both increasing) with no sorting
function rowKron(a: CSR, CB: CSR): CSR {
  const { Ap, Ai, Ax } = CB;
  const na = a.Ap[1]!, q = CB.cols;
  const M = csrAlloc(CB.rows, a.cols * q, Ap[CB.rows]! * na);
  const { Ap: Mp, Ai: Mi, Ax: Mx } = M;
  let nz = 0;
  for (let i = 0; i < CB.rows; i++) {
    for (let u = 0; u < na; u++) {
      const o = a.Ai[u]! * q, au = a.Ax[u]!;
      for (let p = Ap[i]!; p < Ap[i + 1]!; p++) { Mi[nz] = o + Ai[p]!; Mx[nz++] = au * Ax[p]!; }
    }
    Mp[i + 1] = nz;
  }
  return M;
}

// nnz(C D) for a dense D: every row of C with a stored entry fills all of D's columns
export function csrDenseProductNnz(C: CSR, D: Dense): number {
  let rows = 0;
  for (let i = 0; i < C.rows; i++) if (C.Ap[i + 1]! > C.Ap[i]!) rows++;
  return rows * D.cols;
}

// M = C D, D dense column-major: M(i, j) = Σₖ C(i, k) D(k, j) over row i's stored k
export function csrDenseMultiply(C: CSR, D: Dense): CSR {
  if (C.cols !== D.rows) throw new Error(`csrDenseMultiply: cannot multiply ${shapeOf(C)} by ${shapeOf(D)}`);
  const M = csrAlloc(C.rows, D.cols, csrDenseProductNnz(C, D));
  const { Ap: Cp, Ai: Ci, Ax: Cx } = C, { Ap: Mp, Ai: Mi, Ax: Mx } = M;
  const { data, rows, cols } = D;
  let nz = 0;
  for (let i = 0; i < C.rows; i++) {
    if (Cp[i + 1]! > Cp[i]!) {
      for (let j = 0; j < cols; j++) {
        let s = 0;
        const o = j * rows;
        for (let p = Cp[i]!; p < Cp[i + 1]!; p++) s += Cx[p]! * data[o + Ci[p]!]!;
        Mi[nz] = j;
        Mx[nz++] = s;
      }
    }
    Mp[i + 1] = nz;
  }
  return M;
}
