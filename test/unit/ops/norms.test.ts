// Norms by name: ‖x‖₁, ‖x‖₂ (Euclidean), ‖X‖₂ (spectral: σ₁, gradient u₁v₁ᵀ) and ‖X‖_F, in the math,
// LaTeX and Python spellings. Each against central differences of a forward map written here —
// the spectral norm of a 2×n matrix by its closed form, the square root of the larger eigenvalue
// of the 2×2 XXᵀ — and a repeated σ₁, where no derivative exists, refused at its place.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, fdJacobian, rowMajorOfVec, valuesJSON, type Vars } from '../helpers/oracle';

/** σ₁ of a 2×n X: XXᵀ = [[a, b], [b, d]] has the larger eigenvalue (a + d + √((a − d)² + 4b²)) / 2. */
function spectral2(X: D.M): number {
  const G = D.mul(X, D.T(X));
  const [a, b, d] = [D.at(G, 0, 0), D.at(G, 0, 1), D.at(G, 1, 1)];
  return Math.sqrt((a + d + Math.sqrt((a - d) ** 2 + 4 * b * b)) / 2);
}

const norm1 = (x: D.M): number => x.data.reduce((s, v) => s + Math.abs(v), 0);
const normInf = (x: D.M): number => x.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const next = D.rng(31);
const X2 = D.mk(2, 3, () => 2 * next() - 1);
const x4 = D.randomM(next, 4, 1, 'awayFromZero');
const W = D.mk(2, 2, () => 2 * next() - 1);

interface Case {
  notation: 'math' | 'latex' | 'python';
  source: string;
  shown: string;
  vars: Vars;
  f: (v: Vars) => number;
}

const CASES: Case[] = [
  { notation: 'math', source: 'norm1(x)', shown: '‖x‖₁', vars: { x: x4 }, f: (v) => norm1(v.x!) },
  { notation: 'math', source: 'norm2(x)', shown: '‖x‖₂', vars: { x: x4 }, f: (v) => D.frob(v.x!) },
  { notation: 'math', source: 'norm2(X)', shown: '‖X‖₂', vars: { X: X2 }, f: (v) => spectral2(v.X!) },
  { notation: 'math', source: 'norm2(W*X)^2', shown: '‖WX‖₂²', vars: { W, X: X2 }, f: (v) => spectral2(D.mul(v.W!, v.X!)) ** 2 },
  { notation: 'math', source: 'norm_fro(X)', shown: '‖X‖', vars: { X: X2 }, f: (v) => D.frob(v.X!) },
  { notation: 'latex', source: '\\|X\\|_2 + \\|x\\|_1', shown: '‖X‖₂ + ‖x‖₁', vars: { X: X2, x: x4 }, f: (v) => spectral2(v.X!) + norm1(v.x!) },
  { notation: 'latex', source: '\\|X\\|_F', shown: '‖X‖', vars: { X: X2 }, f: (v) => D.frob(v.X!) },
  { notation: 'python', source: 'y = np.linalg.norm(X, 2)', shown: 'y = ‖X‖₂', vars: { X: X2 }, f: (v) => spectral2(v.X!) },
  { notation: 'python', source: 'y = torch.linalg.matrix_norm(X, ord=2)', shown: 'y = ‖X‖₂', vars: { X: X2 }, f: (v) => spectral2(v.X!) },
  { notation: 'python', source: 'y = torch.linalg.vector_norm(x, ord=1)', shown: 'y = ‖x‖₁', vars: { x: x4 }, f: (v) => norm1(v.x!) },
  { notation: 'math', source: 'norm_inf(x)', shown: '‖x‖∞', vars: { x: x4 }, f: (v) => normInf(v.x!) },
  { notation: 'math', source: 'norm_inf(W*x2)^2', shown: '‖W x₂‖∞²', vars: { W, x2: D.randomM(next, 2, 1, 'awayFromZero') }, f: (v) => normInf(D.mul(v.W!, v.x2!)) ** 2 },
  { notation: 'latex', source: '\\|x\\|_\\infty', shown: '‖x‖∞', vars: { x: x4 }, f: (v) => normInf(v.x!) },
  { notation: 'python', source: 'y = np.linalg.norm(x, np.inf)', shown: 'y = ‖x‖∞', vars: { x: x4 }, f: (v) => normInf(v.x!) },
  { notation: 'python', source: "y = torch.linalg.norm(x, float('inf'))", shown: 'y = ‖x‖∞', vars: { x: x4 }, f: (v) => normInf(v.x!) },
];

for (const c of CASES) {
  test(`${c.notation}: ${c.source} is ${c.shown}: value and gradient against a forward map written here`, () => {
    const wrt = Object.keys(c.vars);
    const a = analyzeOk(c.source, { notation: c.notation, wrt, values: valuesJSON(c.vars), numeric: true });
    assert.equal(a.definition.unicode, c.shown);
    assertClose(a.numbers?.output.data ?? [], [c.f(c.vars)], 1e-12, `${c.source} value`);
    const fd = fdJacobian((v) => D.scalar(c.f(v)), c.vars, wrt)[0]!;
    let k = 0;
    for (const w of wrt) {
      const X = c.vars[w]!;
      assertClose(a.gradient![w]!.values!, rowMajorOfVec(fd.slice(k, k + X.data.length), X.rows, X.cols), 1e-7, `∂/∂${w} of ${c.source}`);
      k += X.data.length;
    }
    assert.deepEqual(a.check?.formulas.failed, [], c.source);
    assert.equal(a.check?.passed, true, `${c.source}: ${JSON.stringify(a.check)}`);
  });
}

