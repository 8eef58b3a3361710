// `defaultLoss`: the loss a caller prefers for a vector output, dropped for a scalar output (its
// own loss), so the panel analyses once before it knows the output's shape.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalyzeOptions } from '../../../src/core';
import { analyzeOk, assertClose } from '../helpers/oracle';

const A = [[1, 2, 3], [4, 5, 6]];
const X = [[0.5, -1], [2, 0.25], [-3, 1.5]];

test('a scalar output ignores defaultLoss: f = tr(AX) has ∂f/∂X = Aᵀ (Matrix Cookbook (100))', () => {
  const a = analyzeOk('f = trace(A*X)', { wrt: ['X'], values: { A, X }, numeric: true, defaultLoss: 'sse' });
  assert.equal(a.loss?.kind, 'output');
  // Aᵀ row-major in X's 3×2 shape
  assertClose(a.gradient!.X!.values!, [1, 4, 2, 5, 3, 6], 1e-12, '∂f/∂X');
});

test('a vector output takes defaultLoss: y = A x with ½‖y − t‖² has ∂L/∂x = Aᵀ(Ax − t)', () => {
  const x = [1, -2, 0.5];
  const t = [0.25, -1];
  const a = analyzeOk('y = A*x', { wrt: ['x'], values: { A, x, t }, numeric: true, defaultLoss: 'sse' });
  assert.equal(a.loss?.kind, 'sse');
  const r = A.map((row, i) => row.reduce((s, v, j) => s + v * (x[j] as number), 0) - (t[i] as number));
  const want = [0, 1, 2].map((j) => A.reduce((s, row, i) => s + (row[j] as number) * (r[i] as number), 0));
  assertClose(a.gradient!.x!.values!, want, 1e-12, '∂L/∂x');
});

test('an explicit loss wins over defaultLoss, for a scalar output too', () => {
  const a = analyzeOk('f = trace(A*X)', { wrt: ['X'], values: { A, X }, loss: 'sse', defaultLoss: 'xent' });
  assert.equal(a.loss?.kind, 'sse');
});

test('a defaultLoss that is not a string is a user error', () => {
  const r = analyze('y = A*x', { defaultLoss: 3 } as unknown as AnalyzeOptions);
  assert.deepEqual(r.ok ? undefined : r.error, { message: 'defaultLoss must be sse, xent or an expression', start: 0, end: 0 });
});
