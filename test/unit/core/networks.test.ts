// Whole networks: two layers W2 tanh(W1 x + b1) + b2 against finite differences and hand-written
// backpropagation, a batch σ(W X + b) with a broadcast bias, softmax with cross-entropy, and
// definitions written over several lines with declarations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as D from '../helpers/dense';
import type { M } from '../helpers/dense';
import {
  analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, fromRowMajor, rowMajorOfVec, valuesJSON, vjp, type Vars,
} from '../helpers/oracle';

const get = (v: Vars, k: string): M => {
  const x = v[k];
  if (!x) throw new Error(k);
  return x;
};

/** An input of the analysis as a matrix. */
const input = (r: ReturnType<typeof analyzeOk>, k: string): M => {
  const v = r.numbers?.inputs[k];
  assert.ok(v, `numbers.inputs.${k}`);
  return fromRowMajor(v.shape[0], v.shape[1], v.data);
};

const coo = (r: ReturnType<typeof analyzeOk>) => {
  const c = r.jacobian.values;
  assert.ok(c, 'jacobian.values');
  return c;
};

// ---- two layers ---------------------------------------------------------------------------

const twoLayer = (v: Vars): M => D.add(D.mul(get(v, 'W2'), D.map(D.add(D.mul(get(v, 'W1'), get(v, 'x')), get(v, 'b1')), Math.tanh)), get(v, 'b2'));

/** Backpropagation by hand: ∂L/∂b2 = g, ∂L/∂W2 = g hᵀ, δ = (1 − h²) ⊙ W2ᵀ g, ∂L/∂W1 = δ xᵀ, ∂L/∂b1 = δ. */
function backprop(v: Vars, g: M): Record<string, number[]> {
  const W1 = get(v, 'W1'), W2 = get(v, 'W2'), x = get(v, 'x'), b1 = get(v, 'b1');
  const n = W1.rows, p = W1.cols, m = W2.rows;
  const h: number[] = [];
  for (let i = 0; i < n; i++) {
    let z = D.at(b1, i, 0);
    for (let j = 0; j < p; j++) z += D.at(W1, i, j) * D.at(x, j, 0);
    h.push(Math.tanh(z));
  }
  const delta: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += D.at(W2, k, i) * D.at(g, k, 0);
    delta.push((1 - h[i]! ** 2) * s);
  }
  const W1g: number[] = [], W2g: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) W1g.push(delta[i]! * D.at(x, j, 0));
  for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) W2g.push(D.at(g, k, 0) * h[i]!);
  return { W1: W1g, b1: delta, W2: W2g, b2: Array.from(g.data) };
}

test('two layers W2*tanh(W1*x + b1) + b2: default wrt W1, b1, W2, b2 and symbolic shapes', () => {
  const r = analyzeOk('W2*tanh(W1*x + b1) + b2');
  assert.deepEqual(r.wrt, ['W1', 'b1', 'W2', 'b2'], 'the parameters of both layers, innermost first');
  assert.deepEqual(r.variables.W1?.shape, ['n', 'p']);
  assert.deepEqual(r.variables.W2?.shape, ['m', 'n']);
  assert.deepEqual(r.jacobian.shape, ['m', 'mn + np + m + n']);
  assert.equal(r.jacobian.unicode, '[W₂ diag(tanh′(W₁ x + b₁)) (xᵀ ⊗ Iₙ), W₂ diag(tanh′(W₁ x + b₁)), tanh(W₁ x + b₁)ᵀ ⊗ Iₘ, Iₘ]');
  assert.deepEqual(['W1', 'b1', 'W2', 'b2'].map((w) => r.gradient?.[w]?.unicode), ['δ xᵀ', 'δ', 'g tanh(W₁ x + b₁)ᵀ', 'g']);
  assert.deepEqual(r.gradientDefinitions?.map((d) => d.unicode), ['δ = tanh′(W₁ x + b₁) ⊙ (W₂ᵀ g)']);
});

