// The cost model (numeric/cost.ts) through its refusals: the estimate and the largest sizes that
// fit, named in the message before anything is allocated. What it admits at those sizes was
// timed by hand (see cost.ts); here the claims about the sizes are checked, not the clock.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core';
import type { AnalyzeOptions } from '../../../src/core';

const refusal = (text: string, options: AnalyzeOptions): string => {
  const a = analyze(text, { ...options, numeric: true });
  assert.ok(!a.ok, `${text} is refused`);
  assert.match(a.error.message, /^numbers for these sizes \(.+\) would take about [\d.e]+ operations and [\d.]+ [MG]B; the budget is/);
  return a.error.message;
};
/** The size n of `name n×n` in the message's "largest sizes … that fit". */
const fits = (message: string, name: string): number => {
  const m = new RegExp(`that fit: .*\\b${name} (\\d+)×\\1`).exec(message);
  assert.ok(m, message);
  return Number(m[1]);
};
const zeros = (n: number): number[][] => Array.from({ length: n }, () => new Array<number>(n).fill(0));

test('inv(X): the largest size named is admitted (X = 0 is then refused as singular, at once) and one more is not', () => {
  for (const printsNumbers of [false, true]) {
    const n = fits(refusal('inv(X)', { shapes: { X: [1000, 1000] }, printsNumbers }), 'X');
    assert.ok(n > 100 && n < 1000, `${n}`);
    const at = analyze('inv(X)', { values: { X: zeros(n) }, numeric: true, printsNumbers });
    assert.ok(!at.ok && at.error.message.startsWith('this matrix is singular at these values'), at.ok ? '' : at.error.message);
    refusal('inv(X)', { values: { X: zeros(n + 1) }, printsNumbers });
  }
});

test('writing every number out (--json) is counted: the largest σ(Wx + b) that fits is smaller', () => {
  const plain = fits(refusal('sigmoid(W*x + b)', { shapes: { W: [8000, 8000] } }), 'W');
  const json = fits(refusal('sigmoid(W*x + b)', { shapes: { W: [8000, 8000] }, printsNumbers: true }), 'W');
  assert.ok(json < plain, `${json} < ${plain}`);
});

test('J·v through −(X⁻ᵀ ⊗ X⁻¹), dense n²×n², is counted: inv(X) fits smaller than aᵀX⁻¹b, whose J is a row', () => {
  const inv = fits(refusal('inv(X)', { shapes: { X: [2000, 2000] } }), 'X');
  const bilinear = fits(refusal("a'*inv(X)*b", { shapes: { X: [2000, 2000] } }), 'X');
  assert.ok(inv < bilinear, `${inv} < ${bilinear}`);
});

test('X^32: each power in the Jacobian and the gradient is counted (32 terms, X¹ … X³¹): under 40×40 fits', () => {
  assert.ok(fits(refusal('X^32', { shapes: { X: [200, 200] } }), 'X') < 40);
  assert.ok(fits(refusal('X^2', { shapes: { X: [2000, 2000] } }), 'X') > 100, 'X² is two products');
});

test('½‖σ(Wx + b) − t‖² at W 4096²: refused with the memory it took when run (1.1 GB resident), a smaller W fits', () => {
  const m = refusal('sum((sigmoid(W*x + b) - t).^2)/2', { shapes: { W: [4096, 4096] }, wrt: ['W', 'b'] });
  assert.match(m, / and 1\.[01] GB; /);
  assert.ok(fits(m, 'W') < 4096);
});
