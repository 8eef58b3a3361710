import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Diag } from '../../../src/core/sparse/index';
import { checkAdjoint, checkOp, dim, mat, vector } from './reference';

const diagRef = (d: number[]) => mat(d.length, d.length, (i, j) => (i === j ? d[i]! : 0));

test('Diag(d) is diag(d): matvec, rmatvec, toCSR against the formula; adjoint', () => {
  fc.assert(fc.property(dim.chain((n) => fc.tuple(vector(n), vector(n), vector(n))), ([d, x, y]) => {
    const D = new Diag(Float64Array.from(d));
    checkOp(D, diagRef(d), x, y);
    checkAdjoint(D, x, y);
  }));
});

test('Diag stores all n diagonal entries, zeros included (a relu′ diagonal)', () => {
  const d = Float64Array.of(0, 1, 0, 0, 1);
  const D = new Diag(d);
  assert.equal(D.nnz(), 5);
  const C = D.toCSR();
  assert.deepEqual([...C.Ai], [0, 1, 2, 3, 4]);
  assert.deepEqual([...C.Ax], [0, 1, 0, 0, 1]);
  assert.equal(D.bytes(), 40);
});

test('Diag.toCSR does not alias d', () => {
  const d = Float64Array.of(1, 2);
  const C = new Diag(d).toCSR();
  (C.Ax as Float64Array)[0] = 5;
  assert.equal(d[0], 1);
});

test('Diag rejects a vector of the wrong length', () => {
  assert.throws(() => new Diag(new Float64Array(2)).rmatvec(new Float64Array(3)), /Diag\.rmatvec: expected a vector of length 2, got length 3/);
});
