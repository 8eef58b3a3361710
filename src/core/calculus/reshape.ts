// Matrix-form adjoints through vec and ⊗: reading the vec identities backwards.
//   vec:  ⟨g, vec X⟩ = ⟨vec⁻¹ g, X⟩, and vec⁻¹((P ⊗ Q) vec H) = Q H Pᵀ (Magnus & Neudecker ch. 2).
//   ⊗:    for A m×n, B p×q and G the adjoint of A ⊗ B (mp×nq), ∂⟨G, A ⊗ B⟩/∂A_ij is the sum of the
//         (i,j) block of G weighted by B: ∂/∂A = (I_m ⊗ 𝟏ₚᵀ)(G ⊙ (𝟏𝟏ᵀ ⊗ B))(Iₙ ⊗ 𝟏_q), and for B the
//         blocks of G ⊙ (A ⊗ 𝟏𝟏ᵀ) added up: (𝟏ₘᵀ ⊗ Iₚ)(G ⊙ (A ⊗ 𝟏𝟏ᵀ))(𝟏ₙ ⊗ I_q)
//         (the block form of vec(A ⊗ B) = (Iₙ ⊗ K_{q,m} ⊗ Iₚ)(vec A ⊗ vec B), Magnus & Neudecker Thm 3.10).

import { NO_RANGE, type Dim, type Expr } from '../ast';
import { addE, eye, hadamardE, mulE, negE, ones, scaleE, subE, sumE, transposeE } from '../ast/build';
import { dimOf, eqPoly, isOne, type Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';

type ShapeOf = (e: Expr) => Shape;

const sameShape = (a: Shape, rows: Poly, cols: Poly): boolean => eqPoly(a.rows, rows) && eqPoly(a.cols, cols);
const isScalar = (s: Shape): boolean => isOne(s.rows) && isOne(s.cols);
const unit = (d: Dim): boolean => d === 1;

/** A ⊗ B, with the 1×1 factors (I₁, 𝟏 of one entry) that the block sums bring left out. */
function kronE(a: Expr, b: Expr): Expr {
  const trivial = (e: Expr) => (e.kind === 'eye' && unit(e.n)) || (e.kind === 'ones' && unit(e.rows) && unit(e.cols));
  if (trivial(a)) return b;
  if (trivial(b)) return a;
  return { kind: 'kron', left: a, right: b, range: NO_RANGE };
}

/** The factors P, Q of g = (P ⊗ Q) h or (P ⊗ Q)ᵀ h = (Pᵀ ⊗ Qᵀ) h. */
function kronFactors(e: Expr): [Expr, Expr] | undefined {
  if (e.kind === 'kron') return [e.left, e.right];
  if (e.kind === 'transpose' && e.arg.kind === 'kron') return [transposeE(e.arg.left), transposeE(e.arg.right)];
  return undefined;
}

/** vec⁻¹ of the column g as a rows×cols matrix, by the identities above where they apply. */
export function unvecOf(g: Expr, rows: Poly, cols: Poly, shape: ShapeOf): Expr {
  if (isOne(cols) && sameShape(shape(g), rows, cols)) return g; // a column is its own vec
  if (g.kind === 'vec' && sameShape(shape(g.arg), rows, cols)) return g.arg;
  if (g.kind === 'neg') return negE(unvecOf(g.arg, rows, cols, shape));
  if (g.kind === 'add') return addE(unvecOf(g.left, rows, cols, shape), unvecOf(g.right, rows, cols, shape));
  if (g.kind === 'sub') return subE(unvecOf(g.left, rows, cols, shape), unvecOf(g.right, rows, cols, shape));
  if (g.kind === 'mul') {
    if (isScalar(shape(g.left))) return scaleE(g.left, unvecOf(g.right, rows, cols, shape));
    const pq = kronFactors(g.left);
    if (pq) {
      const [p, q] = pq.map(shape) as [Shape, Shape];
      // (P ⊗ Q) vec H = vec(Q H Pᵀ), H of Q's columns × P's columns
      if (eqPoly(q.rows, rows) && eqPoly(p.rows, cols)) return mulE(mulE(pq[1], unvecOf(g.right, q.cols, p.cols, shape)), transposeE(pq[0]));
    }
  }
  return { kind: 'unvec', arg: g, rows: dimOf(rows), cols: dimOf(cols), range: NO_RANGE };
}

/** The adjoints of A and B in A ⊗ B, given G, the adjoint of the product. */
export function kronAdjoints(a: Expr, b: Expr, g: Expr, shape: ShapeOf): [Expr, Expr] {
  const [sa, sb] = [shape(a), shape(b)];
  const [m, n, p, q] = [sa.rows, sa.cols, sb.rows, sb.cols].map(dimOf) as [Dim, Dim, Dim, Dim];
  // G = 𝟏𝟏ᵀ (sum(A ⊗ B) = sum(A) sum(B)): each block sum is the other factor's sum
  if (g.kind === 'ones') return [scaleE(sumE(b), ones(m, n)), scaleE(sumE(a), ones(p, q))];
  const viaA = mulE(mulE(kronE(eye(m), ones(1, p)), hadamardE(g, kronE(ones(m, n), b))), kronE(eye(n), ones(q, 1)));
  const viaB = mulE(mulE(kronE(ones(1, m), eye(p)), hadamardE(g, kronE(a, ones(p, q)))), kronE(ones(n, 1), eye(q)));
  return [viaA, viaB];
}
