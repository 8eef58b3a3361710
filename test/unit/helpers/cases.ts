// The operator cases shared by rules.test.ts (Jacobians against finite differences) and
// gradientForms.test.ts (matrix-form gradients evaluated against finite differences): an
// expression, its variables' sizes and value kinds, and its forward map written with dense.ts.

import * as D from './dense';
import type { Kind, M } from './dense';
import type { Vars } from './oracle';

export interface Sizes { m: number; n: number; p: number; q: number }

export interface Case {
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


export const CASES: Case[] = [
  { rule: 'side by side [A, B]: (E₁ ⊗ I) dA + (E₂ ⊗ I) dB', expr: '[A, B]', vars: ({ m, n, p }) => ({ A: [m, n], B: [m, p] }), f: (a) => D.hcat(v(a, 'A'), v(a, 'B')) },
  { rule: 'stacked [A; B]: (I ⊗ E₁) dA + (I ⊗ E₂) dB', expr: '[A; B]', vars: ({ m, n, p }) => ({ A: [m, n], B: [p, n] }), f: (a) => D.vcat(v(a, 'A'), v(a, 'B')) },
  { rule: 'three parts side by side, through tanh', expr: 'tanh([A, B, C])', vars: ({ m, n, p, q }) => ({ A: [m, n], B: [m, p], C: [m, q] }), f: (a) => D.map(D.hcat(v(a, 'A'), v(a, 'B'), v(a, 'C')), Math.tanh) },
  { rule: 'three vectors stacked under a weight W*[h; x; c]', expr: 'sigmoid(W*[h; x; c])', vars: ({ m, n, p, q }) => ({ W: [m, n + p + q], h: [n, 1], x: [p, 1], c: [q, 1] }), f: (a) => D.map(D.mul(v(a, 'W'), D.vcat(v(a, 'h'), v(a, 'x'), v(a, 'c'))), D.sigmoid) },
  { rule: 'blocks [A, B; C, D] times a matrix', expr: '[A, B; C, D]*X', vars: ({ m, n, p, q }) => ({ A: [m, n], B: [m, p], C: [q, n], D: [q, p], X: [n + p, 2] }), f: (a) => D.mul(D.vcat(D.hcat(v(a, 'A'), v(a, 'B')), D.hcat(v(a, 'C'), v(a, 'D'))), v(a, 'X')) },
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
  { rule: 'inner product of vecs vec(X)ᵀ vec(Y)', expr: "vec(X)' * vec(Y)", vars: ({ m, n }) => ({ X: [m, n], Y: [m, n] }), f: (a) => D.scalar(D.sumAll(D.hadamard(v(a, 'X'), v(a, 'Y')))) },
  { rule: 'the vec trick (Bᵀ ⊗ A) vec X', expr: "kron(B', A) * vec(X)", vars: ({ m, n, p, q }) => ({ A: [m, n], X: [n, p], B: [p, q] }), f: (a) => D.col(D.vecOf(D.mul(D.mul(v(a, 'A'), v(a, 'X')), v(a, 'B')))) },
  { rule: 'a function of a Kronecker product sum(sin(A ⊗ B))', expr: 'sum(sin(kron(A, B)))', vars: ({ m, n, p, q }) => ({ A: [m, n], B: [p, q] }), f: (a) => D.scalar(D.sumAll(D.map(D.kron(v(a, 'A'), v(a, 'B')), Math.sin))) },
  { rule: 'quadratic form xᵀ A x', expr: "x' * A * x", vars: ({ n }) => ({ x: [n, 1], A: [n, n] }), f: (a) => D.mul(D.mul(D.T(v(a, 'x')), v(a, 'A')), v(a, 'x')) },
  { rule: 'trace of inverse times matrix tr(inv(X)*A)', expr: 'tr(inv(X)*A)', vars: ({ n }) => ({ X: [n, n, 'invertible'], A: [n, n] }), f: (a) => D.scalar(D.trace(D.mul(D.inv(v(a, 'X')), v(a, 'A')))) },
  { rule: 'batch layer sum(sigmoid(W*X + b))', expr: 'sum(sigmoid(W*X + b))', vars: ({ m, n, p }) => ({ W: [m, n], X: [n, p], b: [m, 1] }), f: (a) => D.scalar(D.sumAll(D.map(D.add(D.mul(v(a, 'W'), v(a, 'X')), v(a, 'b')), D.sigmoid))) },
  { rule: 'sum of an elementwise function sum(exp(A))', expr: 'sum(exp(A))', vars: ({ m, n }) => ({ A: [m, n] }), f: (a) => D.scalar(D.sumAll(D.map(v(a, 'A'), Math.exp))) },
  { rule: 'sum of a layer sum(tanh(W*x + b))', expr: 'sum(tanh(W*x + b))', vars: ({ m, n }) => ({ W: [m, n], x: [n, 1], b: [m, 1] }), f: (a) => D.scalar(D.sumAll(D.map(D.add(D.mul(v(a, 'W'), v(a, 'x')), v(a, 'b')), Math.tanh))) },
  { rule: 'two layers W2*tanh(W1*x + b1) + b2', expr: 'W2*tanh(W1*x + b1) + b2', vars: ({ m, n, p }) => ({ W1: [n, p], x: [p, 1], b1: [n, 1], W2: [m, n], b2: [m, 1] }), f: (a) => D.add(D.mul(v(a, 'W2'), D.map(D.add(D.mul(v(a, 'W1'), v(a, 'x')), v(a, 'b1')), Math.tanh)), v(a, 'b2')) },
  { rule: 'batch layer sigmoid(W*X + b)', expr: 'sigmoid(W*X + b)', vars: ({ m, n, p }) => ({ W: [m, n], X: [n, p], b: [m, 1] }), f: (a) => D.map(D.add(D.mul(v(a, 'W'), v(a, 'X')), v(a, 'b')), D.sigmoid) },
  { rule: 'log of a determinant log(det(X))', expr: 'log(det(X))', vars: ({ n }) => ({ X: [n, n, 'invertible'] }), f: (a) => D.scalar(Math.log(D.det(v(a, 'X')))) },
  { rule: "tr(X'*X)", expr: "tr(X'*X)", vars: ({ m, n }) => ({ X: [m, n] }), f: (a) => D.scalar(D.trace(D.mul(D.T(v(a, 'X')), v(a, 'X')))) },
  { rule: 'tr(X^2)', expr: 'tr(X^2)', vars: ({ n }) => ({ X: [n, n] }), f: (a) => D.scalar(D.trace(D.mpow(v(a, 'X'), 2))) },
  { rule: 'trace of an elementwise function tr(exp(X))', expr: 'tr(exp(X))', vars: ({ n }) => ({ X: [n, n] }), f: (a) => D.scalar(D.trace(D.map(v(a, 'X'), Math.exp))) },
];

/** Values for a case at given sizes, from the tests' own seeded generator. */
export function build(c: Case, s: Sizes, seed: number): Vars {
  const next = D.rng(seed);
  return Object.fromEntries(Object.entries(c.vars(s)).map(([name, [r, k, kind]]) => [name, D.randomM(next, r, k, kind ?? 'any')]));
}
