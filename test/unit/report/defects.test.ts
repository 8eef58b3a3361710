// Defects of issue 8, each against a closed form by hand or central differences.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON } from '../helpers/oracle';

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

test("X*W' + b': the lower-case b is a vector, its transpose a row broadcast across the batch", () => {
  const next = D.rng(9);
  const X = D.randomM(next, 4, 3), W = D.randomM(next, 2, 3), b = D.randomM(next, 2, 1);
  const shapes = analyzeOk("X*W' + b'").variables;
  assert.deepEqual(shapes.b?.shape, ['p', 1]);
  const r = analyzeOk("X*W' + b'", { values: valuesJSON({ X, W, b }), wrt: ['b'], numeric: true });
  const f = (v: Record<string, D.M>) => D.add(D.mul(X, D.T(W)), D.T(v.b as D.M));
  const fd = fdJacobian(f, { b }, ['b']);
  assert.equal(r.check?.passed, true);
  assert.deepEqual(r.output.shape, [4, 2]);
  assertClose(r.numbers?.output.data ?? [], D.rowMajor(f({ b })), 1e-12, 'X Wᵀ + 𝟏 bᵀ');
  assertDenseClose(denseFromCoo(r.jacobian.values!, 8, 2), fd, 1e-6, 'J of X Wᵀ + 𝟏 bᵀ by b against FD');
});

test('LaTeX \\log|X| and \\log|XᵀX| are log-determinants (Matrix Cookbook (57)): ∂/∂X log|X| = X⁻ᵀ', () => {
  const next = D.rng(2);
  const X = D.randomM(next, 3, 3, 'invertible');
  const r = analyzeOk('\\log|X|', { notation: 'latex', values: valuesJSON({ X }), numeric: true });
  assert.equal(r.definition.unicode, 'log det(X)');
  assertClose(r.gradient?.X?.values ?? [], D.rowMajor(D.T(D.inv(X))), 1e-9, 'X⁻ᵀ');
  const g = analyzeOk('\\log|X^\\top X|', { notation: 'latex', shapes: { X: [4, 3] }, numeric: true });
  assert.equal(g.definition.unicode, 'log det(Xᵀ X)');
  assert.equal(g.check?.passed, true);
  assert.equal(analyzeOk('|W x|', { notation: 'latex' }).definition.unicode, '|Wx|');
});

test('constants fold into the leading matrix: J of ½‖Wx − t‖² is (Wx − t)ᵀ (xᵀ ⊗ I₃), not 0.5 (2 (Wx − t)ᵀ) …', () => {
  const next = D.rng(12);
  const W = D.randomM(next, 3, 2), x = D.randomM(next, 2, 1), t = D.randomM(next, 3, 1);
  const r = analyzeOk('0.5*norm(W*x - t)^2', { wrt: ['W'], values: valuesJSON({ W, x, t }), numeric: true });
  assert.equal(r.jacobian.unicode, '(Wx − t)ᵀ (xᵀ ⊗ I₃)');
  const e = D.sub(D.mul(W, x), t);
  assertClose(denseFromCoo(r.jacobian.values!, 1, 6)[0] ?? [], D.vecOf(D.mul(e, D.T(x))), 1e-12, 'vec((Wx − t) xᵀ)ᵀ');
  assert.equal(r.jacobian.check?.passed, true);
});

test("I is the identity, not a random free variable: ridge regression inv(X'*X + 0.1*I)*X'*y", () => {
  const next = D.rng(21);
  const X = D.randomM(next, 5, 3), y = D.randomM(next, 5, 1);
  const r = analyzeOk("inv(X'*X + 0.1*I)*X'*y", { values: valuesJSON({ X, y }), wrt: ['y'], numeric: true });
  assert.deepEqual(Object.keys(r.variables), ['X', 'y']);
  assert.equal(r.definition.unicode, '(Xᵀ X + 0.1 I₃)⁻¹ Xᵀ y');
  const A = D.mul(D.inv(D.add(D.mul(D.T(X), X), D.scale(0.1, D.eye(3)))), D.T(X));
  assertClose(r.numbers?.output.data ?? [], D.rowMajor(D.mul(A, y)), 1e-12, '(XᵀX + 0.1 I)⁻¹ Xᵀ y');
  assertDenseClose(denseFromCoo(r.jacobian.values!, 3, 5), D.toRows(A), 1e-12, 'J by y = (XᵀX + 0.1 I)⁻¹ Xᵀ');
  assert.equal(r.check?.passed, true);
  assert.ok(!(analyzeOk("inv(X'*X + 0.1*I)*X'*y").wrt.includes('I')), 'I is not differentiated by');
  // a declared or valued I stays the user's
  assert.deepEqual(analyzeOk('I*x', { values: { I: [[1, 2], [3, 4]] } }).wrt, ['I', 'x']);
});

