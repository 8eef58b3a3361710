// The operator algebra's simplifier (calculus/ops.ts) and its symbolic nnz (calculus/nnz.ts): every
// rewrite keeps the operator's dense matrix (a dense evaluation written here, on helpers/dense.ts),
// each textbook rewrite happens (Magnus & Neudecker: (A ⊗ B)(C ⊗ D) = AC ⊗ BD; K_{m,1} = I), and the
// symbolic nnz equals the count of nonzeros of the dense matrix for generic (nonzero) values.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as D from '../helpers/dense';
import type { Expr } from '../../../src/core/ast';
import { mulE, varE } from '../../../src/core/ast/build';
import { OpAlgebra, type Op } from '../../../src/core/calculus/ops';
import { nnzOf } from '../../../src/core/calculus/nnz';
import { constPoly, constValue } from '../../../src/core/shape/dim';
import type { Shape } from '../../../src/core/shape/rules';

/** Random matrices by name, with no zero entries (so no cancellation hides a structural nonzero). */
function world(sizes: Record<string, [number, number]>, seed: number) {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0), 0.5 + (s % 1000) / 1000); // in [0.5, 1.5)
  const mats = new Map(Object.entries(sizes).map(([n, [r, c]]) => [n, D.mk(r, c, () => rnd())]));
  const value = (e: Expr): D.M => {
    if (e.kind === 'var') return mats.get(e.name) as D.M;
    if (e.kind === 'num') return D.scalar(e.value);
    if (e.kind === 'mul') {
      const [a, b] = [value(e.left), value(e.right)];
      return a.rows * a.cols === 1 ? D.scale(D.first(a), b) : D.mul(a, b);
    }
    if (e.kind === 'transpose') return D.T(value(e.arg));
    throw new Error(`no ${e.kind} in these tests`);
  };
  const shapeOf = (e: Expr): Shape => {
    const v = value(e);
    return { rows: constPoly(v.rows), cols: constPoly(v.cols) };
  };
  return { ops: new OpAlgebra(shapeOf), value };
}

const n = (p: ReadonlyMap<string, number>): number => constValue(p) as number;

/** The dense matrix of an operator, from its definition (column-major vec throughout). */
function dense(o: Op, value: (e: Expr) => D.M): D.M {
  switch (o.op) {
    case 'identity': return D.eye(n(o.n));
    case 'zero': return D.zeros(n(o.rows), n(o.cols));
    case 'matrix': return value(o.expr);
    case 'diag': {
      const v = D.vecOf(value(o.expr));
      return D.mk(v.length, v.length, (i, j) => (i === j ? (v[i] as number) : 0));
    }
    case 'kron': return D.kron(dense(o.left, value), dense(o.right, value));
    // K vec(X) = vec(Xᵀ) for X m×n: row i·… of vec(Xᵀ) reads entry (i, j) of X
    case 'commutation': {
      const [m, c] = [n(o.rows), n(o.cols)];
      return D.mk(m * c, m * c, (r, k) => (r === Math.floor(k / m) + (k % m) * c ? 1 : 0));
    }
    case 'product': return o.factors.map((f) => dense(f, value)).reduce((a, b) => D.mul(a, b));
    case 'sum': return o.terms.map((t) => dense(t, value)).reduce((a, b) => D.add(a, b));
    case 'scale': return D.scale(D.first(value(o.by)), dense(o.arg, value));
    case 'neg': return D.neg(dense(o.arg, value));
    // [0; I_part; 0]: entry (offset + j, j) is 1
    case 'embed': {
      const E = D.mk(n(o.total), n(o.part), (i, j) => (i === n(o.offset) + j ? 1 : 0));
      return o.transposed ? D.T(E) : E;
    }
  }
}

const same = (a: D.M, b: D.M, what: string) => {
  assert.equal(`${a.rows}×${a.cols}`, `${b.rows}×${b.cols}`, what);
  a.data.forEach((v, i) => assert.ok(Math.abs(v - (b.data[i] as number)) < 1e-9, `${what}: entry ${i}`));
};

const nonzeros = (A: D.M): number => A.data.filter((v) => v !== 0).length;

test('K_{m,n} vec X = vec Xᵀ (the dense evaluation the other tests use)', () => {
  const { ops, value } = world({ X: [3, 2] }, 7);
  const X = value(varE('X'));
  const K = dense(ops.commutation(constPoly(3), constPoly(2)), value);
  same(D.mul(K, D.col(D.vecOf(X))), D.col(D.vecOf(D.T(X))), 'K vec X');
});

test('identities vanish: I ⊗ B with I₁, I_m ⊗ I_n = I_mn, K_{m,1} = I_m, products drop I, −(−A) = A', () => {
  const { ops } = world({ B: [2, 3], A: [3, 3] }, 1);
  const B = ops.matrix(varE('B'));
  const A = ops.matrix(varE('A'));
  assert.equal(ops.kron(ops.identity(constPoly(1)), B), B);
  assert.deepEqual(ops.kron(ops.identity(constPoly(2)), ops.identity(constPoly(3))), ops.identity(constPoly(6)));
  assert.deepEqual(ops.commutation(constPoly(4), constPoly(1)), ops.identity(constPoly(4)));
  assert.equal(ops.product(ops.identity(constPoly(3)), A, ops.identity(constPoly(3))), A);
  assert.equal(ops.neg(ops.neg(A)), A);
  assert.equal(ops.scale({ kind: 'num', value: 1, range: { start: 0, end: 0 } }, A), A);
});

