// Operations with their own AST node. What each is called lives here; its shape rule (shape/rules.ts),
// Jacobian rule (calculus/rules.ts), reverse rule (calculus/gradient.ts), value (numeric/evaluate.ts)
// and display (render/expr.ts) are the passes' tables keyed by that node kind, so a new kind is a
// compile error in each of them until it has its rule.

import type { DerivationStep } from '../analysis';
import type { Kind } from '../ast';
import type { NodeOp } from './types';

const step = (note: string, latex: string, unicode: string): DerivationStep => ({ note, latex, unicode });

export type NodeOpName = 'softmax' | 'sum' | 'trace' | 'det' | 'logdet' | 'inv' | 'norm' | 'transpose' | 'vec' | 'kron';

export const NODE_OPS: { readonly [N in NodeOpName]: NodeOp } = {
  softmax: { kind: 'softmax', arity: 1, spell: { math: ['softmax'], latex: ['\\softmax'], python: ['softmax'] },
    identity: step('softmax', 'd\\,\\operatorname{softmax}(z) = (\\operatorname{diag}(s) - s s^\\top)\\, dz', 'd softmax(z) = (diag(s) − s sᵀ) dz') },
  sum: { kind: 'sum', arity: 1, spell: { math: ['sum'], latex: [], python: ['sum'] },
    identity: step('sum of entries', 'd \\operatorname{sum} X = \\mathbf{1}^\\top d\\operatorname{vec} X', 'd sum X = 𝟏ᵀ d vec X') },
  trace: { kind: 'trace', arity: 1, spell: { math: ['trace', 'tr'], latex: ['\\tr', '\\Tr', '\\trace'], python: ['trace'] },
    identity: step('trace', 'd \\operatorname{tr} X = \\operatorname{vec}(I)^\\top d\\operatorname{vec} X', 'd tr X = vec(I)ᵀ d vec X') },
  det: { kind: 'det', arity: 1, spell: { math: ['det'], latex: ['\\det'], python: ['det'] },
    identity: step('determinant (Matrix Cookbook (49))', 'd \\det X = \\det X \\operatorname{vec}(X^{-\\top})^\\top d\\operatorname{vec} X', 'd det X = det X vec(X⁻ᵀ)ᵀ d vec X') },
  logdet: { kind: 'logdet', arity: 1, spell: { math: ['logdet'], latex: ['\\logdet'], python: ['logdet'] },
    identity: step('log-determinant (Matrix Cookbook (57))', 'd \\log\\det X = \\operatorname{vec}(X^{-\\top})^\\top d\\operatorname{vec} X', 'd log det X = vec(X⁻ᵀ)ᵀ d vec X') },
  inv: { kind: 'inv', arity: 1, spell: { math: ['inv'], latex: [], python: ['inv', 'inverse'] },
    identity: step('inverse: dX⁻¹ = −X⁻¹ dX X⁻¹',
      'd\\operatorname{vec}(X^{-1}) = -(X^{-\\top} \\otimes X^{-1})\\, d\\operatorname{vec} X', 'd vec(X⁻¹) = −(X⁻ᵀ ⊗ X⁻¹) d vec X') },
  norm: { kind: 'norm', arity: 1, spell: { math: ['norm'], latex: [], python: ['norm'] },
    identity: step('Frobenius norm', 'd\\lVert X \\rVert = \\operatorname{vec}(X)^\\top d\\operatorname{vec} X / \\lVert X \\rVert', 'd‖X‖ = vec(X)ᵀ d vec X / ‖X‖') },
  transpose: { kind: 'transpose', arity: 1, spell: { math: ['transpose'], latex: [], python: ['transpose', 't'] },
    identity: step('transpose: the commutation matrix',
      'd\\operatorname{vec}(X^\\top) = K_{m,n}\\, d\\operatorname{vec} X', 'd vec(Xᵀ) = K_{m,n} d vec X') },
  vec: { kind: 'vec', arity: 1, spell: { math: ['vec'], latex: ['\\vect'], python: [] } },
  kron: { kind: 'kron', arity: 2, spell: { math: ['kron'], latex: [], python: ['kron'] },
    identity: step('Kronecker product (Magnus & Neudecker, Thm 3.10)',
      '\\operatorname{vec}(A \\otimes B) = (I_n \\otimes K_{q,m} \\otimes I_p)(\\operatorname{vec} A \\otimes \\operatorname{vec} B)',
      'vec(A ⊗ B) = (Iₙ ⊗ K_{q,m} ⊗ Iₚ)(vec A ⊗ vec B)') },
};

/** Each named operation's identity, by node kind, for the derivation (calculus/identities.ts). */
export const NODE_IDENTITIES: { readonly [K in Kind]?: DerivationStep } = Object.fromEntries(
  Object.values(NODE_OPS).flatMap((o) => (o.identity ? [[o.kind, o.identity]] : [])),
);
