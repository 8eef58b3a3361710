// A pre-LayerNorm residual block as a transformer writes it: x + dropout(tanh(fc(ln(x)))), with the
// dropout read as the identity (and said so). Its Jacobian by every parameter against central
// differences of the block written here and against torch.autograd; its gradient against torch's VJP.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, flatValues, rowMajorOfVec, valuesJSON, type Dense, type Vars } from '../helpers/oracle';
import { torchJacobians } from '../helpers/torch';

const SOURCE = `import torch.nn as nn
import torch.nn.functional as F
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln = nn.LayerNorm(4)
        self.fc = nn.Linear(4, 4)
    def forward(self, x):
        # x: (3, 4)
        x = x + F.dropout(torch.tanh(self.fc(self.ln(x))), p=0.1, training=self.training)
        return x`;

const next = D.rng(23);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);
const vars: Vars = { x: r(3, 4), gamma_ln: r(1, 4), beta_ln: r(1, 4), W_fc: r(4, 4), b_fc: r(1, 4) };
const wrt = ['x', 'gamma_ln', 'beta_ln', 'W_fc', 'b_fc'];

/** The block, row by row: LayerNorm (biased variance, ε = 1e-5), the layer, tanh, the residual. */
function block(v: Vars): D.M {
  const X = v.x!;
  const ln = D.mk(X.rows, 4, (i, j) => {
    const row = [0, 1, 2, 3].map((k) => D.at(X, i, k));
    const mu = row.reduce((a, b) => a + b, 0) / 4;
    const s = Math.sqrt(row.reduce((a, b) => a + (b - mu) ** 2, 0) / 4 + 1e-5);
    return ((row[j]! - mu) / s) * D.at(v.gamma_ln!, 0, j) + D.at(v.beta_ln!, 0, j);
  });
  return D.add(X, D.map(D.add(D.mul(ln, D.T(v.W_fc!)), v.b_fc!), Math.tanh));
}

const g = r(3, 4);
let TORCH: { J: Dense; vjp: number[] };

before(() => {
  [TORCH] = torchJacobians([{
    torch: 'x + torch.tanh(F.layer_norm(x, (4,), gamma_ln, beta_ln, 1e-5) @ W_fc.T + b_fc)',
    vars, wrt, oneD: ['gamma_ln', 'beta_ln', 'b_fc'], g,
  }]) as [{ J: Dense; vjp: number[]; y: number[] }];
});

test('a pre-LayerNorm residual block: J by x, γ, β, W, b against differences and torch.autograd, ∇ against its VJP', () => {
  const a = analyzeOk(SOURCE, { notation: 'python', wrt, values: valuesJSON({ ...vars, g }), numeric: true });
  const [rows, cols] = a.jacobian.shape as [number, number];
  const J = denseFromCoo(a.jacobian.values as never, rows, cols);
  assertDenseClose(J, fdJacobian(block, vars, wrt), 1e-6, 'J vs differences');
  assertDenseClose(J, TORCH.J, 1e-10, 'J vs torch.autograd');
  let o = 0;
  for (const w of wrt) {
    const { rows: wr, cols: wc } = vars[w]!;
    assertClose(flatValues(a.gradient?.[w]?.values as never), rowMajorOfVec(TORCH.vjp.slice(o, o + wr * wc), wr, wc), 1e-10, `∂L/∂${w}`);
    o += wr * wc;
  }
  assert.equal(a.check?.passed, true);
  assert.ok(a.notes?.includes('Dropout is read as the identity (the network in evaluation mode).'), 'the dropout is said to be the identity');
});

