import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HCat, Identity, Kron, VCat, Zero } from '../../../src/core/sparse/index';
import { anyLeaf, checkAdjoint, checkOp, dim, kronRef, leaf, mat, vector } from './reference';
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

test('Kron blocks written in place: [C, A ⊗ B, C] and [C; A ⊗ B; C] at their offsets', () => {
  const arb = fc.tuple(anyLeaf, anyLeaf).chain(([a, b]) => {
    const K = { op: new Kron(a.op, b.op), ref: kronRef(a.ref, b.ref) };
    return fc.record({ K: fc.constant(K), h: leaf(K.op.rows, 2), v: leaf(2, K.op.cols) }).chain((r) => fc.record({
      r: fc.constant(r), xh: vector(K.op.cols + 4), yh: vector(K.op.rows), xv: vector(K.op.cols), yv: vector(K.op.rows + 4),
    }));
  });
  fc.assert(fc.property(arb, ({ r: { K, h, v }, xh, yh, xv, yv }) => {
    const H = new HCat([h.op, K.op, h.op]);
    checkOp(H, K.ref.map((row, i) => [...h.ref[i]!, ...row, ...h.ref[i]!]), xh, yh);
    const V = new VCat([v.op, K.op, v.op]);
    checkOp(V, [...v.ref, ...K.ref, ...v.ref], xv, yv, K.op.cols);
  }), { numRuns: 200 });
});

test('an I ⊗ I block lands at its offset: [I₁, I₂ ⊗ I₂]ᵀ y and [I₁; I₂ ⊗ I₂] x', () => {
  const K = new Kron(new Identity(2), new Identity(2));
  assert.deepEqual([...new HCat([new Identity(4), K]).rmatvec(Float64Array.of(1, 2, 3, 4))], [1, 2, 3, 4, 1, 2, 3, 4]);
  assert.deepEqual([...new VCat([new Zero(1, 4), K]).matvec(Float64Array.of(1, 2, 3, 4))], [0, 1, 2, 3, 4]);
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
