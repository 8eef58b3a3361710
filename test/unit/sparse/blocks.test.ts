import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HCat, Identity, VCat, Zero } from '../../../src/core/sparse/index';
import { checkAdjoint, checkOp, dim, leaf, mat, vector } from './reference';
import type { Case, Mat } from './reference';

/** Blocks sharing `fixed` rows (HCat) or columns (VCat), each with its own other size. */
const blocks = (stack: 'h' | 'v') => fc.tuple(dim, fc.array(dim, { minLength: 1, maxLength: 4 })).chain(([fixed, sizes]) => {
  const leaves = sizes.map((s) => (stack === 'h' ? leaf(fixed, s) : leaf(s, fixed)));
  const total = sizes.reduce((a, b) => a + b, 0);
  return fc.record({
    cs: fc.tuple(...leaves),
    x: vector(stack === 'h' ? total : fixed),
    y: vector(stack === 'h' ? fixed : total),
  });
});

// [A₁, A₂, …](i, j) = A_k(i, j − offset_k)
function hcatRef(cs: Case[]): Mat {
  return cs[0]!.ref.map((_, i) => cs.flatMap((c) => c.ref[i]!));
}

test('HCat([A₁, …]) is the block row: matvec, rmatvec, toCSR; adjoint; nnz = Σ nnz', () => {
  fc.assert(fc.property(blocks('h'), ({ cs, x, y }) => {
    const op = new HCat(cs.map((c) => c.op));
    checkOp(op, hcatRef(cs), x, y);
    checkAdjoint(op, x, y);
    assert.equal(op.nnz(), cs.reduce((s, c) => s + c.nnz, 0));
    assert.equal(op.toCSR().Ai.length, op.nnz());
  }), { numRuns: 200 });
});

test('VCat([A₁; …]) is the block column: matvec, rmatvec, toCSR; adjoint; nnz = Σ nnz', () => {
  fc.assert(fc.property(blocks('v'), ({ cs, x, y }) => {
    const op = new VCat(cs.map((c) => c.op));
    const cols = cs[0]!.op.cols;
    checkOp(op, cs.flatMap((c) => c.ref), x, y, cols);
    checkAdjoint(op, x, y);
    assert.equal(op.nnz(), cs.reduce((s, c) => s + c.nnz, 0));
    assert.equal(op.toCSR().Ai.length, op.nnz());
  }), { numRuns: 200 });
});

test('blocks: [I₂, 0] and [I₂; 0] by hand', () => {
  const H = new HCat([new Identity(2), new Zero(2, 1)]);
  assert.deepEqual([...H.matvec(Float64Array.of(1, 2, 3))], [1, 2]);
  assert.deepEqual([...H.rmatvec(Float64Array.of(1, 2))], [1, 2, 0]);
  const V = new VCat([new Identity(2), new Zero(1, 2)]);
  assert.deepEqual([...V.matvec(Float64Array.of(1, 2))], [1, 2, 0]);
  checkOp(V, mat(3, 2, (i, j) => (i === j ? 1 : 0)), [1, 2], [3, 4, 5]);
});

test('HCat and VCat name the blocks that do not line up', () => {
  assert.throws(() => new HCat([new Identity(2), new Zero(3, 1)]), { message: 'HCat: block 0 is 2×2 but block 1 is 3×1 (rows must agree)' });
  assert.throws(() => new VCat([new Identity(2), new Zero(1, 3)]), { message: 'VCat: block 0 is 2×2 but block 1 is 1×3 (cols must agree)' });
  assert.throws(() => new HCat([]), { message: 'HCat: needs at least one block' });
});
