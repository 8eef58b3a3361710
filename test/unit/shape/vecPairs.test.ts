// vec(X)ᵀ vec(Y) and other vec equalities without sizes: only rows·cols must agree, which
// unification cannot split. The matrices are read factor by factor (Y with X's shape; X and Y by
// the vec trick beside A ⊗ B), the reading is said in a note, and the numbers are checked against
// closed forms computed here from the seeded inputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, fromRowMajor } from '../helpers/oracle';
import type { AnalysisOk } from '../../../src/core/index';

const input = (a: AnalysisOk, name: string): D.M => {
  const v = a.numbers!.inputs[name]!;
  return fromRowMajor(v.shape[0], v.shape[1], v.data);
};

test("vec(X)'*vec(Y) without sizes: Y has X's shape, said in a note; ∂L/∂X = Y", () => {
  const a = analyzeOk("vec(X)'*vec(Y)", { wrt: ['X'], numeric: true });
  assert.deepEqual(a.variables.Y?.shape, a.variables.X?.shape);
  assert.deepEqual(a.variables.X?.shape, ['m', 'n']);
  assert.equal(a.gradient?.X?.unicode, 'Y');
  assertClose(a.gradient!.X!.values!, D.rowMajor(input(a, 'Y')), 0, '∂⟨vec X, vec Y⟩/∂X = Y');
  assert.ok(a.notes.some((n) => /In vec\(X\)'\*vec\(Y\), Y needs only as many entries as X, and its sizes are not given: it is read with the shape m×n\. It could as well have the transposed shape/.test(n)), a.notes.join('\n'));
  assert.equal(a.check?.passed, true);
});

test("vec(X)'*vec(Y) with X's size only: Y is read 3×4 too", () => {
  const a = analyzeOk("vec(X)'*vec(Y)", { wrt: ['X'], shapes: { X: [3, 4] }, numeric: true });
  assert.deepEqual(a.variables.Y?.shape, [3, 4]);
  assertClose(a.numbers!.output.data, [D.vecOf(input(a, 'X')).reduce((s, x, i) => s + x * D.vecOf(input(a, 'Y'))[i]!, 0)], 1e-12, 'vec(X)ᵀ vec(Y)');
  assert.ok(a.notes.some((n) => /In vec\(X\)'\*vec\(Y\), Y needs only as many entries as X, and its sizes are not given: it is read with the shape 3×4/.test(n)), a.notes.join('\n'));
});

test('vec(A) .* vec(B) and vec(A) + vec(B): B with A\'s shape', () => {
  for (const src of ['vec(A) .* vec(B)', 'vec(A) + vec(B)']) {
    const a = analyzeOk(src, { wrt: ['A'], numeric: true });
    assert.deepEqual(a.variables.B?.shape, a.variables.A?.shape, src);
    assert.equal(a.check?.passed, true, src);
  }
});

test('(A ⊗ B) vec X − vec Y: X is q×n and Y p×m by the vec trick, the output vec(B X Aᵀ − Y)', () => {
  const a = analyzeOk('kron(A,B)*vec(X) - vec(Y)', { wrt: ['X'], numeric: true });
  assert.deepEqual([a.variables.A?.shape, a.variables.B?.shape, a.variables.X?.shape, a.variables.Y?.shape],
    [['m', 'n'], ['p', 'q'], ['q', 'n'], ['p', 'm']]);
  const [A, B, X, Y] = ['A', 'B', 'X', 'Y'].map((n) => input(a, n)) as [D.M, D.M, D.M, D.M];
  assertClose(a.numbers!.output.data, D.vecOf(D.sub(D.mul(D.mul(B, X), D.T(A)), Y)), 1e-12, 'vec(B X Aᵀ − Y)');
  assert.ok(a.notes.some((n) => /In kron\(A,B\)\*vec\(X\), X's sizes are not given: it is read as q×n, so that the product is vec\(B X Aᵀ\)/.test(n)), a.notes.join('\n'));
  assert.equal(a.check?.passed, true);
});

test("vec(X)'*kron(A,B)*vec(Y): X is p×m (vec(Bᵀ X A)ᵀ), Y q×n; the value is tr(Xᵀ B Y Aᵀ)", () => {
  const a = analyzeOk("vec(X)'*kron(A,B)*vec(Y)", { wrt: ['Y'], numeric: true });
  const [A, B, X, Y] = ['A', 'B', 'X', 'Y'].map((n) => input(a, n)) as [D.M, D.M, D.M, D.M];
  assertClose(a.numbers!.output.data, [D.trace(D.mul(D.mul(D.mul(D.T(X), B), Y), D.T(A)))], 1e-10, 'tr(Xᵀ B Y Aᵀ)');
  assert.equal(a.check?.passed, true);
});

test("vec(x)'*vec(y) of two vectors: nothing is guessed, so no note", () => {
  const a = analyzeOk("vec(x)'*vec(y)", { wrt: ['x'] });
  assert.deepEqual(a.variables.y?.shape, ['m', 1]);
  assert.ok(!a.notes.some((n) => /needs only as many entries/.test(n)), a.notes.join('\n'));
});
