// The identity each forward rule applies, as a derivation cites it: the operators' here, the named
// operations' from their catalogue entries (ops/nodes.ts).

import type { Kind } from '../ast';
import { NODE_IDENTITIES } from '../ops/nodes';
import { identity as id, type Identity } from '../ops/types';

export type { Identity };

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
  mpow: id('matrix power: product rule k times', 'd(X^k) = \\textstyle\\sum_i X^i\\, dX\\, X^{k-1-i}', 'd(Xᵏ) = Σᵢ Xⁱ dX Xᵏ⁻¹⁻ⁱ', 'Matrix Cookbook (37)'),
  epow: id('elementwise power', 'd(X^{\\circ p}) = p X^{\\circ (p-1)} \\odot dX', 'd(X^∘ᵖ) = p X^∘⁽ᵖ⁻¹⁾ ⊙ dX', 'Matrix Cookbook (38)'),
  pow: id('power with a varying exponent (a > 0): the power rule and d(aᵇ) = aᵇ log a db, entry by entry',
    'd(A^{\\circ B}) = B \\odot A^{\\circ (B - 1)} \\odot dA + A^{\\circ B} \\odot \\log A \\odot dB',
    'd(A^∘B) = B ⊙ A^∘(B − 1) ⊙ dA + A^∘B ⊙ log A ⊙ dB', 'aᵇ = exp(b log a) and the chain rule'),
  div: id('elementwise quotient', 'd(X \\oslash Y) = dX \\oslash Y - X \\odot dY \\oslash Y^{\\circ 2}', 'd(X ⊘ Y) = dX ⊘ Y − X ⊙ dY ⊘ Y^∘²', 'Matrix Cookbook (38)'),
  ...NODE_IDENTITIES,
};

/** Reading the vec identity backwards turns a transposed Jacobian into a matrix-form gradient. */
export const BACKWARDS: Identity = id('gradient in matrix form: the vec identity read backwards',
  '(B^\\top \\otimes A)^\\top \\operatorname{vec} G = \\operatorname{vec}(A^\\top G B)', '(Bᵀ ⊗ A)ᵀ vec G = vec(Aᵀ G B)', VEC);

/** DL = Dℓ(y) Df: the derivative of a composition, then the gradient is its transpose. */
export const CHAIN: Identity = id('the loss by the chain rule', 'D(\\ell \\circ f) = D\\ell(f)\\, Df', 'D(ℓ ∘ f) = Dℓ(f) Df', 'Magnus & Neudecker ch. 5 (chain rule)');
