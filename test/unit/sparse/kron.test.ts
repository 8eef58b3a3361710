import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dense, Identity, Kron } from '../../../src/core/sparse/index';
import type { LinOp } from '../../../src/core/sparse/index';
import {
  anyLeaf, assertClose, checkAdjoint, checkOp, colsOf, csrExpand, dim, identityRef, kronRef, mat, matmul, refMatvec,
  transpose, vec, vector,
} from './reference';
import type { Case, Mat } from './reference';

const vectorsFor = (op: LinOp) => fc.record({ x: vector(op.cols), y: vector(op.rows) });

test('Kron(A, B) is A ⊗ B for any leaf factors: matvec, rmatvec, toCSR by the definition; adjoint; nnz', () => {
  const arb = fc.tuple(anyLeaf, anyLeaf).chain(([a, b]) => {
    const op = new Kron(a.op, b.op);
    return fc.record({ a: fc.constant(a), b: fc.constant(b), op: fc.constant(op), v: vectorsFor(op) });
  });
  fc.assert(fc.property(arb, ({ a, b, op, v }) => {
    const ref = kronRef(a.ref, b.ref);
    checkOp(op, ref, v.x, v.y);
    checkAdjoint(op, v.x, v.y);
    assert.equal(op.nnz(), a.nnz * b.nnz, `nnz of ${a.label} ⊗ ${b.label}`);
    assert.equal(op.toCSR().Ai.length, a.nnz * b.nnz);
  }), { numRuns: 300 });
});

test('Kron nests: (A ⊗ B) ⊗ C and A ⊗ (B ⊗ C) are the same matrix', () => {
  const arb = fc.tuple(anyLeaf, anyLeaf, anyLeaf).chain(([a, b, c]) => {
    const op = new Kron(new Kron(a.op, b.op), c.op);
    return fc.record({ cs: fc.constant([a, b, c] as const), op: fc.constant(op), v: vectorsFor(op) });
  });
  fc.assert(fc.property(arb, ({ cs: [a, b, c], op, v }) => {
    const ref = kronRef(kronRef(a.ref, b.ref), c.ref);
    checkOp(op, ref, v.x, v.y);
    checkOp(new Kron(a.op, new Kron(b.op, c.op)), ref, v.x, v.y);
    assert.equal(op.nnz(), a.nnz * b.nnz * c.nnz);
  }), { numRuns: 100 });
});

test('vec(ABC) = (Cᵀ ⊗ A) vec(B)  (Magnus & Neudecker, Matrix Differential Calculus, ch. 2)', () => {
  const arb = fc.tuple(dim, dim, dim, dim).chain(([m, n, p, q]) => fc.record({
    A: vector(m * n), B: vector(n * p), C: vector(p * q), dims: fc.constant([m, n, p, q] as const),
  }));
  fc.assert(fc.property(arb, ({ A, B, C, dims: [m, n, p, q] }) => {
    const Am = mat(m, n, (i, j) => A[i + j * m]!), Bm = mat(n, p, (i, j) => B[i + j * n]!), Cm = mat(p, q, (i, j) => C[i + j * p]!);
    const Ct = new Dense(q, p, Float64Array.from(vec(transpose(Cm))));
    const op = new Kron(Ct, new Dense(m, n, Float64Array.from(A)));
    assertClose(op.matvec(Float64Array.from(B)), vec(matmul(matmul(Am, Bm), Cm)), 'vec(ABC)');
  }));
});

test('the layer case: (xᵀ ⊗ I_m) vec W = W x and (xᵀ ⊗ I_m)ᵀ δ = vec(δ xᵀ)', () => {
  const arb = fc.tuple(dim, dim).chain(([m, n]) => fc.record({ m: fc.constant(m), x: vector(n), W: vector(m * n), d: vector(m) }));
  fc.assert(fc.property(arb, ({ m, x, W, d }) => {
    const n = x.length;
    const J = new Kron(new Dense(1, n, Float64Array.from(x)), new Identity(m));
    const Wm = mat(m, n, (i, j) => W[i + j * m]!);
    assertClose(J.matvec(Float64Array.from(W)), refMatvec(Wm, x), 'W x');
    assertClose(J.rmatvec(Float64Array.from(d)), vec(mat(m, n, (i, j) => d[i]! * x[j]!)), 'vec(δ xᵀ)');
    assert.equal(J.nnz(), m * n);
    assert.equal(J.bytes(), 8 * n);
  }));
});

test('the layer case never expands I_m: its toCSR is not called, and m = n = 1000 runs in O(mn)', () => {
  class Unexpandable extends Identity {
    override toCSR(): never {
      throw new Error('the identity factor was expanded');
    }
  }
  const m = 1000, n = 1000;
  const x = Float64Array.from({ length: n }, (_, j) => Math.sin(j));
  const d = Float64Array.from({ length: m }, (_, i) => Math.cos(i));
  const J = new Kron(new Dense(1, n, x), new Unexpandable(m)); // the expansion would be 1000 × 10⁶
  const g = J.rmatvec(d);
  assert.equal(g.length, m * n);
  assert.equal(g[7 + 11 * m], d[7]! * x[11]!);
  const y = J.matvec(g);
  assert.equal(y.length, m);
  assert.ok(Math.abs(y[3]! - d[3]! * x.reduce((s, v) => s + v * v, 0)) < 1e-9); // (xᵀ⊗I)(x⊗I)d = ‖x‖² d
});

test('identity fast paths agree with the general path: I ⊗ B and A ⊗ I', () => {
  const arb = fc.tuple(dim, anyLeaf).chain(([k, c]) => {
    const ops = [new Kron(new Identity(k), c.op), new Kron(c.op, new Identity(k))];
    return fc.record({ k: fc.constant(k), c: fc.constant(c as Case), ops: fc.constant(ops), v: fc.tuple(vectorsFor(ops[0]!), vectorsFor(ops[1]!)) });
  });
  fc.assert(fc.property(arb, ({ k, c, ops, v }) => {
    const I: Mat = identityRef(k);
    checkOp(ops[0]!, kronRef(I, c.ref), v[0].x, v[0].y);
    checkOp(ops[1]!, kronRef(c.ref, I), v[1].x, v[1].y);
  }));
});

test('Kron toCSR is built in row order with sorted columns (canonical)', () => {
  const A = new Dense(2, 2, Float64Array.of(1, 2, 3, 4));
  const C = new Kron(A, new Identity(2)).toCSR();
  assert.deepEqual([...C.Ap], [0, 2, 4, 6, 8]);
  assert.deepEqual([...C.Ai], [0, 2, 1, 3, 0, 2, 1, 3]);
  assert.equal(colsOf(csrExpand(C)), 4);
});

test('Kron rejects a vector of the wrong length', () => {
  const K = new Kron(new Identity(2), new Identity(3));
  assert.throws(() => K.matvec(new Float64Array(5)), /Kron\.matvec: expected a vector of length 6, got length 5/);
});