test('two layers: the Jacobian equals central differences and the gradient equals hand backpropagation', () => {
  const dims = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.nat());
  fc.assert(fc.property(dims, ([m, n, p, seed]) => {
    const next = D.rng(seed);
    const vars: Vars = { W1: D.randomM(next, n, p), x: D.randomM(next, p, 1), b1: D.randomM(next, n, 1), W2: D.randomM(next, m, n), b2: D.randomM(next, m, 1) };
    const wrt = ['W1', 'b1', 'W2', 'b2'];
    const r = analyzeOk('W2*tanh(W1*x + b1) + b2', { values: valuesJSON(vars), numeric: true, ...(m === 1 ? { wrt } : {}) });
    assert.deepEqual(r.wrt, wrt);
    const cols = n * p + n + m * n + m;
    assert.deepEqual(r.jacobian.shape, [m, cols]);
    assertClose(r.numbers?.output.data ?? [], D.rowMajor(twoLayer(vars)), 1e-12, 'forward');
    const fd = fdJacobian(twoLayer, vars, wrt);
    assertDenseClose(denseFromCoo(coo(r), m, cols), fd, 1e-6, 'J');
    assert.ok(r.check?.passed);
    // a 1-row output is a scalar: its own loss, upstream 1; otherwise the seeded upstream g
    const g = m === 1 ? D.scalar(1) : input(r, 'g');
    assert.equal(r.loss?.kind, m === 1 ? 'output' : 'generic');
    const want = backprop(vars, g);
    for (const w of wrt) assertClose(r.gradient?.[w]?.values ?? [], want[w] ?? [], 1e-10, `∂L/∂${w}`);
    // and the same through the FD Jacobian: Jᵀ g
    const flat = vjp(fd, Array.from(g.data));
    assertClose(r.gradient?.W1?.values ?? [], rowMajorOfVec(flat.slice(0, n * p), n, p), 1e-6, '∂L/∂W1 = vec⁻¹(Jᵀ g)');
  }), { numRuns: 30 });
});

test('two layers with loss sse and a given t: g = y − t in the hand backpropagation', () => {
  const next = D.rng(3);
  const [m, n, p] = [2, 4, 3];
  const vars: Vars = { W1: D.randomM(next, n, p), x: D.randomM(next, p, 1), b1: D.randomM(next, n, 1), W2: D.randomM(next, m, n), b2: D.randomM(next, m, 1) };
  const t = D.randomM(next, m, 1);
  const r = analyzeOk('W2*tanh(W1*x + b1) + b2', { values: { ...valuesJSON(vars), t: Array.from(t.data) }, loss: 'sse', numeric: true });
  assert.deepEqual(r.gradientDefinitions?.map((d) => d.unicode), ['δ = tanh′(W₁ x + b₁) ⊙ (W₂ᵀ (y − t))']);
  const want = backprop(vars, D.sub(twoLayer(vars), t));
  for (const w of ['W1', 'b1', 'W2', 'b2']) assertClose(r.gradient?.[w]?.values ?? [], want[w] ?? [], 1e-10, `∂L/∂${w}`);
});

test('two layers over two lines (h = tanh(W1*x + b1), y = W2*h + b2): the same numbers, h by name', () => {
  const next = D.rng(9);
  const vars: Vars = { W1: D.randomM(next, 4, 3), x: D.randomM(next, 3, 1), b1: D.randomM(next, 4, 1), W2: D.randomM(next, 2, 4), b2: D.randomM(next, 2, 1) };
  const one = analyzeOk('W2*tanh(W1*x + b1) + b2', { values: valuesJSON(vars), numeric: true, seed: 4 });
  const two = analyzeOk('h = tanh(W1*x + b1)\ny = W2*h + b2', { values: valuesJSON(vars), numeric: true, seed: 4 });
  assert.equal(two.output.name, 'y');
  assert.deepEqual(two.wrt, one.wrt);
  assert.equal(two.jacobian.unicode, '[W₂ diag(tanh′(W₁ x + b₁)) (xᵀ ⊗ I₄), W₂ diag(tanh′(W₁ x + b₁)), hᵀ ⊗ I₂, I₂]');
  assertDenseClose(denseFromCoo(coo(two), 2, 26), denseFromCoo(coo(one), 2, 26), 1e-14, 'J over two lines');
  assert.equal(two.gradient?.W2?.unicode, 'g hᵀ');
});

// ---- a batch --------------------------------------------------------------------------------

