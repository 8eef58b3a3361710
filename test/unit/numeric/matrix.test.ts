// The dense kernels the forward pass and the report use, against entry-by-entry definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mat, matmul, matmulT, toRowMajor, transpose, type Mat } from '../../../src/core/numeric/matrix';

const at = (a: Mat, i: number, j: number) => a.data[i + j * a.rows]!;
const sample = (rows: number, cols: number): Mat => mat(rows, cols, Float64Array.from({ length: rows * cols }, (_, k) => Math.sin(k + 1) * (k % 7 === 0 ? 0 : 1)));

test('transpose: (Aᵀ)(j, i) = A(i, j) for shapes that are not multiples of the tile, and powers of two', () => {
  for (const [r, c] of [[1, 1], [3, 70], [33, 31], [64, 64], [65, 1], [1, 40]] as const) {
    const a = sample(r, c), t = transpose(a);
    assert.deepEqual([t.rows, t.cols], [c, r]);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) assert.equal(at(t, j, i), at(a, i, j), `${r}×${c} at (${i}, ${j})`);
  }
});

test('toRowMajor: entry (i, j) at i·cols + j; a vector view is copied so that it does not carry its whole buffer', () => {
  const a = sample(5, 37), r = toRowMajor(a);
  for (let i = 0; i < 5; i++) for (let j = 0; j < 37; j++) assert.equal(r[i * 37 + j], at(a, i, j));
  const big = new Float64Array(10).map((_, k) => k);
  const view = toRowMajor(mat(4, 1, big.subarray(3, 7)));
  assert.deepEqual(Array.from(view), [3, 4, 5, 6]);
  assert.equal(view.buffer.byteLength, 32);
});

test('matmulT: A Bᵀ = Σ_p A(i, p) B(j, p), as matmul with the transpose formed', () => {
  for (const [m, k, n] of [[1, 5, 4], [3, 4, 2], [6, 1, 6], [2, 33, 40]] as const) {
    const a = sample(m, k), b = sample(n, k);
    const got = matmulT(a, b), want = matmul(a, transpose(b));
    assert.deepEqual([got.rows, got.cols], [m, n]);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += at(a, i, p) * at(b, j, p);
      assert.ok(Math.abs(at(got, i, j) - s) <= 1e-12 * (1 + Math.abs(s)), `(${i}, ${j})`);
      assert.ok(Math.abs(at(got, i, j) - at(want, i, j)) <= 1e-12 * (1 + Math.abs(s)));
    }
  }
});
