import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dense, Diag, HCat, Identity, Kron, Product, Zero } from '../../../src/core/sparse/index';
import {
  checkAdjoint, checkOp, colsOf, countPattern, dim, leaf, mat, matmul, patternProduct, vector, vec,
} from './reference';
import type { Case } from './reference';

/** A chain of 1..4 leaves whose shapes multiply, with vectors to apply the product to. */
const chain = fc.array(dim, { minLength: 2, maxLength: 5 }).chain((d) => {
  const leaves = d.slice(1).map((c, k) => leaf(d[k]!, c));
  return fc.tuple(...leaves).chain((cs: Case[]) => fc.record({
    cs: fc.constant(cs), x: vector(d[d.length - 1]!), y: vector(d[0]!),
  }));
});

test('Product([A₁, …, A_k]) is A₁⋯A_k as written: matvec, rmatvec, toCSR; adjoint', () => {
  fc.assert(fc.property(chain, ({ cs, x, y }) => {
    const op = new Product(cs.map((c) => c.op));
    const ref = cs.slice(1).reduce((P, c) => matmul(P, c.ref, colsOf(P), c.op.cols), cs[0]!.ref);
    checkOp(op, ref, x, y);
    checkAdjoint(op, x, y);
  }), { numRuns: 300 });
});

test('Product nnz is the exact structural nnz of the CSR product', () => {
  fc.assert(fc.property(chain, ({ cs }) => {
    const op = new Product(cs.map((c) => c.op));
    const S = cs.slice(1).reduce((P, c) => patternProduct(P, c.pattern, colsOf(P), c.op.cols), cs[0]!.pattern);
    assert.equal(op.nnz(), countPattern(S), cs.map((c) => c.label).join(' · '));
    assert.equal(op.toCSR().Ai.length, countPattern(S));
  }), { numRuns: 300 });
});

test('the layer Jacobian diag(σ′(z))·[xᵀ ⊗ I_m, I_m] has nnz exactly mn + m, zeros in σ′ and x included', () => {
  const m = 4, n = 3;
  const s = Float64Array.of(0, 0.5, 0, 2); // relu′-like: stored although 0
  const x = Float64Array.of(1, 0, -2);
  const J = new Product([new Diag(s), new HCat([new Kron(new Dense(1, n, x), new Identity(m)), new Identity(m)])]);
  assert.equal(J.rows, m);
  assert.equal(J.cols, m * n + m);
  assert.equal(J.nnz(), m * n + m);
  assert.equal(J.toCSR().Ai.length, m * n + m);
  assert.equal(J.bytes(), 8 * m + 8 * n);
  // J(i, i + j·m) = σ′ᵢ xⱼ (the W block), J(i, mn + i) = σ′ᵢ (the b block)
  const ref = mat(m, m * n + m, (i, c) => (c < m * n ? (c % m === i ? s[i]! * x[Math.floor(c / m)]! : 0) : (c - m * n === i ? s[i]! : 0)));
  const v = Array.from({ length: m * n + m }, (_, k) => Math.cos(k)), g = [1, -1, 2, 3];
  checkOp(J, ref, v, g);
});

test('the layer gradient Jᵀg is [vec(δ xᵀ); δ] with δ = σ′ ⊙ g', () => {
  fc.assert(fc.property(fc.tuple(dim, dim).chain(([m, n]) => fc.tuple(vector(m), vector(n), vector(m))), ([s, x, g]) => {
    const m = s.length, n = x.length;
    const J = new Product([new Diag(Float64Array.from(s)), new HCat([new Kron(new Dense(1, n, Float64Array.from(x)), new Identity(m)), new Identity(m)])]);
    const delta = s.map((si, i) => si * g[i]!);
    const expected = [...vec(mat(m, n, (i, j) => delta[i]! * x[j]!)), ...delta];
    const grad = J.rmatvec(Float64Array.from(g));
    assert.equal(grad.length, m * n + m);
    expected.forEach((e, k) => assert.ok(Math.abs(grad[k]! - e) <= 1e-9 * (1 + Math.abs(e)), `grad[${k}]`));
  }));
});

test('Product of diagonal factors only stores the diagonal; a Zero factor stores nothing', () => {
  assert.equal(new Product([new Identity(5), new Diag(new Float64Array(5))]).nnz(), 5);
  assert.equal(new Product([new Dense(2, 3, new Float64Array(6)), new Zero(3, 3), new Identity(3)]).nnz(), 0);
});

test('Product names the factors whose shapes do not chain', () => {
  assert.throws(() => new Product([new Identity(2), new Identity(3)]), { message: 'Product: factor 0 is 2×2 but factor 1 is 3×3' });
  assert.throws(() => new Product([]), { message: 'Product: needs at least one factor' });
});

test('Product of one factor returns a fresh vector even when the factor is the identity', () => {
  const x = Float64Array.of(1, 2);
  const y = new Product([new Identity(2)]).matvec(x);
  assert.notEqual(y, x);
});
