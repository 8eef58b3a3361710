// tan, arcsin, arccos, arctan and sign (matrixcalculus.org's vocabulary), end to end in every
// notation: the Jacobian diag(f′(x)) against closed forms written here (tan′ = sec², arcsin′ =
// 1/√(1 − x²), …), and the analysis's own finite-difference check.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk, assertClose, denseFromCoo } from '../helpers/oracle';

const XS = [-0.6, 0.1, 0.35, 0.7];
const CLOSED: Record<string, (x: number) => number> = {
  tan: (x) => 1 / Math.cos(x) ** 2,
  arcsin: (x) => 1 / Math.sqrt(1 - x * x),
  arccos: (x) => -1 / Math.sqrt(1 - x * x),
  arctan: (x) => 1 / (1 + x * x),
  sign: () => 0,
};
const VALUE: Record<string, (x: number) => number> = { tan: Math.tan, arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan, sign: Math.sign };

/** [notation, source, the function it must read as, its display]. */
const SPELLINGS: Array<['math' | 'latex' | 'python', string, string, string]> = [
  ['math', 'tan(x)', 'tan', 'tan(x)'],
  ['math', 'arcsin(x)', 'arcsin', 'arcsin(x)'],
  ['math', 'asin(x)', 'arcsin', 'arcsin(x)'],
  ['math', 'acos(x)', 'arccos', 'arccos(x)'],
  ['math', 'arctan(x)', 'arctan', 'arctan(x)'],
  ['math', 'sign(x)', 'sign', 'sign(x)'],
  ['math', 'sgn(x)', 'sign', 'sign(x)'],
  ['latex', '\\tan(x)', 'tan', 'tan(x)'],
  ['latex', '\\arcsin(x)', 'arcsin', 'arcsin(x)'],
  ['latex', '\\arccos x', 'arccos', 'arccos(x)'],
  ['latex', '\\arctan(x)', 'arctan', 'arctan(x)'],
  ['latex', '\\operatorname{sign}(x)', 'sign', 'sign(x)'],
  ['latex', '\\sgn(x)', 'sign', 'sign(x)'],
  ['python', 'y = np.tan(x)', 'tan', 'tan(x)'],
  ['python', 'y = np.arcsin(x)', 'arcsin', 'arcsin(x)'],
  ['python', 'y = torch.asin(x)', 'arcsin', 'arcsin(x)'],
  ['python', 'y = np.arccos(x)', 'arccos', 'arccos(x)'],
  ['python', 'y = torch.atan(x)', 'arctan', 'arctan(x)'],
  ['python', 'y = np.sign(x)', 'sign', 'sign(x)'],
];

for (const [notation, source, fn, shown] of SPELLINGS) {
  test(`${notation}: ${source} is ${fn}: J = diag(${fn}′(x)) by its closed form`, () => {
    const r = analyzeOk(source, { notation, wrt: ['x'], shapes: { x: [4, 1] }, values: { x: XS }, numeric: true });
    assert.equal(r.definition.unicode, notation === 'python' ? `y = ${shown}` : shown);
    assertClose(r.numbers?.output.data ?? [], XS.map(VALUE[fn] as (x: number) => number), 1e-14, `${fn}(x)`);
    const J = denseFromCoo(r.jacobian.values!, 4, 4);
    assertClose(J.flat(), XS.flatMap((x, i) => XS.map((_, j) => (i === j ? (CLOSED[fn] as (x: number) => number)(x) : 0))), 1e-12, `diag(${fn}′(x))`);
    assert.equal(r.check?.passed, true);
  });
}

test('arcsin and arccos of a random input: seeded inside (−1, 1), so the numbers exist and the check passes', () => {
  for (const expr of ['sum(arcsin(W*x))', 'arccos(x)']) {
    const r = analyzeOk(expr, { shapes: { W: [3, 3] }, numeric: true });
    assert.equal(r.check?.passed, true, `${expr}: ${JSON.stringify(r.check)}`);
  }
});

test('sign: its derivative is 0 almost everywhere, and the docs say so', () => {
  const r = analyzeOk('sign(W*x)', { shapes: { W: [2, 3] }, wrt: ['W'], numeric: true });
  assert.ok(Array.from(r.jacobian.values!.vals).every((v) => v === 0));
  assert.equal(r.jacobian.unicode, 'diag(sign′(Wx)) (xᵀ ⊗ I₂)');
  assert.equal(r.check?.passed, true);
});
