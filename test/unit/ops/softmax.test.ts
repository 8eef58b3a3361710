// Softmax along an axis, as PyTorch, JAX and SciPy spell it: over a row vector (PyTorch's
// convention), along each row (dim=-1) or each column (dim=0) of a matrix, after a layer and as a
// module. Each Jacobian is checked against central differences of a forward map written here and
// against torch.autograd (Debian's /usr/bin/python3 with python3-torch, run once for the file);
// the gradient Jᵀg against torch's vector–Jacobian product.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { torchJacobians } from '../helpers/torch';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, flatValues, rowMajorOfVec, valuesJSON, type Dense, type Vars } from '../helpers/oracle';

type Axis = 'all' | 'row' | 'col';

/** softmax of each group of entries, written out here (the second system). */
function softmaxAlong(z: D.M, axis: Axis): D.M {
  if (axis === 'all') return D.softmax(z);
  const groups = axis === 'row' ? z.rows : z.cols;
  const part = (g: number): D.M => (axis === 'row' ? D.mk(1, z.cols, (_, j) => D.at(z, g, j)) : D.mk(z.rows, 1, (i) => D.at(z, i, g)));
  const parts = Array.from({ length: groups }, (_, g) => D.softmax(part(g)));
  return D.mk(z.rows, z.cols, (i, j) => (axis === 'row' ? D.at(parts[i]!, 0, j) : D.at(parts[j]!, i, 0)));
}

interface Case {
  title: string;
  source: string;
  /** The same map in PyTorch, over tensors named as the variables (1-D where the source declares (n,)). */
  torch: string;
  vars: Vars;
  /** Which variables are 1-D tensors in PyTorch (a row 1×n in a file with PyTorch's row convention, else a column). */
  oneD?: readonly string[];
  wrt: readonly string[];
  f: (v: Vars) => D.M;
  /** python unless given */
  notation?: 'math' | 'latex';
}

const next = D.rng(9);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 3 * next() - 1.5);
const affineRow = (v: Vars): D.M => D.add(D.mul(v.x!, D.T(v.W!)), v.b!);

