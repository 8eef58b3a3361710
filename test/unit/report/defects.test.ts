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

test('simplification, numbers: ½‖Wx − t‖² by x is (Wx − t)ᵀ W, never 0.5 2 (Wx − t)ᵀ W', () => {
  const next = D.rng(51);
  const W = D.randomM(next, 3, 4), x = D.randomM(next, 4, 1), t = D.randomM(next, 3, 1);
  const q = analyzeOk('0.5*norm(W*x - t)^2', { values: valuesJSON({ W, x, t }), wrt: ['x'], numeric: true });
  assert.equal(q.jacobian.unicode, '(Wx − t)ᵀ W');
  assertClose(denseFromCoo(q.jacobian.values!, 1, 4)[0] ?? [], D.vecOf(D.mul(D.T(D.sub(D.mul(W, x), t)), W)), 1e-12, '(Wx − t)ᵀ W');
  const h = analyzeOk('\\frac{1}{2} x^\\top A x', { notation: 'latex', values: valuesJSON({ x, A: D.randomM(next, 4, 4) }), wrt: ['x'] });
  assert.equal(h.jacobian.unicode, '0.5 xᵀ Aᵀ + 0.5 xᵀ A');
});

test('simplification, diag of a scalar: σ(wᵀx + c) has J = [σ′(z) xᵀ, σ′(z)], no diag of a 1×1', () => {
  const next = D.rng(52);
  const x = D.randomM(next, 4, 1), w = D.randomM(next, 4, 1), c = D.randomM(next, 1, 1);
  const s = analyzeOk("sigmoid(w'*x + c)", { values: valuesJSON({ w, x, c }), wrt: ['w', 'c'], numeric: true });
  assert.ok(!/diag/.test(s.jacobian.unicode), s.jacobian.unicode);
  const z = D.first(D.mul(D.T(w), x)) + D.first(c);
  assertClose(denseFromCoo(s.jacobian.values!, 1, 5)[0] ?? [], [...D.vecOf(D.scale(D.dsigmoid(z), D.T(x))), D.dsigmoid(z)], 1e-12, '[σ′(z) xᵀ, σ′(z)]');
  assert.deepEqual(s.check?.formulas.failed, []);
});

test('simplification, X X⁻¹ = I: J of X X⁻¹ Y by Y is I₉, and by X it is 0', () => {
  const next = D.rng(53);
  const X = D.randomM(next, 3, 3, 'invertible'), Y = D.randomM(next, 3, 3);
  const i = analyzeOk('X*inv(X)*Y', { values: valuesJSON({ X, Y }), wrt: ['X', 'Y'], numeric: true });
  assert.equal(i.jacobian.blocks[1]?.unicode, 'I₉');
  assert.equal(i.gradient?.X?.unicode, '0');
  assertDenseClose(denseFromCoo(i.jacobian.values!, 9, 18), D.toRows(D.mk(9, 18, (r, k) => (k === r + 9 ? 1 : 0))), 1e-9, 'd vec(X X⁻¹ Y) = [0, I₉]');
  assert.equal(i.check?.passed, true);
});

test('simplification, like terms: ∂/∂X tr(X³) = (X²)ᵀ + XᵀXᵀ + (X²)ᵀ is written 3 (X²)ᵀ (Matrix Cookbook, derivatives of traces)', () => {
  const X = D.randomM(D.rng(54), 3, 3);
  const c3 = analyzeOk('trace(X^3)', { values: valuesJSON({ X }), numeric: true });
  assert.equal(c3.gradient?.X?.unicode, '3 (X²)ᵀ');
  assertClose(c3.gradient?.X?.values ?? [], D.rowMajor(D.scale(3, D.T(D.mul(X, X)))), 1e-9, '3 (X²)ᵀ');
  assert.deepEqual(c3.check?.formulas.failed, []);
});

