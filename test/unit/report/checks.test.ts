// Everything shown is checked (issue 8): a printed formula that disagrees with the numbers, and a
// NaN anywhere, fail the check; the formulas fixed here agree with closed forms by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr } from '../../../src/core/ast';
import { num } from '../../../src/core/ast/build';
import { poly } from '../../../src/core/ast/dim';
import { symbolicGradient, type GradientForms } from '../../../src/core/calculus/gradient';
import { differentiate } from '../../../src/core/calculus/jacobian';
import type { Op } from '../../../src/core/calculus/ops';
import { parseMath } from '../../../src/core/notations/math';
import { prepare } from '../../../src/core/prepare';
import { Renderer } from '../../../src/core/present/renderer';
import { planGradient } from '../../../src/core/report/gradient';
import { computeNumbers } from '../../../src/core/report/numbers';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, valuesJSON } from '../helpers/oracle';

/** The numbers of `expr` with its symbolic gradient tampered by `spoil` (and its Jacobian's blocks by
 *  `spoilBlock`), as analyze would compute them. */
function numbersWith(expr: string, spoil: (f: GradientForms) => GradientForms, shapes: Record<string, number[]> = { W: [3, 4] },
  spoilBlock: (b: Op, i: number) => Op = (b) => b) {
  const options = { shapes, loss: 'sse', numeric: true };
  const p = prepare(parseMath(expr), expr, options);
  const plan = planGradient(p, options, new Renderer(p.shapes, p.names));
  const forms = symbolicGradient(plan.target, plan.seed, p.wrt, p.shapes, p.names.adjoint);
  assert.ok(forms);
  const J = differentiate(p.linked.output, p.wrt, p.shapes);
  const blocks = J.blocks.map(spoilBlock);
  return computeNumbers(p, { ...J, blocks }, plan, spoil(forms), undefined, options).checks;
}

test('the untouched formulas of a layer pass, each marked', () => {
  const c = numbersWith('sigmoid(W*x + b)', (f) => f);
  assert.equal(c.check.passed, true);
  assert.deepEqual(c.check.formulas, { checked: 6, failed: [] }); // J, ∂y/∂W, ∂y/∂b, ∂L/∂W, ∂L/∂b, δ
  assert.ok(c.gradient.W?.passed && c.definitions[0]?.passed && c.jacobian.passed);
});

test('a printed gradient formula that disagrees with the numbers fails the check and is named', () => {
  const c = numbersWith('sigmoid(W*x + b)', (f) => {
    const perVariable = new Map(f.perVariable);
    const b = perVariable.get('b') as Expr;
    perVariable.set('W', { kind: 'mul', left: b, right: { kind: 'ones', rows: 1, cols: 4, range: b.range }, range: b.range }); // δ 𝟏ᵀ, not δ xᵀ
    return { ...f, perVariable };
  });
  assert.equal(c.check.passed, false);
  assert.deepEqual(c.check.formulas.failed, ['∂L/∂W']);
  assert.equal(c.gradient.W?.passed, false);
  assert.equal(c.gradient.b?.passed, true);
});

test('a failed formula is named with the symbols printed: ∂ℓ/∂L and ∂y2/∂L beside the user\'s L and y', () => {
  const spoilt = (f: GradientForms): GradientForms => {
    const perVariable = new Map(f.perVariable);
    const b = perVariable.get('b') as Expr;
    perVariable.set('L', { kind: 'mul', left: b, right: { kind: 'ones', rows: 1, cols: 4, range: b.range }, range: b.range });
    return { ...f, perVariable };
  };
  const c = numbersWith('sigmoid(L*y + b)', spoilt, { L: [3, 4] });
  assert.deepEqual(c.check.formulas.failed, ['∂ℓ/∂L']);
  const block = numbersWith('sigmoid(L*y + b)', (f) => f, { L: [3, 4] }, (b, i) => (i === 0 ? { op: 'neg', arg: b } : b));
  assert.deepEqual(block.check.formulas.failed.slice(0, 2), ['J', '∂y2/∂L']);
});

