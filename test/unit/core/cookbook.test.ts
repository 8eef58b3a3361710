// Matrix Cookbook identities in gradient form (K. B. Petersen & M. S. Pedersen, The Matrix
// Cookbook, version of November 15, 2012; equation numbers are that edition's). For each: the
// matrix-form gradient analyze() writes (Unicode, LaTeX) and its numbers, against the closed form
// computed here with plain loops (helpers/dense.ts), on random sizes and values.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as D from '../helpers/dense';
import type { Kind, M } from '../helpers/dense';
import { analyzeOk, assertClose, fdJacobian, shapesOf, valuesJSON, type Vars } from '../helpers/oracle';

interface Identity {
  cite: string;
  expr: string;
  wrt: string;
  /** The gradient's matrix form as analyze() should write it (without sizes). */
  unicode: string;
  latex?: string;
  vars: (m: number, n: number, p: number) => Record<string, readonly [number, number, Kind?]>;
  /** The closed form, by hand. */
  closed: (v: Vars) => M;
  /** The scalar itself (for a finite-difference cross-check of the closed form). */
  f: (v: Vars) => number;
}

const g = (v: Vars, k: string): M => {
  const x = v[k];
  if (!x) throw new Error(k);
  return x;
};
const outer = (a: M, b: M): M => D.mk(a.rows, b.rows, (i, j) => D.at(a, i, 0) * D.at(b, j, 0));
const quad = (a: M, X: M, b: M): number => {
  let s = 0;
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) s += D.at(a, i, 0) * D.at(X, i, j) * D.at(b, j, 0);
  return s;
};

