// A repeated sub-expression is named once in the Jacobian and the gradient (issue 13): softmax(Vy + c) appears in
// δ twice and is printed once, as s; the output's own name is used where the output repeats; no
// loss line says L = L. The formulas as printed are also evaluated (gradientForms.test.ts runs
// every case through the same naming).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk } from '../helpers/oracle';

test('softmax(Vy + c) is named s once; δ reads s ⊙ (t − (sᵀ t) 𝟏)', () => {
  const a = analyzeOk('L = sum(softmax(V*y + c) .* t)', { wrt: ['V', 'c'] });
  assert.deepEqual(a.gradientDefinitions?.map((d) => [d.unicode, d.shared ?? false]), [
    ['s = softmax(Vy + c)', true],
    ['δ = s ⊙ (t − (sᵀ t) 𝟏)', false],
  ]);
  assert.equal(a.gradient?.V?.unicode, 'δ yᵀ');
  const note = a.derivation.find((d) => d.unicode === 's = softmax(Vy + c)')?.note;
  assert.equal(note, 'a repeated sub-expression, named once');
});

test('where the output itself repeats, it is written with its own name: δ = y ⊙ (g − (yᵀ g) 𝟏)', () => {
  const a = analyzeOk('y = softmax(W*x)', { wrt: ['W'] });
  assert.deepEqual(a.gradientDefinitions?.map((d) => d.unicode), ['δ = y ⊙ (g − (yᵀ g) 𝟏)']);
});

test('nothing repeated, nothing named: the layer keeps δ = σ′(Wx + b) ⊙ g', () => {
  const a = analyzeOk('y = sigmoid(W*x + b)', { wrt: ['W', 'b'] });
  assert.deepEqual(a.gradientDefinitions?.map((d) => d.unicode), ['δ = σ′(Wx + b) ⊙ g']);
});

test('no L = L: an output named L is spelled out, another name is named, an unnamed one spelled out', () => {
  assert.equal(analyzeOk('L = sum(W*x)').loss?.unicode, 'L = sum(Wx)');
  assert.equal(analyzeOk('f = sum(W*x)').loss?.unicode, 'L = f');
  assert.equal(analyzeOk('sum(W*x)').loss?.unicode, 'L = sum(Wx)');
});

test('the Jacobian names what one factor repeats: J = (diag(s) − s sᵀ)(…) with s = softmax(Vy + c), and the gradient uses the same s', () => {
  const a = analyzeOk("L = -t'*log(softmax(V*y + c))", { wrt: ['V', 'c'], numeric: true });
  assert.match(a.jacobian.unicode, /^\(−tᵀ\) diag\(1 \/ s\) \(diag\(s\) − s sᵀ\) \[yᵀ ⊗ I., I.\]$/);
  assert.deepEqual(a.jacobian.where?.map((d) => [d.name, d.unicode]), [['s', 's = softmax(Vy + c)']]);
  assert.deepEqual(a.gradientDefinitions?.filter((d) => d.shared).map((d) => d.unicode), ['s = softmax(Vy + c)']);
  // the step that names s comes before the Kronecker form, and the transposed J keeps (−t) whole
  const steps = a.derivation.map((d) => d.unicode);
  assert.ok(steps.indexOf('s = softmax(Vy + c)') < steps.findIndex((u) => u.startsWith('J = ')), steps.join('\n'));
  assert.match(a.layouts?.denominator.unicode ?? '', /diag\(1 \/ s\) \(−t\)$/);
  // every printed formula, the names in it evaluated from their definitions, agrees with the numbers
  assert.equal(a.check?.passed, true);
  assert.deepEqual(a.check?.formulas.failed, []);
  assert.equal(a.jacobian.check?.passed, true);
});

test('two softmax layers: the inner one is s, the outer one is the output y; each is defined once', () => {
  const a = analyzeOk('y = softmax(V*softmax(W*x + b) + c)', { numeric: true });
  assert.match(a.jacobian.unicode, /^\(diag\(y\) − y yᵀ\) \[V \(diag\(s\) − s sᵀ\) \(xᵀ ⊗ I.\), V \(diag\(s\) − s sᵀ\), sᵀ ⊗ I., I.\]$/);
  assert.deepEqual(a.jacobian.where?.map((d) => d.unicode), ['s = softmax(Wx + b)']);
  assert.deepEqual(a.gradientDefinitions?.map((d) => d.unicode), ['s = softmax(Wx + b)', 'δ₂ = y ⊙ (g − (yᵀ g) 𝟏)', 'δ₁ = s ⊙ (Vᵀ δ₂ − (sᵀ Vᵀ δ₂) 𝟏)']); // the scalar in front, as in δ₂
  assert.deepEqual(a.check?.formulas.failed, []);
  assert.equal(a.check?.passed, true);
});

test('what two factors each print once stays spelled out: the MLP keeps σ′(W₁x + b₁) and names nothing', () => {
  const a = analyzeOk('y = sigmoid(W2*sigmoid(W1*x + b1) + b2)');
  assert.equal(a.jacobian.where, undefined);
  assert.match(a.jacobian.unicode, /W₂ diag\(σ′\(W₁ x \+ b₁\)\) \(xᵀ ⊗ I.\), W₂ diag\(σ′\(W₁ x \+ b₁\)\), σ\(W₁ x \+ b₁\)ᵀ ⊗ I/);
});
