// PyTorch's row form of the gradient (activations as rows, x Wᵀ + b): the formula as PyTorch
// writes it, evaluated on the rows' values against the gradient's numbers (themselves checked
// against finite differences of L), and a wrong row form is a failed check.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulE, num, transposeE, varE } from '../../../src/core/ast/build';
import { symbolicGradient } from '../../../src/core/calculus/gradient';
import { differentiate } from '../../../src/core/calculus/jacobian';
import { parseMath } from '../../../src/core/notations/math';
import { prepare } from '../../../src/core/prepare';
import { Renderer } from '../../../src/core/present/renderer';
import { gradientForms, planGradient } from '../../../src/core/report/gradient';
import { computeNumbers } from '../../../src/core/report/numbers';
import { rowForms } from '../../../src/core/report/rowForm';
import type { AnalyzeOptions } from '../../../src/core/analysis';
import { analyzeOk } from '../helpers/oracle';

const CASES: Array<[string, Record<string, unknown>, string]> = [
  ['y = sigmoid(W*x + b)', {}, 'W.grad = δᵀ x,  b.grad = δ,  δ = σ′(x Wᵀ + b) ⊙ g'],
  ['y = W2*tanh(W1*x + b1) + b2', { loss: 'sse' },
    'W1.grad = δᵀ x,  b1.grad = δ,  W2.grad = (y − t)ᵀ tanh(x W₁ᵀ + b₁),  b2.grad = y − t,  δ = tanh′(x W₁ᵀ + b₁) ⊙ ((y − t) W₂)'],
  ["L = -t'*log(softmax(V*y + c))", { wrt: ['V', 'c'] },
    'V.grad = δ₁ᵀ y,  c.grad = δ₁,  s = softmax(y Vᵀ + c),  δ₂ = −(1 / s) ⊙ t,  δ₁ = s ⊙ (δ₂ − (s δ₂ᵀ) 𝟏ᵀ)'],
  ["y = x'*A*x", { wrt: ['x', 'A'] }, 'x.grad = xA + x Aᵀ,  A.grad = xᵀ x'],
  // data-first: already rows, nothing to transpose
  ['Y = sigmoid(X*W + b)', { shapes: { X: [5, 4], W: [4, 3], b: [1, 3] } }, 'W.grad = Xᵀ δ,  b.grad = 𝟏ᵀ δ,  δ = σ′(XW + b) ⊙ g'],
];

for (const [expr, options, pytorch] of CASES) {
  test(`row form of ${expr}: ${pytorch}, evaluated against the checked gradient`, () => {
    const a = analyzeOk(expr, { ...options, numeric: true, seed: 3 });
    assert.equal(a.layouts?.pytorch.unicode, pytorch);
    assert.deepEqual(a.layouts?.pytorch.check?.passed, true);
    assert.equal(a.check?.gradient?.passed, true, 'the gradient numbers agree with differences of L');
    assert.equal(a.check?.passed, true);
  });
}

test('a wrong row form (2 δᵀ x for W) fails the check and is named', () => {
  const expr = 'y = sigmoid(W*x + b)';
  const options: AnalyzeOptions = { shapes: { W: [3, 4] }, numeric: true };
  const p = prepare(parseMath(expr), expr, options);
  const r = new Renderer(p.shapes, p.names);
  const plan = planGradient(p, options, r);
  const raw = symbolicGradient(plan.target, plan.seed, p.wrt, p.shapes, p.names.adjoint);
  assert.ok(raw);
  const forms = { ...raw, shared: [] };
  gradientForms(p, forms, r); // gives δ its shape
  const right = rowForms(forms, { shape: (e) => p.shapes.shape(e) });
  const wrong = { ...right, perVariable: new Map(right.perVariable).set('W', mulE(num(2), mulE(transposeE(varE('δ')), varE('x')))) };
  const run = (rows: typeof right) => computeNumbers(p, differentiate(p.linked.output, p.wrt, p.shapes), plan, forms, rows, options).checks;
  assert.equal(run(right).pytorch?.passed, true);
  const c = run(wrong);
  assert.equal(c.pytorch?.passed, false);
  assert.equal(c.check.passed, false);
  assert.deepEqual(c.check.formulas.failed, ['PyTorch .grad']);
});
