// The finite-difference checks on a function whose Jacobian is known in closed form:
// F(a, b) = [sin(a₁)·b₁ …] elementwise, so ∂F/∂a = diag(cos(a) ⊙ b) and ∂F/∂b = diag(sin(a)).
// A right J passes with a bounded number of evaluations of F; a wrong block fails and is named.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECK_TOLERANCE, DIRECTIONS, finiteDifferenceCheck, gradientCheck, gradientFromSamples } from '../../../src/core/numeric/check';
import { mat } from '../../../src/core/numeric/matrix';
import { Diag, type LinOp } from '../../../src/core/sparse';

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
  assert.equal(p.evaluations(), 2 * DIRECTIONS * 3);
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
  const c = finiteDifferenceCheck({ blocks: [row], forward: (x) => mat(1, 1, Float64Array.of(f(x))), at, seed: 3 });
  const before = evaluations;
  assert.ok(gradientFromSamples(g, c.samples) < 1e-8);
  const off = Float64Array.from(g, (gi, i) => (i === 7 ? gi + 0.01 : gi));
  assert.ok(gradientFromSamples(off, c.samples) > CHECK_TOLERANCE);
  assert.equal(evaluations, before);
  // the stand-alone check agrees on both
  assert.ok(gradientCheck(f, at, g, 5) < 1e-8);
  assert.ok(gradientCheck(f, at, off, 5) > CHECK_TOLERANCE);
});

test('a NaN in F is never a pass', () => {
  const p = problem(100);
  const c = finiteDifferenceCheck({ blocks: [p.dA, p.dB], forward: () => mat(100, 1, new Float64Array(100).fill(NaN)), at: p.at, seed: 1 });
  assert.equal(c.maxRelError, Infinity);
});
