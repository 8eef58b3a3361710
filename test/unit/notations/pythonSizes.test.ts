// Issue 9, Python: the size of an axis in a formula (nanoGPT's attention scale,
// `(q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))`) is the constant the declaration
// gives: a number, or a size's name d written 𝟏ᵀ𝟏 whose value is d. The oracle is PyTorch autograd
// on the same attention with the same values; an axis the reading does not know is refused.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, valueJSON, type Dense } from '../helpers/oracle';
import { torchJacobians } from '../helpers/torch';

const attention = (decl: string, scale: string) => `import math
import torch
import torch.nn.functional as F

def head(q, k, v):
    # q: ${decl}, k: ${decl}, v: ${decl}
    att = ${scale}
    return F.softmax(att, dim=-1) @ v
`;

const SCALES = [
  '(q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))',
  'q @ k.transpose(-2, -1) / math.sqrt(k.shape[-1])',
  'q @ k.T / math.sqrt(k.size()[-1])',
  'q @ k.T / math.sqrt(k.size(dim=1))',
];

const next = D.rng(9);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);
const vars = { q: r(4, 2), k: r(4, 2), v: r(4, 2) };
const values = Object.fromEntries(Object.entries(vars).map(([n, m]) => [n, valueJSON(m)]));

let TORCH: { J: Dense; y: number[] };
before(() => {
  TORCH = torchJacobians([{ torch: 'F.softmax(q @ k.T / 2 ** 0.5, dim=-1) @ v', vars, wrt: ['q', 'k', 'v'], g: D.mk(4, 2, () => 0.5) }])[0]!;
});

describe('Python: the size of an axis as a constant', () => {
  for (const decl of ['(4, 2)', '(T, d)']) {
    SCALES.forEach((scale) => {
      it(`${scale} with q, k, v: ${decl} is scaled by 1/√2, as PyTorch computes it`, () => {
        const a = analyzeOk(attention(decl, scale), { notation: 'python', values, wrt: ['q', 'k', 'v'], numeric: true });
        assertClose(a.numbers!.output.data, TORCH.y, 1e-12, 'output');
        assertDenseClose(denseFromCoo(a.jacobian.values!, 8, 24), TORCH.J, 1e-10, 'Jacobian');
        assert.equal(a.check?.passed, true);
        const d = decl === '(4, 2)' ? '2' : 'd, written 𝟏ᵀ𝟏 with 𝟏 the ones column of length d';
        assert.ok(a.notes.some((n) => n.includes(`of k is read from its declaration as the constant ${d} (never differentiated)`)), a.notes.join('\n'));
      });
    });
  }

  it('the size is a constant: it is no parameter of the Jacobian', () => {
    const a = analyzeOk(attention('(T, d)', SCALES[0]!), { notation: 'python' });
    assert.deepEqual([...a.wrt].sort(), ['k', 'q', 'v']);
  });

  it('the size of an axis of an undeclared tensor is refused with what to declare', () => {
    const src = 'import math\n\ndef scores(q, k):\n    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))\n    return att\n';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, 'the size of axis -1 of k is not known here: declare k as an input (# k: (T, d))');
    assert.equal(src.slice(a.error.start, a.error.end), 'k.size(-1)');
  });

  it('an axis the declaration does not have is refused', () => {
    const src = 'import math\n\ndef scores(q, k):\n    # q: (T, d), k: (T, d)\n    return q @ k.T / math.sqrt(k.size(2))\n';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (!a.ok) assert.equal(a.error.message, 'k is declared with 2 axes (T, d): it has no axis 2');
  });
});

// A head whose keys come from an nn.Linear (as in the attention heads of GPT lectures): the last
// axis of k = self.key(x) is the Linear's out_features, known from the layer, not from a declaration.
const headClass = (decl: string, sizes: string, scale: string) => `import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.key = nn.Linear(${sizes}, bias=False)
        self.query = nn.Linear(${sizes}, bias=False)
        self.value = nn.Linear(${sizes}, bias=False)

    def forward(self, x):
        ${decl}
        k = self.key(x)
        q = self.query(x)
        att = ${scale}
        att = F.softmax(att, dim=-1)
        v = self.value(x)
        return att @ v
`;