test('a scalar that is not a number keeps the identity beside it: ∂/∂A tr(det(B) A) = det(B) I₃, ∂/∂A −tr(a A) = −a I₃', () => {
  const next = D.rng(31);
  const A = D.randomM(next, 3, 3), B = D.randomM(next, 3, 3), a = D.randomM(next, 1, 1);
  const r = analyzeOk('trace(det(B)*A)', { values: valuesJSON({ A, B }), wrt: ['A'], numeric: true });
  assert.equal(r.gradient?.A?.unicode, 'det(B) I₃');
  assertClose(r.gradient?.A?.values ?? [], D.rowMajor(D.scale(D.det(B), D.eye(3))), 1e-9, 'det(B) I₃');
  assert.deepEqual(r.check?.formulas.failed, []);
  const s = analyzeOk('-trace(a*A) + trace(A*a)', { values: valuesJSON({ A, a }), shapes: { a: [1, 1] }, wrt: ['A'], numeric: true });
  assertClose(s.gradient?.A?.values ?? [], new Array(9).fill(0), 1e-12, '−a I + a I = 0');
  const n = analyzeOk('-trace(a*A)', { values: valuesJSON({ A, a }), shapes: { a: [1, 1] }, wrt: ['A'], numeric: true });
  assertClose(n.gradient?.A?.values ?? [], D.rowMajor(D.scale(-D.first(a), D.eye(3))), 1e-12, '−a I₃');
  assert.deepEqual(n.check?.formulas.failed, []);
  assert.equal(n.check?.passed, true);
});

test("a product with the user's I next to a scalar: xᵀ I x, sum(A (‖A‖² Iᵀ)) have right formulas (no internal error)", () => {
  const next = D.rng(33);
  const x = D.randomM(next, 3, 1), A = D.randomM(next, 3, 3);
  const q = analyzeOk("x' * I * x", { values: valuesJSON({ x }), numeric: true });
  assertClose(q.gradient?.x?.values ?? [], D.vecOf(D.scale(2, x)), 1e-12, '∂/∂x xᵀx = 2x');
  assert.deepEqual(q.check?.formulas.failed, []);
  const s = analyzeOk("sum(A * (norm(A)^2 * I'))", { values: valuesJSON({ A }), numeric: true });
  // ∂/∂A ‖A‖² 𝟏ᵀA𝟏 = 2 (𝟏ᵀA𝟏) A + ‖A‖² 𝟏𝟏ᵀ
  const want = D.add(D.scale(2 * D.sumAll(A), A), D.mk(3, 3, () => D.frob(A) ** 2));
  assertClose(s.gradient?.A?.values ?? [], D.rowMajor(want), 1e-9, '2 sum(A) A + ‖A‖² 𝟏𝟏ᵀ');
  assert.deepEqual(s.check?.formulas.failed, []);
  assert.equal(s.check?.passed, true);
});

test("gradients through vec and ⊗ in matrix form: vec(X)ᵀ vec(Y) gives Y, A ⊗ B block sums, the vec trick Aᵀ vec⁻¹(g) Bᵀ", () => {
  const next = D.rng(41);
  const X = D.randomM(next, 3, 4), Y = D.randomM(next, 3, 4);
  const v = analyzeOk("vec(X)'*vec(Y)", { values: valuesJSON({ X, Y }), wrt: ['X'], numeric: true });
  assert.equal(v.gradient?.X?.unicode, 'Y');
  assertClose(v.gradient?.X?.values ?? [], D.rowMajor(Y), 0, '∂/∂X ⟨vec X, vec Y⟩ = Y');
  // L = sum(sin(A ⊗ B)): ∂L/∂A_ij = Σ_kl cos(A_ij B_kl) B_kl, ∂L/∂B_kl = Σ_ij cos(A_ij B_kl) A_ij (by hand)
  const A = D.randomM(next, 2, 3), B = D.randomM(next, 3, 2);
  const k = analyzeOk('sum(sin(kron(A, B)))', { values: valuesJSON({ A, B }), numeric: true });
  const blockSum = (P: D.M, Q: D.M) => D.mk(P.rows, P.cols, (i, j) => Q.data.reduce((s, q) => s + Math.cos(D.at(P, i, j) * q) * q, 0));
  assert.match(k.gradient?.A?.unicode ?? '', /⊙/);
  assertClose(k.gradient?.A?.values ?? [], D.rowMajor(blockSum(A, B)), 1e-12, '∂L/∂A');
  assertClose(k.gradient?.B?.values ?? [], D.rowMajor(blockSum(B, A)), 1e-12, '∂L/∂B');
  assert.deepEqual(k.check?.formulas.failed, []);
  // y = (Bᵀ ⊗ A) vec X = vec(A X B): ∂L/∂X = Aᵀ vec⁻¹(g) Bᵀ for the upstream g
  const P = D.randomM(next, 2, 3), Z = D.randomM(next, 3, 4), Q = D.randomM(next, 4, 2);
  const t = analyzeOk("kron(B', A)*vec(X)", { values: valuesJSON({ A: P, X: Z, B: Q }), wrt: ['X'], numeric: true });
  assert.equal(t.gradient?.X?.unicode, 'Aᵀ vec⁻¹(g) Bᵀ');
  assert.equal(t.check?.passed, true);
  assert.deepEqual(t.check?.formulas.failed, []);
});
