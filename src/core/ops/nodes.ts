// Operations with their own AST node. What each is called lives here; its shape rule (shape/rules.ts),
// Jacobian rule (calculus/rules.ts), reverse rule (calculus/gradient.ts), value (numeric/evaluate.ts)
// and display (render/expr.ts) are the passes' tables keyed by that node kind, so a new kind is a
// compile error in each of them until it has its rule.

import type { NodeOp } from './types';

export type NodeOpName = 'softmax' | 'sum' | 'trace' | 'det' | 'logdet' | 'inv' | 'norm' | 'transpose' | 'vec' | 'kron';

export const NODE_OPS: { readonly [N in NodeOpName]: NodeOp } = {
  softmax: { kind: 'softmax', arity: 1, spell: { math: ['softmax'], latex: ['\\softmax'], python: ['softmax'] },
    doc: 'softmax of a vector: d softmax(z) = (diag(s) − s sᵀ) dz' },
  sum: { kind: 'sum', arity: 1, spell: { math: ['sum'], latex: [], python: ['sum'] },
    doc: 'sum of all entries: d sum X = 𝟏ᵀ d vec X' },
  trace: { kind: 'trace', arity: 1, spell: { math: ['trace', 'tr'], latex: ['\\tr', '\\Tr', '\\trace'], python: ['trace'] },
    doc: 'trace: d tr X = vec(I)ᵀ d vec X' },
  det: { kind: 'det', arity: 1, spell: { math: ['det'], latex: ['\\det'], python: ['det'] },
    doc: 'determinant: d det X = det X vec(X⁻ᵀ)ᵀ d vec X (Matrix Cookbook (49))' },
  logdet: { kind: 'logdet', arity: 1, spell: { math: ['logdet'], latex: ['\\logdet'], python: ['logdet'] },
    doc: 'log-determinant: d log det X = vec(X⁻ᵀ)ᵀ d vec X (Matrix Cookbook (57))' },
  inv: { kind: 'inv', arity: 1, spell: { math: ['inv'], latex: [], python: ['inv', 'inverse'] },
    doc: 'inverse: d vec(X⁻¹) = −(X⁻ᵀ ⊗ X⁻¹) d vec X' },
  norm: { kind: 'norm', arity: 1, spell: { math: ['norm'], latex: [], python: ['norm'] },
    doc: 'Frobenius norm: d‖X‖ = vec(X)ᵀ d vec X / ‖X‖' },
  transpose: { kind: 'transpose', arity: 1, spell: { math: ['transpose'], latex: [], python: ['transpose', 't'] },
    doc: 'transpose: d vec(Xᵀ) = K d vec X (the commutation matrix)' },
  vec: { kind: 'vec', arity: 1, spell: { math: ['vec'], latex: ['\\vect'], python: [] },
    doc: 'the columns stacked: d vec(vec X) = d vec X' },
  kron: { kind: 'kron', arity: 2, spell: { math: ['kron'], latex: [], python: ['kron'] },
    doc: 'Kronecker product: vec(A ⊗ B) = (Iₙ ⊗ K_{q,m} ⊗ Iₚ)(vec A ⊗ vec B) (Magnus & Neudecker, Thm 3.10)' },
};
