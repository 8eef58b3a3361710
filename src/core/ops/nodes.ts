// Operations with their own AST node. What each is called lives here; its shape rule (shape/rules.ts),
// Jacobian rule (calculus/rules.ts), reverse rule (calculus/gradient.ts), value (numeric/evaluate.ts)
// and display (present/expr.ts) are the passes' tables keyed by that node kind, so a new kind is a
// compile error in each of them until it has its rule.

import type { Expr, Kind, Range, SoftmaxAxis } from '../ast';
import { eyeOf, onesOf } from './constants';
import { meanOf, sumOf } from './reduction';
import { identity as id, type Identity, type NodeOp } from './types';

export type NodeOpName =
  | 'softmax' | 'softmax_row' | 'softmax_col' | 'sum' | 'mean' | 'trace' | 'det' | 'logdet' | 'inv' | 'norm' | 'transpose' | 'vec' | 'kron' | 'diag' | 'eye' | 'ones' | 'adj' | 'norm1' | 'norm2' | 'norminf'
  | 'concat';

export const NODE_OPS: { readonly [N in NodeOpName]: NodeOp } = {
  softmax: { kind: 'softmax', arity: 1, spell: { math: ['softmax'], latex: ['\\softmax'], python: ['softmax'] },
    identity: id('softmax, by the quotient rule (along an axis of a matrix: one such block per row or column)',
      'd\\,\\operatorname{softmax}(z) = (\\operatorname{diag}(s) - s s^\\top)\\, dz', 'd softmax(z) = (diag(s) − s sᵀ) dz',
      'quotient and chain rules') },
  // softmax along an axis of a matrix, as the softmax prints it: its own node kind is softmax's
  softmax_row: { kind: 'softmax', arity: 1, construct: softmaxEach('row'), spell: { math: ['softmax_row'], latex: [], python: [] },
    about: 'softmax of each row of a matrix (attention\'s softmax(QKᵀ/√d) row by row): a block of diag(s) − s sᵀ per row' },
  softmax_col: { kind: 'softmax', arity: 1, construct: softmaxEach('col'), spell: { math: ['softmax_col'], latex: [], python: [] },
    about: 'softmax of each column of a matrix: a block of diag(s) − s sᵀ per column' },
  sum: { kind: 'sum', arity: 1, dimension: true, construct: sumOf, spell: { math: ['sum'], latex: [], python: ['sum'] },
    identity: id('sum of entries: linear', 'd \\operatorname{sum} X = \\mathbf{1}^\\top d\\operatorname{vec} X', 'd sum X = 𝟏ᵀ d vec X',
      'Matrix Cookbook (35)') },
  // built from sums (ops/reduction.ts): its own node kind is none, the sum's stands for it
  mean: { kind: 'sum', arity: 1, dimension: true, construct: meanOf, spell: { math: ['mean'], latex: [], python: [] },
    about: 'mean of the entries, mean(X, 1) of each column (𝟏ᵀX/m), mean(X, 2) of each row (X𝟏/n): linear, the sum divided by the count' },
  trace: { kind: 'trace', arity: 1, spell: { math: ['trace', 'tr'], latex: ['\\tr', '\\Tr', '\\trace'], python: ['trace'] },
    identity: id('trace: linear in X', 'd \\operatorname{tr} X = \\operatorname{tr} dX = \\operatorname{vec}(I)^\\top d\\operatorname{vec} X',
      'd tr X = tr dX = vec(I)ᵀ d vec X', 'Matrix Cookbook (36)') },
  det: { kind: 'det', arity: 1, spell: { math: ['det'], latex: ['\\det'], python: ['det'] },
    identity: id('determinant, by the adjugate (so also at a singular X)', 'd \\det X = \\operatorname{tr}(\\operatorname{adj}(X)\\, dX)',
      'd det X = tr(adj(X) dX)', 'Matrix Cookbook (41)') },
  // for an invertible X, adj(X) = det(X) X⁻¹, so d adj(X) = adj(X) tr(X⁻¹dX) − X⁻¹ dX adj(X)
  adj: { kind: 'adj', arity: 1, spell: { math: ['adj', 'adjugate'], latex: ['\\adj'], python: [] },
    identity: id('adjugate of an invertible X, adj(X) = det(X) X⁻¹: product rule',
      'd\\operatorname{adj}(X) = \\det X \\operatorname{tr}(X^{-1} dX)\\, X^{-1} - \\det X\\, X^{-1} dX\\, X^{-1} = \\operatorname{adj}(X) \\operatorname{tr}(X^{-1} dX) - X^{-1} dX\\, \\operatorname{adj}(X)',
      'd adj(X) = det X tr(X⁻¹ dX) X⁻¹ − det X X⁻¹ dX X⁻¹ = adj(X) tr(X⁻¹ dX) − X⁻¹ dX adj(X)', 'Matrix Cookbook (42), (40)') },
  logdet: { kind: 'logdet', arity: 1, spell: { math: ['logdet'], latex: ['\\logdet'], python: ['logdet'] },
    identity: id('log-determinant', 'd \\log\\det X = \\operatorname{tr}(X^{-1} dX)', 'd log det X = tr(X⁻¹ dX)',
      'Matrix Cookbook (43), (57)') },
  inv: { kind: 'inv', arity: 1, spell: { math: ['inv'], latex: [], python: ['inv', 'inverse'] },
    identity: id('inverse', 'd(X^{-1}) = -X^{-1}\\, dX\\, X^{-1}', 'd(X⁻¹) = −X⁻¹ dX X⁻¹', 'Matrix Cookbook (40)') },
  norm: { kind: 'norm', arity: 1, spell: { math: ['norm', 'norm_fro'], latex: [], python: ['norm', 'matrix_norm', 'vector_norm'] },
    identity: id('Frobenius norm, the square root of tr(X^T X)',
      'd\\lVert X \\rVert = \\operatorname{tr}(X^\\top dX) / \\lVert X \\rVert = \\operatorname{vec}(X)^\\top d\\operatorname{vec} X / \\lVert X \\rVert',
      'd‖X‖ = tr(Xᵀ dX) / ‖X‖ = vec(X)ᵀ d vec X / ‖X‖',
      'Matrix Cookbook (36), (37)') },
  norm1: { kind: 'norm1', arity: 1, spell: { math: ['norm1'], latex: [], python: [] },
    identity: id('1-norm of a vector, Σ|xᵢ|', 'd\\lVert x \\rVert_1 = \\operatorname{sign}(x)^\\top dx',
      'd‖x‖₁ = sign(x)ᵀ dx', 'the derivative of |xᵢ|, sign xᵢ, entry by entry (no entry 0)') },
  // |x_k| is the maximum alone (a unique argmax): d‖x‖∞ = sign(x_k) dx_k; at a tie there is no derivative
  norminf: { kind: 'norminf', arity: 1, spell: { math: ['norm_inf'], latex: [], python: [] },
    identity: id('∞-norm of a vector, maxᵢ |xᵢ|', 'd\\lVert x \\rVert_\\infty = \\operatorname{sign}(x_k)\\, dx_k = (\\operatorname{sign}(x_k)\\, e_k)^\\top dx,\\ k = \\arg\\max_i |x_i|',
      'd‖x‖∞ = sign(x_k) dx_k = (sign(x_k) e_k)ᵀ dx,  k = argmaxᵢ |xᵢ|', 'the derivative of |x_k| where it alone is the largest (no tie, x ≠ 0)') },
  // σ₁ simple: d σ₁ = u₁ᵀ dX v₁, the first-order perturbation of a simple singular value
  norm2: { kind: 'norm2', arity: 1, spell: { math: ['norm2'], latex: [], python: [] },
    identity: id('2-norm: Euclidean of a vector; of a matrix the spectral norm σ₁, whose singular vectors u₁, v₁ give its differential',
      'd\\lVert x \\rVert_2 = x^\\top dx / \\lVert x \\rVert_2,\\quad d\\lVert X \\rVert_2 = u_1^\\top dX\\, v_1 = \\operatorname{vec}(u_1 v_1^\\top)^\\top d\\operatorname{vec} X',
      'd‖x‖₂ = xᵀdx / ‖x‖₂,  d‖X‖₂ = u₁ᵀ dX v₁ = vec(u₁v₁ᵀ)ᵀ d vec X', 'perturbation of a simple singular value (σ₁ > σ₂)') },
  transpose: { kind: 'transpose', arity: 1, spell: { math: ['transpose'], latex: [], python: ['transpose', 't'] },
    identity: id('transpose: the commutation matrix',
      'd(X^\\top) = (dX)^\\top,\\quad \\operatorname{vec}(X^\\top) = K_{m,n} \\operatorname{vec} X', 'd(Xᵀ) = (dX)ᵀ,  vec(Xᵀ) = K_{m,n} vec X',
      'Matrix Cookbook (44); Magnus & Neudecker ch. 3 §7') },
  vec: { kind: 'vec', arity: 1, spell: { math: ['vec'], latex: ['\\vect'], python: [] },
    identity: id('vec is linear', 'd\\operatorname{vec} X = \\operatorname{vec} dX', 'd vec X = vec dX', 'Magnus & Neudecker ch. 2') },
  kron: { kind: 'kron', arity: 2, spell: { math: ['kron'], latex: [], python: ['kron'] },
    identity: id('Kronecker product: product rule, then vec of a Kronecker product',
      'd(A \\otimes B) = dA \\otimes B + A \\otimes dB,\\quad \\operatorname{vec}(A \\otimes B) = (I_n \\otimes K_{q,m} \\otimes I_p)(\\operatorname{vec} A \\otimes \\operatorname{vec} B)',
      'd(A ⊗ B) = dA ⊗ B + A ⊗ dB,  vec(A ⊗ B) = (Iₙ ⊗ K_{q,m} ⊗ Iₚ)(vec A ⊗ vec B)', 'Matrix Cookbook (39); Magnus & Neudecker Thm 3.10') },
  // vec diag(x) = Σᵢ xᵢ (eᵢ ⊗ eᵢ): (𝟏 ⊗ I) repeats x n times and diag(vec I) keeps entry i of copy i;
  // the diagonal of a matrix is the transpose of that map
  diag: { kind: 'diag', arity: 1, spell: { math: ['diag'], latex: ['\\diag'], python: ['diag'] },
    identity: id('diag: linear (of a vector, the diagonal matrix; of a square matrix, its diagonal)',
      'd\\operatorname{vec}\\operatorname{diag}(x) = \\operatorname{diag}(\\operatorname{vec} I)(\\mathbf{1} \\otimes I)\\, dx,\\quad d\\operatorname{diag}(X) = (\\mathbf{1}^\\top \\otimes I)\\operatorname{diag}(\\operatorname{vec} I)\\, d\\operatorname{vec} X',
      'd vec diag(x) = diag(vec I)(𝟏 ⊗ I) dx,  d diag(X) = (𝟏ᵀ ⊗ I) diag(vec I) d vec X', 'linearity: diag(x) = Σᵢ xᵢ eᵢeᵢᵀ') },
  // [A B] = A E₁ᵀ + B E₂ᵀ and [A; B] = E₁A + E₂B with Eᵢ = [0; I; 0] placing part i: linear, so vec(AXB) = (Bᵀ ⊗ A) vec X does the rest
  concat: { kind: 'concat', arity: 2, parts: true, spell: { math: [], latex: [], python: ['cat', 'concatenate', 'concat', 'hstack', 'vstack', 'column_stack', 'stack'] },
    syntax: 'math `[A, B]`, `[A; B]`, `[A, B; C, D]`; LaTeX `\\begin{bmatrix} A & B \\\\ C & D \\end{bmatrix}` (pmatrix, matrix)',
    identity: id('concatenation: linear, each part put in its place by Eᵢ = [0; I; 0]',
      '[A_1\\ A_2\\ \\cdots] = \\textstyle\\sum_i A_i E_i^\\top \\Rightarrow d\\operatorname{vec} = \\sum_i (E_i \\otimes I_m)\\, d\\operatorname{vec} A_i,\\quad [A_1; A_2; \\cdots] = \\textstyle\\sum_i E_i A_i \\Rightarrow d\\operatorname{vec} = \\sum_i (I_n \\otimes E_i)\\, d\\operatorname{vec} A_i',
      '[A₁ A₂ …] = Σᵢ Aᵢ Eᵢᵀ ⇒ d vec = Σᵢ (Eᵢ ⊗ I_m) d vec Aᵢ,  [A₁; A₂; …] = Σᵢ Eᵢ Aᵢ ⇒ d vec = Σᵢ (I_n ⊗ Eᵢ) d vec Aᵢ',
      'Matrix Cookbook (520); Magnus & Neudecker Thm 2.2') },
  // constants: their arguments are sizes (Python's np.eye and torch.eye are read as constructors)
  eye: { kind: 'eye', arity: 1, spell: { math: ['eye'], latex: [], python: [] }, construct: eyeOf,
    about: 'the identity Iₙ (also I, I_n): a constant, never differentiated by' },
  ones: { kind: 'ones', arity: 2, spell: { math: ['ones'], latex: [], python: [] }, construct: onesOf,
    about: 'the all-ones m×n matrix (𝟏 for a column of inferred size): a constant' },
};

/** Each named operation's identity, by node kind, for the derivation (calculus/identities.ts). */
export const NODE_IDENTITIES: { readonly [K in Kind]?: Identity } = Object.fromEntries(
  Object.values(NODE_OPS).flatMap((o) => (o.identity ? [[o.kind, o.identity]] : [])),
);

/**
 * What a softmax normalises over: every entry, or each row / column of a matrix. The axis of a
 * vector is its only one (PyTorch's `softmax(v, dim=0)` of a 1-D tensor), so a vector is over all.
 */
export function softmaxAlong(each: SoftmaxAxis | undefined, oneRow: boolean, oneCol: boolean): SoftmaxAxis | 'all' {
  return each && !oneRow && !oneCol ? each : 'all';
}

/** softmax_row(Z) and softmax_col(Z), the words the softmax of each row or column prints as. */
function softmaxEach(each: SoftmaxAxis): (args: readonly Expr[], range: Range) => Expr {
  return ([arg], range) => {
    if (!arg) throw new Error('arity is checked by the caller');
    return { kind: 'softmax', arg, each, range };
  };
}
