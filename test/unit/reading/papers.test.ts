// Constructs as ML papers, lecture notes and textbook chapters write them (LSTM gates, stacked
// recurrent terms, linear models, LayerNorm by hand), each once read wrongly without a word. The
// expected reading is the mathematics the author means; numbers are checked by finite differences.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON } from '../helpers/oracle';
import { analyze, type AnalysisOk } from '../../../src/core/index';

const next = D.rng(29);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);
const shapes = (a: AnalysisOk): Record<string, string> =>
  Object.fromEntries(Object.entries(a.variables).map(([k, v]) => [k, v.shape.join('×')]));

test('the LSTM cell C_t = F_t ⊙ C_{t-1} + I_t ⊙ C̃_t: I_t is the input gate (t steps in C_{t-1}), not a t×t identity; J by differences', () => {
  const src = '\\mathbf{C}_t = \\mathbf{F}_t \\odot \\mathbf{C}_{t-1} + \\mathbf{I}_t \\odot \\tilde{\\mathbf{C}}_t';
  const symbolic = analyzeOk(src, { notation: 'latex' });
  assert.deepEqual(Object.keys(symbolic.variables).sort(), ['C_tilde_t', 'C_tm1', 'F_t', 'I_t']);
  assert.ok(symbolic.notes.includes('I_t is read as a variable of yours, not the identity: its subscript is an index that steps in C_tm1.'), symbolic.notes.join('\n'));
  const [F, C0, I, Ct] = [r(2, 3), r(2, 3), r(2, 3), r(2, 3)];
  const a = analyzeOk(src, { notation: 'latex', values: valuesJSON({ F_t: F, C_tm1: C0, I_t: I, C_tilde_t: Ct }), wrt: ['F_t', 'I_t'], numeric: true });
  const f = (v: Record<string, D.M>): D.M => D.add(D.hadamard(v.F_t!, C0), D.hadamard(v.I_t!, Ct));
  assertClose(a.numbers!.output.data, D.rowMajor(f({ F_t: F, I_t: I })), 1e-12, 'F ⊙ C + I ⊙ C̃');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 6, 12), fdJacobian(f, { F_t: F, I_t: I }, ['F_t', 'I_t']), 1e-8, 'J');
});

test('I_n stays the identity in (XᵀX + λI_n)⁻¹, and beside K_n (n a subscript there too) a note says which reading was taken', () => {
  const ridge = analyzeOk('B = (X^\\top X + \\lambda I_n)^{-1}', { notation: 'latex' });
  assert.equal(ridge.variables.I_n, undefined);
  assert.deepEqual(ridge.notes, []);
  const gp = analyzeOk('Y = K_n + \\sigma^2 I_n', { notation: 'latex' });
  assert.equal(gp.variables.I_n, undefined);
  assert.ok(gp.notes.includes("I_n is read as the identity, though its subscript also indexes K_n; declare I_n's size if it is a variable."), gp.notes.join('\n'));
});

/** The value the analysis drew for a name it was given no values for (row-major data → M). */
const drawn = (a: AnalysisOk, name: string): D.M => {
  const v = a.numbers!.inputs[name]!;
  const [rows, cols] = v.shape as [number, number];
  return D.mk(rows, cols, (i, j) => v.data[i * cols + j]!);
};

test('a recurrent step X_t W_xh + H_{t-1} W_hh + b_h, data first: b_h is a row over the batch as in X W + b; J by differences', () => {
  const src = '\\mathbf{H}_t = \\tanh(\\mathbf{X}_t \\mathbf{W}_{xh} + \\mathbf{H}_{t-1} \\mathbf{W}_{hh} + \\mathbf{b}_h)';
  assert.equal(shapes(analyzeOk(src, { notation: 'latex' })).b_h, '1×p');
  const [X, Wx, H, Wh] = [r(4, 3), r(3, 2), r(4, 2), r(2, 2)];
  const a = analyzeOk(src, { notation: 'latex', values: valuesJSON({ X_t: X, W_xh: Wx, H_tm1: H, W_hh: Wh }), wrt: ['W_hh', 'b_h'], numeric: true });
  const b = drawn(a, 'b_h');
  assert.deepEqual([b.rows, b.cols], [1, 2]);
  const f = (v: Record<string, D.M>): D.M => D.map(D.add(D.add(D.mul(X, Wx), D.mul(H, v.W_hh!)), v.b_h!), Math.tanh);
  assertClose(a.numbers!.output.data, D.rowMajor(f({ W_hh: Wh, b_h: b })), 1e-12, 'tanh(X Wx + H Wh + 𝟏b)');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 8, 6), fdJacobian(f, { W_hh: Wh, b_h: b }, ['W_hh', 'b_h']), 1e-8, 'J');
});

