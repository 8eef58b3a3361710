// The LaTeX front-end: formulas as written in papers and notes → the AST, with ranges in the
// user's text. Expected trees are written out by hand from the mathematics of each formula.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../../src/core/ast';
import { parseLatex, readLatex, startsLikeDefinition } from '../../../src/core/notations/latex';
import { assignments, declarations, nodes, textAt } from '../helpers/show';

/** [source, assignments, declarations] — formulas in the style of textbooks and papers. */
const TABLE: Array<[string, string[], string[]?]> = [
  // the dense layer, written four ways
  ['y = \\sigma(W x + b)', ['y = sigmoid(add(mul(W, x), b))']],
  ['\\sigma\\left(Wx+b\\right)', ['_ = sigmoid(add(mul(W, x), b))']],
  ['\\mathbf{h} = \\tanh\\left(\\mathbf{W}\\mathbf{x} + \\mathbf{b}\\right)', ['h = tanh(add(mul(W, x), b))']],
  ['\\boldsymbol{y} = \\operatorname{ReLU}(\\boldsymbol{W}\\boldsymbol{x})', ['y = relu(mul(W, x))']],
  // Goodfellow et al. style layer indices
  ['\\mathbf{h}^{(l)} = \\operatorname{ReLU}\\big(W^{(l)} \\mathbf{h}^{(l-1)} + b^{(l)}\\big)', ['h_l = relu(add(mul(W_l, h_lm1), b_l))']],
  // Andrew Ng's layer index in square brackets is an index too
  ['z^{[1]} = W^{[1]} a^{[0]} + b^{[1]}', ['z_1 = add(mul(W_1, a_0), b_1)']],
  // a defined optimum, and a function defined by name even where the word spells a known one (LN, ln)
  ['\\mathbf{w}^* = (X^\\top X)^{-1} X^\\top y', ['w_star = mul(mul(inv(mul(transpose(X), X)), transpose(X)), y)']],
  ['\\theta^{\\star} = A^{-1} b', ['theta_star = mul(inv(A), b)']],
  ['\\mathrm{LN}(\\mathbf{x}) = \\hat{x} \\odot \\gamma', ['LN = hadamard(x_hat, gamma)']],
  // the log of a function's value (the logistic loss, word2vec); \log\det stays logdet
  ['\\ell = -\\log \\sigma(\\mathbf{w}^\\top \\mathbf{x})', ['ell = neg(log(sigmoid(mul(transpose(w), x))))']],
  ['f = \\log \\det X + \\log \\tanh(z)', ['f = add(logdet(X), log(tanh(z)))']],
  // a kerned transpose, as papers tighten it, and plain TeX's font switches in a group
  ['y = \\mathbf{A}^{\\mkern-1.5mu\\mathsf{T}} \\mathbf{x}', ['y = mul(transpose(A), x)']],
  ['y = {\\rm softmax}({\\bf W} {\\bf x})', ['y = softmax(mul(W, x))']],
  // the ones of a written length, and a coefficient before Xᵀ𝟏 (the mean of the rows)
  ['s = \\mathbf{1}_n^\\top \\mathbf{x}', ['s = mul(ones(1, n), x)']],
  ['m = \\frac{1}{N} X^\\top \\mathbf{1}', ['m = mul(div(1, N), mul(transpose(X), ones(?__23, 1)))']],
  // the inner product ⟨a, b⟩ = tr(aᵀb), of vectors or (Frobenius) of matrices
  ['s = \\langle \\mathbf{w}, \\mathbf{x} \\rangle + b', ['s = add(trace(mul(transpose(w), x)), b)']],
  ['\\hat{\\mathbf{y}} = \\mathrm{softmax}(\\mathbf{W}_2 \\mathbf{h} + \\mathbf{b}_2)', ['y_hat = softmax(add(mul(W_2, h), b_2))']],
  ['h = \\sigma(W_{12}x + b_{\\text{out}})', ['h = sigmoid(add(mul(W_12, x), b_out))']],
  // losses
  ['\\mathcal{L} = \\frac{1}{2}\\lVert \\hat{y} - t \\rVert^2', ['L = mul(div(1, 2), epow(norm(sub(y_hat, t)), 2))']],
  ['\\ell(\\theta) = \\|X\\theta - y\\|_2^2', ['ell = epow(norm2(sub(mul(X, theta), y)), 2)']],
  ['E = \\|A - B\\|_F', ['E = norm(sub(A, B))']],
  ['L = -\\mathbf{1}^\\top (t \\odot \\log \\hat{y})', ['L = neg(mul(ones(1, ?__5), hadamard(t, log(y_hat))))']],
  // matrix calculus (The Matrix Cookbook's objects)
  ['f(X) = \\log\\det X - \\operatorname{tr}(S X)', ['f = sub(logdet(X), trace(mul(S, X)))']],
  ['g = \\det(X^{-1}) + \\operatorname{Tr}(A^T X B)', ['g = add(det(inv(X)), trace(mul(mul(transpose(A), X), B)))']],
  ['K = A \\otimes B', ['K = kron(A, B)']],
  ['Z = (A \\odot B)^\\top C^{-1}', ['Z = mul(transpose(hadamard(A, B)), inv(C))']],
  ['J = \\tfrac12 x^\\top A x + b^\\top x', ['J = add(mul(mul(mul(div(1, 2), transpose(x)), A), x), mul(transpose(b), x))']],
  // backprop, as in Nielsen's book: juxtaposition binds tighter than ⊙
  ['\\delta = \\sigma\'(z) \\odot W^\\top \\delta_{\\text{next}}', ['delta = hadamard(sigmoid\'(z), mul(transpose(W), delta_next))']],
  ['d = \\tanh^\\prime(z) \\cdot g', ['d = mul(tanh\'(z), g)']],
  // softmax by hand
  ['p = \\frac{\\exp(z)}{\\mathbf{1}^\\top \\exp(z)}', ['p = div(exp(z), mul(ones(1, ?__19), exp(z)))']],
  ['p = e^{z} / \\mathbf{1}^\\top e^{z}', ['p = div(exp(z), mul(ones(1, ?__12), exp(z)))']],
  ['s = x^\\top \\mathbf{1}', ['s = mul(transpose(x), ones(?__11, 1))']],
  // transposes, inverses and powers
  ['W^T', ['_ = transpose(W)']],
  ['W^{\\mathsf T}', ['_ = transpose(W)']],
  ['W^{\\mathsf{T}} + W^\\intercal + W^{\\top}', ['_ = add(add(transpose(W), transpose(W)), transpose(W))']],
  ['X^{-\\top}', ['_ = transpose(inv(X))']],
  ['X^{-2} + X^3 + X^2', ['_ = add(add(mpow(inv(X), 2), mpow(X, 3)), mpow(X, 2))']],
  ['r = x^{1/2}', ['r = epow(x, 0.5)']],
  ['L = \\frac{1}{2} e^\\top e', ['L = mul(mul(div(1, 2), transpose(e)), e)']],
  // more functions
  ['y = \\max(0, Wx)', ['y = relu(mul(W, x))']],
  ['n = \\sqrt{\\mathbf{x}^\\top \\mathbf{x}}', ['n = sqrt(mul(transpose(x), x))']],
  ['y = \\exp(-x) \\cdot \\operatorname{softplus}(x)', ['y = mul(exp(neg(x)), softplus(x))']],
  ['y = \\sin x + \\cos(x)', ['y = add(sin(x), cos(x))']],
  ['a = |x| + \\lvert y \\rvert', ['a = add(abs(x), abs(y))']],
  ['v = \\operatorname{vec}(X)', ['v = vec(X)']],
  ['q = \\sigma^2 x', ['q = mul(mpow(sigma, 2), x)']],
  ['y = W\\cdot x \\times 2 * 3 - 4', ['y = sub(mul(mul(mul(W, x), 2), 3), 4)']],
  // several statements, separated as people separate them
  ['z = Wx + b, \\quad y = \\sigma(z)', ['z = add(mul(W, x), b)', 'y = sigmoid(z)']],
  ['z &= W x + b \\\\\n y &= \\sigma(z)', ['z = add(mul(W, x), b)', 'y = sigmoid(z)']],
  ['z = Wx + b\ny = \\tanh(z)', ['z = add(mul(W, x), b)', 'y = tanh(z)']],
  ['L &= \\tfrac12 \\|e\\|^2 \\\\ &= \\tfrac12 e^\\top e', ['L = mul(div(1, 2), epow(norm(e), 2))']],
  ['y = \\sigma(z) = \\sigma(Wx + b).', ['y = sigmoid(z)']],
  ['y = Wx \\text{ where } W \\in \\mathbb{R}^{2 \\times 3}.', ['y = mul(W, x)'], ['W: 2x3']],
  // declarations
  ['W \\in \\mathbb{R}^{m \\times n}, x \\in \\R^n, b \\in \\mathbb R^{3}', [], ['W: mxn', 'x: nx1', 'b: 3x1']],
  ['A \\in \\mathbb{R}^{3\\times 4}', [], ['A: 3x4']],
  // a declaration as an aside in brackets, after a gap
  ['\\mathbf{y} = \\mathbf{W}\\mathbf{x} \\quad (\\mathbf{W} \\in \\mathbb{R}^{3 \\times 4})', ['y = mul(W, x)'], ['W: 3x4']],
  ['y = f(x) \\qquad (x, b \\in \\mathbb{R}^{3})', ["y = fn:f(x)"], ['x: 3x1', 'b: 3x1']],
  ['x, b \\in \\mathbb{R}^{d}', [], ['x: dx1', 'b: dx1']],
  ['W \\in \\R^{d_{\\text{out}} \\times d_{\\text{in}}}', [], ['W: d_outxd_in']],
  // sizes that are sums and products (a GRU gate's W acts on [h; x])
  ['W \\in \\mathbb{R}^{d_h \\times (d_h + d_x)},\\; v \\in \\R^{2n},\\; A \\in \\R^{n^2 \\times mn}', [], ['W: d_hxd_h+d_x', 'v: 2*nx1', 'A: n*nxm*n']],
  ['\\Sigma \\in \\mathbb{S}^{n}_{++},\\; c \\in \\mathbb{R},\\; r \\in \\R^{1 \\times n}', [], ['Sigma: nxn', 'c: 1x1', 'r: 1xn']],
  ['y = \\sigma(Wx + b) \\in \\mathbb{R}^m', ['y = sigmoid(add(mul(W, x), b))'], ['y: mx1']],
  ['x ∈ ℝ^{4}, W ∈ ℝ^{3×4}\ny = σ(W x)', ['y = sigmoid(mul(W, x))'], ['x: 4x1', 'W: 3x4']],
];

