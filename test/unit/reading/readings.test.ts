// Issue 9, "never a silent misreading": each construct below was answered wrongly before. Every
// test states the reading a person means and checks the tool's reading against it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import { analyzeProgram } from '../../../src/core/analyze';
import { scanDocument } from '../../../src/core/scan';
import type { AnalysisOk, AnalyzeOptions } from '../../../src/core/index';

function ok(input: string, options: AnalyzeOptions = {}): AnalysisOk {
  const r = analyze(input, options);
  if (!r.ok) assert.fail(`${JSON.stringify(input)}: ${r.error.message}`);
  return r;
}

function fails(input: string, options: AnalyzeOptions = {}): { message: string; text: string } {
  const r = analyze(input, options);
  assert.equal(r.ok, false, `${JSON.stringify(input)} should be refused`);
  if (r.ok) throw new Error('unreachable');
  assert.doesNotMatch(r.error.message, /internal error/);
  return { message: r.error.message, text: input.slice(r.error.start, r.error.end) };
}

const shapes = (r: AnalysisOk): Record<string, string> =>
  Object.fromEntries(Object.entries(r.variables).map(([k, v]) => [k, v.shape.join('×')]));

test('a lower-case or Greek name applied to a bracket is a generic elementwise function f, differentiated as diag(f′(·))', () => {
  const cases = [
    ['y = f(W*x + b)', 'math', 'f'],
    ['y = \\phi(Wx + b)', 'latex', 'φ'],
    ['y = \\sigma_1(W x + b)', 'latex', 'σ₁'],
    ['y = g(W x + b)', 'latex', 'g'],
  ] as const;
  for (const [input, notation, f] of cases) {
    const r = ok(input, { notation });
    // the seed derivation's form, with f in place of σ: J = diag(f′(Wx + b)) [xᵀ ⊗ I_m, I_m]
    assert.equal(r.jacobian.unicode, `diag(${f}′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]`, input);
    assert.deepEqual(r.jacobian.shape, ['m', 'mn + m'], input);
    assert.deepEqual(r.wrt, ['W', 'b'], input);
    assert.equal(r.variables[f === 'σ₁' ? 'sigma_1' : f === 'φ' ? 'phi' : f], undefined, `${f} is not a variable`);
  }
});

test('numbers of a generic function are refused with a note, never invented', () => {
  const r = ok('y = \\phi(Wx + b)', { numeric: true });
  assert.equal(r.numbers, undefined);
  assert.equal(r.check, undefined);
  assert.ok(r.notes.some((n) => n.startsWith('No numbers: φ is a generic function')), r.notes.join(' | '));
});

test("a prime on a generic function is its derivative: φ′(z) differentiates to diag(φ″(z))", () => {
  const r = ok("y = \\phi'(z)");
  assert.equal(r.definition.unicode, 'y = φ′(z)');
  assert.equal(r.jacobian.unicode, 'diag(φ′′(z))');
});

test('a declared name before a bracket is a product again; an upper-case one is a matrix; a coefficient letter scales', () => {
  const declared = ok('f \\in \\mathbb{R}^{3 \\times 3}, \\quad y = f(Wx)');
  assert.equal(shapes(declared).f, '3×3');
  assert.equal(declared.definition.unicode, 'y = fWx');
  const matrix = ok('y = W(x + b)', { notation: 'math' });
  assert.deepEqual(shapes(matrix), { W: 'm×n', x: 'n×1', b: 'n×1' });
  const scaled = ok('y = \\lambda(x + z)');
  assert.equal(shapes(scaled).lambda, '1×1');
});

test('σ₁(·) names a function without an argument: refused, pointing at it', () => {
  const e = fails('y = \\sigma_1(\\cdot)');
  assert.match(e.message, /^σ_1\(·\) names the function itself/);
  assert.equal(e.text, '\\sigma_1(\\cdot)');
});

test('a generic function takes one argument: f(x, z) is refused by name', () => {
  const e = fails('y = f(x, z)', { notation: 'latex' });
  assert.equal(e.message, 'f is read as an elementwise function, which takes one argument, not 2');
  assert.equal(e.text, 'f(x, z)');
});

