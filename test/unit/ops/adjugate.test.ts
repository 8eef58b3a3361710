// det by the adjugate and adj(X) itself: ∂det X/∂X = adj(X)ᵀ (Matrix Cookbook (41)) is right at a
// singular X, where det(X) X⁻ᵀ is 0 · ∞; the adjugate's numbers against cofactors written out
// here, its Jacobian against central differences, and a singular X in its derivative refused clearly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import { adjugate } from '../../../src/core/numeric/adjugate';
import { mat } from '../../../src/core/numeric/matrix';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, rowMajorOfVec, valuesJSON, type Vars } from '../helpers/oracle';

/** adj(A)ᵢⱼ = (−1)^{i+j} det(A without row j and column i), written out here. */
function cofactorAdj(A: D.M): D.M {
  const n = A.rows;
  const minor = (r: number, c: number): D.M => D.mk(n - 1, n - 1, (i, j) => D.at(A, i < r ? i : i + 1, j < c ? j : j + 1));
  return D.mk(n, n, (i, j) => ((i + j) % 2 === 0 ? 1 : -1) * D.det(minor(j, i)));
}

const SINGULAR = D.fromRows([[1, 2, 3], [2, 4, 6], [1, 0, 1]]); // rank 2: adj ≠ 0
const RANK_ONE = D.fromRows([[1, 2, 3], [2, 4, 6], [3, 6, 9]]); // rank 1: adj = 0
const next = D.rng(23);
const REGULAR = D.randomM(next, 4, 4);

test('adjugate: the cofactors at regular, rank n−1 and rank n−2 matrices; X adj(X) = det(X) I', () => {
  for (const [name, A] of [['regular', REGULAR], ['rank 2 of 3', SINGULAR], ['rank 1 of 3', RANK_ONE]] as const) {
    const got = adjugate(mat(A.rows, A.cols, Float64Array.from(A.data)));
    assertClose(got.data, cofactorAdj(A).data, 1e-12, `adj of the ${name} matrix`);
    const product = D.mul(A, { rows: got.rows, cols: got.cols, data: Array.from(got.data) } as unknown as D.M);
    assertClose(product.data, D.scale(D.det(A), D.eye(A.rows)).data, 1e-11, `X adj(X) = det(X) I, ${name}`);
  }
  assert.deepEqual(Array.from(adjugate(mat(1, 1, Float64Array.of(5))).data), [1], 'the adjugate of a 1×1 is 1');
});

test('det at a singular X: the gradient is adj(X)ᵀ by cofactors, the check passes (no NaN, no internal error)', () => {
  const a = analyzeOk('det(X)', { values: valuesJSON({ X: SINGULAR }), numeric: true });
  assert.equal(a.gradient?.X?.unicode, 'adj(X)ᵀ');
  assertClose(a.gradient!.X!.values!, D.toRows(D.T(cofactorAdj(SINGULAR))).flat(), 1e-12, '∂det/∂X at a singular X');
  const fd = fdJacobian((v) => D.scalar(D.det(v.X!)), { X: SINGULAR }, ['X']);
  assertClose(a.gradient!.X!.values!, rowMajorOfVec(fd[0]!, 3, 3), 1e-8, 'against central differences');
  assert.equal(a.check?.passed, true, JSON.stringify(a.check));
});

const CASES: Array<{ source: string; vars: Vars; f: (v: Vars) => D.M }> = [
  { source: 'adj(X)', vars: { X: D.randomM(next, 3, 3) }, f: (v) => cofactorAdj(v.X!) },
  { source: 'adj(X)*x', vars: { X: D.randomM(next, 4, 4), x: D.randomM(next, 4, 1) }, f: (v) => D.mul(cofactorAdj(v.X!), v.x!) },
  { source: 'sum(adj(X))', vars: { X: D.randomM(next, 3, 3) }, f: (v) => D.scalar(D.sumAll(cofactorAdj(v.X!))) },
  { source: 'det(A*B)', vars: { A: D.randomM(next, 3, 2), B: D.randomM(next, 2, 3) }, f: (v) => D.scalar(D.det(D.mul(v.A!, v.B!))) },
];

for (const c of CASES) {
  test(`${c.source}: the Jacobian against central differences of cofactors, every printed formula checked`, () => {
    const wrt = Object.keys(c.vars);
    const a = analyzeOk(c.source, { wrt, values: valuesJSON(c.vars), numeric: true });
    const want = fdJacobian(c.f, c.vars, wrt);
    const cols = wrt.reduce((n, w) => n + c.vars[w]!.data.length, 0);
    assertDenseClose(denseFromCoo(a.jacobian.values!, want.length, cols), want, 1e-7, c.source);
    assert.deepEqual(a.check?.formulas.failed, [], c.source);
    assert.equal(a.check?.passed, true, `${c.source}: ${JSON.stringify(a.check)}`);
  });
}

test('det(AB) of a rank-deficient product (A 3×2, B 2×3): the gradient exists and is checked', () => {
  const a = analyzeOk('det(A*B)', { shapes: { A: [3, 2], B: [2, 3] }, numeric: true });
  assert.equal(a.check?.passed, true, JSON.stringify(a.check));
});

test('the derivative of adj at a singular X needs X⁻¹: refused at X, by message', () => {
  const src = 'adj(X)';
  const r = analyze(src, { values: valuesJSON({ X: SINGULAR }), numeric: true });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.error.message, /this matrix is singular at these values, so its inverse does not exist/);
  assert.equal(src.slice(r.error.start, r.error.end), 'X');
});

test('adj is spelled adj, adjugate and \\adj, and needs a square matrix', () => {
  assert.equal(analyzeOk('adjugate(X)').definition.unicode, 'adj(X)');
  assert.equal(analyzeOk('\\operatorname{adj}(X)', { notation: 'latex' }).definition.unicode, 'adj(X)');
  const r = analyze('adj(X)', { shapes: { X: [2, 3] } });
  assert.match(r.ok ? '' : r.error.message, /the adjugate needs a square matrix, but X is 2×3/);
});
