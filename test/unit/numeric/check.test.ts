// The finite-difference checks (numeric/check.ts) on maps whose derivatives are known in closed
// form: a right derivative of a strongly curved map passes (central differences alone carry an
// O(h²) error of about 1e-5 for tanh(60x)), a derivative off by 0.1 % fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_TOLERANCE, DIRECTIONS, finiteDifferenceCheck, gradientCheck, gradientFromSamples } from '../../../src/core/numeric/check';
import { mat } from '../../../src/core/numeric/matrix';
import { valueError } from '../../../src/core/numeric/check';
import { CSRMatrix, csrFromTriplets, Diag, HCat, Sum, type LinOp } from '../../../src/core/sparse';

const C = 60;
// near the saturation, where F′ is small but F‴ is not; the entry 4 makes the step 4e-5
const at = Float64Array.from([0.05, -0.045, 0.055, 4]);
// F(x) = tanh(C x) entrywise; F′ = C (1 − tanh²(C x)) = C sech²(C x)
const dF = (x: number) => C / Math.cosh(C * x) ** 2;
const forward = (x: Float64Array) => mat(x.length, 1, x.map((v) => Math.tanh(C * v)));

test('gradient check: the exact gradient of Σ tanh(60 xᵢ) passes; 1.001 times it fails', () => {
  const f = (x: Float64Array) => x.reduce((s, v) => s + Math.tanh(C * v), 0);
  const g = at.map(dF);
  assert.ok(gradientCheck(f, at, g, 3) <= CHECK_TOLERANCE, `error ${gradientCheck(f, at, g, 3)}`);
  assert.ok(gradientCheck(f, at, g.map((v) => 1.001 * v), 3) > CHECK_TOLERANCE);
});

test('Jacobian check: diag(60 sech²(60x)) passes for tanh(60x); 1.001 times it fails', () => {
  const right = finiteDifferenceCheck({ blocks: [new Diag(at.map(dF))], forward, at, seed: 1 });
  assert.ok(right.maxRelError <= CHECK_TOLERANCE, `error ${right.maxRelError}`);
  const wrong = finiteDifferenceCheck({ blocks: [new Diag(at.map((v) => 1.001 * dF(v)))], forward, at, seed: 1 });
  assert.ok(wrong.maxRelError > CHECK_TOLERANCE, `error ${wrong.maxRelError}`);
});

test('rounding noise of a large F is allowed for, a wrong slope still fails: F(x) = 10⁷ + 0.3 x', () => {
  const big = (x: Float64Array) => mat(x.length, 1, x.map((v) => 1e7 + 0.3 * v));
  const x0 = Float64Array.from([0.2, -0.4, 0.9]);
  const ok = finiteDifferenceCheck({ blocks: [new Diag(new Float64Array(3).fill(0.3))], forward: big, at: x0, seed: 2 });
  assert.ok(ok.maxRelError <= CHECK_TOLERANCE, `error ${ok.maxRelError}`);
  const off = finiteDifferenceCheck({ blocks: [new Diag(new Float64Array(3).fill(0.31))], forward: big, at: x0, seed: 2 });
  assert.ok(off.maxRelError > CHECK_TOLERANCE, `error ${off.maxRelError}`);
  const f = (x: Float64Array) => 1e7 + x.reduce((s, v) => s + 0.3 * v, 0);
  assert.ok(gradientCheck(f, x0, [0.3, 0.3, 0.3], 5) <= CHECK_TOLERANCE, `error ${gradientCheck(f, x0, [0.3, 0.3, 0.3], 5)}`);
  assert.ok(gradientCheck(f, x0, [0.31, 0.31, 0.31], 5) > CHECK_TOLERANCE);
});

// Bounded cost: F(a, b) = sin(a) ⊙ b, ∂F/∂a = diag(cos(a) ⊙ b), ∂F/∂b = diag(sin(a)).
function problem(n: number) {
  const at = Float64Array.from({ length: 2 * n }, (_, i) => 0.3 + 0.01 * i);
  let evaluations = 0;
  const forward = (x: Float64Array) => {
    evaluations++;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]!) * x[n + i]!;
    return mat(n, 1, out);
  };
  const a = at.subarray(0, n);
  const b = at.subarray(n);
  const dA = new Diag(Float64Array.from(a, (ai, i) => Math.cos(ai) * b[i]!));
  const dB = new Diag(Float64Array.from(a, (ai) => Math.sin(ai)));
  return { at, forward, dA, dB, evaluations: () => evaluations };
}

