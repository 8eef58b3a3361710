// Forward rules: d vec(node) = Σ (local operator) · d vec(child), one rule per AST kind. The
// identity each rule applies is written once, where derivations cite it: calculus/identities.ts
// for the operators, the catalogue (ops/nodes.ts, ops/elementwise.ts) for named operations.

import { NO_RANGE, type Expr, type ExprOf, type Kind, type Span } from '../ast';
import { addPoly, dimOf, isOne, mulPoly, poly, type Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';
import { adjE, applyE, divE, epowE, eye, hadamardE, invE, lessOne, powE, mpowE, mulE, negE, num, ones, transposeE, vecE } from '../ast/build';
import { derivativeOf } from '../ops/elementwise';
import { softmaxAlong } from '../ops/nodes';
import type { Op, OpAlgebra } from './ops';

/** Jacobian of one node: wrt-variable name → d vec(node) / d vec(variable); absent means zero. */
export type Jac = ReadonlyMap<string, Op>;

export interface JacCtx {
  readonly ops: OpAlgebra;
  readonly wrt: ReadonlySet<string>;
  jac(e: Expr): Jac;
  shape(e: Expr): Shape;
  isScalar(e: Expr): boolean;
}

type Rule<K extends Kind> = (e: ExprOf<K>, c: JacCtx) => Jac;

const EMPTY: Jac = new Map();
const size = (s: Shape): Poly => mulPoly(s.rows, s.cols);

const chain = (c: JacCtx, local: Op, j: Jac): Jac => new Map([...j].map(([v, op]) => [v, c.ops.product(local, op)]));
const mapJ = (j: Jac, f: (o: Op) => Op): Jac => new Map([...j].map(([v, op]) => [v, f(op)]));

function plus(c: JacCtx, ...js: Jac[]): Jac {
  const out = new Map<string, Op>();
  for (const j of js) for (const [v, op] of j) out.set(v, out.has(v) ? c.ops.sum(out.get(v) as Op, op) : op);
  return out;
}

/** vec X as an expression; a column vector is its own vec. */
const asVec = (x: Expr, c: JacCtx): Expr => (isOne(c.shape(x).cols) ? x : vecE(x));

/** d vec(child broadcast to `out`): vec(b 1ᵀ) = (1 ⊗ I) b, vec(1 a) = (I ⊗ 1) vec a, vec(s 1 1ᵀ) = 1 s. */
function broadcast(child: Expr, out: Shape, c: JacCtx): Jac {
  const s = c.shape(child);
  const j = c.jac(child);
  const { ops } = c;
  if (c.isScalar(child) && !(isOne(out.rows) && isOne(out.cols))) return chain(c, ops.matrix(ones(dimOf(size(out)), 1)), j);
  if (isOne(s.cols) && !isOne(out.cols)) return chain(c, ops.kron(ops.matrix(ones(dimOf(out.cols), 1)), ops.identity(s.rows)), j);
  if (isOne(s.rows) && !isOne(out.rows)) return chain(c, ops.kron(ops.identity(s.cols), ops.matrix(ones(dimOf(out.rows), 1))), j);
  return j;
}

/** d(a B) = vec(B) da + a dB for a scalar a. */
function scalarTimes(a: Expr, b: Expr, c: JacCtx): Jac {
  return plus(c, chain(c, c.ops.matrix(asVec(b, c)), c.jac(a)), mapJ(c.jac(b), (o) => c.ops.scale(a, o)));
}

function product(e: ExprOf<'mul'>, c: JacCtx): Jac {
  const { left: a, right: b } = e;
  if (c.isScalar(a)) return scalarTimes(a, b, c);
  if (c.isScalar(b)) return scalarTimes(b, a, c);
  const { ops } = c;
  const viaA = ops.kron(ops.matrix(transposeE(b)), ops.identity(c.shape(a).rows));
  const viaB = ops.kron(ops.identity(c.shape(b).cols), ops.matrix(a));
  return plus(c, chain(c, viaA, c.jac(a)), chain(c, viaB, c.jac(b)));
}

function hadamard(e: ExprOf<'hadamard'>, c: JacCtx): Jac {
  if (c.isScalar(e.left) || c.isScalar(e.right)) return product({ ...e, kind: 'mul' }, c);
  return plus(c, chain(c, c.ops.diag(e.right), c.jac(e.left)), chain(c, c.ops.diag(e.left), c.jac(e.right)));
}

/** A scalar Y divides everything. */
function quotient(e: ExprOf<'div'>, c: JacCtx): Jac {
  const { left: x, right: y } = e;
  const { ops } = c;
  const viaY = negE(divE(x, epowE(y, 2)));
  if (c.isScalar(y)) {
    return plus(c, mapJ(c.jac(x), (o) => ops.scale(divE(num(1), y), o)), chain(c, ops.matrix(asVec(viaY, c)), c.jac(y)));
  }
  const viaX = c.isScalar(x) ? ops.matrix(asVec(divE(num(1), y), c)) : ops.diag(divE(num(1), y));
  return plus(c, chain(c, viaX, c.jac(x)), chain(c, ops.diag(viaY), c.jac(y)));
}

function matrixPower(e: ExprOf<'mpow'>, c: JacCtx): Jac {
  const x = e.base;
  if (c.isScalar(x)) return elementPower({ ...e, kind: 'epow' }, c);
  const { ops } = c;
  const n = c.shape(x).rows;
  const power = (i: number): Op => (i === 0 ? ops.identity(n) : ops.matrix(mpowE(x, i)));
  const powerT = (i: number): Op => (i === 0 ? ops.identity(n) : ops.matrix(transposeE(mpowE(x, i))));
  const terms = Array.from({ length: e.exponent }, (_, i) => ops.kron(powerT(e.exponent - 1 - i), power(i)));
  return terms.length === 0 ? EMPTY : chain(c, ops.sum(...terms), c.jac(x));
}

/** ‖X‖_F² or ‖x‖₂² of a vector: the square of the Euclidean length of vec X. */
export const euclideanSquare = (e: { base: Expr; exponent: number }, vector: (x: Expr) => boolean): boolean =>
  e.exponent === 2 && (e.base.kind === 'norm' || (e.base.kind === 'norm2' && vector(e.base.arg)));

/** ‖X‖² (a Frobenius norm, or a vector's 2-norm, squared) takes the row 2 vec(X)ᵀ. */
function elementPower(e: ExprOf<'epow'>, c: JacCtx): Jac {
  if (euclideanSquare(e, (x) => isOne(c.shape(x).rows) || isOne(c.shape(x).cols)) && 'arg' in e.base) return gradientRow(c, mulE(num(2), transposeE(asVec(e.base.arg, c))), e.base.arg);
  if (e.exponent === 0) return EMPTY; // X.^0 is constant: 0 · X.^(−1) would be NaN at a zero entry
  return chain(c, c.ops.diag(mulE(num(e.exponent), epowE(e.base, e.exponent - 1))), c.jac(e.base));
}

/** d(Aᵇ) = B ⊙ A^(B−1) ⊙ dA + Aᵇ ⊙ log A ⊙ dB entry by entry; a scalar side broadcast to the output is a column, not a diagonal. */
function power(e: ExprOf<'pow'>, c: JacCtx): Jac {
  const { left: a, right: b } = e;
  const { ops } = c;
  const wide = !c.isScalar(e);
  const local = (side: Expr, coef: Expr): Op => (wide && c.isScalar(side) ? ops.matrix(asVec(coef, c)) : ops.diag(coef));
  const times = (x: Expr, y: Expr): Expr => (c.isScalar(x) || c.isScalar(y) ? mulE(x, y) : hadamardE(x, y));
  const viaA = times(b, powE(a, lessOne(b)));
  const viaB = times(e, applyE('log', a));
  return plus(c, chain(c, local(a, viaA), c.jac(a)), chain(c, local(b, viaB), c.jac(b)));
}

/** A m×n, B p×q: the commutation factor is I_n ⊗ K_{q,m} ⊗ I_p. */
function kronecker(e: ExprOf<'kron'>, c: JacCtx): Jac {
  const { ops } = c;
  const a = c.shape(e.left);
  const b = c.shape(e.right);
  const p = ops.kron(ops.kron(ops.identity(a.cols), ops.commutation(b.cols, a.rows)), ops.identity(b.rows));
  const viaA = ops.product(p, ops.kron(ops.identity(size(a)), ops.matrix(asVec(e.right, c))));
  const viaB = ops.product(p, ops.kron(ops.matrix(asVec(e.left, c)), ops.identity(size(b))));
  return plus(c, chain(c, viaA, c.jac(e.left)), chain(c, viaB, c.jac(e.right)));
}

/**
 * diag(s) − vec(s) vec(s)ᵀ over all entries (vec s is sᵀ for a row). Along each row of an N×d S the
 * blocks diag(sᵢ) − sᵢ sᵢᵀ link entries of one row, which vec places N apart:
 * diag(vec S) − diag(vec S)(𝟏𝟏ᵀ ⊗ I_N) diag(vec S); along each column of an m×n S, (I_n ⊗ 𝟏𝟏ᵀ).
 */
function softmaxLocal(e: ExprOf<'softmax'>, c: JacCtx): Op {
  const { ops } = c;
  const s = c.shape(e);
  const along = softmaxAlong(e.each, isOne(s.rows), isOne(s.cols));
  const d = ops.diag(e);
  if (along === 'all') return ops.sum(d, ops.neg(ops.matrix(isOne(s.rows) && !isOne(s.cols) ? mulE(transposeE(e), e) : mulE(e, transposeE(e)))));
  const outer = (n: Poly): Op => ops.matrix(mulE(ones(dimOf(n), 1), ones(1, dimOf(n))));
  const same = along === 'row' ? ops.kron(outer(s.cols), ops.identity(s.rows)) : ops.kron(ops.identity(s.cols), outer(s.rows));
  return ops.sum(d, ops.neg(ops.product(d, same, d)));
}

/** vec diag(x) = diag(vec I)(𝟏 ⊗ I) x (x a column or a row); diag(X) = (𝟏ᵀ ⊗ I) diag(vec I) vec X, its transpose. */
function diagonal(e: ExprOf<'diag'>, c: JacCtx): Jac {
  const { ops } = c;
  const s = c.shape(e.arg);
  const vector = isOne(s.rows) || isOne(s.cols);
  const n = vector ? c.shape(e).rows : s.rows;
  const spread = ops.product(ops.diag(eye(dimOf(n))), ops.kron(ops.matrix(ones(dimOf(n), 1)), ops.identity(n)));
  return chain(c, vector ? spread : ops.transpose(spread), c.jac(e.arg));
}

/**
 * The parts placed by Eᵢ = [0; I; 0]: side by side [A₁ A₂ …] = Σ Aᵢ Eᵢᵀ, so d vec = (Eᵢ ⊗ I_m) d vec Aᵢ
 * (vec stacks the parts' columns in turn); stacked [A₁; A₂; …] = Σ Eᵢ Aᵢ, so d vec = (I_n ⊗ Eᵢ) d vec Aᵢ.
 */
function concatenation(e: ExprOf<'concat'>, c: JacCtx): Jac {
  const { ops } = c;
  const out = c.shape(e);
  let offset: Poly = new Map();
  return plus(c, ...e.parts.map((p) => {
    const s = c.shape(p);
    const part = e.axis === 'rows' ? s.rows : s.cols;
    const place = ops.embed(e.axis === 'rows' ? out.rows : out.cols, part, offset);
    offset = addPoly(offset, part);
    return chain(c, e.axis === 'rows' ? ops.kron(ops.identity(out.cols), place) : ops.kron(place, ops.identity(out.rows)), c.jac(p));
  }));
}

/** A block Fᵀ X E of rows (F) and columns (E): d vec = (Eᵀ ⊗ Fᵀ) d vec X. */
function block(e: ExprOf<'block'>, c: JacCtx): Jac {
  const { ops } = c;
  const s = c.shape(e.arg);
  const take = (n: Poly, span: Span | undefined): Op => (span ? ops.transpose(ops.embed(n, poly(span.size), poly(span.start))) : ops.identity(n));
  return chain(c, ops.kron(take(s.cols, e.cols), take(s.rows, e.rows)), c.jac(e.arg));
}

/** ∂‖x‖₂/∂x = x/‖x‖₂ for a vector; ∂‖X‖₂/∂X = u₁v₁ᵀ for a matrix (σ₁ simple). */
export function normTwoGradient(e: ExprOf<'norm2'>, s: Shape): Expr {
  if (isOne(s.rows) || isOne(s.cols)) return divE(e.arg, e);
  const sv = (side: 'u' | 'v'): Expr => ({ kind: 'singular', arg: e.arg, side, range: NO_RANGE });
  return mulE(sv('u'), transposeE(sv('v')));
}

/** vec(Xᵀ)ᵀ-style row operators: d s = g(X)ᵀ d vec X for scalar functions of a matrix. */
const gradientRow = (c: JacCtx, row: Expr, x: Expr): Jac => chain(c, c.ops.matrix(row), c.jac(x));

export const JACOBIAN_RULES: { readonly [K in Kind]: Rule<K> } = {
  var: (e, c) => (c.wrt.has(e.name) ? new Map([[e.name, c.ops.identity(size(c.shape(e)))]]) : EMPTY),
  ref: (e, c) => c.jac(e.def),
  num: () => EMPTY,
  ones: () => EMPTY,
  eye: () => EMPTY,
  add: (e, c) => plus(c, broadcast(e.left, c.shape(e), c), broadcast(e.right, c.shape(e), c)),
  sub: (e, c) => plus(c, broadcast(e.left, c.shape(e), c), mapJ(broadcast(e.right, c.shape(e), c), (o) => c.ops.neg(o))),
  neg: (e, c) => mapJ(c.jac(e.arg), (o) => c.ops.neg(o)),
  mul: product,
  hadamard,
  div: quotient,
  epow: elementPower,
  mpow: matrixPower,
  transpose: (e, c) => chain(c, c.ops.commutation(c.shape(e.arg).rows, c.shape(e.arg).cols), c.jac(e.arg)),
  apply: (e, c) => chain(c, c.ops.diag(derivativeOf(e.fn, e.arg)), c.jac(e.arg)),
  softmax: (e, c) => chain(c, softmaxLocal(e, c), c.jac(e.arg)),
  sum: (e, c) => gradientRow(c, transposeE(ones(dimOf(size(c.shape(e.arg))), 1)), e.arg),
  trace: (e, c) => gradientRow(c, transposeE(vecE(eye(dimOf(c.shape(e.arg).rows)))), e.arg),
  // ∂det X/∂X = adj(X)ᵀ: right at a singular X too, where det(X) X⁻ᵀ is 0 · ∞
  det: (e, c) => gradientRow(c, transposeE(vecE(transposeE(adjE(e.arg)))), e.arg),
  // d vec adj(X) = vec(adj X) vec(X⁻ᵀ)ᵀ − (adj(X)ᵀ ⊗ X⁻¹): X invertible (adj X = det(X) X⁻¹)
  adj: (e, c) => chain(c, c.ops.sum(c.ops.matrix(mulE(vecE(e), transposeE(vecE(transposeE(invE(e.arg)))))),
    c.ops.neg(c.ops.kron(c.ops.matrix(transposeE(e)), c.ops.matrix(invE(e.arg))))), c.jac(e.arg)),
  logdet: (e, c) => gradientRow(c, transposeE(vecE(transposeE(invE(e.arg)))), e.arg),
  inv: (e, c) => chain(c, c.ops.neg(c.ops.kron(c.ops.matrix(transposeE(e)), c.ops.matrix(e))), c.jac(e.arg)),
  norm: (e, c) => gradientRow(c, divE(transposeE(asVec(e.arg, c)), e), e.arg),
  kron: kronecker,
  vec: (e, c) => c.jac(e.arg),
  unvec: (e, c) => c.jac(e.arg), // vec(vec⁻¹ x) = x
  diag: diagonal,
  pow: power,
  norm1: (e, c) => gradientRow(c, transposeE(asVec(applyE('sign', e.arg), c)), e.arg),
  norm2: (e, c) => gradientRow(c, transposeE(asVec(normTwoGradient(e, c.shape(e.arg)), c)), e.arg),
  norminf: (e, c) => gradientRow(c, transposeE(asVec({ kind: 'peak', arg: e.arg, range: NO_RANGE }, c)), e.arg),
  // piecewise constant: its derivative is 0 wherever the argmax is unique (numeric/kinks.ts refuses a tie)
  peak: () => EMPTY,
  singular: () => { throw new Error('u₁, v₁ appear in derivatives only, never differentiated'); },
  concat: concatenation,
  block,
};

export function jacobianRule(e: Expr, c: JacCtx): Jac {
  return (JACOBIAN_RULES[e.kind] as Rule<Kind>)(e as never, c);
}
