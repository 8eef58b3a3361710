// Readings of issue 8: `A/B` by a matrix is A B⁻¹ (MATLAB's mrdivide; the Matrix Cookbook writes
// A B⁻¹), a scalar or vector divisor divides entry by entry; without sizes a lower-case name is a
// vector, as the README states (wᵀx + c keeps w a vector; x^2 of a vector is refused, not a matrix
// power). Numbers against dense references and central differences written here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON } from '../helpers/oracle';

test('A/B between matrices is A B⁻¹: values, J by A = B⁻ᵀ ⊗ I₂, J by B against central differences', () => {
  const next = D.rng(41);
  const A = D.randomM(next, 2, 3), B = D.randomM(next, 3, 3, 'invertible');
  const r = analyzeOk('A/B', { values: valuesJSON({ A, B }), wrt: ['A', 'B'], numeric: true });
  assert.equal(r.definition.unicode, 'A B⁻¹');
  const f = (v: Record<string, D.M>) => D.mul(v.A as D.M, D.inv(v.B as D.M));
  assertClose(r.numbers?.output.data ?? [], D.rowMajor(f({ A, B })), 1e-12, 'A B⁻¹');
  const J = denseFromCoo(r.jacobian.values!, 6, 15);
  assertDenseClose(J, fdJacobian(f, { A, B }, ['A', 'B']), 1e-6, 'd vec(A B⁻¹) / d [vec A; vec B]');
  assertDenseClose(J.map((row) => row.slice(0, 6)), D.toRows(D.kron(D.T(D.inv(B)), D.eye(2))), 1e-12, 'B⁻ᵀ ⊗ I₂');
  assert.equal(r.check?.passed, true);
});

test('A/B without sizes: B is square and A has its columns; a scalar, a vector or ./ divides entry by entry', () => {
  const r = analyzeOk('A/B');
  assert.deepEqual(r.variables.B?.shape, [r.variables.A?.shape[1], r.variables.A?.shape[1]]);
  const next = D.rng(42);
  const A = D.randomM(next, 3, 3), B = D.randomM(next, 3, 3, 'positive');
  const e = analyzeOk('A./B', { values: valuesJSON({ A, B }), numeric: true });
  assertClose(e.numbers?.output.data ?? [], D.rowMajor(D.ediv(A, B)), 1e-12, 'A ./ B');
  const s = analyzeOk('A/2', { values: valuesJSON({ A }), numeric: true });
  assertClose(s.numbers?.output.data ?? [], D.rowMajor(D.scale(0.5, A)), 1e-12, 'A / 2');
  const x = D.randomM(next, 3, 1), y = D.randomM(next, 3, 1, 'positive');
  const v = analyzeOk('x/y', { values: valuesJSON({ x, y }), numeric: true });
  assertClose(v.numbers?.output.data ?? [], D.vecOf(D.ediv(x, y)), 1e-12, 'x / y entry by entry');
});

test('A/B with B not square is an error that says how it was read', () => {
  const r = analyze('A/B', { shapes: { A: [2, 3], B: [3, 4] } });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.error.message, /^A\/B, read as A times the inverse of B, needs a square matrix, but B is 3×4/);
  assert.deepEqual([r.error.start, r.error.end], [0, 3]);
});

test("sigmoid(w'*x + c) without sizes: w and x are vectors (wᵀx a scalar), as the README states; numbers against differences", () => {
  const r = analyzeOk("sigmoid(w'*x + c)");
  assert.equal(r.variables.w?.shape[1], 1);
  assert.deepEqual(r.variables.w?.shape, r.variables.x?.shape);
  const next = D.rng(43);
  const w = D.randomM(next, 4, 1), x = D.randomM(next, 4, 1), c = D.randomM(next, 1, 1);
  const n = analyzeOk("sigmoid(w'*x + c)", { values: valuesJSON({ w, x, c }), wrt: ['w'], numeric: true });
  const f = (v: Record<string, D.M>) => D.map(D.add(D.mul(D.T(v.w as D.M), x), c), D.sigmoid);
  assertDenseClose(denseFromCoo(n.jacobian.values!, 1, 4), fdJacobian(f, { w }, ['w']), 1e-6, 'σ′(wᵀx + c) xᵀ');
  assert.equal(n.check?.passed, true);
});

test('x^2 of a guessed vector is refused with the reading and what to write; a declared square x is its matrix power', () => {
  const r = analyze('x^2');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.message, 'x^2: x is a vector (as an undeclared lower-case name is), which has no matrix power; write x.^2 for its entries to the power 2, or declare it a square matrix');
  assert.deepEqual([r.error.start, r.error.end], [0, 3]);
  const next = D.rng(44);
  const x = D.randomM(next, 3, 3);
  const m = analyzeOk('x^2', { values: valuesJSON({ x }), numeric: true });
  assertClose(m.numbers?.output.data ?? [], D.rowMajor(D.mul(x, x)), 1e-12, 'x x');
  assert.equal(analyzeOk('x.^2').variables.x?.shape[1], 1);
});
