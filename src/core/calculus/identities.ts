// The identity each rule uses, as shown in a derivation (Magnus & Neudecker; Matrix Cookbook): the
// operators' here, the named operations' from their catalogue entries (ops/nodes.ts).

import type { DerivationStep } from '../analysis';
import type { Kind } from '../ast';
import { NODE_IDENTITIES } from '../ops/nodes';

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
  mpow: step('matrix power', 'd(X^k) = \\textstyle\\sum_i X^i\\, dX\\, X^{k-1-i}', 'd(Xᵏ) = Σᵢ Xⁱ dX Xᵏ⁻¹⁻ⁱ'),
  epow: step('elementwise power', 'd(X^{\\circ p}) = p X^{\\circ (p-1)} \\odot dX', 'd(X^∘ᵖ) = p X^∘⁽ᵖ⁻¹⁾ ⊙ dX'),
  div: step('elementwise quotient', 'd(X \\oslash Y) = dX \\oslash Y - X \\odot dY \\oslash Y^{\\circ 2}', 'd(X ⊘ Y) = dX ⊘ Y − X ⊙ dY ⊘ Y^∘²'),
  ...NODE_IDENTITIES,
};
