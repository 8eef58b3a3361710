import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CSRMatrix, Diag, Identity, Scaled, Sum, csrFromTriplets } from '../../../src/core/sparse/index';
import { checkAdjoint, checkOp, countPattern, dim, leaf, mat, value, vector } from './reference';
import type { Case } from './reference';

const terms = fc.tuple(dim, dim, fc.integer({ min: 1, max: 3 })).chain(([r, c, k]) => fc.record({
  cs: fc.array(leaf(r, c), { minLength: k, maxLength: k }), x: vector(c), y: vector(r), alpha: value,
}));

const union = (cs: Case[]) => cs[0]!.pattern.map((row, i) => row.map((_, j) => (cs.some((c) => c.pattern[i]![j]) ? 1 : 0)));

test('Sum(ops) is Σ A_k: matvec, rmatvec, toCSR; adjoint; nnz is the union of the structures', () => {
  fc.assert(fc.property(terms, ({ cs, x, y }) => {
    const op = new Sum(cs.map((c) => c.op));
    const ref = mat(op.rows, op.cols, (i, j) => cs.reduce((s, c) => s + c.ref[i]![j]!, 0));
    checkOp(op, ref, x, y);
    checkAdjoint(op, x, y);
    assert.equal(op.nnz(), countPattern(union(cs)), cs.map((c) => c.label).join(' + '));
  }), { numRuns: 300 });
});

test('a Sum keeps a position whose terms cancel: I + (−I) stores n zeros', () => {
  const S = new Sum([new Identity(3), new Diag(Float64Array.of(-1, -1, -1))]);
  assert.equal(S.nnz(), 3);
  assert.deepEqual([...S.toCSR().Ax], [0, 0, 0]);
});

test('Scaled(α, A) is α A with the structure of A, even for α = 0', () => {
  fc.assert(fc.property(terms, ({ cs, x, y, alpha }) => {
    const c = cs[0]!;
    const op = new Scaled(alpha, c.op);
    checkOp(op, c.ref.map((row) => row.map((v) => alpha * v)), x, y);
    checkAdjoint(op, x, y);
    assert.equal(op.nnz(), c.nnz);
  }));
  const A = new CSRMatrix(csrFromTriplets(2, 2, Int32Array.of(0, 1), Int32Array.of(1, 1), Float64Array.of(3, 4)));
  assert.equal(new Scaled(0, A).nnz(), 2);
  assert.deepEqual([...A.toCSR().Ax], [3, 4], 'Scaled.toCSR must not scale the operand in place');
  new Scaled(2, A).toCSR();
  assert.deepEqual([...A.toCSR().Ax], [3, 4]);
});

test('Sum names the terms whose shapes differ', () => {
  assert.throws(() => new Sum([new Identity(2), new Identity(3)]), { message: 'Sum: term 0 is 2×2 but term 1 is 3×3' });
});