test('batch σ(W*X + b), X n×k with b broadcast: J vs FD, nnz mkn + mk, ∂L/∂W = δ Xᵀ and ∂L/∂b = δ 𝟏 by hand', () => {
  const dims = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.nat());
  fc.assert(fc.property(dims, ([m, n, k, seed]) => {
    const next = D.rng(seed);
    const vars: Vars = { W: D.randomM(next, m, n), X: D.randomM(next, n, k), b: D.randomM(next, m, 1) };
    const f = (v: Vars) => D.map(D.add(D.mul(get(v, 'W'), get(v, 'X')), get(v, 'b')), D.sigmoid);
    const r = analyzeOk('sigmoid(W*X + b)', { values: valuesJSON(vars), numeric: true });
    assert.deepEqual(r.wrt, ['W', 'b']);
    assert.deepEqual(r.output.shape, [m, k]);
    assert.deepEqual(r.jacobian.shape, [m * k, m * n + m]);
    assert.equal(r.jacobian.nnz, m * k * n + m * k);
    const sub = (d: number) => '₀₁₂₃₄₅₆₇₈₉'[d];
    assert.equal(r.jacobian.unicode, `diag(vec(σ′(WX + b))) [Xᵀ ⊗ I${sub(m)}, 𝟏 ⊗ I${sub(m)}]`);
    assertDenseClose(denseFromCoo(coo(r), m * k, m * n + m), fdJacobian(f, vars, ['W', 'b']), 1e-6, 'J');
    assert.deepEqual([r.gradient?.W?.unicode, r.gradient?.b?.unicode], ['δ Xᵀ', 'δ 𝟏']);
    // δ = σ′(Z) ⊙ G, ∂L/∂W = δ Xᵀ, ∂L/∂b = δ 𝟏 (row sums), all by loops
    const G = input(r, 'g');
    const W = get(vars, 'W'), X = get(vars, 'X'), b = get(vars, 'b');
    const delta = D.mk(m, k, (i, j) => {
      let z = D.at(b, i, 0);
      for (let l = 0; l < n; l++) z += D.at(W, i, l) * D.at(X, l, j);
      return D.dsigmoid(z) * D.at(G, i, j);
    });
    const dW: number[] = [];
    for (let i = 0; i < m; i++) for (let l = 0; l < n; l++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += D.at(delta, i, j) * D.at(X, l, j);
      dW.push(s);
    }
    const db = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => D.at(delta, i, j)).reduce((a, c) => a + c, 0));
    assertClose(r.gradient?.W?.values ?? [], dW, 1e-12, '∂L/∂W = δ Xᵀ');
    assertClose(r.gradient?.b?.values ?? [], db, 1e-12, '∂L/∂b = δ 𝟏');
  }), { numRuns: 30 });
});

// ---- softmax with cross-entropy -------------------------------------------------------------

/** L = −tᵀ log softmax(W x + b): the gradient by hand and by finite differences, for the t in use. */
function checkXent(r: ReturnType<typeof analyzeOk>, W: M, x: M, b: M, t: M): void {
  const m = W.rows, n = W.cols;
  assert.equal(r.loss?.kind, 'xent');
  assert.equal(r.loss?.unicode, 'L = −tᵀ log softmax(y)');
  assert.deepEqual([r.gradient?.W?.unicode, r.gradient?.b?.unicode], ['((𝟏ᵀ t) softmax(y) − t) xᵀ', '(𝟏ᵀ t) softmax(y) − t']);
  const s = D.softmax(D.add(D.mul(W, x), b));
  const e = Array.from({ length: m }, (_, i) => D.at(s, i, 0) - D.at(t, i, 0));
  const dW: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) dW.push(e[i]! * D.at(x, j, 0));
  assertClose(r.gradient?.W?.values ?? [], dW, 1e-12, '∂L/∂W = (softmax(z) − t) xᵀ');
  assertClose(r.gradient?.b?.values ?? [], e, 1e-12, '∂L/∂b = softmax(z) − t');
  const L = (v: Vars) => D.scalar(-D.sumAll(D.hadamard(t, D.map(D.softmax(D.add(D.mul(get(v, 'W'), x), get(v, 'b'))), Math.log))));
  const fd = fdJacobian(L, { W, b }, ['W', 'b'])[0] ?? [];
  assertClose(r.gradient?.W?.values ?? [], rowMajorOfVec(fd.slice(0, m * n), m, n), 1e-6, '∂L/∂W vs FD');
  assertClose(r.gradient?.b?.values ?? [], fd.slice(m * n), 1e-6, '∂L/∂b vs FD');
}

test('softmax cross-entropy on W*x + b (loss xent): ∂L/∂W = (softmax(z) − t) xᵀ, ∂L/∂b = softmax(z) − t by hand and FD', () => {
  const dims = fc.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.nat());
  fc.assert(fc.property(dims, ([m, n, seed]) => {
    const next = D.rng(seed);
    const W = D.randomM(next, m, n), x = D.randomM(next, n, 1), b = D.randomM(next, m, 1);
    const r = analyzeOk('W*x + b', { values: valuesJSON({ W, x, b }), loss: 'xent', numeric: true, seed: seed % 97 });
    checkXent(r, W, x, b, input(r, 't'));
  }), { numRuns: 30 });
});