test('X.flatten(), X.view(-1), X.reshape(-1): the entries row by row, vec(Xᵀ), whose Jacobian holds the commutation matrix', () => {
  const X = r(3, 2);
  const W = r(4, 6);
  const G = r(1, 4);
  /** torch's row-major flatten, written out: [x₀₀, x₀₁, x₁₀, …]. */
  const f = (v: Vars): D.M => D.map(D.mul(D.mk(1, 6, (_, k) => D.at(v.X!, Math.floor(k / 2), k % 2)), D.T(v.W!)), Math.tanh);
  const [want] = torchJacobians([{ torch: 'torch.tanh(X.flatten() @ W.T)', vars: { X, W }, wrt: ['X', 'W'], g: G }]);
  for (const spelling of ['X.flatten()', 'X.view(-1)', 'X.reshape(-1)', 'torch.flatten(X)', 'torch.reshape(X, (-1,))']) {
    const src = `import torch.nn as nn\n# X: (3, 2)\n# W: (4, 6)\ny = torch.tanh(F.linear(${spelling}, W))`;
    const a = analyzeOk(src, { notation: 'python', wrt: ['X', 'W'], values: valuesJSON({ X, W, g: G }), numeric: true });
    const J = denseFromCoo(a.jacobian.values as never, 4, 30);
    assertDenseClose(J, fdJacobian(f, { X, W }, ['X', 'W']), 1e-7, `${spelling}: J vs differences`);
    assertDenseClose(J, want!.J, 1e-12, `${spelling}: J vs torch.autograd`);
    assert.match(a.jacobian.unicode, /K_\{3,2\}/, `${spelling}: the commutation matrix K_{3,2} maps vec X to vec Xᵀ`);
  }
});

test("np.ravel(X, order='F') is vec X itself; torch.flatten(X, 1) of a matrix is X; other reshapes are refused", () => {
  const a = analyzeOk("import numpy as np\n# X: (3, 2)\ny = np.tanh(np.ravel(X, order='F'))", { notation: 'python' });
  assert.equal(a.jacobian.unicode, 'diag(tanh′(vec(X)))');
  const b = analyzeOk('import torch\n# X: (3, 2)\ny = torch.tanh(torch.flatten(X, 1))', { notation: 'python' });
  assert.deepEqual(b.output.shape, [3, 2]);
  const src = 'import torch\n# x: (12,)\ny = torch.tanh(x.view(3, 4))';
  const c = analyze(src, { notation: 'python' });
  assert.equal(c.ok, false);
  if (c.ok) return;
  assert.equal(c.error.message, 'reshapes are not supported, except a matrix flattened whole (x.view(-1), x.flatten()): write the layer on matrices and vectors');
  assert.equal(src.slice(c.error.start, c.error.end), 'x.view');
});

test('single-head attention softmax(q kᵀ/√d) v with projections X W_q, X W_k, X W_v: J and ∇ by the projections against torch.autograd', () => {
  const v: Vars = { X: r(4, 5), Wq: r(5, 3), Wk: r(5, 3), Wv: r(5, 3) };
  const names = ['Wq', 'Wk', 'Wv'];
  const G = r(4, 3);
  const src = 'import math\nimport torch\n# X: (4, 5)\n# Wq: (5, 3)\n# Wk: (5, 3)\n# Wv: (5, 3)\nq = X @ Wq\nk = X @ Wk\nv = X @ Wv\n' +
    'att = F.softmax(q @ k.transpose(-2, -1) / math.sqrt(3), dim=-1)\ny = att @ v';
  /** Each row of the scores normalised, written out here. */
  const f = (p: Vars): D.M => {
    const [q, k, val] = [D.mul(p.X!, p.Wq!), D.mul(p.X!, p.Wk!), D.mul(p.X!, p.Wv!)];
    const s = D.scale(1 / Math.sqrt(3), D.mul(q, D.T(k)));
    const att = D.mk(4, 4, (i, j) => {
      const row = [0, 1, 2, 3].map((c) => Math.exp(D.at(s, i, c)));
      return row[j]! / row.reduce((a, b) => a + b, 0);
    });
    return D.mul(att, val);
  };
  const [want] = torchJacobians([{ torch: 'F.softmax((X @ Wq) @ (X @ Wk).transpose(-2, -1) / 3 ** 0.5, dim=-1) @ (X @ Wv)', vars: v, wrt: names, g: G }]);
  const a = analyzeOk(src, { notation: 'python', wrt: names, values: valuesJSON({ ...v, g: G }), numeric: true });
  const J = denseFromCoo(a.jacobian.values as never, 12, 45);
  assertDenseClose(J, fdJacobian(f, v, names), 1e-7, 'J vs differences');
  assertDenseClose(J, want!.J, 1e-10, 'J vs torch.autograd');
  let o = 0;
  for (const w of names) {
    assertClose(flatValues(a.gradient?.[w]?.values as never), rowMajorOfVec(want!.vjp.slice(o, o + 15), 5, 3), 1e-10, `∂L/∂${w}`);
    o += 15;
  }
  assert.equal(a.check?.passed, true);
});