test('the mixed-product rule (A ⊗ B)(C ⊗ D) = AC ⊗ BD is applied, and keeps the matrix', () => {
  // sizes from 2: a 1×1 factor of ⊗ is a scale instead (tested below)
  fc.assert(fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }),
    fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }), fc.nat(),
    (p, q, r, s, t, u, seed) => {
      const { ops, value } = world({ A: [p, q], C: [q, r], B: [s, t], D: [t, u] }, seed);
      const [A, B, C, Dm] = ['A', 'B', 'C', 'D'].map((x) => ops.matrix(varE(x))) as [Op, Op, Op, Op];
      const built = ops.product(ops.kron(A, B), ops.kron(C, Dm));
      assert.equal(built.op, 'kron', 'one Kronecker product');
      const expected = D.mul(D.kron(value(varE('A')), value(varE('B'))), D.kron(value(varE('C')), value(varE('D'))));
      same(dense(built, value), expected, '(A ⊗ B)(C ⊗ D)');
    }), { numRuns: 40 });
});

test('a matrix times (C ⊗ d) for a row d folds into (AC) ⊗ d; a 1×1 factor of ⊗ becomes a scale', () => {
  const { ops, value } = world({ A: [2, 3], C: [3, 2], d: [1, 4], s: [1, 1], B: [2, 2] }, 3);
  const [A, C, d] = ['A', 'C', 'd'].map((x) => ops.matrix(varE(x))) as [Op, Op, Op];
  const folded = ops.product(A, ops.kron(C, d));
  assert.deepEqual(folded, ops.kron(ops.matrix(mulE(varE('A'), varE('C'))), d));
  same(dense(folded, value), D.mul(value(varE('A')), D.kron(value(varE('C')), value(varE('d')))), 'A (C ⊗ d)');
  const scaled = ops.kron(ops.matrix(varE('s')), ops.matrix(varE('B')));
  assert.equal(scaled.op, 'scale');
  same(dense(scaled, value), D.kron(value(varE('s')), value(varE('B'))), 's ⊗ B');
});

test('(I_R ⊗ r) K_{R,C} = r ⊗ I_R for a row r: the row-vector layer vec(r Wᵀ)', () => {
  const { ops, value } = world({ r: [1, 4] }, 5);
  const R = constPoly(3);
  const r = ops.matrix(varE('r'));
  const built = ops.product(ops.kron(ops.identity(R), r), ops.commutation(R, constPoly(4)));
  assert.deepEqual(built, ops.kron(r, ops.identity(R)));
  same(dense(built, value), D.mul(D.kron(D.eye(3), value(varE('r'))), dense({ op: 'commutation', rows: R, cols: constPoly(4) }, value)), 'by definition');
});

test('nnz of the structured operators equals the nonzeros of their dense matrices', () => {
  const { ops, value } = world({ x: [4, 1], z: [3, 1], A: [3, 3], B: [2, 2], W: [3, 4] }, 11);
  const embed = (total: number, part: number, offset: number): Op => ops.embed(constPoly(total), constPoly(part), constPoly(offset));
  const m = constPoly(3);
  const xT = ops.matrix({ kind: 'transpose', arg: varE('x'), range: { start: 0, end: 0 } });
  const cases: Array<[string, Op]> = [
    ['diag(σ′(z)) [xᵀ ⊗ I₃]', ops.product(ops.diag(varE('z')), ops.kron(xT, ops.identity(m)))],
    ['I₂ ⊗ A', ops.kron(ops.identity(constPoly(2)), ops.matrix(varE('A')))],
    ['A ⊗ B', ops.kron(ops.matrix(varE('A')), ops.matrix(varE('B')))],
    ['K₃,₄', ops.commutation(m, constPoly(4))],
    ['diag(z) + I₃', ops.sum(ops.diag(varE('z')), ops.identity(m))],
    ['−diag(z)', ops.neg(ops.diag(varE('z')))],
    ['W (dense)', ops.matrix(varE('W'))],
    ['A diag(z)', ops.product(ops.matrix(varE('A')), ops.diag(varE('z')))],
    // the placing matrices of a concatenation: columns or rows taken out of a full factor, a part put in place
    ['W [I₂; 0]', ops.product(ops.matrix(varE('W')), embed(4, 2, 0))],
    ['[0; I₃] A', ops.product(embed(5, 3, 2), ops.matrix(varE('A')))],
    ['[0, I₂, 0] Wᵀ', ops.product(ops.transpose(embed(4, 2, 1)), ops.matrix({ kind: 'transpose', arg: varE('W'), range: { start: 0, end: 0 } }))],
    ['A [0, I₃] (a part put in place on the right)', ops.product(ops.matrix(varE('A')), ops.transpose(embed(5, 3, 2)))],
    ['diag(z) [0; I₁; 0]', ops.product(ops.diag(varE('z')), embed(3, 1, 1))],
    ['[0; I₂; 0] ⊗ I₃', ops.kron(embed(4, 2, 1), ops.identity(m))],
    ['(I₂ ⊗ [I₃; 0]) [0; I₂]', ops.product(ops.kron(ops.identity(constPoly(2)), embed(4, 3, 0)), embed(6, 2, 4))],
  ];
  for (const [what, o] of cases) assert.equal(constValue(nnzOf(o, ops)), nonzeros(dense(o, value)), what);
});
