// Every Jacobian rule against central finite differences, on random sizes (1..5) and values.
// The forward map of each case is written out in the test with the dense oracle (helpers/
// dense.ts); analyze() gets the same values, and its COO Jacobian, forward value, check and
// gradient are compared with the differences of that map.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as D from '../helpers/dense';
import type { Kind, M } from '../helpers/dense';
import {
  analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, rowMajorOfVec, shapesOf, valuesJSON, vjp, type Vars,
} from '../helpers/oracle';

interface Sizes { m: number; n: number; p: number; q: number }

interface Case {
  /** The rule under test, as the test title shows it. */
  rule: string;
  expr: string;
  /** Variables in wrt order: name → [rows, cols, kind of values]. */
  vars: (s: Sizes) => Record<string, readonly [number, number, Kind?]>;
  /** The forward map, written with the dense oracle. */
  f: (v: Vars) => M;
}

const v = (vars: Vars, name: string): M => {
  const x = vars[name];
  if (!x) throw new Error(`no ${name}`);
  return x;
};

const elementwise = (name: string, fn: (x: number) => number, kind: Kind = 'any'): Case => ({
  rule: `elementwise ${name}: diag(vec f′(X))`,
  expr: `${name}(X)`,
  vars: ({ m, n }) => ({ X: [m, n, kind] }),
  f: (a) => D.map(v(a, 'X'), fn),
});

const affine = (name: string, fn: (x: number) => number): Case => ({
  rule: `elementwise ${name} after an affine map (chain rule)`,
  expr: `${name}(W*x + b)`,
  vars: ({ m, n }) => ({ W: [m, n], x: [n, 1], b: [m, 1] }),
  f: (a) => D.map(D.add(D.mul(v(a, 'W'), v(a, 'x')), v(a, 'b')), fn),
});

