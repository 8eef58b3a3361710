// Issue 9: sums and means in math notation as Octave/MATLAB writes them. sum(X, 1) and mean(X, 1)
// run down each column (a row, 𝟏ᵀX), sum(X, 2) and mean(X, 2) along each row (a column, X𝟏);
// mean(x) of a vector is the mean of its entries. Octave's sum(X) of a matrix without a dimension is
// its column sums, while the math notation reads sum(X) whole: that reading is said in a note. LaTeX
// reads the same words inside \operatorname / \mathrm. Numbers and Jacobians are checked against
// sums written here and central differences.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/index';
import { analyzeProgram } from '../../../src/core/analyze';
import { scanDocument } from '../../../src/core/scan';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON, type Vars } from '../helpers/oracle';

const next = D.rng(41);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);
const X = r(3, 4);
const x = r(5, 1);

const rowSums = (A: D.M): D.M => D.mk(A.rows, 1, (i) => Array.from({ length: A.cols }, (_, j) => D.at(A, i, j)).reduce((s, v) => s + v, 0));
const colSums = (A: D.M): D.M => D.T(rowSums(D.T(A)));

const CASES: Array<{ src: string; shape: [number, number]; f: (v: Vars) => D.M }> = [
  { src: 'y = sum(X, 1)', shape: [1, 4], f: (v) => colSums(v.X!) },
  { src: 'y = sum(X, 2)', shape: [3, 1], f: (v) => rowSums(v.X!) },
  { src: 'y = mean(X, 1)', shape: [1, 4], f: (v) => D.scale(1 / 3, colSums(v.X!)) },
  { src: 'y = mean(X, 2)', shape: [3, 1], f: (v) => D.scale(1 / 4, rowSums(v.X!)) },
  { src: 'y = mean(tanh(X), 2)', shape: [3, 1], f: (v) => D.scale(1 / 4, rowSums(D.map(v.X!, Math.tanh))) },
];

for (const c of CASES) {
  test(`${c.src} of a 3×4 X is ${c.shape.join('×')}; its numbers and J by differences`, () => {
    const a = analyzeOk(c.src, { notation: 'math', values: valuesJSON({ X }), numeric: true });
    assert.deepEqual(a.output.shape, c.shape);
    assertClose(a.numbers!.output.data, D.rowMajor(c.f({ X })), 1e-12, 'value');
    const n = c.shape[0] * c.shape[1];
    assertDenseClose(denseFromCoo(a.jacobian.values!, n, 12), fdJacobian(c.f, { X }, ['X']), 1e-8, 'J');
    assert.ok(!a.notes.some((m) => m.includes('Octave')), a.notes.join('\n'));
  });
}

test('mean(x) of a vector is the mean of its entries, a scalar with gradient 𝟏/5; sum(x, 1) its sum, sum(x, 2) x itself', () => {
  const a = analyzeOk('y = mean(x)', { notation: 'math', values: valuesJSON({ x }), numeric: true });
  assert.deepEqual(a.output.shape, [1, 1]);
  assertClose(a.numbers!.output.data, [D.sumAll(x) / 5], 1e-12, 'mean');
  assertClose(a.gradient!.x!.values as number[], [0.2, 0.2, 0.2, 0.2, 0.2], 1e-12, '∇ mean');
  const s = analyzeOk('y = sum(x, 1)', { notation: 'math', values: valuesJSON({ x }), numeric: true });
  assertClose(s.numbers!.output.data, [D.sumAll(x)], 1e-12, 'sum(x, 1)');
  const same = analyzeOk('y = sum(x, 2)', { notation: 'math', values: valuesJSON({ x }), numeric: true });
  assert.deepEqual(same.output.shape, [5, 1]);
  assertClose(same.numbers!.output.data, Array.from(x.data), 1e-12, 'sum(x, 2)');
});

test("sum(X) and mean(X) of a matrix: read whole, and a note says Octave's is the column sums and what to write", () => {
  const s = analyzeOk('y = sum(X)', { notation: 'math', values: valuesJSON({ X }), numeric: true });
  assertClose(s.numbers!.output.data, [D.sumAll(X)], 1e-12, 'every entry');
  const note = s.notes.find((m) => m.includes('Octave'));
  assert.ok(note, s.notes.join('\n'));
  assert.match(note, /sum\(X\) of the matrix X \(3×4\) is read as the sum of all its entries/);
  assert.match(note, /sum\(X, 1\)/);
  const m = analyzeOk('y = mean(X)', { notation: 'math', values: valuesJSON({ X }), numeric: true });
  assertClose(m.numbers!.output.data, [D.sumAll(X) / 12], 1e-12, 'mean of every entry');
  assert.ok(m.notes.some((n) => n.includes('mean(X) of the matrix X (3×4)') && n.includes('mean(X, 1)')), m.notes.join('\n'));
  // of a vector Octave's sum(x) is the whole sum too: nothing to say
  const v = analyzeOk('y = sum(x) + mean(x)', { notation: 'math', values: valuesJSON({ x }) });
  assert.ok(!v.notes.some((n) => n.includes('Octave')), v.notes.join('\n'));
});

test('in an octave fence the note comes with the definition', () => {
  const doc = 'Text.\n\n```octave\nJ = sum((X * W - Y).^2) / 2;\n```\n';
  const [site] = scanDocument(doc, 'markdown');
  assert.ok(site?.program, 'a definition');
  const a = analyzeProgram(site.program, doc, site.notation, { shapes: { X: [5, 3], W: [3, 2], Y: [5, 2] } });
  assert.ok(a.ok);
  if (a.ok) assert.ok(a.notes.some((n) => n.startsWith('sum((X * W - Y).^2) of the matrix (X * W - Y).^2 (5×2) is read as the sum of all its entries') && n.includes('Octave')), a.notes.join('\n'));
});

test('a dimension other than 1 or 2, or a third argument, is refused where it is written', () => {
  const bad = analyze('y = sum(X, 3)', { notation: 'math' });
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.equal(bad.error.message, 'the dimension of sum is 1 (down each column: 𝟏ᵀX) or 2 (along each row: X𝟏)');
    assert.equal('y = sum(X, 3)'.slice(bad.error.start, bad.error.end), '3');
  }
  const named = analyze('y = mean(X, k)', { notation: 'math' });
  assert.equal(named.ok, false);
  if (!named.ok) assert.match(named.error.message, /^the dimension of mean is 1/);
  const three = analyze('y = sum(X, 1, 2)', { notation: 'math' });
  assert.equal(three.ok, false);
  if (!three.ok) assert.equal(three.error.message, 'sum takes 1 or 2 arguments, not 3');
});

test('LaTeX: \\operatorname{mean}(x) is the mean of a vector, \\mathrm{sum}(x) its sum', () => {
  const a = analyzeOk('y = \\operatorname{mean}(x)', { notation: 'latex', values: valuesJSON({ x }), numeric: true });
  assertClose(a.numbers!.output.data, [D.sumAll(x) / 5], 1e-12, 'mean');
  const s = analyzeOk('y = \\mathrm{sum}(x)', { notation: 'latex', values: valuesJSON({ x }), numeric: true });
  assertClose(s.numbers!.output.data, [D.sumAll(x)], 1e-12, 'sum');
});
