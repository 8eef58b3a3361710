// Issue 9, constants: `I`, `I_n`, `I_3`, `\mathbf{I}_d` are identities (size inferred or given by
// the subscript), `e^x` is exp(x) in every notation, and `\exp` of a matrix is said to be entry-wise.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import type { AnalysisOk, AnalyzeOptions } from '../../../src/core/index';

function ok(input: string, options: AnalyzeOptions = {}): AnalysisOk {
  const r = analyze(input, options);
  if (!r.ok) assert.fail(`${JSON.stringify(input)}: ${r.error.message}`);
  return r;
}

/** J as a dense row-major array from its COO values. */
function dense(r: AnalysisOk): number[][] {
  const v = r.jacobian.values;
  assert.ok(v, 'numbers expected');
  const [rows, cols] = r.jacobian.shape as [number, number];
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let k = 0; k < v.vals.length; k++) (out[v.rows[k] as number] as number[])[v.cols[k] as number] = v.vals[k] as number;
  return out;
}

test('I_3, I_n and \\mathbf{I}_n are identities of the subscript\'s size, not variables', () => {
  const W = [[1, 2, 3], [4, 5, 6], [7, 8, 10]];
  const x = [1, -2, 0.5];
  for (const input of ['y = (W + I_3) x', 'y = (\\mathbf{W} + \\mathbf{I}_3)\\mathbf{x}', 'y = (W + I_{3}) x']) {
    const r = ok(input, { notation: 'latex', values: { W, x }, numeric: true });
    assert.deepEqual(Object.keys(r.variables).sort(), ['W', 'x'], input);
    assert.deepEqual(r.jacobian.shape, [3, 12], input);
    // ∂y/∂x = W + I (closed form), the last three columns
    const J = dense(r);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.equal(J[i]![9 + j], W[i]![j]! + (i === j ? 1 : 0), `${input} (${i}, ${j})`);
  }
  // a symbolic size names the identity's size and every size tied to it
  const r = ok('y = (W - I_n) x', { notation: 'latex' });
  assert.deepEqual(r.jacobian.shape, ['n', 'n² + n']);
  assert.equal(r.jacobian.unicode, '[xᵀ ⊗ Iₙ, W − Iₙ]');
  assert.deepEqual(r.variables.W!.shape, ['n', 'n']);
});

test('an identity whose size disagrees with its use is an error naming both shapes; a declared I_n is the user\'s', () => {
  const r = analyze('W \\in \\mathbb{R}^{3 \\times 4},\\; y = (W + I_3) x', { notation: 'latex' });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.message, "shape mismatch in '+': W is 3×4 but I_3 is 3×3");
  const mine = ok('I_n \\in \\mathbb{R}^{2 \\times 3},\\; y = I_n x', { notation: 'latex' });
  assert.deepEqual(mine.variables.I_n!.shape, [2, 3]);
});

test('e^x is exp(x) in math notation too; e^A of a matrix says it is entry by entry', () => {
  const r = ok('y = e^(W*x)', { notation: 'math' });
  assert.equal(r.jacobian.unicode, 'diag(exp(Wx)) [xᵀ ⊗ Iₘ, W]');
  const x = [0.3, -1];
  const v = ok('y = e^x', { notation: 'math', values: { x }, numeric: true });
  assert.deepEqual(dense(v), [[Math.exp(0.3), 0], [0, Math.exp(-1)]]);
  for (const [input, notation] of [['Y = e^A', 'math'], ['Y = e^{A}', 'latex'], ['Y = \\exp(A)', 'latex']] as const) {
    const m = ok(input, { notation });
    assert.deepEqual(m.notes?.filter((n) => n.startsWith('exp of the matrix A is read entry by entry')).length, 1, input);
  }
});

test('Python: np.eye(3) and torch.eye(n) are identities; the matrix exponential is refused by name', () => {
  const r = ok('y = (W + np.eye(3)) @ x', { notation: 'python' });
  assert.deepEqual(r.jacobian.shape, [3, 12]);
  assert.deepEqual(Object.keys(r.variables).sort(), ['W', 'x']);
  assert.equal(ok('y = (W - torch.eye(n)) @ x', { notation: 'python' }).jacobian.unicode, '[xᵀ ⊗ Iₙ, W − Iₙ]');
  const input = 'Y = torch.matrix_exp(A)';
  const bad = analyze(input, { notation: 'python' });
  assert.equal(bad.ok, false);
  if (bad.ok) return;
  assert.equal(bad.error.message, 'the matrix exponential is not supported (np.exp and torch.exp act entry by entry)');
  assert.equal(input.slice(bad.error.start, bad.error.end), 'torch.matrix_exp');
});
