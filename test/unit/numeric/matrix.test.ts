// The dense kernels the forward pass and the report use, against entry-by-entry definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { det, logAbsDet, mat, matmul, matmulT, toRowMajor, transpose, type Mat } from '../../../src/core/numeric/matrix';
import { randomValue } from '../../../src/core/numeric/values';
import { analyze } from '../../../src/core';

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

test('logAbsDet: log |det X| where det X overflows (20·I₃₀₀: 300 log 20), and log |det| of a small X with a negative det', () => {
  const n = 300;
  const big = mat(n, n);
  for (let i = 0; i < n; i++) big.data[i + i * n] = 20;
  assert.equal(det(big), Infinity, '20³⁰⁰ is past the largest double');
  assert.ok(Math.abs(logAbsDet(big) - n * Math.log(20)) < 1e-9 * n * Math.log(20));
  const x = mat(2, 2, Float64Array.of(1, 3, 2, 4)); // [[1, 2], [3, 4]]: det = 4 − 6 = −2
  assert.ok(Math.abs(logAbsDet(x) - Math.log(2)) < 1e-15);
});

test('seeded values of a matrix that is inverted keep det finite at any size, and det X, log|det X| are checked at 200×200 (where n·I gave 200²⁰⁰)', () => {
  const x = randomValue('X', 200, 200, 0, 'invertible');
  const d = det(x);
  assert.ok(Number.isFinite(d) && Math.abs(d) > 1e-3 && Math.abs(d) < 1e3, `det = ${d}`);
  for (const text of ['det(X)', 'logdet(X)']) {
    const a = analyze(text, { shapes: { X: [200, 200] }, numeric: true });
    assert.ok(a.ok, a.ok ? '' : a.error.message);
    assert.ok(Number.isFinite(a.numbers!.output.data[0]!), `${text} = ${a.numbers!.output.data[0]}`);
    assert.equal(a.check?.passed, true, text);
  }
});
