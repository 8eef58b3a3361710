// The formulas shown, simplified with their shapes: in a product, numbers gather in front (never
// `0.5 2 X`), powers of one matrix merge (Xᵀ Xᵀ = (X²)ᵀ, X X⁻¹ = I) and an identity beside a matrix
// goes (I A = A; beside scalars alone it stays: k I); Iᵀ = I; a sum collects its like terms
// ((X²)ᵀ + XᵀXᵀ + (X²)ᵀ = 3 (X²)ᵀ, A − A = 0). A node nothing applies to comes back as it is, so a
// formula with nothing to simplify prints as before. Rendering and the checks read the result.

import { NO_RANGE, UserError, type Expr, type ExprOf, type Kind } from '../ast';
import { eye, invE, mpowE, negE, num, sameExpr, scaleE, transposeE } from '../ast/build';
import { mapChildren } from '../ast/walk';
import { dimOf, isOne } from '../shape/dim';
import { MAX_MATRIX_POWER, type Shape } from '../shape/rules';

/** A node's shape, or undefined where it is not known (a δ before it has been given one). */
export type ShapeOf = (e: Expr) => Shape | undefined;

type Rule<K extends Kind> = (e: ExprOf<K>, s: ShapeOf) => Expr;

const mulRaw = (left: Expr, right: Expr): Expr => ({ kind: 'mul', left, right, range: NO_RANGE });

/** 0 X: a zero that keeps X's shape (a bare 0 inside tanh′(x − x) would make it 1×1). */
const zeroLike = (x: Expr): Expr => (x.kind === 'num' ? num(0) : mulRaw(num(0), x));

/** A formula that is zero: 0, or 0 X. */
export const isZero = (e: Expr): boolean => (e.kind === 'num' && e.value === 0) || (e.kind === 'mul' && e.left.kind === 'num' && e.left.value === 0);
const scalarShape = (s: Shape | undefined): boolean | undefined => (s ? isOne(s.rows) && isOne(s.cols) : undefined);

/** A factor of a product as a power of a base, transposed or not: X⁻ᵀ is (X, −1, ᵀ). */
interface Power { readonly base: Expr; readonly exp: number; readonly t: boolean }

function powerOf(e: Expr): Power {
  let t = false;
  let x = e;
  if (x.kind === 'transpose') [t, x] = [true, x.arg];
  if (x.kind === 'inv' && x.arg.kind === 'transpose') return { base: x.arg.arg, exp: -1, t: !t };
  if (x.kind === 'inv') return { base: x.arg, exp: -1, t };
  if (x.kind === 'mpow' && Number.isInteger(x.exponent) && x.exponent > 0) return { base: x.base, exp: x.exponent, t };
  return { base: x, exp: 1, t };
}

function powerExpr(p: Power): Expr {
  const x = p.exp === 1 ? p.base : p.exp === -1 ? invE(p.base) : mpowE(p.base, p.exp);
  return p.t ? transposeE(x) : x;
}

/**
 * A product split into its numbers, its other scalar factors and its chain of conformable matrix
 * factors: `(xᵀx) I` is the scalar xᵀx times the chain I, not the chain xᵀ x I. A factor whose shape
 * is not known stays whole.
 */
interface Parts { numbers: number[]; scalars: Expr[]; chain: Expr[]; scalarAfterChain?: boolean }

function split(e: Expr, s: ShapeOf, into: Parts): void {
  if (e.kind === 'num') {
    into.numbers.push(e.value);
    return;
  }
  const [sl, sr] = e.kind === 'mul' ? [scalarShape(s(e.left)), scalarShape(s(e.right))] : [undefined, undefined];
  if (e.kind !== 'mul' || sl === undefined || sr === undefined) into.chain.push(e);
  else if (sl && sr) (scalar(e.left, into), scalar(e.right, into));
  else if (sl || sr) {
    if (sr) into.scalarAfterChain = true;
    scalar(sl ? e.left : e.right, into);
    split(sl ? e.right : e.left, s, into);
  }
  else (split(e.left, s, into), split(e.right, s, into));
}

/** A scalar factor, its number apart: 2 c is 2 and c. */
function scalar(e: Expr, into: Parts): void {
  if (e.kind === 'num') into.numbers.push(e.value);
  else if (e.kind === 'mul' && e.left.kind === 'num') (into.numbers.push(e.left.value), into.scalars.push(e.right));
  else into.scalars.push(e);
}

/** X^a X^b = X^(a+b) where both are powers (a, b > 0) or they cancel; undefined when they do not merge. */
function merge(a: Power, b: Power, s: ShapeOf): Power | Expr | undefined {
  if (a.t !== b.t || !sameExpr(a.base, b.base)) return undefined;
  if (a.exp + b.exp === 0) {
    const shape = s(a.base);
    if (!shape) return undefined;
    return scalarShape(shape) ? num(1) : eye(dimOf(shape.rows));
  }
  const exp = a.exp + b.exp;
  return a.exp > 0 && b.exp > 0 && exp <= MAX_MATRIX_POWER ? { base: a.base, exp, t: a.t } : undefined;
}

