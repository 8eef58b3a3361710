// A formula times vectors without forming it (numeric/timesVector.ts), and the gradient-formula
// check built on it (report/checks.ts formulaError): against the formula evaluated whole and
// multiplied by hand, and a large G wrong in one entry still fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_RANGE, type Expr } from '../../../src/core/ast';
import { varE } from '../../../src/core/ast/build';
import { evaluator, type EvalCtx } from '../../../src/core/numeric/evaluate';
import { mat, type Mat } from '../../../src/core/numeric/matrix';
import { sizeOf, timesRight } from '../../../src/core/numeric/timesVector';
import { formulaError } from '../../../src/core/report/checks';
import { CHECK_TOLERANCE } from '../../../src/core/numeric/check';

const mul = (left: Expr, right: Expr): Expr => ({ kind: 'mul', left, right, range: NO_RANGE });
const neg = (arg: Expr): Expr => ({ kind: 'neg', arg, range: NO_RANGE });
const tr = (arg: Expr): Expr => ({ kind: 'transpose', arg, range: NO_RANGE });
const had = (left: Expr, right: Expr): Expr => ({ kind: 'hadamard', left, right, range: NO_RANGE });
const num = (value: number): Expr => ({ kind: 'num', value, range: NO_RANGE });

let state = 7;
const rand = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const random = (rows: number, cols: number): Mat => mat(rows, cols, Float64Array.from({ length: rows * cols }, rand));

/** (A B)(i, j) by the definition, column-major. */
function product(A: Mat, B: Mat): Mat {
  const C = mat(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let k = 0; k < A.cols; k++) s += (A.data[i + k * A.rows] as number) * (B.data[k + j * B.rows] as number);
      C.data[i + j * C.rows] = s;
    }
  }
  return C;
}

/** An evaluator that records the nodes it was asked for. */
function spying(values: Map<string, Mat>): { ev: EvalCtx; asked: Set<Expr> } {
  const base = evaluator(values, () => 1);
  const asked = new Set<Expr>();
  return { ev: { ...base, value: (e: Expr) => (asked.add(e), base.value(e)) }, asked };
}

const values = new Map<string, Mat>([
  ['d', random(6, 1)], ['x', random(5, 1)], ['A', random(6, 4)], ['B', random(4, 5)], ['M', random(6, 5)], ['s', random(1, 1)], ['y', random(5, 1)],
]);

test('timesRight is the whole formula times V: products, negations, 1×1 factors on either side, a scalar product (xᵀy), a leaf evaluated whole', () => {
  const [d, x, A, B, M, s, y] = ['d', 'x', 'A', 'B', 'M', 's', 'y'].map((n) => varE(n)) as Expr[];
  const formulas: Expr[] = [
    mul(d!, tr(x!)), // δ xᵀ, 6×5
    neg(mul(A!, B!)),
    mul(s!, mul(d!, tr(x!))),
    mul(mul(A!, B!), num(2)),
    mul(mul(tr(x!), y!), M!), // (xᵀy) M: a 1×1 product scales
    mul(A!, mul(B!, had(mul(x!, tr(y!)), mul(x!, tr(y!))))), // a Hadamard leaf is formed, as it must be
  ];
  for (const f of formulas) {
    const whole = evaluator(values, () => 1).value(f);
    const V = random(whole.cols, 3);
    const got = timesRight(f, V, evaluator(values, () => 1));
    const want = product(whole, V);
    assert.deepEqual([got.rows, got.cols], [want.rows, want.cols]);
    for (let k = 0; k < want.data.length; k++) assert.ok(Math.abs((got.data[k] as number) - (want.data[k] as number)) < 1e-12, `entry ${k}`);
    assert.deepEqual(sizeOf(f, evaluator(values, () => 1)), { rows: whole.rows, cols: whole.cols });
  }
});

test('δ xᵀ times v is δ (xᵀ v): the outer product is never asked of the evaluator', () => {
  const outer = mul(varE('d'), tr(varE('x')));
  const { ev, asked } = spying(values);
  timesRight(outer, random(5, 1), ev);
  assert.ok(!asked.has(outer), 'δ xᵀ was formed');
});

test('a large gradient formula is checked along directions: right passes, one entry off fails, another size fails', () => {
  const n = 300; // 90 000 entries: past the whole comparison
  const vals = new Map<string, Mat>([['d', random(n, 1)], ['x', random(n, 1)]]);
  const f = mul(varE('d'), tr(varE('x')));
  const G = evaluator(vals, () => 1).value(f);
  assert.ok(formulaError(f, evaluator(vals, () => 1), G, 3) <= 1e-12);
  const off = mat(n, n, Float64Array.from(G.data));
  off.data[n * 123 + 45] = (off.data[n * 123 + 45] as number) + 1e-3;
  assert.ok(formulaError(f, evaluator(vals, () => 1), off, 3) > CHECK_TOLERANCE, 'one entry off by 1e-3 is caught');
  const other = mat(n, n - 1, new Float64Array(n * (n - 1)));
  assert.equal(formulaError(f, evaluator(vals, () => 1), other, 3), Infinity);
  // a formula that cannot be evaluated fails rather than throws
  assert.equal(formulaError(varE('nowhere'), evaluator(vals, () => 1), G, 3), Infinity);
});
