import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dense, HCat, Identity, Kron, toCOO, toDense } from '../../../src/core/sparse/index';
import { anyLeaf, kronRef } from './reference';

test('toDense is the column-major dense matrix, for leaves and a Kron', () => {
  fc.assert(fc.property(fc.tuple(anyLeaf, anyLeaf), ([a, b]) => {
    for (const [op, ref] of [[a.op, a.ref], [new Kron(a.op, b.op), kronRef(a.ref, b.ref)]] as const) {
      const D = toDense(op, 1e6);
      assert.equal(D.length, op.rows * op.cols);
      ref.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(D[i + j * op.rows]! - v) <= 1e-9 * (1 + Math.abs(v)), `(${i}, ${j})`)));
    }
  }));
});

test('toDense refuses more entries than the budget, saying how many and how large', () => {
  const J = new HCat([new Kron(new Dense(1, 1000, new Float64Array(1000)), new Identity(1000)), new Identity(1000)]);
  assert.throws(() => toDense(J, 1e6), {
    message: 'toDense: a 1000×1001000 dense matrix has 1001000000 entries (7637.0 MB), over the budget of 1000000 entries; use toCSR/toCOO or raise the budget',
  });
  assert.equal(toDense(new Identity(3), 9).length, 9); // exactly at the budget is fine
});

test('toCOO lists every stored entry once, 0-based, row by row', () => {
  fc.assert(fc.property(anyLeaf, (c) => {
    const { rows, cols, vals } = toCOO(c.op);
    assert.equal(vals.length, c.nnz);
    assert.equal(rows.length, c.nnz);
    const seen = new Set<string>();
    for (let k = 0; k < vals.length; k++) {
      const i = rows[k]!, j = cols[k]!;
      assert.equal(c.pattern[i]![j], 1, `(${i}, ${j}) is not a stored position`);
      assert.ok(Math.abs(vals[k]! - c.ref[i]![j]!) <= 1e-12 * (1 + Math.abs(c.ref[i]![j]!)), `value at (${i}, ${j})`);
      assert.ok(!seen.has(`${i},${j}`));
      seen.add(`${i},${j}`);
      if (k > 0) assert.ok(rows[k - 1]! < i || (rows[k - 1] === i && cols[k - 1]! < j), 'row by row, columns sorted');
    }
  }));
});

test('toCOO of the layer block xᵀ ⊗ I₂ with x = (5, 6)', () => {
  const { rows, cols, vals } = toCOO(new Kron(new Dense(1, 2, Float64Array.of(5, 6)), new Identity(2)));
  assert.deepEqual([...rows], [0, 0, 1, 1]);
  assert.deepEqual([...cols], [0, 2, 1, 3]);
  assert.deepEqual([...vals], [5, 6, 5, 6]);
});
