import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CSRMatrix, csrAdd, csrCheck, csrFromTriplets, csrMultiply, csrNnz, csrToDense, csrTranspose,
} from '../../../src/core/sparse/index';
import {
  assertClose, assertMatClose, checkAdjoint, checkOp, csrExpand, dim, mat, matmul, sparseCase, transpose, triplets, vector,
} from './reference';

type T = Array<[number, number, number]>;
const positions = (t: T) => new Set(t.map(([i, j]) => `${i},${j}`));
const tri = (rows: number, cols: number, t: T) => csrFromTriplets(
  rows, cols, Int32Array.from(t, (e) => e[0]), Int32Array.from(t, (e) => e[1]), Float64Array.from(t, (e) => e[2]));

const sparse = fc.tuple(dim, dim).chain(([r, c]) => fc.record({ r: fc.constant(r), c: fc.constant(c), t: triplets(r, c) }));

test('csrFromTriplets sums duplicates, sorts columns, stores one entry per position', () => {
  fc.assert(fc.property(sparse, ({ r, c, t }) => {
    const k = sparseCase(r, c, t);
    const C = k.op.toCSR();
    assertMatClose(csrExpand(C), k.ref); // csrExpand also asserts canonical order
    assert.equal(csrNnz(C), positions(t).size);
  }));
});

test('csrFromTriplets keeps a position whose duplicates cancel, as a stored 0', () => {
  const C = tri(2, 2, [[0, 1, 1], [1, 0, 2], [0, 1, -1]]);
  assert.deepEqual([...C.Ap], [0, 1, 2]);
  assert.deepEqual([...C.Ai], [1, 0]);
  assert.deepEqual([...C.Ax], [0, 2]);
});

test('csrFromTriplets rejects an entry outside the matrix', () => {
  assert.throws(() => tri(2, 2, [[2, 0, 1]]), { message: 'csrFromTriplets: entry (2, 0) outside a 2×2 matrix' });
});

test('csrTranspose is Aᵀ with the same stored positions', () => {
  fc.assert(fc.property(sparse, ({ r, c, t }) => {
    const k = sparseCase(r, c, t);
    const C = csrTranspose(k.op.toCSR());
    assert.equal(C.rows, c);
    assertMatClose(csrExpand(C), transpose(k.ref, c));
    assert.equal(csrNnz(C), positions(t).size);
  }));
});

test('csrMultiply is A B; its structure is every (i,j) with some stored A(i,k) and B(k,j)', () => {
  const arb = fc.tuple(dim, dim, dim).chain(([m, k, n]) => fc.record({ m: fc.constant(m), k: fc.constant(k), n: fc.constant(n), ta: triplets(m, k), tb: triplets(k, n) }));
  fc.assert(fc.property(arb, ({ m, k, n, ta, tb }) => {
    const A = sparseCase(m, k, ta), B = sparseCase(k, n, tb);
    const C = csrMultiply(A.op.toCSR(), B.op.toCSR());
    assertMatClose(csrExpand(C), matmul(A.ref, B.ref, k, n));
    const sa = positions(ta), sb = positions(tb);
    let expected = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        if (Array.from({ length: k }, (_, l) => l).some((l) => sa.has(`${i},${l}`) && sb.has(`${l},${j}`))) expected++;
      }
    }
    assert.equal(csrNnz(C), expected);
  }));
});

test('csrMultiply keeps an entry whose product terms cancel: [1 1]·[1; −1] stores one 0', () => {
  const C = csrMultiply(tri(1, 2, [[0, 0, 1], [0, 1, 1]]), tri(2, 1, [[0, 0, 1], [1, 0, -1]]));
  assert.equal(csrNnz(C), 1);
  assert.equal(C.Ax[0], 0);
});

test('csrMultiply names both shapes when they do not chain', () => {
  assert.throws(() => csrMultiply(tri(2, 3, []), tri(2, 3, [])), { message: 'csrMultiply: cannot multiply 2×3 by 2×3' });
});

test('csrAdd is αA + βB over the union of the structures', () => {
  const arb = sparse.chain((s) => fc.record({ s: fc.constant(s), t2: triplets(s.r, s.c), alpha: fc.double({ min: -3, max: 3, noNaN: true }) }));
  fc.assert(fc.property(arb, ({ s: { r, c, t }, t2, alpha }) => {
    const A = sparseCase(r, c, t), B = sparseCase(r, c, t2);
    const C = csrAdd(A.op.toCSR(), B.op.toCSR(), alpha, 2);
    assertMatClose(csrExpand(C), mat(r, c, (i, j) => alpha * A.ref[i]![j]! + 2 * B.ref[i]![j]!));
    assert.equal(csrNnz(C), new Set([...positions(t), ...positions(t2)]).size);
  }));
  assert.throws(() => csrAdd(tri(2, 2, []), tri(2, 3, [])), { message: 'csrAdd: cannot add 2×2 and 2×3' });
});

test('csrToDense is column-major and refuses more entries than the budget', () => {
  const C = tri(2, 3, [[0, 2, 5], [1, 0, 7]]);
  assert.deepEqual([...csrToDense(C, 6)], [0, 7, 0, 0, 5, 0]);
  assert.throws(() => csrToDense(C, 5), {
    message: 'csrToDense: a 2×3 dense matrix has 6 entries (0.0 MB), over the budget of 5 entries; use toCSR/toCOO or raise the budget',
  });
});

test('csrCheck rejects unsorted or duplicate columns and bad pointers, by message', () => {
  const bad = { rows: 1, cols: 3, Ap: Int32Array.of(0, 2), Ai: Int32Array.of(2, 1), Ax: new Float64Array(2) };
  assert.throws(() => new CSRMatrix(bad), /CSRMatrix: row 0 has column 1 out of range or out of order/);
  assert.throws(() => csrCheck({ ...bad, Ai: Int32Array.of(1, 1) }), /row 0 has column 1/);
  assert.throws(() => csrCheck({ ...bad, Ai: Int32Array.of(0, 3) }), /row 0 has column 3/);
  assert.throws(() => csrCheck({ ...bad, Ap: Int32Array.of(0, 1) }), /must hold exactly Ap\[rows\] = 1 entries/);
});

test('CSRMatrix: matvec, rmatvec, toCSR against the reference; adjoint; nnz and bytes', () => {
  const arb = sparse.chain((s) => fc.record({ s: fc.constant(s), x: vector(s.c), y: vector(s.r) }));
  fc.assert(fc.property(arb, ({ s: { r, c, t }, x, y }) => {
    const k = sparseCase(r, c, t);
    checkOp(k.op, k.ref, x, y);
    checkAdjoint(k.op, x, y);
    assert.equal(k.op.nnz(), k.nnz);
    assert.equal(k.op.bytes(), 4 * (r + 1) + 12 * k.nnz);
  }));
});

test('CSRMatrix matvec of a small known matrix', () => {
  const A = new CSRMatrix(tri(2, 3, [[0, 0, 1], [0, 2, 2], [1, 1, 3]]));
  assertClose(A.matvec(Float64Array.of(1, 1, 1)), [3, 3]);
  assertClose(A.rmatvec(Float64Array.of(1, 2)), [1, 6, 2]);
});
