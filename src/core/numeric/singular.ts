// The largest singular value of a matrix and its singular vectors, for the spectral norm
// ‖X‖₂ = σ₁ and its gradient u₁v₁ᵀ. σ₁² is the largest eigenvalue of the smaller Gram matrix
// (XᵀX or XXᵀ), found by the cyclic Jacobi method: plane rotations that zero the off-diagonal
// entries one by one, exact up to rounding for any symmetric matrix and simple to get right.

import { UserError, type Range } from '../ast';
import { mat, type Mat } from './matrix';

export interface TopPair {
  readonly sigma: number;
  /** u₁ (rows × 1) and v₁ (cols × 1), with X v₁ = σ₁ u₁. */
  readonly u: Mat;
  readonly v: Mat;
}

/** Eigenvalues (the diagonal on return) and eigenvectors (columns of V) of a symmetric n×n A. */
function jacobiEigen(a: Float64Array, n: number): Float64Array {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i + i * n] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) off += a[i + j * n]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p + q * n]!;
        if (apq === 0) continue;
        // the rotation (c, s) that zeroes A(p, q): tan 2θ = 2 A(p,q) / (A(q,q) − A(p,p))
        const theta = (a[q + q * n]! - a[p + p * n]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) { // A ← A J (columns p, q)
          const akp = a[k + p * n]!, akq = a[k + q * n]!;
          a[k + p * n] = c * akp - s * akq;
          a[k + q * n] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) { // A ← Jᵀ A (rows p, q)
          const apk = a[p + k * n]!, aqk = a[q + k * n]!;
          a[p + k * n] = c * apk - s * aqk;
          a[q + k * n] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) { // V ← V J
          const vkp = v[k + p * n]!, vkq = v[k + q * n]!;
          v[k + p * n] = c * vkp - s * vkq;
          v[k + q * n] = s * vkp + c * vkq;
        }
      }
    }
  }
  return v;
}

/** σ₁ with u₁, v₁; the pair is unique up to a common sign only when σ₁ is simple and positive, which
 *  `derivable` checks before the gradient u₁v₁ᵀ uses it. */
export function topSingular(x: Mat): TopPair & { readonly second: number } {
  const { rows: m, cols: n, data } = x;
  const byCols = n <= m; // the Gram matrix XᵀX (n×n) or XXᵀ (m×m), whichever is smaller
  const k = byCols ? n : m;
  const g = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    let s = 0;
    if (byCols) for (let r = 0; r < m; r++) s += data[r + i * m]! * data[r + j * m]!;
    else for (let c = 0; c < n; c++) s += data[i + c * m]! * data[j + c * m]!;
    g[i + j * k] = s;
  }
  const vecs = jacobiEigen(g, k);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => g[b + b * k]! - g[a + a * k]!);
  const top = order[0]!;
  const sigma = Math.sqrt(Math.max(0, g[top + top * k]!));
  const second = k > 1 ? Math.sqrt(Math.max(0, g[order[1]! + order[1]! * k]!)) : 0;
  const w = vecs.slice(top * k, top * k + k); // the top eigenvector: v₁ (byCols) or u₁
  // the other singular vector from X v₁ = σ₁ u₁ (or Xᵀ u₁ = σ₁ v₁), so their signs agree
  const other = new Float64Array(byCols ? m : n);
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) {
    if (byCols) other[r]! += data[r + c * m]! * w[c]! / (sigma || 1);
    else other[c]! += data[r + c * m]! * w[r]! / (sigma || 1);
  }
  const [u, v] = byCols ? [other, w] : [w, other];
  return { sigma, second, u: mat(m, 1, u), v: mat(n, 1, v) };
}

/** The pair, or a positioned error where ‖X‖₂ has no derivative: σ₁ repeated, or X = 0. */
export function derivable(x: Mat, range: Range): TopPair {
  const p = topSingular(x);
  if (p.sigma === 0) throw UserError.at('‖X‖₂ has no derivative at X = 0', range);
  if (p.sigma - p.second <= 1e-8 * p.sigma) {
    throw UserError.at(`the largest singular value of this matrix is repeated (σ₁ = σ₂ = ${p.sigma.toPrecision(6)}), so its spectral norm ‖X‖₂ has no derivative here`, range);
  }
  return p;
}
