// Defects of issue 8, each against a closed form by hand or central differences.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, fdJacobian, valuesJSON } from '../helpers/oracle';

test('X.^0 is constant: the gradient of sum(X.^0 + X) at a zero entry is 𝟏, not NaN', () => {
  const r = analyzeOk('sum(X.^0 + X)', { values: { X: [[0, 1], [2, 3]] }, numeric: true });
  assertClose(r.gradient?.X?.values ?? [], [1, 1, 1, 1], 0, '∂/∂X sum(X.^0 + X) = 𝟏𝟏ᵀ');
  assert.equal(r.check?.passed, true);
});

test('without sizes, XᵀX is invertible: least squares and log det(XᵀX) have numbers and a passing check', () => {
  for (const expr of ["inv(X'*X)*X'*y", "logdet(X'*X)"]) {
    const r = analyzeOk(expr, { numeric: true });
    const [m, n] = r.variables.X?.shape ?? [];
    const size = (s: unknown) => Number(new RegExp(`\\b${String(s)} = (\\d+)`).exec(r.notes.join(' '))?.[1] ?? NaN);
    assert.ok(size(m) > size(n), `${expr}: X is tall (${r.notes.join(' ')})`);
    assert.equal(r.check?.passed, true, `${expr}: ${JSON.stringify(r.check)}`);
  }
});

test('a user variable K keeps its name; the commutation matrix takes another letter', () => {
  const next = D.rng(4);
  const K = D.randomM(next, 2, 4), X = D.randomM(next, 3, 4);
  const r = analyzeOk("K*X'", { values: valuesJSON({ K, X }), wrt: ['K', 'X'], numeric: true });
  assert.ok(!/K_\{/.test(r.jacobian.unicode), r.jacobian.unicode);
  assert.match(r.jacobian.blocks[1]?.unicode ?? '', /^\(I₃ ⊗ K\) P_\{3,4\}$/);
  assert.equal(r.check?.passed, true);
});

test('a user variable y keeps its name; the output of the loss is called otherwise', () => {
  const next = D.rng(6);
  const W = D.randomM(next, 3, 2), y = D.randomM(next, 2, 1), t = D.randomM(next, 3, 1);
  const r = analyzeOk('W*y', { values: { ...valuesJSON({ W, y }), t: Array.from(t.data) }, loss: 'sse', numeric: true });
  assert.equal(r.loss?.unicode, 'L = ½‖y₂ − t‖²');
  assert.equal(r.gradient?.W?.unicode, '(y₂ − t) yᵀ');
  const L = (v: Record<string, D.M>) => D.scalar(0.5 * D.frob(D.sub(D.mul(v.W as D.M, y), t)) ** 2);
  const fd = fdJacobian(L, { W }, ['W'])[0] ?? [];
  assertClose(r.gradient?.W?.values ?? [], D.rowMajor({ rows: 3, cols: 2, data: Float64Array.from(fd) }), 1e-6, '∂L/∂W vs FD');
});
