import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dense } from '../../../src/core/sparse/index';
import { checkAdjoint, checkOp, denseCase, dim, vector } from './reference';

test('Dense data is column-major: A(i,j) = data[i + j·rows]', () => {
  const A = new Dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6)); // [[1 3 5]; [2 4 6]]
  assert.deepEqual([...A.matvec(Float64Array.of(1, 0, 0))], [1, 2]);
  assert.deepEqual([...A.matvec(Float64Array.of(0, 0, 1))], [5, 6]);
  assert.deepEqual([...A.rmatvec(Float64Array.of(1, 0))], [1, 3, 5]);
  const C = A.toCSR();
  assert.deepEqual([...C.Ap], [0, 3, 6]);
  assert.deepEqual([...C.Ax], [1, 3, 5, 2, 4, 6]);
});

test('Dense against the formula on random shapes; adjoint', () => {
  const arb = fc.tuple(dim, dim).chain(([r, c]) => fc.tuple(vector(r * c), vector(c), vector(r)).map(([d, x, y]) => ({ c: denseCase(r, c, d), x, y })));
  fc.assert(fc.property(arb, ({ c, x, y }) => {
    checkOp(c.op, c.ref, x, y);
    checkAdjoint(c.op, x, y);
  }));
});

test('Dense stores every entry: nnz = rows·cols even when values are 0, bytes = 8·rows·cols', () => {
  const A = new Dense(3, 4, new Float64Array(12));
  assert.equal(A.nnz(), 12);
  assert.equal(A.toCSR().Ai.length, 12);
  assert.equal(A.bytes(), 96);
});

test('Dense checks its data length and vector lengths', () => {
  assert.throws(() => new Dense(2, 3, new Float64Array(5)), { message: 'Dense: a 2×3 matrix needs 6 values, got 5' });
  assert.throws(() => new Dense(2, 3, new Float64Array(6)).matvec(new Float64Array(2)), /Dense\.matvec: expected a vector of length 3, got length 2/);
});