const CASES: Case[] = [
  { rule: 'sum A + B', expr: 'A + B', vars: ({ m, n }) => ({ A: [m, n], B: [m, n] }), f: (a) => D.add(v(a, 'A'), v(a, 'B')) },
  { rule: 'difference A − B', expr: 'A - B', vars: ({ m, n }) => ({ A: [m, n], B: [m, n] }), f: (a) => D.sub(v(a, 'A'), v(a, 'B')) },
  { rule: 'Unicode minus A − B', expr: 'A − B', vars: ({ m, n }) => ({ A: [m, n], B: [m, n] }), f: (a) => D.sub(v(a, 'A'), v(a, 'B')) },
  { rule: 'negation −A', expr: '-A', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.neg(v(a, 'A')) },
  { rule: 'broadcast column A + b: (1 ⊗ I) db', expr: 'A + b', vars: ({ m, n }) => ({ A: [m, n], b: [m, 1] }), f: (a) => D.add(v(a, 'A'), v(a, 'b')) },
  { rule: 'broadcast column b + A', expr: 'b + A', vars: ({ m, n }) => ({ b: [m, 1], A: [m, n] }), f: (a) => D.add(v(a, 'b'), v(a, 'A')) },
  { rule: 'broadcast column A − b', expr: 'A - b', vars: ({ m, n }) => ({ A: [m, n], b: [m, 1] }), f: (a) => D.sub(v(a, 'A'), v(a, 'b')) },
  { rule: 'broadcast column b − A', expr: 'b - A', vars: ({ m, n }) => ({ b: [m, 1], A: [m, n] }), f: (a) => D.sub(v(a, 'b'), v(a, 'A')) },
  { rule: 'broadcast row A + r: (I ⊗ 1) dr', expr: 'A + r', vars: ({ m, n }) => ({ A: [m, n], r: [1, n] }), f: (a) => D.add(v(a, 'A'), v(a, 'r')) },
  { rule: 'broadcast scalar A + s', expr: 'A + s', vars: ({ m, n }) => ({ A: [m, n], s: [1, 1] }), f: (a) => D.add(v(a, 'A'), v(a, 's')) },
  { rule: 'matrix product A*B: (Bᵀ ⊗ I) dA + (I ⊗ A) dB', expr: 'A*B', vars: ({ m, n, p }) => ({ A: [m, n], B: [n, p] }), f: (a) => D.mul(v(a, 'A'), v(a, 'B')) },
  { rule: 'juxtaposition A B is the product', expr: 'A B', vars: ({ m, n, p }) => ({ A: [m, n], B: [n, p] }), f: (a) => D.mul(v(a, 'A'), v(a, 'B')) },
  { rule: 'triple product A*B*C', expr: 'A*B*C', vars: ({ m, n, p, q }) => ({ A: [m, n], B: [n, p], C: [p, q] }), f: (a) => D.mul(D.mul(v(a, 'A'), v(a, 'B')), v(a, 'C')) },
  { rule: 'scalar variable times matrix s*A', expr: 's*A', vars: ({ m, n }) => ({ s: [1, 1], A: [m, n] }), f: (a) => D.mul(v(a, 's'), v(a, 'A')) },
  { rule: 'matrix times scalar variable A*s', expr: 'A*s', vars: ({ m, n }) => ({ A: [m, n], s: [1, 1] }), f: (a) => D.mul(v(a, 'A'), v(a, 's')) },
  { rule: 'constant times matrix 2.5*A', expr: '2.5*A', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.scale(2.5, v(a, 'A')) },
  { rule: 'Hadamard A .* B: diag(vec B) dA + diag(vec A) dB', expr: 'A .* B', vars: ({ m, n }) => ({ A: [m, n], B: [m, n] }), f: (a) => D.hadamard(v(a, 'A'), v(a, 'B')) },
  { rule: 'Hadamard A ⊙ B', expr: 'A ⊙ B', vars: ({ m, n }) => ({ A: [m, n], B: [m, n] }), f: (a) => D.hadamard(v(a, 'A'), v(a, 'B')) },
  { rule: 'elementwise quotient A ./ B', expr: 'A ./ B', vars: ({ m, n }) => ({ A: [m, n], B: [m, n, 'positive'] }), f: (a) => D.ediv(v(a, 'A'), v(a, 'B')) },
  { rule: 'quotient by a scalar A / s', expr: 'A / s', vars: ({ m, n }) => ({ A: [m, n], s: [1, 1, 'positive'] }), f: (a) => D.ediv(v(a, 'A'), v(a, 's')) },
  { rule: 'scalar over matrix s ./ B', expr: 's ./ B', vars: ({ m, n }) => ({ s: [1, 1], B: [m, n, 'positive'] }), f: (a) => D.ediv(v(a, 's'), v(a, 'B')) },
  { rule: 'elementwise power A .^ 2', expr: 'A .^ 2', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.map(v(a, 'A'), (x) => x ** 2) },
  { rule: 'elementwise power A .^ 3', expr: 'A .^ 3', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.map(v(a, 'A'), (x) => x ** 3) },
  { rule: 'elementwise power B .^ -1', expr: 'B .^ -1', vars: ({ m, n }) => ({ B: [m, n, 'positive'] }), f: (a) => D.map(v(a, 'B'), (x) => 1 / x) },
  { rule: 'elementwise power B .^ 0.5', expr: 'B .^ 0.5', vars: ({ m, n }) => ({ B: [m, n, 'positive'] }), f: (a) => D.map(v(a, 'B'), Math.sqrt) },
  { rule: 'matrix power X^2: Xᵀ ⊗ I + I ⊗ X', expr: 'X^2', vars: ({ n }) => ({ X: [n, n] }), f: (a) => D.mpow(v(a, 'X'), 2) },
  { rule: 'matrix power X^3', expr: 'X^3', vars: ({ n }) => ({ X: [n, n] }), f: (a) => D.mpow(v(a, 'X'), 3) },
  { rule: 'matrix power X^-1 is the inverse', expr: 'X^-1', vars: ({ n }) => ({ X: [n, n, 'invertible'] }), f: (a) => D.inv(v(a, 'X')) },
  { rule: 'matrix power X^-2', expr: 'X^-2', vars: ({ n }) => ({ X: [n, n, 'invertible'] }), f: (a) => D.mpow(D.inv(v(a, 'X')), 2) },
  { rule: "transpose A': K_{m,n}", expr: "A'", vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.T(v(a, 'A')) },
  { rule: 'transpose A^T', expr: 'A^T', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.T(v(a, 'A')) },
  { rule: 'transpose Aᵀ', expr: 'Aᵀ', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.T(v(a, 'A')) },
  { rule: 'transpose(A)', expr: 'transpose(A)', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.T(v(a, 'A')) },
  { rule: "transpose inside a product A'*B", expr: "A'*B", vars: ({ m, n, p }) => ({ A: [m, n], B: [m, p] }), f: (a) => D.mul(D.T(v(a, 'A')), v(a, 'B')) },
  elementwise('sigmoid', D.sigmoid),
  elementwise('σ', D.sigmoid),
  elementwise('tanh', Math.tanh),
  elementwise('relu', D.relu, 'awayFromZero'),
  elementwise('leaky_relu', D.leakyRelu, 'awayFromZero'),
  elementwise('softplus', D.softplus),
  elementwise('exp', Math.exp),
  elementwise('log', Math.log, 'positive'),
  elementwise('sin', Math.sin),
  elementwise('cos', Math.cos),
  elementwise('sqrt', Math.sqrt, 'positive'),
  elementwise('abs', Math.abs, 'awayFromZero'),
  affine('sigmoid', D.sigmoid),
  affine('tanh', Math.tanh),
  affine('softplus', D.softplus),
  affine('exp', Math.exp),
  affine('sin', Math.sin),
  affine('cos', Math.cos),
  { rule: 'softmax(z): diag(s) − s sᵀ', expr: 'softmax(z)', vars: ({ m }) => ({ z: [m, 1] }), f: (a) => D.softmax(v(a, 'z')) },
  { rule: 'softmax after an affine map', expr: 'softmax(W*x + b)', vars: ({ m, n }) => ({ W: [m, n], x: [n, 1], b: [m, 1] }), f: (a) => D.softmax(D.add(D.mul(v(a, 'W'), v(a, 'x')), v(a, 'b'))) },
  { rule: 'sum(A): 1ᵀ', expr: 'sum(A)', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.scalar(D.sumAll(v(a, 'A'))) },
  { rule: 'sum of a Hadamard product', expr: 'sum(A .* B)', vars: ({ m, n }) => ({ A: [m, n], B: [m, n] }), f: (a) => D.scalar(D.sumAll(D.hadamard(v(a, 'A'), v(a, 'B')))) },
  { rule: 'trace(X): vec(I)ᵀ', expr: 'trace(X)', vars: ({ n }) => ({ X: [n, n] }), f: (a) => D.scalar(D.trace(v(a, 'X'))) },
  { rule: 'tr(A*B)', expr: 'tr(A*B)', vars: ({ m, n }) => ({ A: [m, n], B: [n, m] }), f: (a) => D.scalar(D.trace(D.mul(v(a, 'A'), v(a, 'B')))) },
  { rule: 'det(X): det X vec(X⁻ᵀ)ᵀ', expr: 'det(X)', vars: ({ n }) => ({ X: [n, n, 'invertible'] }), f: (a) => D.scalar(D.det(v(a, 'X'))) },
  { rule: 'logdet(X): vec(X⁻ᵀ)ᵀ', expr: 'logdet(X)', vars: ({ n }) => ({ X: [n, n, 'invertible'] }), f: (a) => D.scalar(Math.log(Math.abs(D.det(v(a, 'X'))))) },
  { rule: 'inv(X): −(X⁻ᵀ ⊗ X⁻¹)', expr: 'inv(X)', vars: ({ n }) => ({ X: [n, n, 'invertible'] }), f: (a) => D.inv(v(a, 'X')) },
  { rule: 'inv inside a product: inv(X)*B', expr: 'inv(X)*B', vars: ({ n, p }) => ({ X: [n, n, 'invertible'], B: [n, p] }), f: (a) => D.mul(D.inv(v(a, 'X')), v(a, 'B')) },
  { rule: 'norm(A) (Frobenius): vec(A)ᵀ / ‖A‖', expr: 'norm(A)', vars: ({ m, n }) => ({ A: [m, n, 'awayFromZero'] }), f: (a) => D.scalar(D.frob(v(a, 'A'))) },
  { rule: 'norm written ‖A‖', expr: '‖A‖', vars: ({ m, n }) => ({ A: [m, n, 'awayFromZero'] }), f: (a) => D.scalar(D.frob(v(a, 'A'))) },
  { rule: 'norm of an affine vector ‖W*x − b‖', expr: '‖W*x - b‖', vars: ({ m, n }) => ({ W: [m, n], x: [n, 1], b: [m, 1, 'awayFromZero'] }), f: (a) => D.scalar(D.frob(D.sub(D.mul(v(a, 'W'), v(a, 'x')), v(a, 'b')))) },
  { rule: 'kron(A, B): (I ⊗ K ⊗ I)(vec dA ⊗ vec B + vec A ⊗ vec dB)', expr: 'kron(A, B)', vars: ({ m, n, p, q }) => ({ A: [m, n], B: [p, q] }), f: (a) => D.kron(v(a, 'A'), v(a, 'B')) },
  { rule: 'Kronecker product A ⊗ B', expr: 'A ⊗ B', vars: ({ m, n, p, q }) => ({ A: [m, n], B: [p, q] }), f: (a) => D.kron(v(a, 'A'), v(a, 'B')) },
  { rule: 'quadratic form xᵀ A x', expr: "x' * A * x", vars: ({ n }) => ({ x: [n, 1], A: [n, n] }), f: (a) => D.mul(D.mul(D.T(v(a, 'x')), v(a, 'A')), v(a, 'x')) },
  { rule: 'trace of inverse times matrix tr(inv(X)*A)', expr: 'tr(inv(X)*A)', vars: ({ n }) => ({ X: [n, n, 'invertible'], A: [n, n] }), f: (a) => D.scalar(D.trace(D.mul(D.inv(v(a, 'X')), v(a, 'A')))) },
  { rule: 'batch layer sum(sigmoid(W*X + b))', expr: 'sum(sigmoid(W*X + b))', vars: ({ m, n, p }) => ({ W: [m, n], X: [n, p], b: [m, 1] }), f: (a) => D.scalar(D.sumAll(D.map(D.add(D.mul(v(a, 'W'), v(a, 'X')), v(a, 'b')), D.sigmoid))) },
];

const sizes = fc.record({
  m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 5 }),
  p: fc.integer({ min: 1, max: 5 }), q: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

function build(c: Case, s: Sizes, seed: number): Vars {
  const next = D.rng(seed);
  return Object.fromEntries(Object.entries(c.vars(s)).map(([name, [r, k, kind]]) => [name, D.randomM(next, r, k, kind ?? 'any')]));
}

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
    assert.ok(grad.values, `gradient.${w}.values`);
    const want = rowMajorOfVec(flat.slice(offset, offset + X.data.length), X.rows, X.cols);
    assertClose(grad.values, want, 1e-6, `gradient.${w} of ${c.expr} (row-major)`);
    offset += X.data.length;
  }
}

for (const c of CASES) {
  test(`rule ${c.rule} — \`${c.expr}\` against central differences`, () => {
    fc.assert(fc.property(sizes, (s) => checkCase(c, build(c, s, s.seed))), { numRuns: 25 });
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

test('seeded values: a fractional or negative elementwise power X .^ 0.5, X .^ -1 gets values in its domain', { todo: 'X .^ 0.5 gets values in [−1, 1] (NaN, check fails for every seed); X .^ -1 gets values near 0 (check fails for seeds 1, 13, 15, …) — reported to the lead' }, () => {
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
