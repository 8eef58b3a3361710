// The factored form Df = L [R₁, R₂, …]: a left factor is printed only when it says something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk } from '../helpers/oracle';

const parts = (input: string) => analyzeOk(input, {}).jacobian.factors.map((f) => [f.part, f.unicode]);

test('a sum has no identity in front: x + z is [I, I], not I [I, I]', () => {
  assert.deepEqual(parts('y = x + z'), [['block', 'Iₘ'], ['block', 'Iₘ']]);
  assert.deepEqual(parts('y = x + z + w'), [['block', 'Iₘ'], ['block', 'Iₘ'], ['block', 'Iₘ']]);
});

test('a shared factor that is not the identity stays in front: diag(σ′(Wx + b)) [xᵀ ⊗ I, I]', () => {
  assert.deepEqual(parts('y = sigmoid(W*x + b)'), [['left', 'diag(σ′(Wx + b))'], ['block', 'xᵀ ⊗ Iₘ'], ['block', 'Iₘ']]);
});
