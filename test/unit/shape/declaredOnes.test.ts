// A 𝟏 that a front-end writes with a declared symbolic size (the 1_N spreading a bias over a batch of
// x: (N, d), the 𝟏 of a LayerNorm over d) has that declared size, not a new symbol of the same name:
// both once read "shape mismatch … N×d but … N×d".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk } from '../helpers/oracle';

const module = (ctor: string) =>
  `import torch.nn as nn\nclass Block(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n        self.f = ${ctor}\n    def forward(self, x):\n        # x: (N, d)\n        return self.f(x)`;

test('nn.Linear(d, d) on x: (N, d): the bias is spread over the declared N rows', () => {
  const a = analyzeOk(module('nn.Linear(d, d)'), { notation: 'python', numeric: true, wrt: ['W_f', 'b_f'] });
  assert.deepEqual(a.output.shape, ['N', 'd']);
  // d vec(x Wᵀ + 𝟏b)/d[vec W; b]: Nd × (d² + d)
  assert.deepEqual(a.jacobian.shape, ['Nd', 'd² + d']);
  assert.equal(a.check?.passed, true);
});

test('nn.LayerNorm(d) on x: (N, d): γ and β spread over N, the centring over d', () => {
  const a = analyzeOk(module('nn.LayerNorm(d)'), { notation: 'python', numeric: true, wrt: ['x'] });
  assert.deepEqual(a.output.shape, ['N', 'd']);
  assert.deepEqual(a.jacobian.shape, ['Nd', 'Nd']);
  assert.equal(a.check?.passed, true);
});
