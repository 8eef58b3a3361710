// diag both ways, eye and ones (matrixcalculus.org's vocabulary), end to end: each Jacobian against
// central differences of a forward map written here, scalar outputs' gradients against the
// gradient of that map, and the analysis's own check of every printed formula.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, rowMajorOfVec, shapesOf, valuesJSON, type Vars } from '../helpers/oracle';

/** diag written out: a vector (column or row) → the diagonal matrix, a square matrix → its diagonal column. */
function diag(A: D.M): D.M {
  if (A.rows === 1 || A.cols === 1) {
    const n = A.data.length;
    return D.mk(n, n, (i, j) => (i === j ? (A.data[i] as number) : 0));
  }
  return D.mk(A.rows, 1, (i) => D.at(A, i, i));
}

const next = D.rng(17);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);

interface Case {
  source: string;
  notation?: 'math' | 'latex' | 'python';
  vars: Vars;
  wrt: readonly string[];
  f: (v: Vars) => D.M;
}

const CASES: Case[] = [
  { source: 'diag(x)*y', vars: { x: r(3, 1), y: r(3, 1) }, wrt: ['x', 'y'], f: (v) => D.mul(diag(v.x!), v.y!) },
  { source: 'diag(x)', vars: { x: r(1, 3) }, wrt: ['x'], f: (v) => diag(v.x!) },
  { source: 'diag(X)', vars: { X: r(3, 3) }, wrt: ['X'], f: (v) => diag(v.X!) },
  { source: 'diag(W*x)', vars: { W: r(3, 2), x: r(2, 1) }, wrt: ['W', 'x'], f: (v) => diag(D.mul(v.W!, v.x!)) },
  { source: 'tanh(diag(A*B))', vars: { A: r(3, 2), B: r(2, 3) }, wrt: ['A', 'B'], f: (v) => D.map(diag(D.mul(v.A!, v.B!)), Math.tanh) },
  { source: 'diag(diag(X))', vars: { X: r(3, 3) }, wrt: ['X'], f: (v) => diag(diag(v.X!)) },
  { source: "x'*diag(A)", vars: { x: r(3, 1), A: r(3, 3) }, wrt: ['x', 'A'], f: (v) => D.mul(D.T(v.x!), diag(v.A!)) },
  { source: '\\operatorname{diag}(x) y', notation: 'latex', vars: { x: r(3, 1), y: r(3, 1) }, wrt: ['x', 'y'], f: (v) => D.mul(diag(v.x!), v.y!) },
  { source: 'y = torch.diag(A)', notation: 'python', vars: { A: r(3, 3) }, wrt: ['A'], f: (v) => diag(v.A!) },
  { source: 'eye(3)*x + ones(3,1)', vars: { x: r(3, 1) }, wrt: ['x'], f: (v) => D.add(v.x!, D.mk(3, 1, () => 1)) },
  { source: "inv(X'*X + 0.5*eye(n))*X'*t", vars: { X: r(4, 3), t: r(4, 1) }, wrt: ['X'],
    f: (v) => D.mul(D.mul(D.inv(D.add(D.mul(D.T(v.X!), v.X!), D.scale(0.5, D.eye(3)))), D.T(v.X!)), v.t!) },
  { source: "ones(1,3)*X*ones(m,1)", vars: { X: r(3, 4) }, wrt: ['X'], f: (v) => D.mul(D.mul(D.mk(1, 3, () => 1), v.X!), D.mk(4, 1, () => 1)) },
  { source: 'y = np.ones((1, 3)) @ X @ torch.ones(4, 1)', notation: 'python', vars: { X: r(3, 4) }, wrt: ['X'], f: (v) => D.mul(D.mul(D.mk(1, 3, () => 1), v.X!), D.mk(4, 1, () => 1)) },
  { source: "\u{1D7CF}'*x", vars: { x: r(3, 1) }, wrt: ['x'], f: (v) => D.mk(1, 1, () => D.sumAll(v.x!)) },
  { source: 'X*\u{1D7CF}', vars: { X: r(2, 3) }, wrt: ['X'], f: (v) => D.mul(v.X!, D.mk(3, 1, () => 1)) },
];

