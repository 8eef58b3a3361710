// The seed layer y = σ(Wx + b): its Kronecker form Df = diag(σ′(z)) [xᵀ ⊗ I_m, I_m] (DESIGN.md),
// built here entry by entry with loops, its nnz mn + m, its exact Unicode and LaTeX, its gradient
// ∂L/∂W = δ xᵀ, ∂L/∂b = δ with δ computed by hand, and the same analysis with symbolic sizes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, flatValues, valuesJSON, type Dense } from '../helpers/oracle';

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number): string => [...String(n)].map((d) => SUB[Number(d)]).join('');

/** diag(σ′(z)) [xᵀ ⊗ I_m, I_m] by its entries: J[i, i + j·m] = σ′(zᵢ) xⱼ and J[i, mn + i] = σ′(zᵢ). */
function layerJacobian(W: D.M, x: D.M, b: D.M): Dense {
  const m = W.rows, n = W.cols;
  const J: Dense = Array.from({ length: m }, () => new Array<number>(m * n + m).fill(0));
  for (let i = 0; i < m; i++) {
    let z = D.at(b, i, 0);
    for (let j = 0; j < n; j++) z += D.at(W, i, j) * D.at(x, j, 0);
    const s = D.dsigmoid(z);
    for (let j = 0; j < n; j++) J[i]![i + j * m] = s * D.at(x, j, 0);
    J[i]![m * n + i] = s;
  }
  return J;
}

/** δ = σ′(z) ⊙ u for an upstream u; returns δ and δ xᵀ (row-major) by loops. */
function layerGradient(W: D.M, x: D.M, b: D.M, u: readonly number[]): { delta: number[]; dW: number[] } {
  const m = W.rows, n = W.cols;
  const delta: number[] = [];
  for (let i = 0; i < m; i++) {
    let z = D.at(b, i, 0);
    for (let j = 0; j < n; j++) z += D.at(W, i, j) * D.at(x, j, 0);
    delta.push(D.dsigmoid(z) * (u[i] as number));
  }
  const dW: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) dW.push((delta[i] as number) * D.at(x, j, 0));
  return { delta, dW };
}

const layerValues = (m: number, n: number, seed: number) => {
  const next = D.rng(seed);
  return { W: D.randomM(next, m, n), x: D.randomM(next, n, 1), b: D.randomM(next, m, 1), t: D.randomM(next, m, 1) };
};

test('seed layer, W 3×4: J is 3 × 15 with nnz exactly 15 (mn + m), blocks W 3×12 and b 3×3', () => {
  const r = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] }, numeric: true });
  assert.deepEqual(r.wrt, ['W', 'b'], 'a layer differentiates by its parameters W, b');
  assert.deepEqual(r.output.shape, [3, 1]);
  assert.deepEqual(r.variables.W?.shape, [3, 4]);
  assert.deepEqual(r.variables.x?.shape, [4, 1]);
  assert.deepEqual(r.variables.b?.shape, [3, 1]);
  assert.deepEqual(r.jacobian.shape, [3, 15]);
  assert.equal(r.jacobian.nnz, 15);
  assert.equal(r.jacobian.denseCount, 45);
  assert.equal(r.jacobian.values?.vals.length, 15, 'the COO lists the 15 stored entries, not 45');
  assert.deepEqual(r.jacobian.blocks.map((b) => [b.wrt, b.shape, b.nnz]), [['W', [3, 12], 12], ['b', [3, 3], 3]]);
  assert.ok(r.check?.passed, 'finite-difference check');
});

test('seed layer, W 3×4: the exact Unicode and LaTeX Kronecker forms', () => {
  const r = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] } });
  assert.equal(r.jacobian.unicode, 'diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃]');
  const latex = r.jacobian.latex;
  assert.equal(latex, String.raw`\operatorname{diag}\left(\sigma'\left(W x + b\right)\right) \begin{bmatrix} x^\top \otimes I_3 & I_3 \end{bmatrix}`);
  // the structure, piece by piece: factored diag(·) in front of one block row of two entries
  assert.match(latex, /^\\operatorname\{diag\}/);
  assert.ok(latex.includes(String.raw`\sigma'`));
  assert.ok(latex.includes(String.raw`x^\top \otimes I_3`));
  assert.match(latex, /\\begin\{bmatrix\} x\^\\top \\otimes I_3 & I_3 \\end\{bmatrix\}$/);
  assert.equal(latex.split('&').length, 2, 'two blocks: vec W and b');
  assert.deepEqual(r.jacobian.blocks.map((b) => b.unicode), ['diag(σ′(Wx + b)) (xᵀ ⊗ I₃)', 'diag(σ′(Wx + b))']);
  assert.deepEqual(r.jacobian.factors.map((f) => [f.part, f.unicode, f.shape]), [
    ['left', 'diag(σ′(Wx + b))', [3, 3]], ['block', 'xᵀ ⊗ I₃', [3, 12]], ['block', 'I₃', [3, 3]],
  ]);
  assert.deepEqual([r.gradient?.W?.unicode, r.gradient?.b?.unicode], ['δ xᵀ', 'δ']);
  assert.deepEqual([r.gradient?.W?.latex, r.gradient?.b?.latex], [String.raw`\delta x^\top`, String.raw`\delta`]);
});