test('a block wrong in one entry of 640 fails on the random directions (J has 80 columns): ∂y/∂W + 10⁻³ e₄ e₄₁ᵀ', () => {
  const shapes = { W: [8, 9] }; // J = [∂y/∂W, ∂y/∂b] is 8 × (72 + 8): past the column-by-column check
  const right = numbersWith('sigmoid(W*x + b)', (f) => f, shapes);
  assert.equal(right.check.method, 'directions');
  assert.deepEqual(right.check.formulas.failed, []);
  // E = e₄ e₄₁ᵀ (8 × 72) from the selections [0; 1; 0] and [0, 1, 0]
  const entry: Op = { op: 'product', factors: [
    { op: 'embed', total: poly(8), part: poly(1), offset: poly(3), transposed: false },
    { op: 'embed', total: poly(72), part: poly(1), offset: poly(40), transposed: true },
  ] };
  const c = numbersWith('sigmoid(W*x + b)', (f) => f, shapes, (b, i) => (i === 0 ? { op: 'sum', terms: [b, { op: 'scale', by: num(1e-3), arg: entry }] } : b));
  assert.equal(c.check.passed, false);
  // the block and J; and the gradient, whose numbers (Jᵀ seed) now carry the wrong entry: the
  // differences of L are taken along all the variables at once, so each ∂L/∂· shares that mark
  assert.deepEqual(c.check.formulas.failed, ['J', '∂y/∂W', '∂L/∂W', '∂L/∂b']);
  assert.equal(c.blocks[1]?.passed, true);
});

test('a wrong δ definition fails its own mark, and the gradients built on it', () => {
  const c = numbersWith('sigmoid(W*x + b)', (f) => ({ ...f, definitions: f.definitions.map((d) => ({ ...d, expr: { ...d.expr, kind: 'add' } as Expr })) }));
  assert.equal(c.check.passed, false);
  assert.equal(c.definitions[0]?.passed, false);
  assert.deepEqual(c.check.formulas.failed, ['∂L/∂W', '∂L/∂b', 'δ']);
});

test('NaN numbers are never a passed check: log of a negative entry', () => {
  const r = analyzeOk('log(x)', { values: { x: [-1, 2, 3] }, numeric: true });
  assert.equal(r.check?.passed, false);
  assert.equal(r.check?.maxRelError, Infinity);
});

test('a scaled trace keeps its identity: ∂/∂W (½‖Wx − t‖² + 0.1 tr W) = 0.1 I₃ + (Wx − t) xᵀ', () => {
  const next = D.rng(3);
  const W = D.randomM(next, 3, 3), x = D.randomM(next, 3, 1), t = D.randomM(next, 3, 1);
  const r = analyzeOk('0.5*norm(W*x - t)^2 + 0.1*trace(W)', { wrt: ['W'], values: valuesJSON({ W, x, t }), numeric: true });
  assert.equal(r.gradient?.W?.unicode, '0.1 I₃ + (Wx − t) xᵀ');
  const want = D.add(D.scale(0.1, D.eye(3)), D.mul(D.sub(D.mul(W, x), t), D.T(x)));
  assertClose(r.gradient?.W?.values ?? [], D.rowMajor(want), 1e-12, '0.1 I + (Wx − t) xᵀ');
  assert.equal(r.check?.passed, true);
  assert.equal(r.gradient?.W?.check?.passed, true);
});

test('2 tr X and tr X + 3 tr X: the gradients are 2 I₃ and 4 I₃, not the numbers 2 and 4', () => {
  for (const [expr, k] of [['2*trace(X)', 2], ['trace(X) + 3*trace(X)', 4]] as const) {
    const r = analyzeOk(expr, { shapes: { X: [3, 3] }, numeric: true });
    assert.equal(r.gradient?.X?.unicode, `${k} I₃`);
    assertClose(r.gradient?.X?.values ?? [], D.rowMajor(D.scale(k, D.eye(3))), 1e-12, expr);
    assert.equal(r.check?.passed, true);
  }
});

test('cross-entropy with multi-label targets: ∇ = (𝟏ᵀt) softmax(y) − t, printed and computed', () => {
  const next = D.rng(8);
  const W = D.randomM(next, 3, 2), x = D.randomM(next, 2, 1);
  const t = D.col([1, 1, 0]);
  const r = analyzeOk('W*x', { values: { ...valuesJSON({ W, x }), t: [1, 1, 0] }, loss: 'xent', numeric: true });
  assert.equal(r.gradient?.W?.unicode, '((𝟏ᵀ t) softmax(y) − t) xᵀ');
  const e = D.sub(D.scale(2, D.softmax(D.mul(W, x))), t);
  assertClose(r.gradient?.W?.values ?? [], D.rowMajor(D.mul(e, D.T(x))), 1e-12, '(2 s − t) xᵀ');
  assert.equal(r.check?.passed, true);
});