function product(e: ExprOf<'mul'>, s: ShapeOf): Expr {
  if (isZero(e)) return e;
  const parts: Parts = { numbers: [], scalars: [], chain: [] };
  split(e, s, parts);
  const k = parts.numbers.reduce((a, b) => a * b, 1);
  // one number, then the scalars, in front: 0.5 2 X is X, and x h is h x, a like term of h x
  let changed = parts.scalarAfterChain === true || parts.numbers.length > 1 || parts.numbers.includes(1) || (parts.numbers.length === 1 && e.left.kind !== 'num');
  const out: Array<Power | Expr> = [];
  for (const f of parts.chain) {
    const p = powerOf(f);
    const prev = out[out.length - 1];
    const merged = prev && 'exp' in prev ? merge(prev, p, s) : undefined;
    if (merged) {
      changed = true;
      out.pop();
      if ('exp' in merged || merged.kind !== 'num') out.push(merged);
    } else {
      out.push(p);
    }
  }
  const exprs = out.map((f) => ('exp' in f ? powerExpr(f) : f));
  // in a chain an identity beside a matrix goes; alone it is the k I it stands for
  const kept = exprs.filter((x, i) => x.kind !== 'eye' || (exprs.every((y) => y.kind === 'eye') && i === 0));
  if (kept.length !== exprs.length) changed = true;
  if (!changed) return e;
  const all = [...parts.scalars, ...kept];
  const factors = all.length ? all.reduce(mulRaw) : num(1);
  if (k === 0) return zeroLike(factors);
  return k === 1 ? factors : factors.kind === 'num' ? num(k * factors.value) : scaleE(num(k), factors);
}

/** A term as its number and the rest: 2 X is (2, X), −X is (−1, X). */
function term(e: Expr, sign: number): [number, Expr] {
  if (e.kind === 'neg') return term(e.arg, -sign);
  if (e.kind === 'mul' && e.left.kind === 'num') return [sign * e.left.value, e.right];
  return [sign, e];
}

function terms(e: Expr, sign: number, out: Array<[number, Expr]>): void {
  if (e.kind === 'add') (terms(e.left, sign, out), terms(e.right, sign, out));
  else if (e.kind === 'sub') (terms(e.left, sign, out), terms(e.right, -sign, out));
  else out.push(term(e, sign));
}

function sum(e: ExprOf<'add' | 'sub'>): Expr {
  const all: Array<[number, Expr]> = [];
  terms(e, 1, all);
  const like: Array<[number, Expr]> = [];
  for (const [k, x] of all) {
    const same = like.find(([, y]) => sameExpr(x, y));
    if (same) same[0] += k;
    else like.push([k, x]);
  }
  const kept = like.filter(([k]) => k !== 0);
  if (kept.length === all.length) return e;
  const signed = kept.map(([k, x]): [number, Expr] => [Math.abs(k), k < 0 ? negE(x) : x]);
  const scaled = signed.map(([k, x]) => (k === 1 ? x : x.kind === 'neg' ? negE(scaleE(num(k), x.arg)) : scaleE(num(k), x)));
  if (scaled.length === 0) return zeroLike(all[0]?.[1] ?? num(0));
  return scaled.reduce((a, b) => (b.kind === 'neg' ? { kind: 'sub', left: a, right: b.arg, range: NO_RANGE } : { kind: 'add', left: a, right: b, range: NO_RANGE }));
}

const RULES: { readonly [K in Kind]?: Rule<K> } = {
  mul: product,
  add: sum,
  sub: sum,
  // Iᵀ = I, (Xᵀ)ᵀ = X, and a 1×1 is its own transpose
  transpose: (e, s) => (scalarShape(s(e.arg)) ? e.arg
    : e.arg.kind === 'eye' || e.arg.kind === 'num' || e.arg.kind === 'transpose' ? transposeE(e.arg) : e),
  neg: (e) => (e.arg.kind === 'neg' || e.arg.kind === 'num' ? negE(e.arg) : e),
  // diag of a 1×1 is that 1×1, and diag(𝟏) = I
  diag: (e, s) => (scalarShape(s(e.arg)) ? e.arg : e.arg.kind === 'ones' ? onesDiagonal(e.arg) ?? e : e),
};

/** diag of a column or row of n ones: Iₙ. */
function onesDiagonal(o: ExprOf<'ones'>): Expr | undefined {
  if (o.cols === 1) return eye(o.rows);
  if (o.rows === 1) return eye(o.cols);
  return undefined;
}

/** Shapes where the table knows them: a name it has not been given (a δ) is no error here. */
export const knownShapes = (shapeOf: (e: Expr) => Shape): ShapeOf => (e) => {
  try {
    return shapeOf(e);
  } catch (err) {
    if (err instanceof UserError) return undefined;
    throw err;
  }
};

/** `e` simplified bottom-up; a ref (a name with its definition) is left as it is. */
export function simplifier(shapeOf: ShapeOf): (e: Expr) => Expr {
  const memo = new Map<Expr, Expr>();
  // A product is simplified once, at its top: its factors first, then the whole chain. Simplified
  // level by level, each level would split the chain below it again, quadratic in its length.
  const spine = (e: Expr): Expr => (e.kind === 'mul' ? mapChildren(e, spine) : go(e));
  const go = (e: Expr): Expr => {
    if (e.kind === 'ref') return e;
    const hit = memo.get(e);
    if (hit) return hit;
    const kids = mapChildren(e, e.kind === 'mul' ? spine : go);
    const rule = RULES[kids.kind] as Rule<Kind> | undefined;
    const out = rule ? rule(kids as never, shapeOf) : kids;
    memo.set(e, out);
    return out;
  };
  return go;
}