test('a right Jacobian with many columns passes after 2 directions over all blocks: 4 evaluations of F', () => {
  const p = problem(200);
  const c = finiteDifferenceCheck({ blocks: [p.dA, p.dB], forward: p.forward, at: p.at, seed: 1 });
  assert.ok(c.maxRelError < 1e-8, String(c.maxRelError));
  assert.equal(c.method, 'directions');
  assert.equal(c.count, DIRECTIONS);
  assert.equal(p.evaluations(), 2 * DIRECTIONS);
  assert.deepEqual(c.perBlock.map((e) => e <= CHECK_TOLERANCE), [true, true]);
});

test('a wrong block fails, and per-block directions say which one', () => {
  const p = problem(200);
  const wrong = new Diag(Float64Array.from({ length: 200 }, (_, i) => Math.sin(p.at[i]!) * 1.001));
  const c = finiteDifferenceCheck({ blocks: [p.dA, wrong], forward: p.forward, at: p.at, seed: 1 });
  assert.ok(c.maxRelError > CHECK_TOLERANCE);
  assert.deepEqual(c.perBlock.map((e) => e <= CHECK_TOLERANCE), [true, false]);
});

test('few columns: every column is checked, and a wrong entry is found in its block', () => {
  const p = problem(3);
  const right = finiteDifferenceCheck({ blocks: [p.dA, p.dB], forward: p.forward, at: p.at, seed: 1 });
  assert.equal(right.method, 'columns');
  assert.equal(right.count, 6);
  assert.ok(right.maxRelError < 1e-8);
  const bad: LinOp = new Diag(Float64Array.from([Math.cos(p.at[0]!) * p.at[3]!, 0.5, Math.cos(p.at[2]!) * p.at[5]!]));
  const wrong = finiteDifferenceCheck({ blocks: [bad, p.dB], forward: p.forward, at: p.at, seed: 1 });
  assert.deepEqual(wrong.perBlock.map((e) => e <= CHECK_TOLERANCE), [false, true]);
});

test('a point given as its parts (the variables\' own values, not restacked) is checked as the stacked vector is', () => {
  const p = problem(200);
  const parts = [Float64Array.from(p.at.subarray(0, 200)), Float64Array.from(p.at.subarray(200))];
  const bad = new Diag(Float64Array.from(p.dB.toCSR().Ax, (x, i) => (i === 150 ? x + 1e-3 : x)));
  for (const blocks of [[p.dA, p.dB], [p.dA, bad]]) {
    const stacked = finiteDifferenceCheck({ blocks, forward: p.forward, at: p.at, seed: 1 });
    const split = finiteDifferenceCheck({ blocks, forward: p.forward, at: parts, seed: 1 });
    assert.deepEqual(split.perBlock, stacked.perBlock); // the per-block directions, at an offset, included
  }
  assert.deepEqual(finiteDifferenceCheck({ blocks: [p.dA, bad], forward: p.forward, at: parts, seed: 1 }).perBlock.map((e) => e <= CHECK_TOLERANCE), [true, false]);
  const f = (x: Float64Array) => p.forward(x).data.reduce((s, y) => s + y, 0);
  const g = new HCat([p.dA, p.dB]).rmatvec(new Float64Array(200).fill(1));
  assert.equal(gradientCheck(f, parts, g, 5), gradientCheck(f, p.at, g, 5));
});

test('the printed J is taken along the same directions: right, it matches J v; one entry of 80 000 off by 1e-3, it does not', () => {
  const p = problem(200); // J = [diag(cos a ⊙ b), diag(sin a)], 200 × 400
  const J = new HCat([p.dA, p.dB]);
  const one = (i: number, j: number, x: number) => new CSRMatrix(csrFromTriplets(200, 400, Int32Array.of(i), Int32Array.of(j), Float64Array.of(x)));
  const along = (printed: LinOp) => finiteDifferenceCheck({ blocks: [p.dA, p.dB], forward: p.forward, at: p.at, seed: 1, printed }).samples
    .map((s) => valueError(mat(200, 1, s.jv), mat(200, 1, s.pv!)));
  const right = along(new HCat([p.dA, p.dB]));
  assert.equal(right.length, DIRECTIONS);
  assert.ok(right.every((e) => e < 1e-15), String(right));
  // off the diagonals, where J is zero, and on one: each direction sees it (a zero of probability 0)
  for (const [i, j] of [[17, 333], [5, 205]] as const) {
    const wrong = along(new Sum([J, one(i, j, 1e-3)]));
    assert.ok(wrong.every((e) => e > CHECK_TOLERANCE), `(${i}, ${j}): ${wrong}`);
  }
});