const IDENTITIES: Identity[] = [
  {
    cite: 'Matrix Cookbook (69): ∂(aᵀx)/∂x = a',
    expr: "a' * x", wrt: 'x', unicode: 'a', latex: 'a',
    vars: (m) => ({ a: [m, 1], x: [m, 1] }),
    closed: (v) => g(v, 'a'),
    f: (v) => quad(g(v, 'a'), D.eye(g(v, 'a').rows), g(v, 'x')),
  },
  {
    cite: 'Matrix Cookbook (70): ∂(aᵀXb)/∂X = a bᵀ',
    expr: "a' * X * b", wrt: 'X', unicode: 'a bᵀ', latex: String.raw`a b^\top`,
    vars: (m, n) => ({ a: [m, 1], X: [m, n], b: [n, 1] }),
    closed: (v) => outer(g(v, 'a'), g(v, 'b')),
    f: (v) => quad(g(v, 'a'), g(v, 'X'), g(v, 'b')),
  },
  {
    cite: 'Matrix Cookbook (71): ∂(aᵀXᵀb)/∂X = b aᵀ',
    expr: "a' * X' * b", wrt: 'X', unicode: 'b aᵀ', latex: String.raw`b a^\top`,
    vars: (m, n) => ({ a: [m, 1], X: [n, m], b: [n, 1] }),
    closed: (v) => outer(g(v, 'b'), g(v, 'a')),
    f: (v) => quad(g(v, 'a'), D.T(g(v, 'X')), g(v, 'b')),
  },
  {
    cite: 'Matrix Cookbook (72): ∂(aᵀXa)/∂X = a aᵀ',
    expr: "a' * X * a", wrt: 'X', unicode: 'a aᵀ',
    vars: (m) => ({ a: [m, 1], X: [m, m] }),
    closed: (v) => outer(g(v, 'a'), g(v, 'a')),
    f: (v) => quad(g(v, 'a'), g(v, 'X'), g(v, 'a')),
  },
  {
    cite: 'Matrix Cookbook (77): ∂(bᵀXᵀXc)/∂X = X(b cᵀ + c bᵀ)',
    expr: "b' * X' * X * c", wrt: 'X', unicode: 'Xb cᵀ + Xc bᵀ',
    vars: (m, n) => ({ b: [m, 1], X: [n, m], c: [m, 1] }),
    closed: (v) => D.mul(g(v, 'X'), D.add(outer(g(v, 'b'), g(v, 'c')), outer(g(v, 'c'), g(v, 'b')))),
    f: (v) => quad(g(v, 'b'), D.mul(D.T(g(v, 'X')), g(v, 'X')), g(v, 'c')),
  },
  {
    // printed by (41) as adj(X)ᵀ, which is right at a singular X too; compared with (49) numerically
    cite: 'Matrix Cookbook (41), (49): ∂det(X)/∂X = adj(X)ᵀ = det(X) X⁻ᵀ',
    expr: 'det(X)', wrt: 'X', unicode: 'adj(X)ᵀ', latex: String.raw`\operatorname{adj}\left(X\right)^\top`,
    vars: (m) => ({ X: [m, m, 'invertible'] }),
    closed: (v) => D.scale(D.det(g(v, 'X')), D.T(D.inv(g(v, 'X')))),
    f: (v) => D.det(g(v, 'X')),
  },
  {
    cite: 'Matrix Cookbook (57): ∂ln|det(X)|/∂X = X⁻ᵀ',
    expr: 'logdet(X)', wrt: 'X', unicode: 'X⁻ᵀ', latex: String.raw`X^{-\top}`,
    vars: (m) => ({ X: [m, m, 'invertible'] }),
    closed: (v) => D.T(D.inv(g(v, 'X'))),
    f: (v) => Math.log(Math.abs(D.det(g(v, 'X')))),
  },
  {
    cite: 'Matrix Cookbook (61): ∂(aᵀX⁻¹b)/∂X = −X⁻ᵀ a bᵀ X⁻ᵀ',
    expr: "a' * inv(X) * b", wrt: 'X', unicode: '−X⁻ᵀ a bᵀ X⁻ᵀ', latex: String.raw`-X^{-\top} a b^\top X^{-\top}`,
    vars: (m) => ({ a: [m, 1], X: [m, m, 'invertible'], b: [m, 1] }),
    closed: (v) => {
      const Xit = D.T(D.inv(g(v, 'X')));
      return D.neg(D.mul(D.mul(Xit, outer(g(v, 'a'), g(v, 'b'))), Xit));
    },
    f: (v) => quad(g(v, 'a'), D.inv(g(v, 'X')), g(v, 'b')),
  },
  {
    cite: 'Matrix Cookbook (61), written with X^-1: ∂(aᵀX⁻¹b)/∂X = −X⁻ᵀ a bᵀ X⁻ᵀ',
    expr: "a' * X^-1 * b", wrt: 'X', unicode: '−X⁻ᵀ a bᵀ X⁻ᵀ',
    vars: (m) => ({ a: [m, 1], X: [m, m, 'invertible'], b: [m, 1] }),
    closed: (v) => {
      const Xit = D.T(D.inv(g(v, 'X')));
      return D.neg(D.mul(D.mul(Xit, outer(g(v, 'a'), g(v, 'b'))), Xit));
    },
    f: (v) => quad(g(v, 'a'), D.inv(g(v, 'X')), g(v, 'b')),
  },
  {
    cite: 'Matrix Cookbook (81): ∂(xᵀBx)/∂x = (B + Bᵀ) x',
    expr: "x' * B * x", wrt: 'x', unicode: 'Bᵀ x + Bx',
    vars: (m) => ({ x: [m, 1], B: [m, m] }),
    closed: (v) => D.mul(D.add(g(v, 'B'), D.T(g(v, 'B'))), g(v, 'x')),
    f: (v) => quad(g(v, 'x'), g(v, 'B'), g(v, 'x')),
  },
  {
    cite: 'Matrix Cookbook (99): ∂Tr(X)/∂X = I',
    expr: 'tr(X)', wrt: 'X', unicode: 'Iₘ', latex: 'I_m',
    vars: (m) => ({ X: [m, m] }),
    closed: (v) => D.eye(g(v, 'X').rows),
    f: (v) => D.trace(g(v, 'X')),
  },
  {
    cite: 'Matrix Cookbook (100): ∂Tr(XA)/∂X = Aᵀ',
    expr: 'tr(X*A)', wrt: 'X', unicode: 'Aᵀ', latex: String.raw`A^\top`,
    vars: (m, n) => ({ X: [m, n], A: [n, m] }),
    closed: (v) => D.T(g(v, 'A')),
    f: (v) => D.trace(D.mul(g(v, 'X'), g(v, 'A'))),
  },
  {
    cite: 'Matrix Cookbook (101): ∂Tr(AXB)/∂X = Aᵀ Bᵀ',
    expr: 'tr(A*X*B)', wrt: 'X', unicode: 'Aᵀ Bᵀ', latex: String.raw`A^\top B^\top`,
    vars: (m, n, p) => ({ A: [m, n], X: [n, p], B: [p, m] }),
    closed: (v) => D.mul(D.T(g(v, 'A')), D.T(g(v, 'B'))),
    f: (v) => D.trace(D.mul(D.mul(g(v, 'A'), g(v, 'X')), g(v, 'B'))),
  },
  {
    cite: 'Matrix Cookbook (104): ∂Tr(AXᵀ)/∂X = A',
    expr: "tr(A*X')", wrt: 'X', unicode: 'A', latex: 'A',
    vars: (m, n) => ({ A: [m, n], X: [m, n] }),
    closed: (v) => g(v, 'A'),
    f: (v) => D.trace(D.mul(g(v, 'A'), D.T(g(v, 'X')))),
  },
  {
    cite: 'Matrix Cookbook §2.7 (derivatives of matrix norms, Frobenius): ∂‖X‖²_F/∂X = 2X',
    expr: 'norm(X)^2', wrt: 'X', unicode: '2 X', latex: '2 X',
    vars: (m, n) => ({ X: [m, n, 'awayFromZero'] }),
    closed: (v) => D.scale(2, g(v, 'X')),
    f: (v) => D.frob(g(v, 'X')) ** 2,
  },
  {
    cite: 'Frobenius norm (Matrix Cookbook §2.7 with the chain rule): ∂‖X‖_F/∂X = X / ‖X‖_F',
    expr: 'norm(X)', wrt: 'X', unicode: 'X / ‖X‖', latex: String.raw`\frac{X}{\left\lVert X \right\rVert}`,
    vars: (m, n) => ({ X: [m, n, 'awayFromZero'] }),
    closed: (v) => D.scale(1 / D.frob(g(v, 'X')), g(v, 'X')),
    f: (v) => D.frob(g(v, 'X')),
  },
];