test('d is a differential, not a name: dX, d(XW) and \\frac{d}{dx} are refused at the d', () => {
  for (const [input, at] of [['dY = dX\\, W', 'dY'], ['y = d(XW)', 'd'], ['y = \\frac{d}{dx} W x', '\\frac{d}']] as const) {
    const e = fails(input, { notation: 'latex' });
    assert.match(e.message, /^d here is a differential/, input);
    assert.equal(e.text, at, input);
  }
  assert.match(fails('y = d(X*W)', { notation: 'math' }).message, /^d here is a differential/);
});

test('Greek letters are read alike spelled or not: σ² and γ² are scalars, μ added to a vector is a vector with a note', () => {
  assert.equal(shapes(ok('z = \\sigma^2 x')).sigma, '1×1');
  assert.equal(shapes(ok('z = \\gamma^2 x')).gamma, '1×1');
  assert.equal(shapes(ok('z = σ^2 * x', { notation: 'math' })).σ, '1×1');
  const mu = ok('y = (x - \\mu) / \\sigma');
  assert.deepEqual(shapes(mu), { x: 'm×1', mu: 'm×1', sigma: '1×1' });
  assert.ok(mu.notes.some((n) => n.startsWith('μ is read as a vector')), mu.notes.join(' | '));
  // declared, μ stays a scalar and no note is given
  const declared = ok('\\mu \\in \\mathbb{R}, \\quad y = x - \\mu');
  assert.equal(shapes(declared).mu, '1×1');
  assert.ok(!declared.notes.some((n) => n.startsWith('μ is read')));
});

test('a size name under a square root is a scalar: Wx/√d has ∂/∂x = W/√d', () => {
  const r = ok('y = W x / \\sqrt{d}', { numeric: true, values: { d: 4, W: [[1, 2], [3, 4], [5, 6]], x: [1, -1] } });
  assert.equal(shapes(r).d, '1×1');
  // y = Wx / 2 = [(1 − 2)/2, (3 − 4)/2, (5 − 6)/2]
  assert.deepEqual(Array.from(r.numbers?.output.data ?? []), [-0.5, -0.5, -0.5]);
});

test('\\pi and pi are the number π', () => {
  for (const [input, notation] of [['y = \\pi x', 'latex'], ['y = pi*x', 'math']] as const) {
    const r = ok(input, { notation, numeric: true, values: { x: [1, 2] } });
    assert.deepEqual(Object.keys(r.variables), ['x'], input);
    assert.deepEqual(Array.from(r.numbers?.output.data ?? []), [Math.PI, 2 * Math.PI], input);
  }
});

test('e^A and \\exp(A) of a matrix are read entry by entry, and a note says it is not the matrix exponential', () => {
  for (const input of ['y = e^{A}', 'y = \\exp(A)']) {
    const r = ok(input, { shapes: { A: [2, 2] }, numeric: true, values: { A: [[0, 1], [0, 0]] } });
    // entrywise: [[1, e], [1, 1]]; the matrix exponential would be [[1, 1], [0, 1]]
    assert.deepEqual(Array.from(r.numbers?.output.data ?? []), [1, Math.E, 1, 1], input);
    assert.ok(r.notes.some((n) => n.startsWith('exp of the matrix A is read entry by entry')), input);
  }
  assert.ok(!ok('y = \\exp(Wx)').notes.some((n) => n.startsWith('exp of')), 'no note for a vector');
});