test('seed layer, any W m×n (m, n ≥ 2): shape [m, mn + m], nnz mn + m, Iₘ in the form, values = the closed form', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 6 }), fc.nat(1e6), (m, n, seed) => {
    const { W, x, b } = layerValues(m, n, seed);
    const r = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [m, n] }, values: valuesJSON({ W, x, b }), numeric: true });
    assert.deepEqual(r.wrt, ['W', 'b']);
    assert.deepEqual(r.jacobian.shape, [m, m * n + m]);
    assert.equal(r.jacobian.nnz, m * n + m);
    assert.equal(r.jacobian.unicode, `diag(σ′(Wx + b)) [xᵀ ⊗ I${sub(m)}, I${sub(m)}]`);
    assert.ok(r.jacobian.latex.includes(`x^\\top \\otimes I_${m} & I_${m}`), r.jacobian.latex);
    const coo = r.jacobian.values;
    assert.ok(coo);
    assertDenseClose(denseFromCoo(coo, m, m * n + m), layerJacobian(W, x, b), 1e-12, 'diag(σ′(z)) [xᵀ ⊗ I, I]');
  }), { numRuns: 40 });
});

test('seed layer with a 1-row or 1-column W (explicit wrt W, b): nnz is still mn + m and J is the closed form', () => {
  for (const [m, n] of [[1, 1], [1, 4], [4, 1], [1, 2], [3, 1]] as const) {
    const { W, x, b } = layerValues(m, n, 11 * m + n);
    const r = analyzeOk('sigmoid(W*x + b)', { wrt: ['W', 'b'], values: valuesJSON({ W, x, b }), numeric: true });
    assert.deepEqual(r.jacobian.shape, [m, m * n + m], `${m}×${n}`);
    assert.equal(r.jacobian.nnz, m * n + m, `${m}×${n}`);
    const coo = r.jacobian.values;
    assert.ok(coo);
    assertDenseClose(denseFromCoo(coo, m, m * n + m), layerJacobian(W, x, b), 1e-12, `J for W ${m}×${n}`);
  }
});

test('seed layer gradient with loss sse: δ = σ′(z) ⊙ (y − t), ∂L/∂W = δ xᵀ, ∂L/∂b = δ, by hand', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.nat(1e6), (m, n, seed) => {
    const { W, x, b, t } = layerValues(m, n, seed);
    const r = analyzeOk('sigmoid(W*x + b)', { wrt: ['W', 'b'], values: valuesJSON({ W, x, b, t }), loss: 'sse', numeric: true });
    assert.equal(r.loss?.kind, 'sse');
    assert.equal(r.loss?.unicode, 'L = ½‖y − t‖²');
    assert.deepEqual(r.gradientDefinitions?.map((d) => d.unicode), ['δ = σ′(Wx + b) ⊙ (y − t)']);
    assert.deepEqual([r.gradient?.W?.unicode, r.gradient?.b?.unicode], ['δ xᵀ', 'δ']);
    const y = D.map(D.add(D.mul(W, x), b), D.sigmoid);
    assertClose(r.numbers?.output.data ?? [], D.rowMajor(y), 1e-12, 'y = σ(Wx + b)');
    assertClose(r.numbers?.inputs.t?.data ?? [], D.rowMajor(t), 0, 'the given t is used');
    const { delta, dW } = layerGradient(W, x, b, D.vecOf(D.sub(y, t)));
    assert.deepEqual(r.gradient?.W?.shape, [m, n]);
    assertClose(r.gradient?.W?.values ?? [], dW, 1e-12, '∂L/∂W = δ xᵀ');
    assertClose(r.gradient?.b?.values ?? [], delta, 1e-12, '∂L/∂b = δ');
  }), { numRuns: 40 });
});

test('seed layer gradient with the generic loss: δ = σ′(z) ⊙ g for the seeded upstream g', () => {
  const r = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] }, numeric: true, seed: 5 });
  assert.equal(r.loss?.kind, 'generic');
  assert.equal(r.loss?.upstream, 'g');
  assert.deepEqual(r.gradientDefinitions?.map((d) => d.unicode), ['δ = σ′(Wx + b) ⊙ g']);
  const inputs = r.numbers?.inputs ?? {};
  const [W, x, b, g] = ['W', 'x', 'b', 'g'].map((k) => {
    const v = inputs[k];
    assert.ok(v, `numbers.inputs.${k}`);
    return D.mk(v.shape[0], v.shape[1], (i, j) => v.data[i * v.shape[1] + j] as number);
  }) as [D.M, D.M, D.M, D.M];
  const { delta, dW } = layerGradient(W, x, b, D.vecOf(g));
  assertClose(r.gradient?.W?.values ?? [], dW, 1e-12, '∂L/∂W = δ xᵀ');
  assertClose(r.gradient?.b?.values ?? [], delta, 1e-12, '∂L/∂b = δ');
});

