import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Commutation, Dense, Kron, Product } from '../../../src/core/sparse/index';
import { assertClose, assertMatClose, checkAdjoint, checkOp, csrExpand, dim, kronRef, mat, transpose, vec, vector } from './reference';

const matArb = fc.tuple(dim, dim).chain(([m, n]) => fc.record({ m: fc.constant(m), n: fc.constant(n), a: vector(m * n), y: vector(m * n) }));

test('K_{mn} vec(A) = vec(Aᵀ) for A m×n  (Magnus & Neudecker, ch. 3, the commutation matrix)', () => {
  fc.assert(fc.property(matArb, ({ m, n, a }) => {
    const A = mat(m, n, (i, j) => a[i + j * m]!);
    assertClose(new Commutation(m, n).matvec(Float64Array.from(a)), vec(transpose(A)), 'K vec A');
  }));
});

test('K_{mn}ᵀ = K_{nm}; matvec, rmatvec, toCSR against the permutation by formula; adjoint', () => {
  fc.assert(fc.property(matArb, ({ m, n, a, y }) => {
    const K = new Commutation(m, n);
    // row j + i·n holds a 1 in column i + j·m
    const ref = mat(m * n, m * n, (r, c) => (c === Math.floor(r / n) + (r % n) * m ? 1 : 0));
    checkOp(K, ref, a, y);
    checkAdjoint(K, a, y);
    assertClose(K.rmatvec(Float64Array.from(y)), new Commutation(n, m).matvec(Float64Array.from(y)), 'Kᵀ y = K_{nm} y');
    assert.equal(K.nnz(), m * n);
  }));
  assert.equal(new Commutation(3, 4).bytes(), 0);
});

test('K_{pm} (A ⊗ B) K_{nq} = B ⊗ A for A m×n, B p×q  (Magnus & Neudecker, ch. 3)', () => {
  const arb = fc.tuple(dim, dim, dim, dim).chain(([m, n, p, q]) => fc.record({ d: fc.constant([m, n, p, q] as const), a: vector(m * n), b: vector(p * q) }));
  fc.assert(fc.property(arb, ({ d: [m, n, p, q], a, b }) => {
    const A = new Dense(m, n, Float64Array.from(a)), B = new Dense(p, q, Float64Array.from(b));
    const lhs = new Product([new Commutation(p, m), new Kron(A, B), new Commutation(n, q)]);
    const Bm = mat(p, q, (i, j) => b[i + j * p]!), Am = mat(m, n, (i, j) => a[i + j * m]!);
    assertMatClose(csrExpand(lhs.toCSR()), kronRef(Bm, Am));
  }));
});