test('math.sqrt(d), math.exp(2), math.pi are scalar functions and constants, never an input named math', () => {
  const r = ok('y = torch.sigmoid(W @ x + b) / math.sqrt(d)', { numeric: true, values: { d: 9 }, shapes: { W: [2, 3], x: [3, 1], b: [2, 1] }, seed: 3 });
  assert.equal(r.variables.math, undefined);
  assert.equal(shapes(r).d, '1×1');
  const inputs = r.numbers?.inputs ?? {};
  const [W = [], x = [], b = []] = ['W', 'x', 'b'].map((k) => Array.from(inputs[k]?.data ?? []));
  const expected = [0, 1].map((i) => {
    const z = [0, 1, 2].reduce((s, j) => s + (W[i * 3 + j] as number) * (x[j] as number), b[i] as number);
    return 1 / (1 + Math.exp(-z)) / 3;
  });
  Array.from(r.numbers?.output.data ?? []).forEach((v, i) => assert.ok(Math.abs(v - (expected[i] as number)) < 1e-12));
  // GPT-2's tanh GELU: the constant √(2/π) is folded, and x is the only variable
  const gelu = ok('y = 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))', { numeric: true, values: { x: [0.3, -1.2] } });
  assert.deepEqual(Object.keys(gelu.variables), ['x']);
  const g = (t: number) => 0.5 * t * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (t + 0.044715 * t ** 3)));
  assert.deepEqual(Array.from(gelu.numbers?.output.data ?? []).map((v) => v.toFixed(12)), [0.3, -1.2].map((t) => g(t).toFixed(12)));
  assert.equal(gelu.check?.passed, true);
});

test('an unknown module function is a positioned error naming module and function, never fn(module)', () => {
  const a = fails('y = foo.sqrt(W @ x)', { notation: 'python' });
  assert.equal(a.message, 'foo.sqrt(…): foo is not a known library (numpy, torch, jax, scipy or math)');
  assert.equal(a.text, 'foo.sqrt');
  const b = fails('y = math.erfcx(W @ x)', { notation: 'python' });
  assert.equal(b.message, 'math.erfcx is not supported');
  assert.equal(b.text, 'math.erfcx');
});

test('data-first layers X W + b differentiate by W and b, with b a row broadcast over the batch', () => {
  const cases = [
    ['y = X @ W + b', 'python', 'W', 'b'],
    ['y = np.dot(X, W) + b', 'python', 'W', 'b'],
    ['H = XW^{(1)} + b^{(1)}', 'latex', 'W_1', 'b_1'],
  ] as const;
  for (const [input, notation, w, b] of cases) {
    const r = ok(input, { notation, numeric: true, seed: 5 });
    assert.deepEqual(r.wrt, [w, b], input);
    assert.equal(shapes(r)[b], `1×${r.variables[w]?.shape[1]}`, `${input}: the bias is a row`);
    // vec(X W + 1 bᵀ) = (I_p ⊗ X) vec W + (I_p ⊗ 1) b
    assert.equal(r.jacobian.unicode, 'Iₚ ⊗ X, Iₚ ⊗ 𝟏'.replace(/^/, '[').concat(']'), input);
    assert.equal(r.check?.passed, true, input);
  }
  // column-first W X + b keeps a column bias
  const col = ok('y = WX + b', { notation: 'latex' });
  assert.deepEqual(r2(col), { wrt: 'W,b', b: 'm×1' });
  function r2(r: AnalysisOk) { return { wrt: r.wrt.join(','), b: shapes(r).b }; }
});

test('declared sizes win: softmax(XW + b) with W ∈ ℝ^{d×q} does not make q 1, and the error names both sources', () => {
  const e = fails('W \\in \\mathbb{R}^{d \\times q}, \\quad Y = \\operatorname{softmax}(XW + b)');
  assert.equal(e.message, 'softmax needs a vector, but XW + b is ?×q (q comes from the declaration of W, which this would make 1); ' +
    'the softmax of each row is softmax_row(XW + b) (\\operatorname{softmax}_{\\mathrm{row}} in LaTeX, dim=-1 in PyTorch), of each column softmax_col(XW + b)');
  assert.equal(e.text, '\\operatorname{softmax}(XW + b)');
  const fine = ok('W \\in \\mathbb{R}^{d \\times q}, \\quad Y = XW + b');
  assert.deepEqual(shapes(fine), { X: 'm×d', W: 'd×q', b: '1×q' });
});