describe('LaTeX front-end', () => {
  for (const [src, expected, decls] of TABLE) {
    it(`reads ${src.replace(/\n/g, '⏎')}`, () => {
      const p = readLatex(src);
      assert.deepEqual(assignments(p), expected);
      assert.deepEqual(declarations(p), decls ?? []);
    });
  }

  it('names: bold and Greek are plain names, accents and indices are part of the name', () => {
    const p = parseLatex('\\boldsymbol\\theta + \\bm{x} + \\tilde{x} + \\bar{x}_i + y\' + \\mathrm{out}');
    const names = nodes(p.assignments[0]!.expr).flatMap((n) => (n.kind === 'var' ? [n.name] : []));
    assert.deepEqual(names, ['theta', 'x', 'x_tilde', 'x_bar_i', 'y_prime', 'out']);
  });

  it('names: a prime written as a superscript is the same name as y\'', () => {
    const p = parseLatex("h^{\\prime} = W^\\prime x + z^{\\prime\\prime} + y'");
    const names = nodes(p.assignments[0]!.expr).flatMap((n) => (n.kind === 'var' ? [n.name] : []));
    assert.equal(p.assignments[0]!.name, 'h_prime');
    assert.deepEqual(names, ['W_prime', 'x', 'z_prime_prime', 'y_prime']);
  });

  it('keeps ranges in the user\'s text, offset by the span it was given', () => {
    const doc = 'Some text $\\hat{y} = \\sigma(\\mathbf{W}_2 h + b)$ more';
    const start = doc.indexOf('$') + 1;
    const end = doc.lastIndexOf('$');
    const p = parseLatex(doc, { start, end });
    const a = p.assignments[0]!;
    assert.equal(textAt(doc, a.range), '\\hat{y} = \\sigma(\\mathbf{W}_2 h + b)');
    const texts = nodes(a.expr).map((n) => `${n.kind}:${textAt(doc, n.range)}`);
    assert.deepEqual(texts, [
      'apply:\\sigma(\\mathbf{W}_2 h + b)',
      'add:\\mathbf{W}_2 h + b',
      'mul:\\mathbf{W}_2 h',
      'var:\\mathbf{W}_2',
      'var:h',
      'var:b',
    ]);
  });

  it('ranges of declarations cover the name and its space', () => {
    const doc = 'let $W \\in \\mathbb{R}^{3 \\times 4}$';
    const p = readLatex(doc, { start: 5, end: doc.length - 1 });
    assert.equal(textAt(doc, p.declarations[0]!.range), 'W \\in \\mathbb{R}^{3 \\times 4}');
  });

  it('reads 1ᵀ as the ones row it is, with no note: of a matrix it is the row of column sums, not their total', () => {
    assert.equal(readLatex('s = \\mathbf{1}^\\top x').notes, undefined);
    assert.equal(readLatex('y = Wx').notes, undefined);
  });
});

