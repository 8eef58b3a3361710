// NumPy's and PyTorch's 1-D semantics in Python files: a 1-D tensor is a vector, a row on the left
// of `@` and a column on the right, the product dropping that axis (w @ w and x @ A @ x are
// scalars); beside a matrix, `+`, `*` and `/` repeat it over the rows. The oracle is PyTorch itself
// (autograd, float64) on the same expression and values: the output and the Jacobian must agree.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, valueJSON, type Dense } from '../helpers/oracle';
import { mulberry32 } from '../../../src/core/numeric/values';
import { torchJacobians } from '../helpers/torch';

interface Case {
  /** The NumPy or PyTorch code of the definition, over the declared inputs. */
  readonly code: string;
  /** The same map in PyTorch (torch, F in scope). */
  readonly torch: string;
  readonly lib: 'numpy' | 'torch';
  /** Declared sizes, as the constructor takes them: one size is a 1-D tensor. */
  readonly inputs: Record<string, readonly number[]>;
  /** Entries of the output NumPy computes. */
  readonly size: number;
}

const CASES: readonly Case[] = [
  { code: 'w @ w', torch: 'w @ w', lib: 'numpy', inputs: { w: [4] }, size: 1 },
  { code: 'x @ A @ x', torch: 'x @ A @ x', lib: 'numpy', inputs: { x: [4], A: [4, 4] }, size: 1 },
  { code: 'x.T @ A @ x', torch: 'x @ A @ x', lib: 'numpy', inputs: { x: [4], A: [4, 4] }, size: 1 },
  { code: 'torch.softmax(X @ W.T + b, dim=-1)', torch: 'torch.softmax(X @ W.T + b, dim=-1)', lib: 'torch', inputs: { X: [5, 3], W: [4, 3], b: [4] }, size: 20 },
  { code: 'b + X @ W.T', torch: 'b + X @ W.T', lib: 'torch', inputs: { X: [5, 3], W: [4, 3], b: [4] }, size: 20 },
  // vectors are columns here, and NumPy still adds b to each row: b[j], not b[i]
  { code: 'W @ X + b', torch: 'W @ X + b', lib: 'numpy', inputs: { W: [3, 4], X: [4, 3], b: [3] }, size: 9 },
  { code: 'np.tanh(x) @ A + b', torch: 'torch.tanh(x) @ A + b', lib: 'numpy', inputs: { x: [4], A: [4, 3], b: [3] }, size: 3 },
  { code: 'A @ x @ W.T', torch: 'A @ x @ W.T', lib: 'torch', inputs: { x: [3], A: [4, 3], W: [2, 4] }, size: 2 },
  { code: 'x @ A.T @ W.T + A @ x @ W.T', torch: 'x @ A.T @ W.T + A @ x @ W.T', lib: 'torch', inputs: { x: [3], A: [4, 3], W: [2, 4] }, size: 2 },
  { code: '(X - m) * s / s', torch: '(X - m) * s / s', lib: 'numpy', inputs: { X: [5, 3], m: [3], s: [3] }, size: 15 },
  { code: 'np.dot(x, A) @ np.tanh(x)', torch: '(x @ A) @ torch.tanh(x)', lib: 'numpy', inputs: { x: [3], A: [3, 3] }, size: 1 },
  // a 1-D np.ones(n) is the all-ones vector 𝟏 of n entries, a column here and a row in the row convention
  { code: 'W @ x + np.ones(3)', torch: 'W @ x + torch.ones(3)', lib: 'numpy', inputs: { W: [3, 4], x: [4] }, size: 3 },
  { code: 'np.ones(4) @ x', torch: 'torch.ones(4) @ x', lib: 'numpy', inputs: { x: [4] }, size: 1 },
  { code: 'x @ A * torch.ones(3)', torch: 'x @ A * torch.ones(3)', lib: 'torch', inputs: { x: [4], A: [4, 3] }, size: 3 },
  { code: 'X @ W.T - torch.ones(2)', torch: 'X @ W.T - torch.ones(2)', lib: 'torch', inputs: { X: [5, 3], W: [2, 3] }, size: 10 },
];

const source = (c: Case): string => {
  const head = c.lib === 'numpy' ? 'import numpy as np\n' : 'import torch\n';
  const make = c.lib === 'numpy' ? 'np.random.randn' : 'torch.randn';
  return head + Object.entries(c.inputs).map(([n, dims]) => `${n} = ${make}(${dims.join(', ')})\n`).join('') + `y = ${c.code}\n`;
};

/** Seeded values: a 1-D input as a column (its entries), a matrix as it is. */
function valuesOf(c: Case, k: number): Record<string, D.M> {
  const u = mulberry32(1000 + k);
  return Object.fromEntries(Object.entries(c.inputs).map(([n, [r, cols]]) => [n, D.mk(r as number, cols ?? 1, () => 2 * u() - 1)]));
}

const oneD = (c: Case): string[] => Object.entries(c.inputs).filter(([, d]) => d.length === 1).map(([n]) => n);

let TORCH: Array<{ J: Dense; y: number[] }> = [];
before(() => {
  TORCH = torchJacobians(CASES.map((c, k) => ({
    torch: c.torch, vars: valuesOf(c, k), wrt: Object.keys(c.inputs), oneD: oneD(c), g: D.mk(c.size, 1, () => 0.5),
  })));
});

