// gradient.NAME.values are nested in the parameter's own shape exactly as `values` takes them
// (DESIGN.md): a matrix as rows, a column vector flat, a 1×1 as a number, a row as one row. The
// test feeds the output back in as an input and checks the closed form ∂L/∂W = δ xᵀ entry by entry.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk } from '../helpers/oracle';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

test('σ(Wx + b), W 3×4: ∂L/∂W is 3 rows of 4 (δᵢ xⱼ), ∂L/∂b a flat list of 3 (δ), both fed back as values', () => {
  const W = [[0.5, -1, 2, 0.25], [1.5, 0, -0.5, 1], [-2, 0.75, 1, -1]];
  const x = [1, -2, 0.5, 3], b = [0.1, -0.2, 0.3], g = [1, -1, 0.5];
  const r = analyzeOk('sigmoid(W*x + b)', { values: { W, x, b, g }, numeric: true });
  const z = W.map((row, i) => row.reduce((s, w, j) => s + w * (x[j] as number), b[i] as number));
  const delta = z.map((zi, i) => sigmoid(zi) * (1 - sigmoid(zi)) * (g[i] as number));
  const gW = r.gradient?.W?.values as number[][];
  assert.ok(Array.isArray(gW) && gW.length === 3 && gW.every((row) => Array.isArray(row) && row.length === 4), JSON.stringify(gW));
  gW.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (delta[i] as number) * (x[j] as number)) < 1e-12, `∂L/∂W[${i}][${j}]`)));
  const gb = r.gradient?.b?.values as number[];
  assert.ok(Array.isArray(gb) && gb.every((v) => typeof v === 'number'), JSON.stringify(gb));
  gb.forEach((v, i) => assert.ok(Math.abs(v - (delta[i] as number)) < 1e-12, `∂L/∂b[${i}]`));
  // Round trip: the gradient's values are accepted as W and b and read back unchanged.
  const back = analyzeOk('sigmoid(W*x + b)', { values: { W: gW, x, b: gb, g }, numeric: true });
  assert.deepEqual(back.variables.W?.shape, [3, 4]);
  assert.deepEqual(Array.from(back.numbers?.inputs.W?.data ?? []), gW.flat());
  assert.deepEqual(Array.from(back.numbers?.inputs.b?.data ?? []), gb);
});

test('a 1×1 gradient is a number and a 1×n gradient one row: ∂(s² + u v)/∂s = 2s, ∂/∂u = vᵀ, fed back as values', () => {
  const r = analyzeOk('s*s + sum(u*v)', { values: { s: 3, u: [[1, 2, 3]], v: [[4], [5], [6]] }, wrt: ['s', 'u'], numeric: true });
  assert.equal(r.gradient?.s?.values, 6, '∂(s²)/∂s = 2s = 6, a number');
  assert.deepEqual(r.gradient?.u?.values, [[4, 5, 6]], '∂ sum(u v)/∂u = vᵀ, one row');
  const back = analyzeOk('s*s + sum(u*v)', { values: { s: r.gradient?.s?.values, u: r.gradient?.u?.values, v: [[4], [5], [6]] }, wrt: ['s', 'u'], numeric: true });
  assert.deepEqual(back.variables.u?.shape, [1, 3]);
  assert.deepEqual(back.variables.s?.shape, [1, 1]);
});
