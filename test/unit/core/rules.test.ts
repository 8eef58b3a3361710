// Every Jacobian rule against central finite differences, on random sizes (1..5) and values.
// The forward map of each case is written out in the test with the dense oracle (helpers/
// dense.ts); analyze() gets the same values, and its COO Jacobian, forward value, check and
// gradient are compared with the differences of that map.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as D from '../helpers/dense';
import { build, CASES, type Case } from '../helpers/cases';
import {
  analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, rowMajorOfVec, shapesOf, valuesJSON, vjp, type Vars,
} from '../helpers/oracle';

const sizes = fc.record({
  m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 5 }),
  p: fc.integer({ min: 1, max: 5 }), q: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

const v = (vars: Vars, name: string): D.M => {
  const x = vars[name];
  if (!x) throw new Error(`no ${name}`);
  return x;
};

/** One case at one draw: every numeric output of analyze against the oracle. */
function checkCase(c: Case, vars: Vars): void {
  const wrt = Object.keys(vars);
  const r = analyzeOk(c.expr, { numeric: true, wrt, shapes: shapesOf(vars), values: valuesJSON(vars) });
  const F = c.f(vars);
  assert.deepEqual(r.wrt, wrt, 'wrt in the order given');
  assert.deepEqual(r.output.shape, [F.rows, F.cols], 'output shape');
  for (const w of wrt) assert.deepEqual(r.variables[w]?.shape, [v(vars, w).rows, v(vars, w).cols], `shape of ${w}`);

  const numbers = r.numbers;
  assert.ok(numbers, 'numbers with numeric: true');
  assert.deepEqual(numbers.output.shape, [F.rows, F.cols]);
  assertClose(numbers.output.data, D.rowMajor(F), 1e-9, 'forward value');

  const rows = F.rows * F.cols;
  const cols = wrt.reduce((n, w) => n + v(vars, w).data.length, 0);
  assert.deepEqual(r.jacobian.shape, [rows, cols], 'Jacobian shape d vec F / d [vec X₁; …]');
  const coo = r.jacobian.values;
  assert.ok(coo, 'jacobian.values with numeric: true');
  assert.equal(coo.vals.length, r.jacobian.nnz, 'nnz is the number of stored entries');
  const fd = fdJacobian(c.f, vars, wrt);
  assertDenseClose(denseFromCoo(coo, rows, cols), fd, 1e-6, `J of ${c.expr}`);

  assert.ok(r.check, 'check with numeric: true');
  assert.equal(r.check.passed, true, `check passed (maxRelError ${r.check.maxRelError})`);
  assert.ok(r.check.maxRelError < 1e-6, `maxRelError ${r.check.maxRelError}`);
  if (cols <= 64) assert.deepEqual([r.check.method, r.check.count], ['columns', cols], 'every column is checked when J is small');

  // The gradient: of the output itself when scalar, else Jᵀ g for the seeded upstream g.
  let flat: number[];
  if (rows === 1) {
    assert.equal(r.loss?.kind, 'output');
    flat = fd[0] as number[];
  } else {
    const name = r.loss?.upstream;
    assert.ok(r.loss?.kind === 'generic' && name, 'a non-scalar output gets the generic upstream g');
    const g = numbers.inputs[name];
    assert.ok(g, `numbers.inputs.${name}`);
    assert.deepEqual(g.shape, [F.rows, F.cols]);
    const gvec: number[] = [];
    for (let j = 0; j < F.cols; j++) for (let i = 0; i < F.rows; i++) gvec.push(g.data[i * F.cols + j] as number);
    flat = vjp(fd, gvec);
  }
  let offset = 0;
  for (const w of wrt) {
    const X = v(vars, w);
    const grad = r.gradient?.[w];
    assert.ok(grad, `gradient.${w}`);
    assert.deepEqual(grad.shape, [X.rows, X.cols], `gradient.${w}.shape`);
    assert.ok(grad.values !== undefined, `gradient.${w}.values`);
    const want = rowMajorOfVec(flat.slice(offset, offset + X.data.length), X.rows, X.cols);
    assertClose(grad.values, want, 1e-6, `gradient.${w} of ${c.expr} (row-major)`);
    offset += X.data.length;
  }
}

for (const c of CASES) {
  test(`rule ${c.rule} — \`${c.expr}\` against central differences`, () => {
    fc.assert(fc.property(sizes, (s) => checkCase(c, build(c, s, s.seed))), { numRuns: 15 });
  });
}

