// The operator algebra Jacobians are written in: I, diag, ⊗, K (commutation), products, sums,
// and matrices given by expressions. The constructors simplify as they build, so results come
// out in textbook form: identities vanish, (A ⊗ B)(C ⊗ D) = AC ⊗ BD, K_{m,1} = I.

import type { Expr } from '../ast';
import { eqPoly, isOne, mulPoly, poly, type Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';
import { mulE, num, sameExpr, transposeE } from '../ast/build';
import { isZero, knownShapes, simplifier } from './simplify';

export type Op =
  | { readonly op: 'identity'; readonly n: Poly }
  | { readonly op: 'matrix'; readonly expr: Expr }
  | { readonly op: 'diag'; readonly expr: Expr }
  | { readonly op: 'kron'; readonly left: Op; readonly right: Op }
  | { readonly op: 'commutation'; readonly rows: Poly; readonly cols: Poly }
  | { readonly op: 'product'; readonly factors: readonly Op[] }
  | { readonly op: 'sum'; readonly terms: readonly Op[] }
  | { readonly op: 'scale'; readonly by: Expr; readonly arg: Op }
  | { readonly op: 'neg'; readonly arg: Op }
  | { readonly op: 'zero'; readonly rows: Poly; readonly cols: Poly }
  /** E = [0; I_part; 0], total×part with I_part from row `offset` on: it puts one part of a concatenation
   *  in its place (vec[A B] = [vec A; vec B], [A; B] = E₁A + E₂B); `transposed`, Eᵀ = [0, I, 0] takes it out. */
  | { readonly op: 'embed'; readonly total: Poly; readonly part: Poly; readonly offset: Poly; readonly transposed: boolean };

/** Builds simplified operators; needs the shapes of the expressions they hold. */
export class OpAlgebra {
  private readonly simplify: (e: Expr) => Expr;

  constructor(private readonly shapeOf: (e: Expr) => Shape) {
    this.simplify = simplifier(knownShapes(shapeOf));
  }

  identity = (n: Poly): Op => ({ op: 'identity', n });
  zero = (rows: Poly, cols: Poly): Op => ({ op: 'zero', rows, cols });

  /** [0; I_part; 0] (total×part): the identity when the part is the whole. */
  embed(total: Poly, part: Poly, offset: Poly): Op {
    return eqPoly(total, part) ? this.identity(part) : { op: 'embed', total, part, offset, transposed: false };
  }

  /** A matrix given by an expression, simplified: X X⁻¹ is the identity I, A − A the zero. */
  matrix(expr: Expr): Op {
    const e = this.simplify(expr);
    if (e.kind === 'eye') return this.identity(poly(e.n));
    if (isZero(e)) {
      const s = this.shapeOf(expr);
      return this.zero(s.rows, s.cols);
    }
    return { op: 'matrix', expr: e };
  }

  /** diag(vec X); of a 1×1 it is that 1×1. */
  diag(expr: Expr): Op {
    const e = this.simplify(expr);
    return this.isOneByOne({ op: 'matrix', expr: e }) ? this.matrix(e) : { op: 'diag', expr: e };
  }

  /** Aᵀ: (A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ, (AB)ᵀ = BᵀAᵀ, K_{m,n}ᵀ = K_{n,m}; I and diag(·) are symmetric. */
  transpose(o: Op): Op {
    switch (o.op) {
      case 'identity': case 'diag': return o;
      case 'matrix': return this.matrix(transposeE(o.expr));
      case 'zero': return this.zero(o.cols, o.rows);
      case 'embed': return { ...o, transposed: !o.transposed };
      case 'commutation': return this.commutation(o.cols, o.rows);
      case 'kron': return this.kron(this.transpose(o.left), this.transpose(o.right));
      case 'product': return this.product(...[...o.factors].reverse().map((f) => this.transpose(f)));
      case 'sum': return this.sum(...o.terms.map((t) => this.transpose(t)));
      case 'scale': return this.scale(o.by, this.transpose(o.arg));
      case 'neg': return this.neg(this.transpose(o.arg));
    }
  }

  shape(o: Op): Shape {
    switch (o.op) {
      case 'identity': return { rows: o.n, cols: o.n };
      case 'matrix': return this.shapeOf(o.expr);
      case 'diag': {
        const s = this.shapeOf(o.expr);
        const n = mulPoly(s.rows, s.cols);
        return { rows: n, cols: n };
      }
      case 'kron': {
        const l = this.shape(o.left);
        const r = this.shape(o.right);
        return { rows: mulPoly(l.rows, r.rows), cols: mulPoly(l.cols, r.cols) };
      }
      case 'commutation': {
        const n = mulPoly(o.rows, o.cols);
        return { rows: n, cols: n };
      }
      case 'product': return { rows: this.shape(o.factors[0] as Op).rows, cols: this.shape(o.factors[o.factors.length - 1] as Op).cols };
      case 'sum': return this.shape(o.terms[0] as Op);
      case 'scale': case 'neg': return this.shape(o.arg);
      case 'zero': return { rows: o.rows, cols: o.cols };
      case 'embed': return o.transposed ? { rows: o.part, cols: o.total } : { rows: o.total, cols: o.part };
    }
  }

  kron(a: Op, b: Op): Op {
    if (a.op === 'identity' && isOne(a.n)) return b;
    if (b.op === 'identity' && isOne(b.n)) return a;
    if (a.op === 'identity' && b.op === 'identity') return this.identity(mulPoly(a.n, b.n));
    if (a.op === 'matrix' && this.isOneByOne(a)) return this.scale(a.expr, b);
    return { op: 'kron', left: a, right: b };
  }

  /** K_{m,n}: vec(X) ↦ vec(Xᵀ) for X m×n; the identity when X is a vector. */
  commutation(rows: Poly, cols: Poly): Op {
    if (isOne(rows) || isOne(cols)) return this.identity(mulPoly(rows, cols));
    return { op: 'commutation', rows, cols };
  }

  neg(a: Op): Op {
    if (a.op === 'neg') return a.arg;
    return { op: 'neg', arg: a };
  }

  scale(by: Expr, a: Op): Op {
    if (by.kind === 'num' && by.value === 1) return a;
    if (by.kind === 'num' && by.value === 0) return this.zero(this.shape(a).rows, this.shape(a).cols);
    if (a.op === 'zero') return a;
    if (by.kind === 'num' && by.value === -1) return this.neg(a);
    if (a.op === 'neg') return this.neg(this.scale(by, a.arg));
    if (by.kind === 'num' && a.op === 'matrix') return this.matrix(mulE(by, a.expr));
    // a number joins the product's leading matrix, where constants fold: 0.5 (2 gᵀ) A = gᵀ A
    const lead = a.op === 'product' ? a.factors[0] : undefined;
    if (by.kind === 'num' && a.op === 'product' && lead?.op === 'matrix') return this.product(this.matrix(mulE(by, lead.expr)), ...a.factors.slice(1));
    return { op: 'scale', by, arg: a };
  }

  product(...ops: Op[]): Op {
    if (ops.some((o) => o.op === 'zero')) {
      return this.zero(this.shape(ops[0] as Op).rows, this.shape(ops[ops.length - 1] as Op).cols);
    }
    let negative = false;
    let k = 1; // numbers gather in front: A (0.5 I) = 0.5 A
    const out: Op[] = [];
    for (const o of ops.flatMap((x) => (x.op === 'product' ? x.factors : [x]))) {
      let f = o;
      if (f.op === 'neg') {
        negative = !negative;
        f = f.arg;
      }
      if (f.op === 'scale' && f.by.kind === 'num') {
        k *= f.by.value;
        f = f.arg;
      }
      if (f.op === 'identity') continue;
      const prev = out[out.length - 1];
      const merged = prev && this.mixedProduct(prev, f);
      if (merged) out[out.length - 1] = merged;
      else out.push(f);
    }
    const result = out.length === 0 ? this.identity(this.shape(ops[0] as Op).rows)
      : out.length === 1 ? (out[0] as Op) : { op: 'product' as const, factors: out };
    const scaled = this.scale(num(k), result);
    return negative ? this.neg(scaled) : scaled;
  }

  /** Like terms collected: A + A = 2 A, A − A = 0 (a zero term drops out). */
  sum(...ops: Op[]): Op {
    const like: Array<[number, Op]> = [];
    for (const t of ops.flatMap((x) => (x.op === 'sum' ? x.terms : [x]))) {
      const [k, o] = t.op === 'neg' ? [-1, t.arg] : t.op === 'scale' && t.by.kind === 'num' ? [t.by.value, t.arg] : [1, t];
      if (o.op === 'zero') continue;
      const same = like.find(([, u]) => sameOp(u, o));
      if (same) same[0] += k;
      else like.push([k, o]);
    }
    const terms = like.filter(([k]) => k !== 0).map(([k, o]) => this.scale(num(k), o));
    if (terms.length === 0) return this.zero(this.shape(ops[0] as Op).rows, this.shape(ops[0] as Op).cols);
    return terms.length === 1 ? (terms[0] as Op) : { op: 'sum', terms };
  }

  /** AB as one operator when that reads better: (A ⊗ B)(C ⊗ D) = AC ⊗ BD, matrices multiply. */
  private mixedProduct(a: Op, b: Op): Op | undefined {
    if (a.op === 'matrix' && b.op === 'matrix') return this.matrix(mulE(a.expr, b.expr));
    // A (C ⊗ d) = AC ⊗ d for a row d; (C ⊗ d) A = CA ⊗ d for a column d (A = A ⊗ 1)
    if (a.op === 'matrix' && b.op === 'kron' && isOne(this.shape(b.right).rows)) return this.kron(this.product(a, b.left), b.right);
    if (b.op === 'matrix' && a.op === 'kron' && isOne(this.shape(a.right).cols)) return this.kron(this.product(a.left, b), a.right);
    // (I_R ⊗ r) K_{R,C} = r ⊗ I_R for a row r (1×C): vec(r Wᵀ) = W rᵀ, the row-vector layer
    if (a.op === 'kron' && b.op === 'commutation' && a.left.op === 'identity' && eqPoly(a.left.n, b.rows)) {
      const r = this.shape(a.right);
      if (isOne(r.rows) && eqPoly(r.cols, b.cols)) return this.kron(a.right, a.left);
    }
    if (a.op !== 'kron' || b.op !== 'kron') return undefined;
    const [al, ar, bl, br] = [a.left, a.right, b.left, b.right].map((o) => this.shape(o)) as [Shape, Shape, Shape, Shape];
    if (!eqPoly(al.cols, bl.rows) || !eqPoly(ar.cols, br.rows)) return undefined;
    return this.kron(this.product(a.left, b.left), this.product(a.right, b.right));
  }

  private isOneByOne(a: Op): boolean {
    const s = this.shape(a);
    return isOne(s.rows) && isOne(s.cols);
  }
}

/** The expressions an operator holds, left to right as it prints. */
export function opExprs(o: Op): Expr[] {
  switch (o.op) {
    case 'identity': case 'commutation': case 'zero': case 'embed': return [];
    case 'matrix': case 'diag': return [o.expr];
    case 'kron': return [...opExprs(o.left), ...opExprs(o.right)];
    case 'product': return o.factors.flatMap(opExprs);
    case 'sum': return o.terms.flatMap(opExprs);
    case 'scale': return [o.by, ...opExprs(o.arg)];
    case 'neg': return opExprs(o.arg);
  }
}

/** The same operator with each expression it holds replaced by `f` of it (no re-simplification). */
export function mapOpExprs(o: Op, f: (e: Expr) => Expr): Op {
  switch (o.op) {
    case 'identity': case 'commutation': case 'zero': case 'embed': return o;
    case 'matrix': case 'diag': return { op: o.op, expr: f(o.expr) };
    case 'kron': return { op: 'kron', left: mapOpExprs(o.left, f), right: mapOpExprs(o.right, f) };
    case 'product': return { op: 'product', factors: o.factors.map((x) => mapOpExprs(x, f)) };
    case 'sum': return { op: 'sum', terms: o.terms.map((x) => mapOpExprs(x, f)) };
    case 'scale': return { op: 'scale', by: f(o.by), arg: mapOpExprs(o.arg, f) };
    case 'neg': return { op: 'neg', arg: mapOpExprs(o.arg, f) };
  }
}

/** Structural equality of operators; the expressions they hold compared structurally too. */
export function sameOp(a: Op, b: Op): boolean {
  if (a === b) return true;
  if (a.op !== b.op) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  return Object.keys(x).every((k) => sameValue(x[k], y[k]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if ('op' in a && 'op' in b) return sameOp(a as Op, b as Op);
    if ('kind' in a && 'kind' in b) return sameExpr(a as Expr, b as Expr);
  }
  return false;
}
