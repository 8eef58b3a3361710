// A repeated sub-expression is named once in the gradient (issue 13): softmax(Vy + c) appears in
// δ twice and is printed once, as s; the output's own name is used where the output repeats; no
// loss line says L = L. The formulas as printed are also evaluated (gradientForms.test.ts runs
// every case through the same naming).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk } from '../helpers/oracle';

test('softmax(Vy + c) is named s once; δ reads s ⊙ (t − 𝟏 (sᵀ t))', () => {
  const a = analyzeOk('L = sum(softmax(V*y + c) .* t)', { wrt: ['V', 'c'] });
  assert.deepEqual(a.gradientDefinitions?.map((d) => [d.unicode, d.shared ?? false]), [
    ['s = softmax(Vy + c)', true],
    ['δ = s ⊙ (t − 𝟏 (sᵀ t))', false],
  ]);
  assert.equal(a.gradient?.V?.unicode, 'δ yᵀ');
  const note = a.derivation.find((d) => d.unicode === 's = softmax(Vy + c)')?.note;
  assert.equal(note, 'a repeated sub-expression, named once');
});

test('where the output itself repeats, it is written with its own name: δ = y ⊙ (g − 𝟏 (yᵀ g))', () => {
  const a = analyzeOk('y = softmax(W*x)', { wrt: ['W'] });
  assert.deepEqual(a.gradientDefinitions?.map((d) => d.unicode), ['δ = y ⊙ (g − 𝟏 (yᵀ g))']);
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