test('the spectral norm\'s gradient is u₁v₁ᵀ, printed and evaluated', () => {
  const a = analyzeOk('norm2(X)', { shapes: { X: [3, 4] }, numeric: true });
  assert.equal(a.gradient?.X?.unicode, 'u₁(X) v₁(X)ᵀ');
  assert.equal(a.check?.passed, true);
});

test('a repeated largest singular value has no derivative: refused at the matrix, by message', () => {
  const src = 'norm2(X)';
  const r = analyze(src, { values: { X: [[2, 0], [0, -2]] }, numeric: true });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.error.message, /the largest singular value of this matrix is repeated \(σ₁ = σ₂ = 2\.00000\), so its spectral norm ‖X‖₂ has no derivative here/);
  assert.equal(src.slice(r.error.start, r.error.end), 'X');
});

test('norm1 of a matrix is refused: its entrywise sum and the induced norm differ', () => {
  const r = analyze('norm1(X)', { shapes: { X: [3, 3] } });
  assert.match(r.ok ? '' : r.error.message, /norm1 needs a vector, but X is 3×3: write sum\(abs\(X\)\)/);
});

// ‖x‖ is a cone at 0: no derivative there, so no NaN gradient may be shown as an answer
for (const src of ['norm(x)', 'norm2(x) + 1', '3*norm(x)^2']) {
  test(`${src} at x = 0 is refused at the norm, by message (the derivative x/‖x‖ is 0/0)`, () => {
    const r = analyze(src, { wrt: ['x'], values: { x: [0, 0, 0] }, numeric: true });
    assert.equal(r.ok, false, src);
    if (r.ok) return;
    assert.match(r.error.message, /the norm is not differentiable where its argument is 0, as it is at these values/);
    assert.match(src.slice(r.error.start, r.error.end), /^norm2?\(x\)$/);
  });
}

test('a norm of a constant at 0 is no refusal: only what depends on the wrt variables is checked', () => {
  const a = analyzeOk('norm(c)*x', { wrt: ['x'], values: { c: [0, 0], x: [1, 2] }, numeric: true });
  assert.equal(a.check?.passed, true);
});

test('norm1 at a zero entry: the gradient sign(0) = 0 is a subgradient, said in a note, and central differences agree', () => {
  const x = D.mk(3, 1, (i) => [0, 1.5, -2][i]!);
  const a = analyzeOk('norm1(x)', { wrt: ['x'], values: valuesJSON({ x }), numeric: true });
  assertClose(a.gradient!.x!.values!, [0, 1, -1], 0, 'sign(x)');
  const fd = fdJacobian((v) => D.scalar(norm1(v.x!)), { x }, ['x'])[0]!;
  assertClose(a.gradient!.x!.values!, fd, 1e-7, 'central differences');
  assert.ok(a.notes.some((n) => /‖x‖₁ is not differentiable where an entry of x is 0.*sign\(0\) = 0, a subgradient/.test(n)), a.notes.join('\n'));
  assert.equal(a.check?.passed, true);
});

test('‖x‖∞: the gradient eₖ(x) is sign(x_k) e_k at the largest |x_k| (by hand), said in a note', () => {
  const a = analyzeOk('norm_inf(x)', { wrt: ['x'], values: { x: [0.5, -3, 2] }, numeric: true });
  assert.equal(a.gradient?.x?.unicode, 'eₖ(x)');
  assertClose(a.gradient!.x!.values!, [0, -1, 0], 0, 'sign(x₂) e₂');
  assert.ok(a.notes.some((n) => /eₖ\(x\) in the gradient of ‖x‖∞ is sign\(x_k\) e_k/.test(n)), a.notes.join('\n'));
});

test('‖x‖∞ at a tie (|x₁| = |x₂| largest) or at 0 has no derivative: refused at the norm, by message', () => {
  for (const x of [[2, -2, 1], [0, 0, 0]]) {
    const src = 'norm_inf(x)';
    const r = analyze(src, { wrt: ['x'], values: { x }, numeric: true });
    assert.equal(r.ok, false, JSON.stringify(x));
    if (r.ok) continue;
    assert.match(r.error.message, /the ∞-norm is not differentiable here: the largest \|xᵢ\| is reached by more than one entry \(or x = 0\)/);
    assert.equal(src.slice(r.error.start, r.error.end), src);
  }
});

test('norm_inf of a matrix is refused: its induced max-row-sum norm is not supported', () => {
  const r = analyze('norm_inf(X)', { shapes: { X: [3, 3] } });
  assert.match(r.ok ? '' : r.error.message, /norm_inf needs a vector, but X is 3×3: the induced ∞-norm of a matrix \(its largest row sum of \|entries\|\) is not supported/);
});
