// adj(X), the transposed matrix of cofactors: X adj(X) = adj(X) X = det(X) I for every square X,
// singular or not, so ∂det(X)/∂X = adj(X)ᵀ holds at a singular X too (Matrix Cookbook (41)).

import { det, inverse, lu, mat, type Mat } from './matrix';

/** Below this ratio of the smallest to the largest pivot, det(X) X⁻¹ is 0 · ∞ in floating point. */
const WELL_CONDITIONED = 1e-6;

// adj(X): det(X) X⁻¹ by one LU when X is well conditioned (O(n³)); near or at a singular X that
// product loses every digit, so there each cofactor is the determinant of its minor, by LU with
// partial pivoting, which is exact at a singular X (O(n⁵), only for such X):
// adj(X)ᵢⱼ = (−1)^{i+j} det(X without row j and column i).
export function adjugate(x: Mat): Mat {
  const n = x.rows;
  if (n === 1) return mat(1, 1, Float64Array.of(1));
  const { lu: m } = lu(x);
  let lo = Infinity;
  let hi = 0;
  for (let k = 0; k < n; k++) {
    const p = Math.abs(m[k + k * n] as number);
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  if (hi > 0 && lo / hi > WELL_CONDITIONED) {
    const d = det(x);
    const inv = inverse(x);
    return mat(n, n, inv.data.map((v) => d * v));
  }
  return cofactorsTransposed(x);
}

function cofactorsTransposed(x: Mat): Mat {
  const n = x.rows;
  const out = mat(n, n);
  const minor = mat(n - 1, n - 1);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // minor without row r and column c; its signed determinant is adj(X)_{c,r}
      for (let j = 0, mj = 0; j < n; j++) {
        if (j === c) continue;
        for (let i = 0, mi = 0; i < n; i++) {
          if (i === r) continue;
          minor.data[mi + mj * (n - 1)] = x.data[i + j * n] as number;
          mi++;
        }
        mj++;
      }
      out.data[c + r * n] = ((r + c) % 2 === 0 ? 1 : -1) * det(minor);
    }
  }
  return out;
}