for (const c of CASES) {
  test(`${c.notation ?? 'math'}: ${c.source}: the Jacobian against central differences, every printed formula checked`, () => {
    const a = analyzeOk(c.source, { notation: c.notation, wrt: [...c.wrt], shapes: shapesOf(c.vars), values: valuesJSON(c.vars), numeric: true });
    const want = fdJacobian(c.f, c.vars, c.wrt);
    const cols = c.wrt.reduce((n, w) => n + c.vars[w]!.data.length, 0);
    assertDenseClose(denseFromCoo(a.jacobian.values!, want.length, cols), want, 1e-8, c.source);
    assert.deepEqual(a.check?.formulas.failed, [], `${c.source}: printed formulas`);
    assert.equal(a.check?.passed, true, `${c.source}: ${JSON.stringify(a.check)}`);
    if (want.length === 1) {
      let k = 0;
      for (const w of c.wrt) {
        const X = c.vars[w]!;
        const g = (want[0] as number[]).slice(k, k + X.data.length);
        k += X.data.length;
        assertClose(a.gradient![w]!.values!, rowMajorOfVec(g, X.rows, X.cols), 1e-8, `∂L/∂${w} of ${c.source}`);
      }
    }
  });
}

test('diag reads its argument by shape: of a vector the diagonal matrix, of a matrix its diagonal', () => {
  const shapeOf = (src: string, shapes: Record<string, number[]> = {}) => {
    const a = analyzeOk(src, { shapes });
    return a.output.shape.join('×');
  };
  assert.equal(shapeOf('diag(x)'), 'm×m', 'an undeclared lower-case name is a vector');
  assert.equal(shapeOf('diag(X)'), 'm×1', 'an undeclared upper-case name is a matrix, made square');
  assert.equal(shapeOf("diag(x')"), 'm×m', 'a row vector');
  assert.equal(shapeOf('diag(x)', { x: [3, 3] }), '3×1', 'a declared size beats the lower-case guess');
  assert.equal(shapeOf('diag(X)', { X: [4, 1] }), '4×4', 'a declared column beats the upper-case guess');
  assert.equal(analyzeOk('diag(X)').variables.X?.shape.join('×'), 'm×m');
});

test('diag of a matrix that is not square is refused, naming its shape', () => {
  const a = analyze('diag(X)', { shapes: { X: [3, 4] } });
  assert.equal(a.ok, false);
  assert.match(!a.ok ? a.error.message : '', /diag\(X\) of a matrix \(its diagonal\) needs a square matrix, but X is 3×4/);
});

test('the gradient through diag reads back in matrix form: ∂/∂A xᵀdiag(A) = diag(x), ∂/∂x = diag(A)', () => {
  const a = analyzeOk("x'*diag(A)", { shapes: { x: [3, 1], A: [3, 3] } });
  assert.equal(a.gradient?.A?.unicode, 'diag(x)');
  assert.equal(a.gradient?.x?.unicode, 'diag(A)');
  // sum(diag(XY)) = tr(XY): diag(𝟏) is I, so the gradient is Yᵀ
  assert.equal(analyzeOk('sum(diag(X*Y))').gradient?.X?.unicode, 'Yᵀ');
});

test('eye(n), I and 𝟏 are constants: never variables, never in the wrt list', () => {
  for (const src of ['eye(3)*x', 'eye(n)*x', 'I*x', 'ones(3,1)\'*x', "\u{1D7CF}'*x"]) {
    const a = analyzeOk(src);
    assert.deepEqual(Object.keys(a.variables), ['x'], src);
    assert.deepEqual(a.wrt, ['x'], src);
  }
  assert.equal(analyzeOk('eye(3)*x').output.shape.join('×'), '3×1');
  assert.equal(analyzeOk('ones(2,3)*x').variables.x?.shape.join('×'), '3×1');
  assert.equal(analyzeOk("ones(n,1)'*x", { shapes: { x: [5, 1] } }).output.shape.join('×'), '1×1');
});

test('a declared I or 𝟏 is the user\'s own variable, and a note says so', () => {
  const a = analyzeOk('I*x', { shapes: { I: [3, 3], x: [3, 1] } });
  assert.deepEqual(Object.keys(a.variables).sort(), ['I', 'x']);
  assert.ok(a.notes?.some((n) => /I is given a size or values, so it is a variable of yours, not the identity/.test(n)), JSON.stringify(a.notes));
});

test('eye and ones take sizes, and say so otherwise', () => {
  const message = (src: string): string => {
    const a = analyze(src);
    return a.ok ? '' : a.error.message;
  };
  assert.match(message('eye(x + 1)*y'), /eye takes sizes: a whole number or a size's name/);
  assert.match(message('ones(2.5, 1)'), /ones takes sizes/);
  assert.match(message('ones(3)'), /ones takes 2 arguments, not 1/);
});