const sizes = fc.record({ m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 5 }), p: fc.integer({ min: 1, max: 5 }), seed: fc.nat() });

for (const id of IDENTITIES) {
  test(`${id.cite} — \`${id.expr}\`: matrix form and numbers against the closed form`, () => {
    // the symbolic form, without sizes
    const sym = analyzeOk(id.expr, { wrt: [id.wrt] });
    assert.equal(sym.loss?.kind, 'output', 'a scalar output is its own loss');
    assert.equal(sym.gradient?.[id.wrt]?.unicode, id.unicode, 'gradient in matrix form (Unicode)');
    if (id.latex !== undefined) assert.equal(sym.gradient?.[id.wrt]?.latex, id.latex, 'gradient in matrix form (LaTeX)');
    assert.deepEqual(sym.gradient?.[id.wrt]?.shape, sym.variables[id.wrt]?.shape, 'a gradient has its variable’s shape');

    fc.assert(fc.property(sizes, ({ m, n, p, seed }) => {
      const next = D.rng(seed);
      const vars: Vars = Object.fromEntries(Object.entries(id.vars(m, n, p)).map(([k, [r, c, kind]]) => [k, D.randomM(next, r, c, kind ?? 'any')]));
      const X = g(vars, id.wrt);
      const r = analyzeOk(id.expr, { wrt: [id.wrt], shapes: shapesOf(vars), values: valuesJSON(vars), numeric: true });
      assertClose(r.numbers?.output.data ?? [], [id.f(vars)], 1e-9, 'the scalar');
      const want = id.closed(vars);
      // the closed form is itself right: it equals central differences of the scalar
      assertClose(D.vecOf(want), fdJacobian((v) => D.scalar(id.f(v)), vars, [id.wrt])[0] ?? [], 1e-6, 'closed form vs FD');
      assert.deepEqual(r.gradient?.[id.wrt]?.shape, [X.rows, X.cols]);
      assertClose(r.gradient?.[id.wrt]?.values ?? [], D.rowMajor(want), 1e-9, `${id.cite}, numbers`);
    }), { numRuns: 20 });
  });
}

// Like terms: the textbook forms of these gradients are single terms (2X, 2Xᵀ, X⁻ᵀ); the
// numbers are right (checked above and in rules.test.ts), the written form is not collected.
const COLLECTED: Array<[string, string, string]> = [
  ['Matrix Cookbook §2.5.2 (second-order trace derivatives): ∂Tr(XᵀX)/∂X = 2X', "tr(X'*X)", '2 X'],
  ['Matrix Cookbook §2.5.2: ∂Tr(XXᵀ)/∂X = 2X', "tr(X*X')", '2 X'],
  ['Matrix Cookbook §2.5.2 (second-order trace derivatives): ∂Tr(X²)/∂X = 2Xᵀ', 'tr(X^2)', '2 Xᵀ'],
  ['Matrix Cookbook (57) through the chain rule: ∂ log det X/∂X = X⁻ᵀ', 'log(det(X))', 'X⁻ᵀ'],
];

for (const [cite, expr, unicode] of COLLECTED) {
  test(`${cite} — \`${expr}\` is written in textbook form ${unicode}`, () => {
    const r = analyzeOk(expr, { wrt: ['X'] });
    assert.equal(r.gradient?.X?.unicode, unicode);
  });
}
