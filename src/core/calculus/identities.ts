// The identity each rule uses, as shown in a derivation (Magnus & Neudecker; Matrix Cookbook).

import type { DerivationStep } from '../analysis';
import type { Kind } from '../ast';

const step = (note: string, latex: string, unicode: string): DerivationStep => ({ note, latex, unicode });

export const IDENTITIES: { readonly [K in Kind]?: DerivationStep } = {
  mul: step('product: the vec identity vec(AXB) = (Bᵀ ⊗ A) vec X',
    'd\\operatorname{vec}(AB) = (B^\\top \\otimes I)\\, d\\operatorname{vec} A + (I \\otimes A)\\, d\\operatorname{vec} B',
    'd vec(AB) = (Bᵀ ⊗ I) d vec A + (I ⊗ A) d vec B'),
  add: step('sum: differentials add; a broadcast vector b 1ᵀ has vec(b 1ᵀ) = (1 ⊗ I) b',
    'd\\operatorname{vec}(A + B) = d\\operatorname{vec} A + d\\operatorname{vec} B',
    'd vec(A + B) = d vec A + d vec B'),
  apply: step('elementwise function: df(Z) = f′(Z) ⊙ dZ',
    'd\\operatorname{vec} f(Z) = \\operatorname{diag}(\\operatorname{vec} f\'(Z))\\, d\\operatorname{vec} Z',
    'd vec f(Z) = diag(vec f′(Z)) d vec Z'),
  hadamard: step('Hadamard product',
    'd\\operatorname{vec}(X \\odot Y) = \\operatorname{diag}(\\operatorname{vec} Y)\\, d\\operatorname{vec} X + \\operatorname{diag}(\\operatorname{vec} X)\\, d\\operatorname{vec} Y',
    'd vec(X ⊙ Y) = diag(vec Y) d vec X + diag(vec X) d vec Y'),
  transpose: step('transpose: the commutation matrix',
    'd\\operatorname{vec}(X^\\top) = K_{m,n}\\, d\\operatorname{vec} X', 'd vec(Xᵀ) = K_{m,n} d vec X'),
  inv: step('inverse: dX⁻¹ = −X⁻¹ dX X⁻¹',
    'd\\operatorname{vec}(X^{-1}) = -(X^{-\\top} \\otimes X^{-1})\\, d\\operatorname{vec} X', 'd vec(X⁻¹) = −(X⁻ᵀ ⊗ X⁻¹) d vec X'),
  trace: step('trace', 'd \\operatorname{tr} X = \\operatorname{vec}(I)^\\top d\\operatorname{vec} X', 'd tr X = vec(I)ᵀ d vec X'),
  logdet: step('log-determinant (Matrix Cookbook (57))', 'd \\log\\det X = \\operatorname{vec}(X^{-\\top})^\\top d\\operatorname{vec} X', 'd log det X = vec(X⁻ᵀ)ᵀ d vec X'),
  det: step('determinant (Matrix Cookbook (49))', 'd \\det X = \\det X \\operatorname{vec}(X^{-\\top})^\\top d\\operatorname{vec} X', 'd det X = det X vec(X⁻ᵀ)ᵀ d vec X'),
  softmax: step('softmax', 'd\\,\\operatorname{softmax}(z) = (\\operatorname{diag}(s) - s s^\\top)\\, dz', 'd softmax(z) = (diag(s) − s sᵀ) dz'),
  sum: step('sum of entries', 'd \\operatorname{sum} X = \\mathbf{1}^\\top d\\operatorname{vec} X', 'd sum X = 𝟏ᵀ d vec X'),
  norm: step('Frobenius norm', 'd\\lVert X \\rVert = \\operatorname{vec}(X)^\\top d\\operatorname{vec} X / \\lVert X \\rVert', 'd‖X‖ = vec(X)ᵀ d vec X / ‖X‖'),
  kron: step('Kronecker product (Magnus & Neudecker, Thm 3.10)',
    '\\operatorname{vec}(A \\otimes B) = (I_n \\otimes K_{q,m} \\otimes I_p)(\\operatorname{vec} A \\otimes \\operatorname{vec} B)',
    'vec(A ⊗ B) = (Iₙ ⊗ K_{q,m} ⊗ Iₚ)(vec A ⊗ vec B)'),
  mpow: step('matrix power', 'd(X^k) = \\textstyle\\sum_i X^i\\, dX\\, X^{k-1-i}', 'd(Xᵏ) = Σᵢ Xⁱ dX Xᵏ⁻¹⁻ⁱ'),
  epow: step('elementwise power', 'd(X^{\\circ p}) = p X^{\\circ (p-1)} \\odot dX', 'd(X^∘ᵖ) = p X^∘⁽ᵖ⁻¹⁾ ⊙ dX'),
  div: step('elementwise quotient', 'd(X \\oslash Y) = dX \\oslash Y - X \\odot dY \\oslash Y^{\\circ 2}', 'd(X ⊘ Y) = dX ⊘ Y − X ⊙ dY ⊘ Y^∘²'),
};
