// The identity each forward rule applies, as a derivation cites it: in words, in general form,
// and where it comes from (Magnus & Neudecker, Matrix Differential Calculus, 3rd ed. 2019; the
// Matrix Cookbook, version of 15 Nov 2012, by equation number).

import type { Formula } from '../analysis';
import type { Kind } from '../ast';

export interface Identity {
  readonly note: string;
  readonly rule: Formula;
  readonly source: string;
}

const id = (note: string, latex: string, unicode: string, source: string): Identity => ({ note, rule: { latex, unicode }, source });

const VEC = 'Matrix Cookbook (520); Magnus & Neudecker Thm 2.2';

export const IDENTITIES: { readonly [K in Kind]?: Identity } = {
  mul: id('matrix product: product rule, then the vec identity',
    'd(AB) = dA\\,B + A\\,dB,\\quad \\operatorname{vec}(AXB) = (B^\\top \\otimes A)\\operatorname{vec} X',
    'd(AB) = dA B + A dB,  vec(AXB) = (Bᵀ ⊗ A) vec X', 'Matrix Cookbook (37), (520); Magnus & Neudecker Thm 2.2'),
  add: id('sum: differentials add (a broadcast column is repeated by a Kronecker factor of ones)',
    'd(A + B) = dA + dB', 'd(A + B) = dA + dB', 'Matrix Cookbook (35)'),
  sub: id('difference: differentials subtract', 'd(A - B) = dA - dB', 'd(A − B) = dA − dB', 'Matrix Cookbook (35)'),
  neg: id('negation', 'd(-A) = -dA', 'd(−A) = −dA', 'Matrix Cookbook (34)'),
  apply: id('elementwise function: the chain rule entry by entry',
    'd f(Z) = f\'(Z) \\odot dZ \\;\\Rightarrow\\; d\\operatorname{vec} f(Z) = \\operatorname{diag}(\\operatorname{vec} f\'(Z))\\, d\\operatorname{vec} Z',
    'd f(Z) = f′(Z) ⊙ dZ  ⇒  d vec f(Z) = diag(vec f′(Z)) d vec Z', 'Magnus & Neudecker ch. 5 (chain rule); Matrix Cookbook (38)'),
  hadamard: id('Hadamard product: product rule',
    'd(X \\odot Y) = dX \\odot Y + X \\odot dY', 'd(X ⊙ Y) = dX ⊙ Y + X ⊙ dY', 'Matrix Cookbook (38)'),
  transpose: id('transpose: the commutation matrix',
    'd(X^\\top) = (dX)^\\top,\\quad \\operatorname{vec}(X^\\top) = K_{m,n} \\operatorname{vec} X', 'd(Xᵀ) = (dX)ᵀ,  vec(Xᵀ) = K_{m,n} vec X',
    'Matrix Cookbook (44); Magnus & Neudecker ch. 3 §7'),
  inv: id('inverse', 'd(X^{-1}) = -X^{-1}\\, dX\\, X^{-1}', 'd(X⁻¹) = −X⁻¹ dX X⁻¹', 'Matrix Cookbook (40)'),
  trace: id('trace: linear in X', 'd \\operatorname{tr} X = \\operatorname{tr} dX = \\operatorname{vec}(I)^\\top d\\operatorname{vec} X',
    'd tr X = tr dX = vec(I)ᵀ d vec X', 'Matrix Cookbook (36)'),
  logdet: id('log-determinant', 'd \\log\\det X = \\operatorname{tr}(X^{-1} dX)', 'd log det X = tr(X⁻¹ dX)', 'Matrix Cookbook (43), (57)'),
  det: id('determinant', 'd \\det X = \\det X \\operatorname{tr}(X^{-1} dX)', 'd det X = det X tr(X⁻¹ dX)', 'Matrix Cookbook (42), (49)'),
  softmax: id('softmax, by the quotient rule',
    'd\\,\\operatorname{softmax}(z) = (\\operatorname{diag}(s) - s s^\\top)\\, dz', 'd softmax(z) = (diag(s) − s sᵀ) dz',
    'quotient and chain rules'),
  sum: id('sum of entries: linear', 'd \\operatorname{sum} X = \\mathbf{1}^\\top d\\operatorname{vec} X', 'd sum X = 𝟏ᵀ d vec X', 'Matrix Cookbook (35)'),
  norm: id('Frobenius norm, the square root of tr(X^T X)', 'd\\lVert X \\rVert = \\operatorname{vec}(X)^\\top d\\operatorname{vec} X / \\lVert X \\rVert',
    'd‖X‖ = vec(X)ᵀ d vec X / ‖X‖', 'Matrix Cookbook (36), (37)'),
  kron: id('Kronecker product: product rule, then vec of a Kronecker product',
    'd(A \\otimes B) = dA \\otimes B + A \\otimes dB,\\quad \\operatorname{vec}(A \\otimes B) = (I_n \\otimes K_{q,m} \\otimes I_p)(\\operatorname{vec} A \\otimes \\operatorname{vec} B)',
    'd(A ⊗ B) = dA ⊗ B + A ⊗ dB,  vec(A ⊗ B) = (Iₙ ⊗ K_{q,m} ⊗ Iₚ)(vec A ⊗ vec B)', 'Matrix Cookbook (39); Magnus & Neudecker Thm 3.10'),
  mpow: id('matrix power: product rule k times', 'd(X^k) = \\textstyle\\sum_i X^i\\, dX\\, X^{k-1-i}', 'd(Xᵏ) = Σᵢ Xⁱ dX Xᵏ⁻¹⁻ⁱ', 'Matrix Cookbook (37)'),
  epow: id('elementwise power', 'd(X^{\\circ p}) = p X^{\\circ (p-1)} \\odot dX', 'd(X^∘ᵖ) = p X^∘⁽ᵖ⁻¹⁾ ⊙ dX', 'Matrix Cookbook (38)'),
  div: id('elementwise quotient', 'd(X \\oslash Y) = dX \\oslash Y - X \\odot dY \\oslash Y^{\\circ 2}', 'd(X ⊘ Y) = dX ⊘ Y − X ⊙ dY ⊘ Y^∘²', 'Matrix Cookbook (38)'),
  vec: id('vec is linear', 'd\\operatorname{vec} X = \\operatorname{vec} dX', 'd vec X = vec dX', 'Magnus & Neudecker ch. 2'),
};

/** Reading the vec identity backwards turns a transposed Jacobian into a matrix-form gradient. */
export const BACKWARDS: Identity = id('gradient in matrix form: the vec identity read backwards',
  '(B^\\top \\otimes A)^\\top \\operatorname{vec} G = \\operatorname{vec}(A^\\top G B)', '(Bᵀ ⊗ A)ᵀ vec G = vec(Aᵀ G B)', VEC);

/** DL = Dℓ(y) Df: the derivative of a composition, then the gradient is its transpose. */
export const CHAIN: Identity = id('the loss by the chain rule', 'D(\\ell \\circ f) = D\\ell(f)\\, Df', 'D(ℓ ∘ f) = Dℓ(f) Df', 'Magnus & Neudecker ch. 5 (chain rule)');
