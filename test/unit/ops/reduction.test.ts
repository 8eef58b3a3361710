// Sums and means along an axis (ops/reduction.ts, read by notations/python/reduce.ts): each row X𝟏,
// each column 𝟏ᵀX, every entry 𝟏ᵀX𝟏, a mean divided by the count; kept dimensions spread over what
// they divide (a softmax written by hand). Each case states its reading and Jacobian shape; each
// Jacobian is checked against central differences of a forward map written here and against
// torch.autograd, each gradient against torch's VJP.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, flatValues, rowMajorOfVec, valuesJSON, type Dense, type Vars } from '../helpers/oracle';
import { torchJacobians } from '../helpers/torch';

/** Row sums (a column) and column sums (a row) of A. */
const rowSums = (A: D.M): D.M => D.mk(A.rows, 1, (i) => Array.from({ length: A.cols }, (_, j) => D.at(A, i, j)).reduce((s, v) => s + v, 0));
const colSums = (A: D.M): D.M => D.T(rowSums(D.T(A)));

interface Case {
  title: string;
  source: string;
  /** The definition as the tool should print it. */
  reading: string;
  shape: [number, number];
  torch: string;
  vars: Vars;
  oneD?: readonly string[];
  wrt: readonly string[];
  f: (v: Vars) => D.M;
}

const next = D.rng(29);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);

const CASES: Case[] = [
  {
    title: 'x − x.mean(dim=-1, keepdim=True): each row centred, X − X𝟏/4 (the column spread by +)',
    source: 'import torch\n# x: (3, 4)\ny = x - x.mean(dim=-1, keepdim=True)',
    reading: 'x − (x 𝟏) / 4', shape: [12, 12],
    torch: 'x - x.mean(dim=-1, keepdim=True)', vars: { x: r(3, 4) }, wrt: ['x'],
    f: (v) => D.sub(v.x!, D.scale(1 / 4, rowSums(v.x!))),
  },
  {
    title: 'np.sum(np.tanh(X @ W), axis=0): column sums 𝟏ᵀ tanh(XW), 1-D so a column here (no row evidence)',
    source: 'import numpy as np\n# X: (4, 3)\n# W: (3, 2)\ny = np.sum(np.tanh(X @ W), axis=0)',
    reading: '(𝟏ᵀ tanh(XW))ᵀ', shape: [2, 18],
    torch: 'torch.tanh(X @ W).sum(0)', vars: { X: r(4, 3), W: r(3, 2) }, wrt: ['X', 'W'],
    f: (v) => D.T(colSums(D.map(D.mul(v.X!, v.W!), Math.tanh))),
  },
  {
    title: 'F.linear(X, W).mean(dim=-1): row means of X Wᵀ, 1-D so a row (F.linear is the row convention)',
    source: 'import torch\nimport torch.nn.functional as F\n# X: (3, 4)\n# W: (2, 4)\ny = F.linear(X, W).mean(dim=-1)',
    reading: '((X Wᵀ 𝟏) / 2)ᵀ', shape: [3, 20],
    torch: 'F.linear(X, W).mean(dim=-1)', vars: { X: r(3, 4), W: r(2, 4) }, wrt: ['X', 'W'],
    f: (v) => D.T(D.scale(1 / 2, rowSums(D.mul(v.X!, D.T(v.W!))))),
  },
  {
    title: 'torch.mean(X, 0) by position: the column means 𝟏ᵀX/3, 1-D so a column (no row evidence)',
    source: 'import torch\n# X: (3, 2)\ny = torch.mean(X, 0)',
    reading: '((𝟏ᵀ X) / 3)ᵀ', shape: [2, 6],
    torch: 'torch.mean(X, 0)', vars: { X: r(3, 2) }, wrt: ['X'],
    f: (v) => D.T(D.scale(1 / 3, colSums(v.X!))),
  },
  {
    title: 'a softmax by hand, e / np.sum(e, axis=1, keepdims=True): the kept column spread as (e𝟏)𝟏ᵀ',
    source: 'import numpy as np\n# S: (3, 4)\ne = np.exp(S)\ny = e / np.sum(e, axis=1, keepdims=True)',
    reading: 'e / (e 𝟏 𝟏ᵀ)', shape: [12, 12],
    torch: 'torch.softmax(S, 1)', vars: { S: r(3, 4) }, wrt: ['S'],
    f: (v) => {
      const e = D.map(v.S!, Math.exp);
      return D.ediv(e, rowSums(e));
    },
  },
  {
    title: 'X.mean(): every entry, 𝟏ᵀX𝟏/12',
    source: 'import torch\n# X: (3, 4)\ny = X.mean()',
    reading: '(𝟏ᵀ X 𝟏) / 12', shape: [1, 12],
    torch: 'X.mean()', vars: { X: r(3, 4) }, wrt: ['X'],
    f: (v) => D.scalar(D.sumAll(v.X!) / 12),
  },
  {
    title: 'a 1-D x has one axis: x.sum(0) is all of it',
    source: 'import torch\n# x: (5,)\n# W: (5, 3)\ny = torch.tanh(x @ W).sum(0)',
    reading: 'sum(tanh(xW))', shape: [1, 20],
    torch: 'torch.tanh(x @ W).sum(0)', vars: { x: r(1, 5), W: r(5, 3) }, oneD: ['x'], wrt: ['x', 'W'],
    f: (v) => D.scalar(D.sumAll(D.map(D.mul(v.x!, v.W!), Math.tanh))),
  },
];