test('seed layer without sizes: symbolic m × (mn + m), nnz mn + m, Iₘ, shapes W m×n, x n, b m', () => {
  const r = analyzeOk('sigmoid(W*x + b)');
  assert.deepEqual(r.jacobian.shape, ['m', 'mn + m']);
  assert.equal(r.jacobian.nnz, 'mn + m');
  assert.equal(r.jacobian.denseCount, 'm²n + m²');
  assert.equal(r.jacobian.unicode, 'diag(σ′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]');
  assert.equal(r.jacobian.latex, String.raw`\operatorname{diag}\left(\sigma'\left(W x + b\right)\right) \begin{bmatrix} x^\top \otimes I_m & I_m \end{bmatrix}`);
  assert.deepEqual(r.variables.W?.shape, ['m', 'n']);
  assert.deepEqual(r.variables.x?.shape, ['n', 1]);
  assert.deepEqual(r.variables.b?.shape, ['m', 1]);
  assert.deepEqual(r.output.shape, ['m', 1]);
  assert.deepEqual(r.jacobian.blocks.map((b) => [b.wrt, b.shape, b.nnz]), [['W', ['m', 'mn'], 'mn'], ['b', ['m', 'm'], 'm']]);
  assert.deepEqual(Object.keys(r.dims).sort(), ['m', 'n']);
  assert.deepEqual([r.gradient?.W?.shape, r.gradient?.b?.shape], [['m', 'n'], ['m', 1]]);
  assert.equal(r.numbers, undefined, 'no numbers without numeric');
  assert.equal(r.jacobian.values, undefined);
});

test('seed layer without sizes but numeric: the chosen sizes are said in a note and J is the closed form', () => {
  const r = analyzeOk('sigmoid(W*x + b)', { numeric: true });
  const inputs = r.numbers?.inputs ?? {};
  const get = (k: string): D.M => {
    const v = inputs[k];
    assert.ok(v, k);
    return D.mk(v.shape[0], v.shape[1], (i, j) => v.data[i * v.shape[1] + j] as number);
  };
  const W = get('W'), x = get('x'), b = get('b');
  const m = W.rows, n = W.cols;
  assert.ok(r.notes.some((s) => s.includes(`m = ${m}`) && s.includes(`n = ${n}`)), r.notes.join(' | '));
  assert.equal(r.jacobian.values?.vals.length, m * n + m);
  assertDenseClose(denseFromCoo(r.jacobian.values!, m, m * n + m), layerJacobian(W, x, b), 1e-12, 'J');
  assert.ok(r.check?.passed);
});

test('Greek σ and juxtaposition W x give the same analysis as sigmoid(W*x + b)', () => {
  const a = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] }, numeric: true });
  for (const text of ['σ(W x + b)', 'σ(W*x + b)', 'sigmoid(W x + b)', 'logistic(W*x + b)']) {
    const r = analyzeOk(text, { shapes: { W: [3, 4] }, numeric: true });
    assert.equal(r.jacobian.unicode, a.jacobian.unicode, text);
    assert.deepEqual(Array.from(r.jacobian.values!.vals), Array.from(a.jacobian.values!.vals), text);
  }
});

test('a large layer (W 40×30): nnz 1230 + 40 stored, far below dense, the check by random directions, gradient by hand', () => {
  const m = 40, n = 30;
  const { W, x, b } = layerValues(m, n, 99);
  const r = analyzeOk('sigmoid(W*x + b)', { values: valuesJSON({ W, x, b }), numeric: true, seed: 2 });
  assert.deepEqual(r.jacobian.shape, [m, m * n + m]);
  assert.equal(r.jacobian.nnz, m * n + m);
  assert.equal(r.jacobian.denseBytes, m * (m * n + m) * 8);
  assert.ok((r.jacobian.bytes ?? Infinity) < (r.jacobian.denseBytes ?? 0) / 10, `structured ${r.jacobian.bytes} B vs dense ${r.jacobian.denseBytes} B`);
  assert.deepEqual([r.check?.method, r.check?.count, r.check?.passed], ['directions', 2, true]); // 2 random directions over both blocks (W, b)
  assertDenseClose(denseFromCoo(r.jacobian.values!, m, m * n + m), layerJacobian(W, x, b), 1e-12, 'J');
  const g = r.numbers?.inputs.g;
  assert.ok(g);
  const { delta, dW } = layerGradient(W, x, b, Array.from(g.data));
  assertClose(r.gradient?.W?.values ?? [], dW, 1e-12, '∂L/∂W = δ xᵀ');
  assertClose(r.gradient?.b?.values ?? [], delta, 1e-12, '∂L/∂b = δ');
});

test('denseLimit: above it the COO values are left out with a note, the gradient is still there', () => {
  const r = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [10, 8] }, numeric: true, denseLimit: 50 });
  assert.equal(r.jacobian.nnz, 90);
  assert.equal(r.jacobian.values, undefined);
  assert.ok(r.notes.some((s) => s.includes('90') && s.includes('50')), r.notes.join(' | '));
  assert.equal(flatValues(r.gradient?.W?.values ?? []).length, 80);
  assert.equal(r.check?.passed, true);
});
