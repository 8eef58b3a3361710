// The finite-difference checks (numeric/check.ts) on maps whose derivatives are known in closed
// form: a right derivative of a strongly curved map passes (central differences alone carry an
// O(h²) error of about 1e-5 for tanh(60x)), a derivative off by 0.1 % fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_TOLERANCE, finiteDifferenceCheck, gradientCheck } from '../../../src/core/numeric/check';
import { mat } from '../../../src/core/numeric/matrix';
import { Diag } from '../../../src/core/sparse';

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
