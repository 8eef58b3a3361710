// Powers whose exponent is an expression: aᵇ of scalars and x.^y entry by entry, with
// d(aᵇ) = b a^(b−1) da + aᵇ log a db. Each against central differences of a forward map written
// here and the closed form of the gradient, in the math and Python spellings; seeded bases are
// positive (log a), and a matrix base of `^` is refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON, type Vars } from '../helpers/oracle';

const next = D.rng(41);
const pos = (rows: number, cols: number): D.M => D.randomM(next, rows, cols, 'positive');
const any = (rows: number, cols: number): D.M => D.randomM(next, rows, cols);

interface Case {
  notation: 'math' | 'python';
  source: string;
  shown: string;
  vars: Vars;
  f: (v: Vars) => D.M;
}

const CASES: Case[] = [
  { notation: 'math', source: 'a^b', shown: 'a^b', vars: { a: pos(1, 1), b: any(1, 1) }, f: (v) => D.zip(v.a!, v.b!, Math.pow) },
  { notation: 'math', source: 'x.^y', shown: 'x^∘y', vars: { x: pos(3, 1), y: any(3, 1) }, f: (v) => D.zip(v.x!, v.y!, Math.pow) },
  { notation: 'math', source: 'X.^Y', shown: 'X^∘Y', vars: { X: pos(2, 3), Y: any(2, 3) }, f: (v) => D.zip(v.X!, v.Y!, Math.pow) },
  { notation: 'math', source: 'x.^b', shown: 'x^∘b', vars: { x: pos(3, 1), b: any(1, 1) }, f: (v) => D.broadcast(v.x!, v.b!, Math.pow) },
  { notation: 'math', source: '2.^x', shown: '2^x', vars: { x: any(3, 1) }, f: (v) => D.map(v.x!, (t) => 2 ** t) },
  { notation: 'math', source: "a^(x'*x)", shown: 'a^(xᵀ x)', vars: { a: pos(1, 1), x: any(3, 1) }, f: (v) => D.scalar(D.first(v.a!) ** D.first(D.mul(D.T(v.x!), v.x!))) },
  { notation: 'python', source: 'y = x ** w', shown: 'y = x^∘w', vars: { x: pos(3, 1), w: any(3, 1) }, f: (v) => D.zip(v.x!, v.w!, Math.pow) },
  { notation: 'python', source: 'y = np.power(x, w)', shown: 'y = x^∘w', vars: { x: pos(3, 1), w: any(3, 1) }, f: (v) => D.zip(v.x!, v.w!, Math.pow) },
];

for (const c of CASES) {
  test(`${c.notation}: ${c.source} is ${c.shown}: the Jacobian against central differences, every printed formula checked`, () => {
    const wrt = Object.keys(c.vars);
    const a = analyzeOk(c.source, { notation: c.notation, wrt, values: valuesJSON(c.vars), numeric: true });
    assert.equal(a.definition.unicode, c.shown);
    const want = fdJacobian(c.f, c.vars, wrt);
    const cols = wrt.reduce((n, w) => n + c.vars[w]!.data.length, 0);
    assertDenseClose(denseFromCoo(a.jacobian.values!, want.length, cols), want, 1e-8, c.source);
    assert.deepEqual(a.check?.formulas.failed, [], c.source);
    assert.equal(a.check?.passed, true, `${c.source}: ${JSON.stringify(a.check)}`);
  });
}

test('∂(aᵇ)/∂a = b a^(b−1) and ∂(aᵇ)/∂b = aᵇ log a, against their closed forms', () => {
  const [av, bv] = [1.7, -0.4];
  const r = analyzeOk('a^b', { values: { a: av, b: bv }, numeric: true });
  assert.equal(r.gradient?.a?.unicode, 'b a^(b − 1)');
  assert.equal(r.gradient?.b?.unicode, 'a^b log(a)');
  assertClose(r.gradient!.a!.values!, [bv * av ** (bv - 1)], 1e-14, '∂/∂a');
  assertClose(r.gradient!.b!.values!, [av ** bv * Math.log(av)], 1e-14, '∂/∂b');
});

test('a base that seeding cannot make positive ((x − 2)^y, or given values) is refused at the power, never a NaN ✘', () => {
  for (const [src, values] of [['(x-2)^y', undefined], ['sum((x-2).^y)', undefined], ['a^b', { a: -0.5, b: 1.5 }]] as const) {
    for (const seed of [0, 1, 2]) {
      const r = analyze(src, { numeric: true, seed, ...(values ? { values } : {}) });
      assert.equal(r.ok, false, `${src}, seed ${seed}`);
      if (r.ok) continue;
      assert.match(r.error.message, /a power whose exponent is an expression needs a positive base \(its derivative has log a\), but this base is not positive at these values/);
      assert.match(src.slice(r.error.start, r.error.end), /^\(?(x-2|a)\)?(\^|\.\^)(y|b)$/, src);
    }
  }
  // an expression that happens to be positive is no refusal: (x + 2)^y with x in [0.5, 1.5]
  const ok = analyzeOk('(x+2)^y', { numeric: true });
  assert.equal(ok.check?.passed, true);
});

test('a seeded base is positive, so log a exists and the check passes', () => {
  for (const src of ['sum(x.^y)', 'a^b', 'sum(exp(W*x).^y)']) {
    const r = analyzeOk(src, { numeric: true, seed: 3 });
    assert.equal(r.check?.passed, true, `${src}: ${JSON.stringify(r.check)}`);
  }
});

test('X^b of a matrix is refused, pointing to .^', () => {
  const r = analyze('X^b');
  assert.match(r.ok ? '' : r.error.message, /X\^b: a power with an exponent that is not a number is a power of scalars, but X is not a scalar .*write X\.\^b for a power entry by entry/);
});

test('an expression as exponent, LaTeX x^{2y} and a^{b + 1}, is a power of scalars: gradients against their closed forms', () => {
  const [x, y] = [1.3, 0.7];
  const a = analyzeOk('x^{2y}', { notation: 'latex', values: { x, y }, wrt: ['x', 'y'], numeric: true });
  assert.equal(a.definition.unicode, 'x^(2 y)');
  const close = (got: unknown, want: number, what: string) => assert.ok(Math.abs(Number([got].flat(2)[0]) - want) < 1e-12 * Math.abs(want), `${what}: ${String(got)} vs ${want}`);
  close(a.gradient?.x?.values, 2 * y * x ** (2 * y - 1), '∂/∂x = 2y x^(2y−1)');
  close(a.gradient?.y?.values, 2 * x ** (2 * y) * Math.log(x), '∂/∂y = 2 x^(2y) log x');
  assert.equal(a.check?.passed, true);
  const b = analyzeOk('a^{b+1}', { notation: 'latex', values: { a: 2, b: 0.5 }, wrt: ['b'], numeric: true });
  close(b.gradient?.b?.values, 2 ** 1.5 * Math.log(2), '∂/∂b = a^(b+1) log a');
});

test('LaTeX: a lone name as exponent stays refused (X^H, x^{\\alpha} are labels or other operations as often as powers)', () => {
  for (const src of ['X^{H}', 'x^{\\alpha}']) {
    const r = analyze(src, { notation: 'latex' });
    assert.match(r.ok ? '' : r.error.message, /the exponent '(H|alpha)' is not supported/, src);
  }
});
