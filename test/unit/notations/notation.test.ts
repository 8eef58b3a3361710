// detectNotation: which front-end reads a piece of text.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notation } from '../../../src/core/notations';
import { detectNotation } from '../../../src/core/notations/detect';

const CASES: Array<[string, Notation]> = [
  ['sigmoid(W*x + b)', 'math'],
  ["W: 3x4\nx: R^4\ny = tanh(W*x + b)", 'math'],
  ["f = a'*X*b", 'math'],
  ['W ∈ ℝ^{3×4}\ny = σ(W*x)', 'math'],
  ['L = norm(y - t)^2', 'math'],
  ['y = \\sigma(Wx + b)', 'latex'],
  ['$y = Wx$', 'latex'],
  ['x_{1} + x_{2}', 'latex'],
  ['W \\in \\mathbb{R}^{m \\times n}', 'latex'],
  ['torch.sigmoid(W @ x + b)', 'python'],
  ['F.relu(x @ W.T + b)', 'python'],
  ['np.tanh(W.dot(x) + b)', 'python'],
  ['def forward(self, x):\n    return self.fc(x)', 'python'],
  ['y = A @ B', 'python'],
  ['y = (A * B).sum()', 'python'],
  ['y = A ** 2', 'python'],
  ['y = X.T', 'python'],
];

describe('detectNotation', () => {
  for (const [text, expected] of CASES) {
    it(`${JSON.stringify(text)} is ${expected}`, () => assert.equal(detectNotation(text), expected));
  }
});