const CASES: Case[] = [
  {
    title: 'a PyTorch row vector after a layer: F.softmax(x @ W.T + b, dim=-1)',
    source: '# x: (1, 4)\n# W: (3, 4)\n# b: (3,)\ny = F.softmax(x @ W.T + b, dim=-1)',
    torch: 'F.softmax(x @ W.T + b, dim=-1)', vars: { x: r(1, 4), W: r(3, 4), b: r(1, 3) }, oneD: ['b'], wrt: ['W', 'b', 'x'],
    f: (v) => D.softmax(affineRow(v)),
  },
  {
    title: 'torch.softmax of a row, dim given positionally',
    source: '# z: (1, 5)\ny = torch.softmax(z, -1)',
    torch: 'torch.softmax(z, -1)', vars: { z: r(1, 5) }, wrt: ['z'], f: (v) => D.softmax(v.z!),
  },
  {
    title: 'a 1-D vector along its only axis: F.softmax(s, dim=0)',
    source: '# s: (4,)\ny = F.softmax(s, dim=0)',
    torch: 'F.softmax(s, dim=0)', vars: { s: r(4, 1) }, oneD: ['s'], wrt: ['s'], f: (v) => D.softmax(v.s!),
  },
  {
    title: 'each row of a matrix: F.softmax(att, dim=-1)',
    source: '# att: (4, 3)\ny = F.softmax(att, dim=-1)',
    torch: 'F.softmax(att, dim=-1)', vars: { att: r(4, 3) }, wrt: ['att'], f: (v) => softmaxAlong(v.att!, 'row'),
  },
  {
    title: 'each column of a matrix: F.softmax(att, dim=0)',
    source: '# att: (4, 3)\ny = F.softmax(att, dim=0)',
    torch: 'F.softmax(att, dim=0)', vars: { att: r(4, 3) }, wrt: ['att'], f: (v) => softmaxAlong(v.att!, 'col'),
  },
  {
    title: 'a tensor method with dim=1: att.softmax(dim=1)',
    source: '# att: (3, 5)\ny = att.softmax(dim=1)',
    torch: 'att.softmax(dim=1)', vars: { att: r(3, 5) }, wrt: ['att'], f: (v) => softmaxAlong(v.att!, 'row'),
  },
  {
    title: 'dim=-2 is each column',
    source: '# att: (3, 2)\ny = torch.softmax(att, dim=-2)',
    torch: 'torch.softmax(att, dim=-2)', vars: { att: r(3, 2) }, wrt: ['att'], f: (v) => softmaxAlong(v.att!, 'col'),
  },
  {
    title: 'a batch through a layer: F.softmax(X @ W.T + b, dim=-1), the bias broadcast over rows',
    source: '# X: (5, 4)\n# W: (3, 4)\n# b: (3,)\ny = F.softmax(X @ W.T + b, dim=-1)',
    torch: 'F.softmax(X @ W.T + b, dim=-1)', vars: { X: r(5, 4), W: r(3, 4), b: r(1, 3) }, oneD: ['b'], wrt: ['W', 'b'],
    f: (v) => softmaxAlong(D.add(D.mul(v.X!, D.T(v.W!)), v.b!), 'row'),
  },
  {
    title: 'nn.Softmax(dim=-1) as a module',
    source: 'import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.sm = nn.Softmax(dim=-1)\n    def forward(self, att):\n        # att: (2, 4)\n        return self.sm(att)',
    torch: 'torch.nn.Softmax(dim=-1)(att)', vars: { att: r(2, 4) }, wrt: ['att'], f: (v) => softmaxAlong(v.att!, 'row'),
  },
  {
    title: 'nn.Softmax(0) as a module, the column axis positionally',
    source: 'import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.sm = nn.Softmax(0)\n    def forward(self, att):\n        # att: (2, 4)\n        return self.sm(att)',
    torch: 'torch.nn.Softmax(0)(att)', vars: { att: r(2, 4) }, wrt: ['att'], f: (v) => softmaxAlong(v.att!, 'col'),
  },
  {
    title: 'log_softmax along each row: F.log_softmax(att, dim=-1)',
    source: '# att: (3, 4)\ny = F.log_softmax(att, dim=-1)',
    torch: 'F.log_softmax(att, dim=-1)', vars: { att: r(3, 4) }, wrt: ['att'], f: (v) => D.map(softmaxAlong(v.att!, 'row'), Math.log),
  },
  {
    title: "JAX's default axis is the last: jax.nn.softmax(att)",
    source: '# att: (3, 4)\ny = jax.nn.softmax(att)',
    torch: 'torch.softmax(att, dim=-1)', vars: { att: r(3, 4) }, wrt: ['att'], f: (v) => softmaxAlong(v.att!, 'row'),
  },
  {
    title: "SciPy's default is every entry: scipy.special.softmax(v) of a vector",
    source: '# v: (5,)\ny = scipy.special.softmax(v)',
    torch: 'torch.softmax(v, dim=0)', vars: { v: r(5, 1) }, oneD: ['v'], wrt: ['v'], f: (v) => D.softmax(v.v!),
  },
  {
    title: 'attention scores in math notation, as the softmax of each row prints: softmax_row(Q*K\')',
    source: "S = softmax_row(Q*K')", notation: 'math',
    torch: 'torch.softmax(Q @ K.T, dim=-1)', vars: { Q: r(3, 4), K: r(5, 4) }, wrt: ['Q', 'K'],
    f: (v) => softmaxAlong(D.mul(v.Q!, D.T(v.K!)), 'row'),
  },
  {
    title: 'each column in LaTeX, as it prints: \\operatorname{softmax}_{\\mathrm{col}}(QK^\\top)',
    source: 'S = \\operatorname{softmax}_{\\mathrm{col}}(Q K^\\top)', notation: 'latex',
    torch: 'torch.softmax(Q @ K.T, dim=0)', vars: { Q: r(4, 2), K: r(3, 2) }, wrt: ['Q'],
    f: (v) => softmaxAlong(D.mul(v.Q!, D.T(v.K!)), 'col'),
  },
];

