// Every matrix-form gradient (calculus/gradient.ts) checked numerically: the formula the user
// reads (∂L/∂X = δ xᵀ, −X⁻ᵀ a bᵀ X⁻ᵀ, …) is an expression; evaluating it with the forward
// evaluator (numeric/evaluate.ts, which knows no derivative rule) must give the gradient of
// central differences of the test's own forward map — Jᵀ g for a non-scalar output.
// The numbers analyze() reports come from the sparse Jacobian instead, so without this test a
// wrong formula next to right numbers would go unnoticed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Dim, Expr } from '../../../src/core/ast';
import { symbolicGradient } from '../../../src/core/calculus/gradient';
import { shareRepeated } from '../../../src/core/report/share';
import { evaluator } from '../../../src/core/numeric/evaluate';
import { mat, type Mat } from '../../../src/core/numeric/matrix';
import { parseMath } from '../../../src/core/notations/math';
import { prepare } from '../../../src/core/prepare';
import { constPoly } from '../../../src/core/shape/dim';
import { build, CASES } from '../helpers/cases';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, fdJacobian, shapesOf, valuesJSON, vjp, type Vars } from '../helpers/oracle';

const sizeOf = (d: Dim): number => {
  if (typeof d !== 'number') throw new Error(`a symbolic size ${d} with concrete shapes`);
  return d;
};

/** Evaluates ∂⟨G, F⟩/∂X for every wrt variable from the matrix-form formulas. */
function formulas(expr: string, vars: Vars, G: D.M | undefined): Map<string, Mat> {
  const wrt = Object.keys(vars);
  const p = prepare(parseMath(expr), expr, { wrt, shapes: shapesOf(vars), values: valuesJSON(vars) });
  let seed: Expr = { kind: 'num', value: 1, range: { start: 0, end: 0 } };
  const values = new Map<string, Mat>(Object.entries(vars).map(([k, m]) => [k, mat(m.rows, m.cols, Float64Array.from(m.data))]));
  if (G) {
    p.shapes.addInputs(new Map([['G', { rows: constPoly(G.rows), cols: constPoly(G.cols) }]]));
    values.set('G', mat(G.rows, G.cols, Float64Array.from(G.data)));
    seed = { kind: 'var', name: 'G', range: { start: 0, end: 0 } };
  }
  const raw = symbolicGradient(p.linked.output, seed, wrt, p.shapes, p.names.adjoint);
  const forms = shareRepeated(raw, new Set(Object.keys(vars))); // as printed: repeated parts named once
  for (const d of forms.definitions) values.set(d.name, evaluator(values, sizeOf).value(d.expr)); // δ's in order
  const ev = evaluator(values, sizeOf);
  return new Map(wrt.map((w) => [w, ev.value(forms.perVariable.get(w) as Expr)]));
}

const sizes = fc.record({
  m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }),
  p: fc.integer({ min: 1, max: 4 }), q: fc.integer({ min: 1, max: 4 }),
  seed: fc.nat(),
});

for (const c of CASES) {
  test(`matrix-form gradient of \`${c.expr}\` (${c.rule}) evaluates to the finite-difference gradient`, () => {
    fc.assert(fc.property(sizes, (s) => {
      const vars = build(c, s, s.seed);
      const wrt = Object.keys(vars);
      const F = c.f(vars);
      const fd = fdJacobian(c.f, vars, wrt);
      const G = F.rows * F.cols === 1 ? undefined : D.randomM(D.rng(s.seed ^ 0x5bd1e995), F.rows, F.cols);
      const flat = G ? vjp(fd, D.vecOf(G)) : (fd[0] as number[]);
      const got = formulas(c.expr, vars, G);
      let offset = 0;
      for (const w of wrt) {
        const X = vars[w] as D.M;
        const want = flat.slice(offset, offset + X.data.length);
        offset += X.data.length;
        const g = got.get(w) as Mat;
        // a variable with no path to the output gets the scalar 0; anything else has its variable's shape
        const zero = g.rows * g.cols === 1 && X.data.length > 1 && g.data[0] === 0;
        if (!zero) assert.deepEqual([g.rows, g.cols], [X.rows, X.cols], `∂L/∂${w} has ${w}'s shape`);
        const data = zero ? new Float64Array(X.data.length) : g.data;
        assertClose(data, want, 1e-6, `∂L/∂${w} of ${c.expr} from its formula (column-major)`);
      }
    }), { numRuns: 15 });
  });
}

test('the gradient of a sum of an elementwise function is written without a ones factor', () => {
  assert.equal(analyzeOk('sum(exp(A))').gradient?.A?.unicode, 'exp(A)');
  assert.equal(analyzeOk('sum(tanh(W*x + b))').gradient?.W?.unicode, 'tanh′(Wx + b) xᵀ');
});
