// Issue 9, Python: nn.Embedding(count, dim) called on integer indices is a one-hot product,
// onehot(idx) E, differentiated by E only: d vec(P E) = (I ⊗ P) d vec E, ∂L/∂E = Pᵀ G. The one-hot
// matrix is an input that is never differentiated and whose numbers are one-hot rows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON } from '../helpers/oracle';

const model = (decl: string, body = 'return self.wte(idx)') => `import torch
import torch.nn as nn

class TinyLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(5, 3)

    def forward(self, idx):
        # idx: ${decl}
        ${body}
`;

const next = D.rng(41);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);

test('self.wte(idx) reads onehot_idx E_wte: T×3 from a 4×5 one-hot and the 5×3 table; J = I₃ ⊗ P by differences, ∇E = Pᵀ G', () => {
  // the indices 2, 0, 4, 2 as the one-hot rows P
  const P = D.mk(4, 5, (i, j) => (j === [2, 0, 4, 2][i] ? 1 : 0));
  const E = r(5, 3);
  const g = r(4, 3);
  const a = analyzeOk(model('(4,)'), { notation: 'python', values: valuesJSON({ onehot_idx: P, E_wte: E, g }), numeric: true });
  assert.equal(a.definition.unicode, 'onehot_idx E_wte');
  assert.deepEqual(a.wrt, ['E_wte']);
  assert.deepEqual(a.jacobian.shape, [12, 15]);
  assert.equal(a.jacobian.unicode, 'I₃ ⊗ onehot_idx');
  const J = denseFromCoo(a.jacobian.values as never, 12, 15);
  assertDenseClose(J, fdJacobian((v) => D.mul(P, v.E_wte!), { E_wte: E }, ['E_wte']), 1e-8, 'J vs differences');
  // the rows of E picked by the indices
  assertClose(Array.from(a.numbers!.output.data), D.rowMajor(D.mk(4, 3, (i, j) => D.at(E, [2, 0, 4, 2][i]!, j))), 1e-12, 'the looked-up rows');
  assertClose(a.gradient?.E_wte?.values as never, D.rowMajor(D.mul(D.T(P), g)), 1e-12, '∂L/∂E = Pᵀ G');
  assert.equal(a.check?.passed, true);
  assert.ok(a.notes.some((n) => n.startsWith('self.wte(idx) looks up rows of E_wte: written onehot_idx E_wte') && n.includes('never differentiated')));
});

test('seeded one-hot values: each row of onehot_idx holds exactly one 1, the rest 0', () => {
  const a = analyzeOk(model('(6,)'), { notation: 'python', numeric: true, seed: 3 });
  const P = a.numbers!.inputs.onehot_idx!;
  assert.deepEqual(P.shape, [6, 5]);
  const data = Array.from(P.data);
  for (let i = 0; i < 6; i++) {
    const row = data.slice(5 * i, 5 * i + 5);
    assert.deepEqual(row.filter((v) => v !== 0), [1], `row ${i}: ${row}`);
  }
  assert.equal(a.check?.passed, true);
});

test('the one-hot matrix is never differentiated: --wrt onehot_idx is refused', () => {
  const a = analyze(model('(4,)'), { notation: 'python', wrt: ['onehot_idx'] });
  assert.equal(a.ok, false);
  if (!a.ok) assert.equal(a.error.message, "cannot differentiate by 'onehot_idx': it is the one-hot matrix of integer indices, which have no derivative");
});

test('indices of a batch of sequences (B, T) give a 3-D tensor: refused with what to declare', () => {
  const src = model('(B, T)');
  const a = analyze(src, { notation: 'python' });
  assert.equal(a.ok, false);
  if (a.ok) return;
  assert.equal(a.error.message, 'self.wte(idx) of indices with 2 axes gives a tensor of 3 axes, which has no matrix form: declare one sequence, # idx: (T,)');
  assert.equal(src.slice(a.error.start, a.error.end), 'idx');
});

const functional = (lookup: string, decl = '# idx: (4,), E: (5, 3), W: (3, 2)') => `import torch
import torch.nn.functional as F

def embed(idx, E, W):
    ${decl}
    return torch.tanh(${lookup}) @ W
`;

for (const lookup of ['F.embedding(idx, E)', 'F.embedding(idx, weight=E)', 'E[idx]']) {
  test(`${lookup} is the one-hot product onehot_idx E as nn.Embedding reads it: J and ∇E by differences, E never indexed by a guess`, () => {
    const P = D.mk(4, 5, (i, j) => (j === [1, 3, 3, 0][i] ? 1 : 0));
    const [E, W, g] = [r(5, 3), r(3, 2), r(4, 2)];
    const a = analyzeOk(functional(lookup), { notation: 'python', values: valuesJSON({ onehot_idx: P, E, W, g }), numeric: true });
    assert.deepEqual(a.wrt, ['E', 'W']);
    const f = (v: Record<string, D.M>): D.M => D.mul(D.map(D.mul(P, v.E!), Math.tanh), v.W!);
    assertClose(Array.from(a.numbers!.output.data), D.rowMajor(f({ E, W })), 1e-12, 'output: the rows 1, 3, 3, 0 of E');
    const J = denseFromCoo(a.jacobian.values as never, 8, 21);
    assertDenseClose(J, fdJacobian(f, { E, W }, ['E', 'W']), 1e-8, 'J vs differences');
    assert.equal(a.check?.passed, true);
    assert.ok(a.notes.some((n) => n.includes('looks up rows of E: written onehot_idx E') && n.includes('never differentiated')), a.notes.join('\n'));
  });
}

test('E[i] with i not declared as indices is refused with what to declare (E[i] of a number is a row, not a lookup)', () => {
  const src = 'def pick(E, W, i):\n    # E: (V, d), W: (d, d)\n    return E[i] @ W\n';
  const a = analyze(src, { notation: 'python' });
  assert.equal(a.ok, false);
  if (!a.ok) assert.equal(a.error.message, 'E[i] is read as a lookup of rows by integer indices when i is declared as them (# i: (T,))');
});

test('F.embedding on a table whose rows are not declared is refused with what to declare', () => {
  const a = analyze(functional('F.embedding(idx, E)', '# idx: (4,), W: (3, 2)'), { notation: 'python' });
  assert.equal(a.ok, false);
  if (!a.ok) assert.equal(a.error.message, 'the rows of E are looked up: declare it as a matrix of one row per index (# E: (V, d))');
});