/** An upstream gradient g for each case, the shape of its output. */
const G = CASES.map((c) => {
  const y = c.f(c.vars);
  return r(y.rows, y.cols);
});

/** torch.autograd's Jacobian per case in column-major vec order, and its VJP with g. */
let TORCH: Array<{ J: Dense; vjp: number[] }> = [];

before(() => {
  TORCH = torchJacobians(CASES.map((c, k) => ({ ...c, g: G[k]! })));
});

CASES.forEach((c, k) => {
  test(`softmax: ${c.title} — J against differences and torch.autograd, ∇ against torch's VJP`, () => {
    const g = G[k]!;
    const a = analyzeOk(c.source, { notation: c.notation ?? 'python', wrt: [...c.wrt], values: valuesJSON({ ...c.vars, g }), numeric: true });
    const [rows, cols] = a.jacobian.shape as [number, number];
    const J = denseFromCoo(a.jacobian.values as never, rows, cols);
    assertDenseClose(J, fdJacobian(c.f, c.vars, c.wrt), 1e-7, `${c.title}: J vs differences`);
    assertDenseClose(J, TORCH[k]!.J, 1e-12, `${c.title}: J vs torch.autograd`);
    assert.equal(a.check?.passed, true, 'every printed formula evaluates to its numbers');
    assert.deepEqual(a.check?.formulas.failed, []);
    const want = TORCH[k]!.vjp;
    let o = 0;
    for (const w of c.wrt) {
      const { rows: wr, cols: wc } = c.vars[w]!;
      assertClose(flatValues(a.gradient?.[w]?.values as never), rowMajorOfVec(want.slice(o, o + wr * wc), wr, wc), 1e-12, `∂L/∂${w}`);
      o += wr * wc;
    }
  });
});

test('softmax along each row: the Jacobian is printed in Kronecker form, one diag(sᵢ) − sᵢsᵢᵀ block per row', () => {
  const a = analyzeOk('# att: (4, 3)\ny = F.softmax(att, dim=-1)', { notation: 'python', wrt: ['att'] });
  assert.equal(a.jacobian.unicode, 'diag(vec(softmax_row(att))) − diag(vec(softmax_row(att))) ((𝟏 𝟏ᵀ) ⊗ I₄) diag(vec(softmax_row(att)))');
  // 4 blocks of 3×3: the structure is counted, not the dense 12×12
  assert.equal(a.jacobian.nnz, 36);
  assert.equal(a.gradient?.att?.unicode, 'softmax_row(att) ⊙ (g − (g ⊙ softmax_row(att)) 𝟏 𝟏ᵀ)');
});

test('softmax along each column: I_n ⊗ 𝟏𝟏ᵀ links the entries of a column, and the gradient sums down columns', () => {
  const a = analyzeOk('# att: (4, 3)\ny = F.softmax(att, dim=0)', { notation: 'python', wrt: ['att'] });
  assert.equal(a.jacobian.unicode, 'diag(vec(softmax_col(att))) − diag(vec(softmax_col(att))) (I₃ ⊗ (𝟏 𝟏ᵀ)) diag(vec(softmax_col(att)))');
  assert.equal(a.jacobian.nnz, 48);
  assert.equal(a.gradient?.att?.unicode, 'softmax_col(att) ⊙ (g − 𝟏 𝟏ᵀ (g ⊙ softmax_col(att)))');
});

test('softmax of a row vector: diag(s) − sᵀs, where vec s = sᵀ (no internal error)', () => {
  const a = analyzeOk('# z: (1, 3)\ny = torch.softmax(z, dim=-1)', { notation: 'python', wrt: ['z'] });
  assert.equal(a.jacobian.unicode, 'diag(softmax(z)) − softmax(z)ᵀ softmax(z)');
  assert.deepEqual(a.jacobian.shape, [3, 3]);
});