test('simplification, identities: Iᵀ = I and I A = A, so J of IᵀA is I₉ and ∂/∂A tr(IᵀAB) = Bᵀ', () => {
  const next = D.rng(55);
  const A = D.randomM(next, 3, 3), B = D.randomM(next, 3, 3);
  const e = analyzeOk("I'*A", { values: valuesJSON({ A }), numeric: true });
  assert.equal(e.jacobian.unicode, 'I₉');
  assertDenseClose(denseFromCoo(e.jacobian.values!, 9, 9), D.toRows(D.eye(9)), 0, 'J = I₉');
  const t = analyzeOk("trace(I'*A*B)", { values: valuesJSON({ A, B }), wrt: ['A'], numeric: true });
  assert.equal(t.gradient?.A?.unicode, 'Bᵀ');
  assertClose(t.gradient?.A?.values ?? [], D.rowMajor(D.T(B)), 1e-12, 'Bᵀ');
});

test('LaTeX A/B and \\frac{A}{B} between matrices are A B⁻¹, as in math notation; by a scalar they divide', () => {
  const next = D.rng(61);
  const A = D.randomM(next, 3, 3), B = D.randomM(next, 3, 3, 'invertible');
  const want = D.mul(A, D.inv(B));
  for (const expr of ['A/B', '\\frac{A}{B}']) {
    const r = analyzeOk(expr, { notation: 'latex', values: valuesJSON({ A, B }), wrt: ['A'], numeric: true });
    assert.equal(r.definition.unicode, 'A B⁻¹', expr);
    assertClose(r.numbers?.output.data ?? [], D.rowMajor(want), 1e-9, `${expr} = A B⁻¹`);
    // d vec(A B⁻¹) / d vec A = B⁻ᵀ ⊗ I
    assertDenseClose(denseFromCoo(r.jacobian.values!, 9, 9), D.toRows(D.kron(D.T(D.inv(B)), D.eye(3))), 1e-9, `${expr}: J by A`);
    assert.equal(r.check?.passed, true);
  }
  const l = analyzeOk('\\frac{A}{\\lambda}', { notation: 'latex', values: { ...valuesJSON({ A }), lambda: 2 }, numeric: true });
  assertClose(l.numbers?.output.data ?? [], D.rowMajor(D.scale(0.5, A)), 1e-12, 'A / λ');
});

test('simplification, scalars commute: ∂/∂x exp(−½xᵀx) = −exp(−½xᵀx) x, one term, not −0.5 hx + (−0.5 xh)', () => {
  const x = D.randomM(D.rng(56), 4, 1);
  const r = analyzeOk("exp(-0.5*x'*x)", { values: valuesJSON({ x }), numeric: true });
  assert.equal(r.gradient?.x?.unicode, '−exp(−0.5 xᵀ x) x');
  const h = Math.exp(-0.5 * D.frob(x) ** 2);
  assertClose(r.gradient?.x?.values ?? [], D.vecOf(D.scale(-h, x)), 1e-12, '−exp(−½xᵀx) x by hand');
  assert.deepEqual(r.check?.formulas.failed, []);
});

test('numbers in front print as written: π for pi, −2π x for a negative coefficient, −x for −1 x, and x − (−y) keeps its parentheses', () => {
  const x = D.randomM(D.rng(57), 3, 1);
  const g = analyzeOk("exp(-pi*x'*x)", { values: valuesJSON({ x }), numeric: true });
  assert.equal(g.definition.unicode, 'exp(−π xᵀ x)');
  assert.equal(g.jacobian.unicode, '−2π exp(−π xᵀ x) xᵀ');
  assert.match(g.jacobian.latex, /^-2\\pi \\exp/);
  const h = Math.exp(-Math.PI * D.frob(x) ** 2);
  assertClose(g.gradient?.x?.values ?? [], D.vecOf(D.scale(-2 * Math.PI * h, x)), 1e-12, '−2π exp(−πxᵀx) x by hand');
  assert.equal(analyzeOk('x - (-y)').definition.unicode, 'x − (−y)');
  assert.equal(analyzeOk('y - 2*pi*x', { wrt: ['x'] }).jacobian.unicode, '−2π Iₘ');
});