test('a gradient is checked against the differences of a scalar F already taken, with no new evaluation', () => {
  // F = Σ sin(aᵢ) bᵢ: its gradient is [cos(a) ⊙ b; sin(a)]
  const n = 100;
  const at = Float64Array.from({ length: 2 * n }, (_, i) => 0.2 + 0.005 * i);
  let evaluations = 0;
  const f = (x: Float64Array) => {
    evaluations++;
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.sin(x[i]!) * x[n + i]!;
    return s;
  };
  const g = Float64Array.from({ length: 2 * n }, (_, i) => (i < n ? Math.cos(at[i]!) * at[n + i]! : Math.sin(at[i - n]!)));
  const row = { rows: 1, cols: 2 * n, matvec: (v: Float64Array) => Float64Array.of(g.reduce((s, gi, i) => s + gi * v[i]!, 0)) } as unknown as LinOp;
  const forward = (x: Float64Array) => mat(1, 1, Float64Array.of(f(x)));
  finiteDifferenceCheck({ blocks: [row], forward, at, seed: 3 });
  const bare = evaluations;
  const c = finiteDifferenceCheck({ blocks: [row], forward, at, seed: 3, gradient: g });
  assert.equal(evaluations, 2 * bare); // the gradient cost no evaluation of its own
  assert.ok(gradientFromSamples(c.samples, 'F') < 1e-8);
  const off = Float64Array.from(g, (gi, i) => (i === 7 ? gi + 0.01 : gi));
  assert.ok(gradientFromSamples(finiteDifferenceCheck({ blocks: [row], forward, at, seed: 3, gradient: off }).samples, 'F') > CHECK_TOLERANCE);
  // the stand-alone check agrees on both
  assert.ok(gradientCheck(f, at, g, 5) < 1e-8);
  assert.ok(gradientCheck(f, at, off, 5) > CHECK_TOLERANCE);
});

test('a NaN in F is never a pass', () => {
  const p = problem(100);
  const c = finiteDifferenceCheck({ blocks: [p.dA, p.dB], forward: () => mat(100, 1, new Float64Array(100).fill(NaN)), at: p.at, seed: 1 });
  assert.equal(c.maxRelError, Infinity);
});

test('the gradient of a loss of F is checked on the evaluations of F the Jacobian check made, with no new one', () => {
  // F(x) = sin(x) entrywise (J = diag(cos x)); L = ½‖F − t‖², so ∇L = cos(x) ⊙ (sin(x) − t)
  const n = 80;
  const at = Float64Array.from({ length: n }, (_, i) => 0.3 + 0.01 * i);
  const t = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.004 * i);
  let evaluations = 0;
  const forward = (x: Float64Array) => (evaluations++, mat(n, 1, x.map(Math.sin)));
  const loss = (F: ArrayLike<number>) => Array.from(F).reduce((s, f, i) => s + (f - t[i]!) ** 2 / 2, 0);
  const blocks = [new Diag(at.map(Math.cos))];
  const bare = finiteDifferenceCheck({ blocks, forward, at, seed: 4, loss });
  const once = evaluations;
  const g = at.map((x, i) => Math.cos(x) * (Math.sin(x) - t[i]!));
  const c = finiteDifferenceCheck({ blocks, forward, at, seed: 4, loss, gradient: g });
  assert.equal(evaluations, 2 * once); // the gradient cost no evaluation of its own
  assert.ok(gradientFromSamples(c.samples, 'loss') < 1e-8);
  const off = Float64Array.from(g, (gi, i) => (i === 11 ? gi * 1.05 + 0.01 : gi));
  assert.ok(gradientFromSamples(finiteDifferenceCheck({ blocks, forward, at, seed: 4, loss, gradient: off }).samples, 'loss') > CHECK_TOLERANCE);
  // without a gradient, or without a loss, there is nothing to compare
  assert.equal(gradientFromSamples(bare.samples, 'loss'), Infinity);
  assert.equal(gradientFromSamples(finiteDifferenceCheck({ blocks, forward, at, seed: 4, gradient: g }).samples, 'loss'), Infinity);
});
