import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Identity, Zero } from '../../../src/core/sparse/index';
import { checkAdjoint, checkOp, dim, identityRef, mat, vector } from './reference';

test('Identity(n) is I_n: matvec, rmatvec and toCSR against the formula', () => {
  fc.assert(fc.property(dim.chain((n) => fc.tuple(fc.constant(n), vector(n), vector(n))), ([n, x, y]) => {
    const I = new Identity(n);
    checkOp(I, identityRef(n), x, y);
    checkAdjoint(I, x, y);
  }));
});

test('Identity stores n entries structurally and holds no arrays', () => {
  assert.equal(new Identity(7).nnz(), 7);
  assert.equal(new Identity(7).bytes(), 0);
  assert.equal(new Identity(0).nnz(), 0);
});

test('Identity returns a fresh vector, not its input', () => {
  const x = Float64Array.of(1, 2);
  const y = new Identity(2).matvec(x);
  y[0] = 9;
  assert.equal(x[0], 1);
});

test('Identity rejects a vector of the wrong length, naming both lengths', () => {
  assert.throws(() => new Identity(3).matvec(new Float64Array(4)), { message: 'Identity.matvec: expected a vector of length 3, got length 4' });
  assert.throws(() => new Identity(-1), /non-negative integer/);
});

test('Zero(rows, cols) maps everything to 0 and stores nothing', () => {
  fc.assert(fc.property(fc.tuple(dim, dim).chain(([r, c]) => fc.tuple(fc.constant(r), fc.constant(c), vector(c), vector(r))), ([r, c, x, y]) => {
    const Z = new Zero(r, c);
    checkOp(Z, mat(r, c, () => 0), x, y);
    assert.equal(Z.nnz(), 0);
    assert.equal(Z.toCSR().Ai.length, 0);
  }));
  assert.equal(new Zero(3, 4).bytes(), 0);
  assert.throws(() => new Zero(3, 4).rmatvec(new Float64Array(4)), /Zero\.rmatvec: expected a vector of length 3, got length 4/);
});