describe('Python: NumPy/PyTorch 1-D semantics against PyTorch', () => {
  CASES.forEach((c, k) => {
    it(`${c.lib}: ${c.code}`, () => {
      const vars = valuesOf(c, k);
      const values = Object.fromEntries(Object.entries(vars).map(([n, m]) => [n, oneD(c).includes(n) ? Array.from(m.data) : valueJSON(m)]));
      const wrt = Object.keys(c.inputs);
      const a = analyzeOk(source(c), { values, wrt, numeric: true, notation: 'python' });
      const [rows, cols] = a.output.shape as [number, number];
      assert.equal(rows * cols, c.size, `${c.code} is ${rows}×${cols}, NumPy's output has ${c.size} entries`);
      const want = TORCH[k]!;
      assertClose(a.numbers!.output.data, want.y, 1e-12, `${c.code} output`);
      const J = a.jacobian.values;
      assert.ok(J, 'the Jacobian has values');
      assertDenseClose(denseFromCoo(J, a.jacobian.shape[0] as number, a.jacobian.shape[1] as number), want.J, 1e-10, `${c.code} Jacobian`);
    });
  });

  it('a 1-D tensor’s transpose is itself (x.T @ A @ x is xᵀAx with x a column)', () => {
    const a = analyzeOk(source(CASES[2]!), { notation: 'python' });
    assert.equal(a.definition.unicode, 'y = xᵀ Ax');
  });

  it('a 1-D np.ones(n) of a named size is the ones column 𝟏 of n entries', () => {
    const a = analyzeOk('import numpy as np\n# W: (m, n)\n# x: (n,)\ny = W @ x + np.ones(m)\ns = np.ones(n) @ x\n', { notation: 'python', shapes: { W: [3, 4] }, numeric: true });
    assert.equal(a.definition.unicode, 's = 𝟏ᵀ x');
    assert.deepEqual(a.output.shape, [1, 1]);
    assert.deepEqual(a.gradient?.x?.values, [1, 1, 1, 1]);
    const b = analyzeOk('import numpy as np\n# W: (m, n)\n# x: (n,)\ny = W @ x + np.ones(m)\n', { notation: 'python', shapes: { W: [3, 4] }, numeric: true });
    assert.equal(b.definition.unicode, 'y = Wx + 𝟏');
    assert.deepEqual(b.output.shape, [3, 1]);
    assert.equal(b.check?.passed, true);
  });

  it('the broadcast of a 1-D tensor over a batch is said in a note', () => {
    const a = analyzeOk(source(CASES[5]!), { notation: 'python' });
    assert.ok(a.notes?.some((n) => /^b \(a 1-D vector\) is repeated over every row/.test(n)), a.notes?.join('\n'));
  });
});

describe('Python: an undeclared lower-case name beside @ is a 1-D vector, as the shapes guess it', () => {
  const u = mulberry32(7);
  const w = D.mk(4, 1, () => 2 * u() - 1), A = D.mk(4, 4, () => 2 * u() - 1);

  it('w @ w is the inner product wᵀw, its gradient 2w, with a note', () => {
    const a = analyzeOk('import numpy as np\ny = w @ w\n', { notation: 'python', values: { w: Array.from(w.data) }, numeric: true });
    assert.equal(a.definition.unicode, 'y = wᵀ w');
    assertClose(a.numbers!.output.data, [D.mul(D.T(w), w).data[0]!], 1e-12, 'wᵀw');
    assertClose(a.gradient!.w!.values as number[], Array.from(D.scale(2, w).data), 1e-12, '2w');
    assert.ok(a.notes?.some((n) => /^w is not declared: a lower-case name is read as a 1-D vector/.test(n)), a.notes?.join('\n'));
  });

  it('x @ A @ x is the quadratic form xᵀAx, its gradient (A + Aᵀ)x', () => {
    const a = analyzeOk('import numpy as np\ns = x @ A @ x\n', { notation: 'python', wrt: ['x'], values: { x: Array.from(w.data), A: valueJSON(A) }, numeric: true });
    assert.equal(a.definition.unicode, 's = xᵀ Ax');
    assertClose(a.numbers!.output.data, [D.mul(D.mul(D.T(w), A), w).data[0]!], 1e-12, 'xᵀAx');
    assertClose(a.gradient!.x!.values as number[], Array.from(D.mul(D.add(A, D.T(A)), w).data), 1e-12, '(A + Aᵀ)x');
  });

  it('an undeclared upper-case name is still a matrix: X @ W stays a product of matrices, with no note', () => {
    const a = analyzeOk('import numpy as np\nh = X @ W\n', { notation: 'python' });
    assert.equal(a.definition.unicode, 'h = XW');
    assert.ok(!a.notes?.some((n) => /not declared/.test(n)), a.notes?.join('\n'));
  });

  it('where the reading does not hang on it (x @ W.T + b, a row or a batch alike), no vector is claimed: x is the batch the shapes make it', () => {
    const a = analyzeOk('import torch\nh = x @ W.T + b\n', { notation: 'python' });
    assert.equal(a.definition.unicode, 'h = x Wᵀ + b');
    assert.ok(!a.notes?.some((n) => /x is not declared/.test(n)), a.notes?.join('\n'));
  });
});