test('the second layer of a data-first MLP, ReLU(X W_1 + b_1) W_2 + b_2: b_2 is a row too, not a column over the batch', () => {
  const a = analyzeOk('O = \\mathrm{GELU}(X W_1 + b_1) W_2 + b_2', { notation: 'latex' });
  assert.deepEqual({ b_1: shapes(a).b_1, b_2: shapes(a).b_2 }, { b_1: '1×p', b_2: '1×q' });
  // column-first W_2 ReLU(W_1 x + b_1) + b_2 keeps column biases
  const col = analyzeOk('y = W_2 \\mathrm{ReLU}(W_1 x + b_1) + b_2', { notation: 'latex' });
  assert.deepEqual({ b_1: shapes(col).b_1, b_2: shapes(col).b_2 }, { b_1: 'n×1', b_2: 'm×1' });
});

test('logistic regression σ(wᵀx + b): b is the intercept, one number, and the output one probability; J by differences', () => {
  for (const src of ['p = \\sigma(\\mathbf{w}^\\top \\mathbf{x} + b)', 'p = \\sigma(\\langle w, x \\rangle + b)']) {
    const s = analyzeOk(src, { notation: 'latex' });
    assert.deepEqual([shapes(s).b, s.output.shape.join('×')], ['1×1', '1×1'], src);
  }
  const [w, x] = [r(3, 1), r(3, 1)];
  const a = analyzeOk('p = \\sigma(w^\\top x + b)', { notation: 'latex', values: valuesJSON({ w, x }), wrt: ['w', 'b'], numeric: true });
  const b = drawn(a, 'b');
  const f = (v: Record<string, D.M>): D.M => D.map(D.add(D.mul(D.T(v.w!), x), v.b!), D.sigmoid);
  assertDenseClose(denseFromCoo(a.jacobian.values!, 1, 4), fdJacobian(f, { w, b }, ['w', 'b']), 1e-8, 'J');
  // a vector added to a number is still broadcast: 1 − z, x + b keep their vectors
  assert.equal(shapes(analyzeOk('y = x + b', { notation: 'latex' })).b, 'm×1');
});

test('LayerNorm written out, x̂ ⊙ γ + β: γ is a vector of gains, not one number, and a note says so; J by differences', () => {
  const src = 'y = \\hat{x} \\odot \\gamma + \\beta';
  const s = analyzeOk(src, { notation: 'latex' });
  assert.deepEqual([shapes(s).gamma, shapes(s).beta], ['m×1', 'm×1']);
  assert.ok(s.notes.includes('γ is read as a vector by how it is used (added to a vector, ⊙ with one, or after a matrix as in Xβ); declare γ ∈ ℝ to make it a scalar.'), s.notes.join('\n'));
  assert.equal(shapes(analyzeOk('y = \\lambda x', { notation: 'latex' })).lambda, '1×1', 'a coefficient written against a vector still scales');
  const [x, g] = [r(3, 1), r(3, 1)];
  const a = analyzeOk(src, { notation: 'latex', values: valuesJSON({ x_hat: x, gamma: g }), wrt: ['gamma'], numeric: true });
  const f = (v: Record<string, D.M>): D.M => D.add(D.hadamard(x, v.gamma!), drawn(a, 'beta'));
  assertDenseClose(denseFromCoo(a.jacobian.values!, 3, 3), fdJacobian(f, { gamma: g }, ['gamma']), 1e-8, 'J');
});

test('w · x of two bold lower-case vectors, read as the product w x, says that w became a matrix; wᵀx and W x say nothing', () => {
  const dot = analyzeOk('y = \\mathbf{w} \\cdot \\mathbf{x}', { notation: 'latex' });
  assert.equal(shapes(dot).w, 'm×n');
  assert.ok(dot.notes.includes("w is read as a matrix (m×n), as the product it stands in needs, though a lower-case name is usually a vector or a number; " +
    "declare w's size if that is not meant (a dot product of vectors is wᵀ times the other)."), dot.notes.join('\n'));
  for (const src of ['y = \\mathbf{w}^\\top \\mathbf{x}', 'y = \\mathbf{W} \\cdot \\mathbf{x}']) {
    assert.deepEqual(analyzeOk(src, { notation: 'latex' }).notes, [], src);
  }
  const declared = analyzeOk('w \\in \\mathbb{R}^{2 \\times 3}, \\quad y = w x', { notation: 'latex' });
  assert.deepEqual(declared.notes, [], 'a declared size is the user\'s word');
});