/** [source, message pattern, the text the error points at]. */
const ERRORS: Array<[string, RegExp, string]> = [
  ['y = \\foo(x)', /unknown LaTeX command \\foo/, '\\foo'],
  ['y = \\operatorname{Wobble}(x)', /unknown function Wobble/, '\\operatorname{Wobble}'],
  // an upright word applied to a bracket is a function, never a matrix named LayerNorm times x
  ['z = \\mathrm{LayerNorm}(x + y)', /^unknown function LayerNorm \(known: exp, /, '\\mathrm{LayerNorm}'],
  ['z = \\text{FFN}(x)', /^unknown function FFN \(known: /, '\\text{FFN}'],
  ['y = W \\sum_i x_i', /index sums are not supported/, '\\sum'],
  ['y = \\sigma(Wx + b', /never closed/, '('],
  ['y = Wx + b)', /unmatched '\)'/, ')'],
  ['y = [Wx + b)', /expected '\]' to close '\['/, ')'],
  ['y = W^{n}', /exponent 'n' is not supported/, '{n}'],
  // Nielsen's a^l: the message says how a layer index is read
  ['a = \\sigma(w^l x)', /^the exponent 'l' is not supported: use a number, T \(transpose\) or -1 \(inverse\); for a layer's index write \^\{\(l\)\}$/, 'l'],
  ['y = \\bf W x', /^\\bf is read only at the start of a group, as in \{\\bf W\}: or write \\mathbf\{W\}$/, '\\bf'],
  // ResNet's \mathcal{F}(x) is a function the text does not define, never the matrix F times x
  ['y = x + \\mathcal{F}(x)', /^\\mathcal\{F\}\(…\) is a function the formula does not define: write what it computes/, '\\mathcal{F}'],
  // a graph's D^{-1/2} is a matrix power, which entry by entry it is not
  ['H = \\tilde{D}^{-1/2} A \\tilde{D}^{-1/2}', /^a power of a matrix that is not a whole number \(\^\{-1\/2\}\) is not supported: entry by entry it would not be the matrix power/, '{-1/2}'],
  ['s = \\langle w, x', /this '\\langle' is never closed/, '\\langle'],
  ['s = \\langle w x \\rangle', /^an inner product needs two arguments/, '\\rangle'],
  ['y = \\mathbf{1} + x', /\\mathbf\{1\}/, '\\mathbf{1}'],
  ['y = W\\mathbf{1}', /\\mathbf\{1\}/, '\\mathbf{1}'],
  ['x \\in \\mathbb{C}^n', /real spaces/, '\\mathbb{C}'],
  ['A \\in \\R^{2\\times 3\\times 4}', /3 or more axes/, '{2\\times 3\\times 4}'],
  ['W \\in \\R^{n/2}', /a size must be a number, a symbol \(m, n, d_\{in\}\), or sums and products of them/, '/'],
  ['W \\in \\R^{d \\times \\frac{n}{2}}', /a size must be a number, a symbol/, '\\frac'],
  ['W \\in \\R^{2 \\times (1 - 3)}', /a size cannot be negative \(this one is -2\)/, '(1 - 3)'],
  ['W \\in \\R^{d \\times (n + 1}', /this '\(' is never closed in the size/, '('],
  ['n = \\|x\\|_3', /the norms read are ‖·‖_1 and ‖·‖_\\infty \(of a vector\), ‖·‖_2 \(Euclidean, or spectral of a matrix\) and ‖·‖_F \(Frobenius\), not ‖·‖_3/, '3'],
  ['y = \\sin^2 x', /powers of a function/, '2'],
  ['y = \\sqrt[3]{x}', /square root/, '['],
  ['y = Wx +', /formula ends/, '+'],
  ['y = \\max(x, z)', /max is supported only as max\(0, z\)/, '\\max(x, z)'],
  ['y = \\mathbb{R}^n', /belongs in a declaration/, '\\mathbb{R}'],
  ['y = \\R^n', /belongs in a declaration/, '\\R'],
  ['Wx + b = y', /left side of '=' must be a name/, 'Wx + b'],
  ['y = W_1^{*}', /exponent '\*'/, '{*}'],
  ['y = (Wx)_i', /subscript/, '_'],
  ['y = \\begin{vmatrix} A \\end{vmatrix}', /vmatrix\} is not supported inside a formula/, '\\begin{vmatrix}'],
];

describe('LaTeX front-end errors', () => {
  for (const [src, message, at] of ERRORS) {
    it(`${src} → ${message.source}`, () => {
      const doc = `% line 1\n$$${src}$$`;
      const start = doc.indexOf('$$') + 2;
      const err = catchUserError(() => parseLatex(doc, { start, end: doc.lastIndexOf('$$') }));
      assert.match(err.message, message);
      assert.equal(doc.slice(err.start, err.end), at);
    });
  }

  it('a function defined by name opens a definition; an identity that applies the word to an expression does not', () => {
    const starts = (t: string) => startsLikeDefinition(t, { start: 0, end: t.length });
    assert.equal(starts('\\mathrm{LN}(\\mathbf{x}, b) = x - b'), true);
    assert.equal(starts('\\mathbf{w}^\\star = A^{-1} b'), true);
    assert.equal(starts('\\operatorname{vec}(ABC) = (C^\\top \\otimes A) \\operatorname{vec}(B)'), false);
    assert.equal(starts('W^* W = I'), false);
  });

  it('refuses a formula with nothing to analyse', () => {
    assert.match(catchUserError(() => parseLatex('  ')).message, /empty input/);
    assert.match(catchUserError(() => parseLatex('W \\in \\R^{3 \\times 4}')).message, /only declarations/);
  });
});

function catchUserError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  assert.fail('expected a UserError');
}
