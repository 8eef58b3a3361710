// Issue 9: three readings that were wrong and are now right. LaTeX 𝟏ᵀX of a matrix is the row of
// its column sums (it was read as the total sum(X)); np.exp of a matrix is entry by entry in NumPy,
// so no matrix-exponential note (LaTeX's \exp(A) keeps it); a 1-D bias beside a data-first X @ W
// with X undeclared is a row over the batch, as NumPy broadcasts it (it was a column, which forced
// X to have as many rows as b has entries).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON } from '../helpers/oracle';

const next = D.rng(17);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);

test('LaTeX \\mathbf{1}^\\top X of a 3×4 X is the 1×4 row of column sums; J by differences', () => {
  const X = r(3, 4);
  const a = analyzeOk('y = \\mathbf{1}^\\top X', { notation: 'latex', values: valuesJSON({ X }), numeric: true });
  assert.deepEqual(a.output.shape, [1, 4]);
  const f = (v: Record<string, D.M>): D.M => D.mk(1, 4, (_, j) => [0, 1, 2].reduce((s, i) => s + D.at(v.X!, i, j), 0));
  assertClose(a.numbers!.output.data, D.rowMajor(f({ X })), 1e-12, 'column sums');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 4, 12), fdJacobian(f, { X }, ['X']), 1e-8, 'J');
});

test('LaTeX x^\\top \\mathbf{1} and \\mathbf{1}^\\top x of a vector are still its sum, a scalar', () => {
  const x = r(4, 1);
  for (const src of ['s = x^\\top \\mathbf{1}', 's = \\mathbf{1}^\\top x']) {
    const a = analyzeOk(src, { notation: 'latex', values: valuesJSON({ x }), numeric: true });
    assert.deepEqual(a.output.shape, [1, 1], src);
    assertClose(a.numbers!.output.data, [D.sumAll(x)], 1e-12, src);
  }
});

test('np.exp(S) of a matrix has no matrix-exponential note; LaTeX \\exp(A) of a matrix keeps it', () => {
  const py = analyzeOk('import numpy as np\nS = np.random.randn(3, 4)\ny = np.exp(S)\n', { notation: 'python' });
  assert.ok(!py.notes.some((n) => n.includes('matrix exponential')), py.notes.join('\n'));
  const tex = analyzeOk('y = \\exp(A)', { notation: 'latex', shapes: { A: [3, 3] } });
  assert.ok(tex.notes.some((n) => n.includes('not as the matrix exponential')), tex.notes.join('\n'));
});

test('NumPy X @ W + b with b: (d,) declared and X undeclared: b is added to each row (as NumPy does), X keeps its own rows', () => {
  const src = 'import numpy as np\n\ndef layer(X, W, b):\n    # W: (n, d), b: (d,)\n    return np.tanh(X @ W + b)\n';
  const [X, W, b] = [r(5, 2), r(2, 3), r(3, 1)];
  const a = analyzeOk(src, { notation: 'python', values: { ...valuesJSON({ X, W }), b: Array.from(b.data) }, wrt: ['W', 'b'], numeric: true });
  assert.deepEqual(a.output.shape, [5, 3]);
  const f = (v: Record<string, D.M>): D.M => D.map(D.add(D.mul(X, v.W!), D.T(v.b!)), Math.tanh);
  assertClose(a.numbers!.output.data, D.rowMajor(f({ W, b })), 1e-12, 'tanh(XW + 𝟏bᵀ)');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 15, 9), fdJacobian(f, { W, b }, ['W', 'b']), 1e-8, 'J');
  assert.ok(a.notes.some((n) => n.startsWith('X is not declared: an upper-case name is read as a matrix, a batch of rows, so b (1-D) is added to each row')), a.notes.join('\n'));
});

test('np.zeros(d) as the bias of X @ W, W from randn: the same row over the batch', () => {
  const src = 'import numpy as np\n\ndef layer(X):\n    W = np.random.randn(4, 3)\n    b = np.zeros(3)\n    return X @ W + b\n';
  const a = analyzeOk(src, { notation: 'python' });
  assert.equal(a.output.shape[1], 3);
  assert.notEqual(a.output.shape[0], 3, 'the batch is not tied to the 3 entries of b');
});

test('Python: a parameter named I is the user\'s matrix, never the identity (only np.eye(n) is); J by differences', () => {
  const W = r(3, 4), x = r(4, 1);
  const code = 'import numpy as np\ndef f(I, W, x):\n    return I @ x + W @ x + np.eye(3) @ W @ x\n';
  // no size or values for I: nothing but the Python itself says it is a variable
  const a = analyzeOk(code, { notation: 'python', wrt: ['I', 'W'], values: valuesJSON({ W, x }), numeric: true });
  assert.ok('I' in a.variables, Object.keys(a.variables).join(', '));
  const seeded = a.numbers!.inputs.I!;
  assert.deepEqual(seeded.shape, [3, 4]);
  const I = D.mk(3, 4, (i, j) => seeded.data[i * 4 + j]!);
  const f = (v: Record<string, D.M>): D.M => D.add(D.mul(v.I!, x), D.scale(2, D.mul(v.W!, x)));
  assertClose(a.numbers!.output.data, D.rowMajor(f({ I, W })), 1e-12, 'Ix + 2Wx');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 3, 24), fdJacobian(f, { I, W }, ['I', 'W']), 1e-8, 'J');
  assert.equal(a.check?.passed, true);
});