test('a declared size of an assigned name holds its definition: y = Wx ∈ ℝ³ makes W 3×·, and a contradiction is refused at the declaration', () => {
  const y = analyzeOk('y = W x \\in \\mathbb{R}^{3}', { notation: 'latex' });
  assert.equal(shapes(y).W, '3×m');
  // as textbooks declare a hidden layer's output in the prose around it
  const h = analyzeOk('\\mathbf{H} \\in \\mathbb{R}^{n \\times h}, \\quad \\mathbf{H} = \\phi(\\mathbf{X}\\mathbf{W} + \\mathbf{b})', { notation: 'latex' });
  assert.deepEqual([shapes(h).X, shapes(h).W, shapes(h).b], ['n×m', 'm×h', '1×h']);
  const src = 'W \\in \\mathbb{R}^{4 \\times 2}, \\; y = W x \\in \\mathbb{R}^{3}';
  const r = analyze(src, { notation: 'latex' });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.message, 'y is declared 3×1, but its definition W x is 4×1');
  assert.equal(src.slice(r.error.start, r.error.end), 'y = W x \\in \\mathbb{R}^{3}');
  // x = f(x): the declaration is the input's, not the new value's
  const again = analyzeOk('x \\in \\mathbb{R}^{3}, \\; x = \\tanh(W x)', { notation: 'latex' });
  assert.equal(shapes(again).x, '3×1');
});

test('a defined optimum w^* prints as w*, in text and LaTeX, and is the name the gradient is of', () => {
  const a = analyzeOk('\\mathbf{w}^* = (\\mathbf{X}^\\top \\mathbf{X})^{-1} \\mathbf{X}^\\top \\mathbf{y}', { notation: 'latex', wrt: ['y'] });
  assert.equal(a.definition.unicode, 'w* = (Xᵀ X)⁻¹ Xᵀ y');
  assert.match(a.definition.latex, /^w\^\{\*\} = /);
});

test('ridge regression ½‖y − Xβ‖² + (λ/2)‖β‖²: β after the matrix X is the coefficient vector (it was one number scaling X); λ before stays a number; ∇ by differences', () => {
  // β in plain type, so that only its place after X says it is a vector (in bold its type says so)
  const src = 'L = \\frac{1}{2}\\|\\mathbf{y} - \\mathbf{X}\\beta\\|^2 + \\frac{\\lambda}{2}\\|\\beta\\|^2';
  const s = analyzeOk(src, { notation: 'latex' });
  assert.deepEqual([shapes(s).X, shapes(s).beta, shapes(s).y, shapes(s).lambda], ['m×n', 'n×1', 'm×1', '1×1']);
  assert.ok(s.notes.includes('β is read as a vector by how it is used (added to a vector, ⊙ with one, or after a matrix as in Xβ); declare β ∈ ℝ to make it a scalar.'), s.notes.join('\n'));
  assert.equal(shapes(analyzeOk('c = V^\\top \\alpha', { notation: 'latex' })).alpha, 'm×1');
  const [X, y, beta] = [r(5, 3), r(5, 1), r(3, 1)];
  const a = analyzeOk(src, { notation: 'latex', values: { ...valuesJSON({ X, y, beta }), lambda: 0.7 }, wrt: ['beta'], numeric: true });
  const f = (v: Record<string, D.M>): D.M => {
    const e = D.sub(y, D.mul(X, v.beta!));
    return D.scalar(0.5 * D.frob(e) ** 2 + 0.35 * D.frob(v.beta!) ** 2);
  };
  assertDenseClose(denseFromCoo(a.jacobian.values!, 1, 3), fdJacobian(f, { beta }, ['beta']), 1e-7, 'J');
});

test('bold type marks a vector: Adam\'s \\mathbf{m} = β₁\\mathbf{m} + (1 − β₁)\\mathbf{g} is no size m, and \\mathbf{x} + α\\mathbf{d} no coefficient d; J by differences', () => {
  const adam = analyzeOk('\\mathbf{m} = \\beta_1 \\mathbf{m} + (1 - \\beta_1)\\mathbf{g}', { notation: 'latex' });
  assert.deepEqual([shapes(adam).m, shapes(adam).g, shapes(adam).beta_1], ['n×1', 'n×1', '1×1']);
  assert.deepEqual(adam.notes, []);
  const step = analyzeOk('y = A(\\mathbf{x} + \\alpha \\mathbf{d})', { notation: 'latex' });
  assert.deepEqual([shapes(step).d, shapes(step).alpha], ['n×1', '1×1']);
  // the same letters in plain type keep their guess: m a size, so a number
  assert.equal(shapes(analyzeOk('y = m x', { notation: 'latex' })).m, '1×1');
  const [m, g] = [r(3, 1), r(3, 1)];
  const a = analyzeOk('\\mathbf{m} = \\beta_1 \\mathbf{m} + (1 - \\beta_1)\\mathbf{g}', { notation: 'latex', values: { ...valuesJSON({ m, g }), beta_1: 0.9 }, wrt: ['m', 'g'], numeric: true });
  const f = (v: Record<string, D.M>): D.M => D.add(D.scale(0.9, v.m!), D.scale(0.1, v.g!));
  assertClose(a.numbers!.output.data, D.rowMajor(f({ m, g })), 1e-12, 'β₁m + (1 − β₁)g');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 3, 6), fdJacobian(f, { m, g }, ['m', 'g']), 1e-8, 'J');
});
