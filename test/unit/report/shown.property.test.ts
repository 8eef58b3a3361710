// Property: for random well-typed expressions, every printed formula — the factored Jacobian,
// its blocks, each ∂L/∂X and each δ — evaluated on the numbers agrees with them, and the gradient
// agrees with central differences of L (the check in report/checks.ts, itself tested in
// checks.test.ts against spoiled formulas).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../src/core/index';

const call = (f: string) => (a: string) => `${f}(${a})`;
const SQUARE_FNS = ['tanh', 'sigmoid', 'sin', 'cos', 'softplus'].map(call);

/** Expressions of three types over A, B (3×3), x, w (3): matrices, vectors and scalars. */
const { M, v, s } = fc.letrec<{ M: string; v: string; s: string }>((tie) => ({
  M: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('A', 'B', "A'", 'I'),
    fc.tuple(tie('M'), tie('M')).map(([a, b]) => `(${a} + ${b})`),
    fc.tuple(tie('M'), tie('M')).map(([a, b]) => `(${a} * ${b})`),
    fc.tuple(tie('M'), tie('M')).map(([a, b]) => `(${a} .* ${b})`),
    fc.tuple(tie('s'), tie('M')).map(([a, b]) => `(${a} * ${b})`),
    fc.tuple(fc.constantFrom(...SQUARE_FNS), tie('M')).map(([f, a]) => f(a)),
    tie('M').map((a) => `(${a})'`),
    fc.constant('inv(A)'),
    tie('v').map((a) => `diag(${a})`),
    fc.constant('eye(3)'),
    fc.constant('adj(A)'),
    // three columns side by side, three rows stacked: a 3×3 of blocks
    fc.tuple(tie('v'), tie('v'), tie('v')).map(([a, b, c]) => `[${a}, ${b}, ${c}]`),
    fc.tuple(tie('v'), tie('v'), tie('v')).map(([a, b, c]) => `[(${a})'; (${b})'; (${c})']`),
  ),
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'w'),
    fc.tuple(tie('M'), tie('v')).map(([a, b]) => `${a} * ${b}`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `(${a} - ${b})`),
    fc.tuple(fc.constantFrom(...SQUARE_FNS), tie('v')).map(([f, a]) => f(a)),
    tie('v').map((a) => `softmax(${a})`),
    tie('M').map((a) => `diag(${a})`),
    fc.constant('ones(3,1)'),
  ),
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('0.5', '2'),
    tie('v').map((a) => `sum(${a})`),
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => `((${a})' * ${b})`),
    tie('M').map((a) => `trace(${a})`),
    tie('M').map((a) => `norm(${a})^2`),
    fc.constant('logdet(A)'),
    fc.constant('det(B)'),
    tie('M').map((a) => `norm2(${a})`),
    tie('v').map((a) => `norm1(${a})`),
    tie('v').map((a) => `norm_inf(${a})`),
    tie('v').map((a) => `sum(exp(${a}).^w)`),
  ),
}));

const shapes = { A: [3, 3], B: [3, 3], x: [3], w: [3] };

// Fixed seeds keep CI reproducible. Run locally over 700 seeds, the test found the defects that
// each of these seeds but 8 failed on: an identity dropped beside det(B), xᵀ I x, ‖A‖² Iᵀ (an
// internal error), and correct formulas failed by the O(h²) error or the rounding of the
// differences (det(B) ≈ 30 scales tanh and sin).
const SEEDS = [8, 0, 2, 3, 6, 51, 67, 181];

test(`random well-typed expressions: every printed formula evaluates to the numbers shown (seeds ${SEEDS.join(', ')})`, () => {
  for (const seed of SEEDS) fc.assert(fc.property(fc.oneof(s, v, M), fc.integer({ min: 0, max: 1000 }), (expr, valueSeed) => {
    const r = analyze(expr, { shapes, numeric: true, seed: valueSeed });
    if (!r.ok) {
      // only "nothing to differentiate" (constants such as trace(I)) may be refused, and a spectral
      // norm where it has no derivative (σ₁ repeated, as in ‖tanh(I) + det(B) I‖₂, or X = 0; ‖w − w‖∞, a tie at 0)
      assert.match(r.error.message, /no variables|largest singular value of this matrix is repeated|no derivative at X = 0|the ∞-norm is not differentiable here|the norm is not differentiable where its argument is 0/, `${expr}: ${r.error.message}`);
      return;
    }
    assert.ok(r.check, expr);
    assert.deepEqual(r.check.formulas.failed, [], `${expr}: wrong formulas ${r.check.formulas.failed.join(', ')}`);
    assert.ok(r.check.passed, `${expr}: ${JSON.stringify(r.check)}`);
    for (const [w, g] of Object.entries(r.gradient ?? {})) assert.equal(g.check?.passed, true, `${expr}: ∂L/∂${w} = ${g.unicode}`);
  }), { numRuns: 120, seed });
});