test('one unreadable statement does not sink the later lines of a Python function: its target becomes a noted input', () => {
  const file = [
    'import torch',
    '',
    'def forward(self, x):',
    '    x = x.view(-1, 784)',
    '    h = torch.tanh(self.W @ x + self.b)',
    '    return h',
    '',
  ].join('\n');
  const site = scanDocument(file, 'python').find((s) => file.slice(s.range.start, s.range.end).includes('tanh'));
  assert.ok(site?.program, 'the tanh line is a definition with a program');
  const r = analyzeProgram(site.program, file, 'python');
  if (!r.ok) assert.fail(r.error.message);
  assert.equal(r.definition.unicode, 'h = tanh(W x₁ + b)');
  assert.deepEqual(r.wrt, ['W', 'b']);
  assert.ok(r.notes.some((n) => n.startsWith('An earlier assignment to x cannot be read (reshapes are not supported')), r.notes.join(' | '));
  // the line that cannot be read is still refused, at its own place
  const bad = scanDocument(file, 'python').find((s) => file.slice(s.range.start, s.range.end).includes('view'));
  assert.equal(bad?.error?.message, 'reshapes are not supported, except a matrix flattened whole (x.view(-1), x.flatten()): write the layer on matrices and vectors');
});

test('a tensor method with axis arguments is not taken for a module function: k.transpose(-2, -1)', () => {
  const r = ok('y = k.transpose(-2, -1) @ q', { notation: 'python' });
  assert.equal(r.definition.unicode, 'y = kᵀ q');
});

test('nn.Linear sizes from a config and from arithmetic: config.n_embd is a size named n_embd, 28*28 is 784', () => {
  // a transformer-style MLP block and an MNIST-style net, written for this test
  const file = [
    'import torch',
    'import torch.nn as nn',
    '',
    'class Feed(nn.Module):',
    '    def __init__(self, cfg):',
    '        super().__init__()',
    '        self.up = nn.Linear(cfg.n_embd, 4 * cfg.n_embd)',
    '        self.down = nn.Linear(4 * cfg.n_embd, cfg.n_embd)',
    '',
    '    def forward(self, x):',
    '        u = torch.tanh(self.up(x))',
    '        return self.down(u)',
    '',
    'class Digits(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.hidden = nn.Linear(28*28, 64)',
    '',
    '    def forward(self, img):',
    '        return torch.relu(self.hidden(img))',
    '',
  ].join('\n');
  const sites = scanDocument(file, 'python');
  const at = (needle: string) => {
    const s = sites.find((x) => file.slice(x.range.start, x.range.end).includes(needle));
    assert.ok(s?.program, needle);
    const r = analyzeProgram(s.program, file, 'python', { numeric: true, seed: 2 });
    if (!r.ok) assert.fail(r.error.message);
    return r;
  };
  const up = at('self.up(x)');
  assert.deepEqual(up.variables.W_up?.shape, ['4n_embd', 'n_embd']);
  // ∂u/∂(vec W, b) for a row x: diag(tanh′) [x ⊗ I, I], 4n × (4n·n + 4n)
  assert.deepEqual(up.jacobian.shape, ['4n_embd', '4n_embd² + 4n_embd']);
  assert.equal(up.check?.passed, true);
  const digits = at('self.hidden(img)');
  assert.deepEqual(digits.variables.W_hidden?.shape, [64, 784]);
  assert.deepEqual(digits.jacobian.shape, [64, 64 * 784 + 64]);
});

test('a sum that broadcasts across an undeclared name says so; a bias, a declared size or equal sizes do not', () => {
  const broadcast = (r: AnalysisOk) => r.notes.filter((n) => /broadcasts/.test(n));
  const wide = ok('y = A*x + B');
  assert.deepEqual(shapes(wide), { A: 'm×n', x: 'n×1', B: 'm×p' });
  assert.deepEqual(broadcast(wide), ['B is read as a matrix (m×p), and A*x (m×1) is added to each of its columns, as NumPy broadcasts; if B is a vector of that size, declare it.']);
  assert.equal(broadcast(ok('y = x + X')).length, 1);
  for (const quiet of ['y = W*x + b', 'Y = X*W + b', 'y = A*x + B*x', 'y = sigmoid(W*x + b)']) {
    assert.deepEqual(broadcast(ok(quiet)), [], quiet);
  }
  assert.deepEqual(broadcast(ok('y = A*x + B', { shapes: { A: [3, 4], B: [3, 2] } })), []);
});