test('softmax cross-entropy honours a given target t (a distribution, or one-hot away from the seeded class)', () => {
  const next = D.rng(5);
  const [m, n] = [4, 3];
  const W = D.randomM(next, m, n), x = D.randomM(next, n, 1), b = D.randomM(next, m, 1);
  const raw = D.randomM(next, m, 1, 'positive');
  for (const t of [D.scale(1 / D.sumAll(raw), raw), D.col([0, 0, 1, 0])]) {
    const r = analyzeOk('W*x + b', { values: { ...valuesJSON({ W, x, b }), t: Array.from(t.data) }, loss: 'xent', numeric: true });
    assertClose(r.numbers?.inputs.t?.data ?? [], D.rowMajor(t), 0, 'numbers.inputs.t is the given t');
    checkXent(r, W, x, b, t);
  }
});

test('softmax cross-entropy without a given target: the seeded t is one-hot', () => {
  for (const seed of [0, 1, 2, 7]) {
    const r = analyzeOk('W*x + b', { shapes: { W: [4, 3] }, loss: 'xent', numeric: true, seed });
    const t = input(r, 't');
    assert.deepEqual([t.rows, t.cols], [4, 1]);
    assert.deepEqual([...t.data].filter((v) => v === 1).length, 1, `one 1 in t (seed ${seed})`);
    assert.deepEqual([...t.data].filter((v) => v === 0).length, 3, `zeros elsewhere (seed ${seed})`);
    const W = input(r, 'W'), x = input(r, 'x'), b = input(r, 'b');
    const s = D.softmax(D.add(D.mul(W, x), b));
    assertClose(r.gradient?.b?.values ?? [], D.vecOf(D.sub(s, t)), 1e-12, '∂L/∂b = softmax(z) − t');
  }
});

// ---- several lines and declarations ---------------------------------------------------------

test('a chain over lines (z = W*x + b, then y = sigmoid(z)) gives the same Jacobian numbers as one line', () => {
  const next = D.rng(21);
  const vars: Vars = { W: D.randomM(next, 3, 4), x: D.randomM(next, 4, 1), b: D.randomM(next, 3, 1) };
  const one = analyzeOk('sigmoid(W*x + b)', { values: valuesJSON(vars), numeric: true });
  for (const text of ['z = W*x + b\ny = sigmoid(z)', 'z = W*x + b; y = sigmoid(z)', '# the layer\n\nz = W*x + b\n// then\ny = σ(z)\n']) {
    const r = analyzeOk(text, { values: valuesJSON(vars), numeric: true });
    assert.equal(r.output.name, 'y', text);
    assert.equal(r.jacobian.unicode, 'diag(σ′(z)) [xᵀ ⊗ I₃, I₃]', text);
    assert.deepEqual(r.jacobian.shape, [3, 15]);
    assertDenseClose(denseFromCoo(coo(r), 3, 15), denseFromCoo(coo(one), 3, 15), 1e-15, text);
    assertClose(r.numbers?.output.data ?? [], one.numbers?.output.data ?? [], 1e-15, text);
  }
});

test('declarations set shapes: W: 3x4, W ∈ R^{3×4}, W ∈ ℝ^{3×4}, W: (3, 4), x: R^4 with b in R^3', () => {
  for (const decl of ['W: 3x4', 'W ∈ R^{3×4}', 'W ∈ ℝ^{3×4}', 'W: (3, 4)', 'W: 3×4', 'W in R^{3x4}']) {
    const r = analyzeOk(`${decl}\nsigmoid(W*x + b)`);
    assert.deepEqual(r.variables.W?.shape, [3, 4], decl);
    assert.equal(r.variables.W?.shapeSource, 'declared', decl);
    assert.deepEqual(r.jacobian.shape, [3, 15], decl);
    assert.equal(r.jacobian.nnz, 15, decl);
  }
  const v = analyzeOk('x: R^4\nb in R^3\nsigmoid(W*x + b)');
  assert.deepEqual([v.variables.x?.shape, v.variables.x?.shapeSource], [[4, 1], 'declared']);
  assert.deepEqual(v.variables.W?.shape, [3, 4], 'W inferred from x and b');
  assert.deepEqual(v.jacobian.shape, [3, 15]);
  const only = analyzeOk('x: R^4\nsigmoid(W*x + b)');
  assert.deepEqual(only.jacobian.shape, ['m', '5m'], 'with only n = 4 known: m × (4m + m)');
});

test('a declaration with symbolic sizes keeps the declared names (W: m x n gives m × (mn + m))', () => {
  const r = analyzeOk('W: m x n\nsigmoid(W*x + b)');
  assert.deepEqual(r.variables.W?.shape, ['m', 'n']);
  assert.deepEqual(r.jacobian.shape, ['m', 'mn + m']);
  assert.equal(r.jacobian.unicode, 'diag(σ′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]');
});