test('the oracle itself fails a wrong Jacobian (a sign flip in one entry is caught)', () => {
  const c = CASES[0] as Case;
  const vars = build(c, { m: 2, n: 2, p: 1, q: 1 }, 7);
  const fd = fdJacobian(c.f, vars, Object.keys(vars));
  const wrong = fd.map((row) => [...row]);
  wrong[1]![1] = -(wrong[1]![1] as number);
  assert.throws(() => assertDenseClose(wrong, fd, 1e-6, 'J'), /J\[/);
});

// ---- seeded values (no values given) respect each function's domain ----------------------------

test('seeded values: log, sqrt, ./, /, inv, det, logdet, X^-1 get values in their domain (finite numbers, passing check)', () => {
  for (const expr of ['log(X)', 'sqrt(X)', 'A ./ B', 'A / s', 'inv(X)', 'det(X)', 'logdet(X)', 'X^-1', 'X^-2', 'norm(X)', 'abs(X)', 'softmax(z)']) {
    for (let seed = 0; seed < 12; seed++) {
      const r = analyzeOk(expr, { numeric: true, seed });
      assert.ok(Array.from(r.numbers?.output.data ?? [NaN]).every(Number.isFinite), `${expr}, seed ${seed}: finite output`);
      assert.equal(r.check?.passed, true, `${expr}, seed ${seed}: check passed (maxRelError ${r.check?.maxRelError})`);
      assert.equal(r.numbers?.seed, seed);
    }
  }
});

test('seeded values: a fractional or negative elementwise power X .^ 0.5, X .^ -1 gets values in its domain', () => {
  for (const expr of ['X .^ 0.5', 'X .^ -1', 'X .^ 1.5']) {
    for (let seed = 0; seed < 20; seed++) {
      const r = analyzeOk(expr, { numeric: true, seed });
      assert.ok(Array.from(r.numbers?.output.data ?? [NaN]).every(Number.isFinite), `${expr}, seed ${seed}: finite output`);
      assert.equal(r.check?.passed, true, `${expr}, seed ${seed}: check passed (maxRelError ${r.check?.maxRelError})`);
    }
  }
});

test('the same seed gives the same numbers; another seed other numbers', () => {
  const a = analyzeOk('sigmoid(W*x + b)', { numeric: true, seed: 11 });
  const b = analyzeOk('sigmoid(W*x + b)', { numeric: true, seed: 11 });
  const c = analyzeOk('sigmoid(W*x + b)', { numeric: true, seed: 12 });
  assert.deepEqual(Array.from(a.numbers?.inputs.W?.data ?? []), Array.from(b.numbers?.inputs.W?.data ?? []));
  assert.deepEqual(Array.from(a.jacobian.values?.vals ?? []), Array.from(b.jacobian.values?.vals ?? []));
  assert.notDeepEqual(Array.from(a.numbers?.inputs.W?.data ?? []), Array.from(c.numbers?.inputs.W?.data ?? []));
  for (const v of a.numbers?.inputs.W?.data ?? []) assert.ok(v >= -1 && v <= 1, 'documented: uniform in [−1, 1]');
});

// ---- the rule table of DESIGN.md, in symbolic form ---------------------------------------------

test('the rule table of DESIGN.md reads in its textbook form (symbolic sizes)', () => {
  const table: Array<[string, string[], string, [string | number, string | number]]> = [
    ['A*X*B', ['X'], 'Bᵀ ⊗ A', ['mq', 'np']], // d vec(AXB) = (Bᵀ ⊗ A) d vec X
    ["X'", ['X'], 'K_{m,n}', ['mn', 'mn']], // d vec Xᵀ = K_{mn} d vec X
    ['tanh(X)', ['X'], 'diag(vec(tanh′(X)))', ['mn', 'mn']], // elementwise: diag(vec f′(X))
    ['X .* Y', ['X', 'Y'], '[diag(vec(Y)), diag(vec(X))]', ['mn', '2mn']], // X ⊙ Y
    ['inv(X)', ['X'], '−(X⁻ᵀ ⊗ X⁻¹)', ['m²', 'm²']], // X⁻¹
    ['tr(X)', ['X'], 'vec(Iₘ)ᵀ', [1, 'm²']], // tr X
    ['logdet(X)', ['X'], 'vec(X⁻ᵀ)ᵀ', [1, 'm²']], // log det X
    ['softmax(z)', ['z'], 'diag(softmax(z)) − softmax(z) softmax(z)ᵀ', ['m', 'm']], // softmax
    ['A*B', ['A', 'B'], '[Bᵀ ⊗ Iₘ, Iₚ ⊗ A]', ['mp', 'mn + np']], // d(AB) = dA B + A dB
  ];
  for (const [expr, wrt, unicode, shape] of table) {
    const r = analyzeOk(expr, { wrt });
    assert.equal(r.jacobian.unicode, unicode, expr);
    assert.deepEqual(r.jacobian.shape, shape, expr);
  }
});