describe('Python: the size of an axis of an assigned value, from the shape the reading knows', () => {
  const W = { W_key: r(2, 4), W_query: r(2, 4), W_value: r(2, 4) };
  const x = r(3, 4);
  const torchExpr = 'F.softmax((x @ W_query.T) @ (x @ W_key.T).T / 2 ** 0.5, dim=-1) @ (x @ W_value.T)';
  let ORACLE: { J: Dense; y: number[] };
  before(() => {
    ORACLE = torchJacobians([{ torch: torchExpr, vars: { x, ...W }, wrt: ['W_key', 'W_query', 'W_value'], g: D.mk(3, 2, () => 0.5) }])[0]!;
  });
  const SCALE = ['(q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))', 'q @ k.transpose(-2, -1) * k.shape[-1] ** -0.5'];

  for (const scale of SCALE) {
    it(`${scale}, k = self.key(x) with nn.Linear(4, 2) and x: (3, 4): scaled by 1/√2, as PyTorch computes it`, () => {
      const a = analyzeOk(headClass('# x: (3, 4)', '4, 2', scale), {
        notation: 'python', values: Object.fromEntries(Object.entries({ x, ...W }).map(([n, m]) => [n, valueJSON(m)])), wrt: ['W_key', 'W_query', 'W_value'], numeric: true,
      });
      assertClose(a.numbers!.output.data, ORACLE.y, 1e-12, 'output');
      assertDenseClose(denseFromCoo(a.jacobian.values!, 6, 24), ORACLE.J, 1e-10, 'Jacobian');
      assert.ok(a.notes.some((n) => n.includes('The size of axis -1 of k is read from the shape of its value as the constant 2 (never differentiated)')), a.notes.join('\n'));
    });
  }

  it('with symbolic sizes and x undeclared (one sample, a row), the size is the out_features name head_size', () => {
    const a = analyzeOk(headClass('', 'n_embd, head_size', SCALE[0]!), { notation: 'python' });
    assert.ok(a.notes.some((n) => n.includes('of k is read from the shape of its value as the constant head_size, written 𝟏ᵀ𝟏')), a.notes.join('\n'));
    assert.ok(!a.notes.some((n) => n.includes('cannot be read')), a.notes.join('\n'));
    assert.deepEqual(a.output.shape, [1, 'head_size']);
  });

  it('with vectors as columns, h = W @ x of a declared W (3, 5) and x (5,) is 1-D of size 3', () => {
    const src = 'import math\nimport numpy as np\n\ndef f(W, x):\n    # W: (3, 5), x: (5,)\n    h = W @ x\n    return np.tanh(h) / math.sqrt(h.shape[-1])\n';
    const [Wv, xv] = [r(3, 5), r(5, 1)];
    const a = analyzeOk(src, { notation: 'python', values: { W: valueJSON(Wv), x: Array.from(xv.data) }, numeric: true });
    assertClose(a.numbers!.output.data, Array.from(D.map(D.mul(Wv, xv), (v) => Math.tanh(v) / Math.sqrt(3)).data), 1e-12, 'tanh(Wx)/√3');
    const no = analyze(src.replace('h.shape[-1]', 'h.shape[1]'), { notation: 'python' });
    assert.equal(no.ok, false);
    if (!no.ok) assert.equal(no.error.message, 'h is 1-D here: it has no axis 1');
  });

  it('a value assigned by a statement that is not read keeps its declaration: its last axis is the declared d', () => {
    const src = 'import math\nimport torch\n\ndef f(x):\n    # h: (4, 3)\n    h = x.view(-1, 3)\n    return torch.tanh(h) / math.sqrt(h.size(-1))\n';
    const h = r(4, 3);
    const a = analyzeOk(src, { notation: 'python', values: { h_1: valueJSON(h) }, numeric: true });
    assertClose(a.numbers!.output.data, D.rowMajor(D.map(h, (v) => Math.tanh(v) / Math.sqrt(3))), 1e-12, 'tanh(h)/√3');
    assert.ok(a.notes.some((n) => n.includes('The size of axis -1 of h is read from the shape of its value as the constant 3')), a.notes.join('\n'));
  });

  it('an assigned value whose shape is not known is refused, saying what to declare', () => {
    const src = 'import math\nimport numpy as np\n\ndef f(W, x):\n    h = W @ x\n    return np.tanh(h) / math.sqrt(h.shape[-1])\n';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, 'the size of axis -1 of h is not known here: h is assigned a value whose shape is not known; declare the inputs it is computed from (# x: (T, d))');
    assert.equal(src.slice(a.error.start, a.error.end), 'h.shape[-1]');
  });
});