test('softmax along a third axis is refused with what to declare instead', () => {
  const src = '# att: (4, 3)\ny = F.softmax(att, dim=2)';
  const a = analyze(src, { notation: 'python' });
  assert.equal(a.ok, false);
  if (a.ok) return;
  assert.match(a.error.message, /^softmax along axis 2 needs a tensor of 3 or more axes, which has no matrix form: declare one head or one sample as a matrix/);
  assert.equal(src.slice(a.error.start, a.error.end), '2');
});

test('a 3-D tensor is refused with what to declare: one sample or head as a matrix of its last two axes', () => {
  const src = '# att: (8, 16, 16)\ny = F.softmax(att, dim=-1)';
  const a = analyze(src, { notation: 'python' });
  assert.equal(a.ok, false);
  if (a.ok) return;
  assert.equal(a.error.message, 'att has 3 axes (8, 16, 16): Kronecker Lens works with matrices and vectors; to analyse one sample or one head, declare it as a matrix of the last two axes (# att: (16, 16))');
  assert.equal(src.slice(a.error.start, a.error.end), 'att: (8, 16, 16)');
});

test('softmax of a matrix in math and LaTeX is refused at the softmax, saying how to write each row or each column', () => {
  const cases: Array<[string, 'math' | 'latex', string]> = [
    ["S = softmax(Q*K')", 'math', "Q*K'"],
    ['S = \\mathrm{softmax}(QK^\\top/\\sqrt{d})', 'latex', 'QK^\\top/\\sqrt{d}'],
  ];
  for (const [src, notation, arg] of cases) {
    const a = analyze(src, { notation, shapes: { Q: [4, 8], K: [6, 8] } });
    assert.equal(a.ok, false, src);
    if (a.ok) continue;
    assert.equal(a.error.message, `softmax needs a vector, but ${arg} is 4×6; the softmax of each row is softmax_row(${arg}) ` +
      `(\\operatorname{softmax}_{\\mathrm{row}} in LaTeX, dim=-1 in PyTorch), of each column softmax_col(${arg})`);
    assert.match(src.slice(a.error.start, a.error.end), /softmax\}?\(/);
  }
});

test('an undeclared matrix made a vector to fit a softmax is said in a note; a guessed vector is not', () => {
  const bent = analyzeOk("S = softmax(Q*K')", { wrt: ['Q'] });
  assert.deepEqual(bent.variables.K?.shape, [1, 'n']);
  assert.ok(bent.notes.some((n) => n.startsWith("softmax needs a vector: K (1×n) is not declared and read so that Q*K' is a column. If Q*K' is a matrix, the softmax of each row is softmax_row(Q*K')")), bent.notes.join('\n'));
  const layer = analyzeOk('y = softmax(W*x + b)', { wrt: ['W'] });
  assert.deepEqual(layer.notes.filter((n) => n.startsWith('softmax needs a vector')), []);
});

test('with numbers, each block counts its stored entries: ∂S/∂Q of softmax_row(QKᵀ) holds one row of Q per entry of S, 16·8', () => {
  const a = analyzeOk("S = softmax_row(Q*K')", { wrt: ['Q', 'K'], shapes: { Q: [4, 8], K: [4, 8] }, numeric: true });
  const [dQ, dK] = a.jacobian.blocks;
  // entry (i, j) of S reads row i of Q (8 entries) and all of K: 16 × 8 for Q, dense 16 × 32 for K
  assert.equal(dQ?.nnz, 128);
  assert.equal(dK?.nnz, 512);
  const coo = a.jacobian.values!;
  assert.equal(coo.cols.filter((j) => j < 32).length, 128, 'stored entries in ∂S/∂Q');
  assert.equal(a.jacobian.nnz, 640);
});