const G = CASES.map((c) => {
  const y = c.f(c.vars);
  return r(y.rows, y.cols);
});
let TORCH: Array<{ J: Dense; vjp: number[] }> = [];

before(() => {
  TORCH = torchJacobians(CASES.map((c, k) => ({ ...c, g: G[k]! })));
});

CASES.forEach((c, k) => {
  test(`reduction: ${c.title}`, () => {
    const a = analyzeOk(c.source, { notation: 'python', wrt: [...c.wrt], values: valuesJSON({ ...c.vars, g: G[k]! }), numeric: true });
    assert.equal(a.definition.unicode.split(';  ').pop()?.replace(/^y = /, ''), c.reading);
    assert.deepEqual(a.jacobian.shape, c.shape);
    const J = denseFromCoo(a.jacobian.values as never, c.shape[0], c.shape[1]);
    assertDenseClose(J, fdJacobian(c.f, c.vars, c.wrt), 1e-6, `${c.title}: J vs differences`);
    assertDenseClose(J, TORCH[k]!.J, 1e-10, `${c.title}: J vs torch.autograd`);
    assert.equal(a.check?.passed, true, 'every printed formula evaluates to its numbers');
    // a 1×1 output is L itself: its gradient is torch's VJP with g divided out
    const per = c.shape[0] === 1 ? 1 / D.first(G[k]!) : 1;
    let o = 0;
    for (const w of c.wrt) {
      const { rows: wr, cols: wc } = c.vars[w]!;
      const want = rowMajorOfVec(TORCH[k]!.vjp.slice(o, o + wr * wc).map((v) => v * per), wr, wc);
      assertClose(flatValues(a.gradient?.[w]?.values as never), want, 1e-10, `∂L/∂${w}`);
      o += wr * wc;
    }
  });
});

test('the Jacobian of a row mean is the Kronecker form (𝟏ᵀ ⊗ I)/n, and the gradient (G/n)𝟏ᵀ', () => {
  const a = analyzeOk('import torch\n# X: (3, 4)\ny = X.mean(dim=-1, keepdim=True)', { notation: 'python' });
  assert.equal(a.jacobian.unicode, '0.25 (𝟏ᵀ ⊗ I₃)');
  assert.equal(a.gradient?.X?.unicode, '(g / 4) 𝟏ᵀ');
});

test('the axis convention is stated: which axis, PyTorch’s layout, and how a 1-D result is read', () => {
  const a = analyzeOk('import torch\nimport torch.nn.functional as F\n# X: (3, 4)\n# W: (2, 4)\ny = F.linear(X, W).mean(dim=-1)', { notation: 'python' });
  const note = a.notes.find((n) => n.startsWith('mean:'));
  assert.equal(note, "mean: the last axis (dim=-1, axis=1) runs along each row of X ∈ ℝ^{m×n}: with a sample per row (X ∈ ℝ^{batch×features}, PyTorch's layout) " +
    "that is over each sample's features; written X𝟏/n, with 𝟏 the ones column. Without keepdim the result is 1-D, and 1-D tensors are rows here: (X𝟏/n)ᵀ.");
});

test('a symbolic batch: x − x.mean(-1, keepdim=True) with x: (N, d) keeps N and d', () => {
  const a = analyzeOk('import torch\n# x: (N, d)\ny = x - x.mean(-1, keepdim=True)', { notation: 'python' });
  assert.deepEqual(a.jacobian.shape, ['Nd', 'Nd']);
  assert.equal(a.definition.unicode, 'y = x − (x 𝟏) / (𝟏ᵀ 𝟏)');
});

/** [source, message, the text it points at]. */
const REFUSED: Array<[string, string, string]> = [
  ['import numpy as np\ndef f(S):\n    return np.sum(np.exp(S), axis=-1)',
    'sum along this axis depends on whether its input is 1-D or 2-D, which is not known here: declare the inputs (# x: (N, d))', 'np.sum(np.exp(S), axis=-1)'],
  ['import torch\n# X: (3, 4)\ny = X.sum(dim=2)',
    'sum along axis 2 needs a tensor of 3 or more axes, which has no matrix form: declare one head or one sample as a matrix (# att: (T, T)) and write the layer for it', '2'],
  ['import torch\n# X: (3, 4)\ny = X.mean(dim=(0, 2))', 'mean along axis 2 needs a tensor of 3 or more axes, which has no matrix form: declare one head or one sample as a matrix (# att: (T, T)) and write the layer for it', '2'],
  ['import torch\n# X: (3, 4)\ny = X.mean(dim=-1, keepdim=k)', 'keepdim must be written True or False', 'k'],
];

for (const [source, message, where] of REFUSED) {
  test(`reduction refused with a reason: ${message}`, () => {
    const a = analyze(source, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, message);
    assert.equal(source.slice(a.error.start, a.error.end), where);
  });
}
