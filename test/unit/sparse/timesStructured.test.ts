// The products that skip forming a factor's CSR (C·(A ⊗ B), C·Dense, diagonal scalings) against
// the definition: the reference matrices multiplied entry by entry, and the stored pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dense, Diag, Kron, Product, csrMultiply } from '../../../src/core/sparse/index';
import { csrDenseMultiply, csrKronMultiply, csrKronProductNnz } from '../../../src/core/sparse/operators/timesStructured';
import { kronCSR } from '../../../src/core/sparse/operators/kron';
import {
  assertMatClose, checkOp, colsOf, countPattern, csrExpand, dim, kronRef, leaf, matmul, patternProduct, vector,
} from './reference';
import type { Case } from './reference';

const kronPattern = (A: Case, B: Case) => kronRef(A.pattern, B.pattern);

/** C (r × pa·p) with A (pa × qa, often one row, as xᵀ ⊗ I is) and B (p × q). */
const kronChain = fc.tuple(dim, fc.oneof(fc.constant(1), dim), dim, dim, dim).chain(([r, pa, qa, p, q]) =>
  fc.record({ C: leaf(r, pa * p), A: leaf(pa, qa), B: leaf(p, q), x: vector(qa * q), y: vector(r) }));

test('C (A ⊗ B) without forming A ⊗ B: the same entries and stored pattern as the product of the definitions', () => {
  fc.assert(fc.property(kronChain, ({ C, A, B, x, y }) => {
    const op = new Product([C.op, new Kron(A.op, B.op)]);
    const ref = matmul(C.ref, kronRef(A.ref, B.ref), C.op.cols, A.op.cols * B.op.cols);
    checkOp(op, ref, x, y);
    const S = patternProduct(C.pattern, kronPattern(A, B), C.op.cols, A.op.cols * B.op.cols);
    assert.equal(op.nnz(), countPattern(S), `${C.label} · (${A.label} ⊗ ${B.label})`);
    assert.equal(op.toCSR().Ai.length, countPattern(S));
    // and it is the generic product of the formed CSRs, entry for entry
    const [Cc, Ac, Bc] = [C.op.toCSR(), A.op.toCSR(), B.op.toCSR()];
    assertMatClose(csrExpand(csrKronMultiply(Cc, Ac, Bc)), csrExpand(csrMultiply(Cc, kronCSR(Ac, Bc))), 'kron product', 1e-12);
    assert.equal(csrKronProductNnz(Cc, Ac, Bc), csrMultiply(Cc, kronCSR(Ac, Bc)).Ai.length);
  }), { numRuns: 300 });
});

test('C D for a dense D fills every row of C that stores anything, and equals the generic product', () => {
  fc.assert(fc.property(fc.tuple(dim, dim, dim).chain(([r, k, c]) => fc.record({ C: leaf(r, k), d: vector(k * c), c: fc.constant(c) })), ({ C, d, c }) => {
    const D = new Dense(C.op.cols, c, Float64Array.from(d));
    const Cc = C.op.toCSR();
    const got = csrDenseMultiply(Cc, D);
    assertMatClose(csrExpand(got), csrExpand(csrMultiply(Cc, D.toCSR())), 'dense product', 1e-12);
    assert.equal(got.Ai.length, csrMultiply(Cc, D.toCSR()).Ai.length);
  }), { numRuns: 200 });
});

test('a chain with leading and inner diagonals, a dense factor and a Kronecker factor is the product of its references', () => {
  const arb = fc.tuple(dim, dim, dim, dim).chain(([r, k, p, q]) => fc.record({
    d1: vector(r), C: leaf(r, k), d2: vector(k), D: vector(k * p), A: leaf(1, q), x: vector(q * p), y: vector(r),
  }));
  fc.assert(fc.property(arb, ({ d1, C, d2, D, A, x, y }) => {
    const k = d2.length, p = D.length / k;
    const diagRef = (d: number[]) => d.map((v, i) => d.map((_, j) => (i === j ? v : 0)));
    const denseRef = Array.from({ length: k }, (_, i) => Array.from({ length: p }, (_, j) => D[i + j * k]!));
    const eye = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
    const I = new Product([new Diag(Float64Array.from(Array(p).fill(1)))]);
    const op = new Product([new Diag(Float64Array.from(d1)), C.op, new Diag(Float64Array.from(d2)), new Dense(k, p, Float64Array.from(D)), new Kron(A.op, I)]);
    const factors = [diagRef(d1), C.ref, diagRef(d2), denseRef, kronRef(A.ref, eye)];
    const ref = factors.slice(1).reduce((P, F) => matmul(P, F, colsOf(P), colsOf(F)), factors[0]!);
    checkOp(op, ref, x, y);
  }), { numRuns: 200 });
});
