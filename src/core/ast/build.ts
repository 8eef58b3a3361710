// Smart constructors for the expressions derivatives produce: each applies the obvious
// identities (1·A = A, (Aᵀ)ᵀ = A, I·A = A, −(−A) = A) so results read as in a textbook.

import { NO_RANGE, type Dim, type ElementwiseFn, type Expr, type Range } from '.';

export const num = (value: number, range: Range = NO_RANGE): Expr => ({ kind: 'num', value, range });
export const varE = (name: string, range: Range = NO_RANGE): Expr => ({ kind: 'var', name, range });
export const ones = (rows: Dim, cols: Dim): Expr => ({ kind: 'ones', rows, cols, range: NO_RANGE });
export const eye = (n: Dim): Expr => ({ kind: 'eye', n, range: NO_RANGE });

const isNum = (e: Expr, v: number): boolean => e.kind === 'num' && e.value === v;

/** Structural equality, ignoring source ranges (a ref is its name and definition). */
export function sameExpr(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  // an optional field (softmax's `each`) present on one side only makes them differ
  if (Object.keys(x).length !== Object.keys(y).length) return false;
  return Object.keys(x).every((k) => {
    if (k === 'range') return true;
    const u = x[k];
    const v = y[k];
    if (k === 'def') return u === v;
    return u && typeof u === 'object' ? sameExpr(u as Expr, v as Expr) : u === v;
  });
}

/** Kinds whose value is 1×1 whatever their arguments. */
const SCALAR_KINDS: ReadonlySet<Expr['kind']> = new Set(['num', 'trace', 'det', 'logdet', 'norm', 'norm1', 'norm2', 'norminf', 'sum']);

/** A scalar by its form alone (no shapes here): a scalar kind, or a product, quotient or negation of those. */
function surelyScalar(e: Expr): boolean {
  if (SCALAR_KINDS.has(e.kind)) return true;
  if (e.kind === 'neg' || e.kind === 'transpose' || e.kind === 'apply') return surelyScalar(e.arg);
  if (e.kind === 'epow' || e.kind === 'mpow') return surelyScalar(e.base);
  if (e.kind === 'mul' || e.kind === 'div' || e.kind === 'add' || e.kind === 'sub' || e.kind === 'hadamard') return surelyScalar(e.left) && surelyScalar(e.right);
  return false;
}

/** k·x as [k, x]. */
const coefficient = (e: Expr): [number, Expr] => (e.kind === 'mul' && e.left.kind === 'num' ? [e.left.value, e.right] : [1, e]);

export function mulE(a: Expr, b: Expr): Expr {
  // I B = B, but a scalar times I is the scaled identity k I, not k
  if (a.kind === 'eye' && surelyScalar(b)) return scaleE(b, a);
  if (b.kind === 'eye' && surelyScalar(a)) return scaleE(a, b);
  if (isNum(a, 1) || a.kind === 'eye') return b;
  if (isNum(b, 1) || b.kind === 'eye') return a;
  if (a.kind === 'num' && b.kind === 'num') return num(a.value * b.value);
  if (a.kind === 'num' && b.kind === 'mul' && b.left.kind === 'num') return mulE(num(a.value * b.left.value), b.right);
  if (b.kind === 'num') return { kind: 'mul', left: b, right: a, range: NO_RANGE };
  // (1/d)(d B) = B, as in d log det X = (1/det X)(det X X⁻ᵀ)
  if (a.kind === 'div' && isNum(a.left, 1) && b.kind === 'mul' && sameExpr(a.right, b.left)) return b.right;
  // (1/det X) adj(X) = X⁻¹, and transposed: where 1/det X is taken, X is invertible
  if (a.kind === 'div' && isNum(a.left, 1) && a.right.kind === 'det') {
    const adj = b.kind === 'transpose' ? b.arg : b;
    if (adj.kind === 'adj' && sameExpr(adj.arg, a.right.arg)) return adj === b ? invE(adj.arg) : transposeE(invE(adj.arg));
  }
  if (a.kind === 'neg') return negE(mulE(a.arg, b));
  if (b.kind === 'neg') return negE(mulE(a, b.arg));
  return { kind: 'mul', left: a, right: b, range: NO_RANGE };
}

/**
 * k A for a scalar k (a 1×1 expression, not only a number): unlike a matrix product, the
 * identity stays (det(B) I₃, not det(B)); mulE cannot tell a scalar from a matrix.
 */
export function scaleE(k: Expr, a: Expr): Expr {
  if (a.kind === 'neg') return negE(scaleE(k, a.arg));
  if (k.kind === 'neg') return negE(scaleE(k.arg, a));
  if (isNum(k, 1)) return a;
  if (a.kind === 'eye') return { kind: 'mul', left: k, right: a, range: NO_RANGE };
  // k (j I) = (k j) I
  if (a.kind === 'mul' && a.right.kind === 'eye') return scaleE(mulE(k, a.left), a.right);
  return mulE(k, a);
}

export function transposeE(a: Expr): Expr {
  switch (a.kind) {
    case 'transpose': return a.arg;
    case 'num': case 'eye': return a;
    case 'ones': return ones(a.cols, a.rows);
    case 'neg': return negE(transposeE(a.arg));
    // (AB)ᵀ = BᵀAᵀ and (k B)ᵀ = k Bᵀ; next to an identity, X may be a scalar (k I) or a matrix
    // (the user's xᵀ I), which cannot be told without shapes: stay (X I)ᵀ
    case 'mul': {
      if (surelyScalar(a.left)) return scaleE(a.left, transposeE(a.right));
      if (surelyScalar(a.right)) return scaleE(a.right, transposeE(a.left));
      const [l, r] = [transposeE(a.right), transposeE(a.left)];
      return l.kind === 'eye' || r.kind === 'eye' ? { kind: 'transpose', arg: a, range: NO_RANGE } : mulE(l, r);
    }
    default: return { kind: 'transpose', arg: a, range: NO_RANGE };
  }
}

export function negE(a: Expr): Expr {
  if (a.kind === 'neg') return a.arg;
  if (a.kind === 'num') return num(-a.value);
  return { kind: 'neg', arg: a, range: NO_RANGE };
}

export function addE(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  // like terms: j·x + k·x = (j + k)·x
  const [j, x] = coefficient(a);
  const [k, y] = coefficient(b);
  if (sameExpr(x, y)) return mulE(num(j + k), x);
  if (b.kind === 'neg') return { kind: 'sub', left: a, right: b.arg, range: NO_RANGE };
  return { kind: 'add', left: a, right: b, range: NO_RANGE };
}

export const subE = (a: Expr, b: Expr): Expr => addE(a, negE(b));

export function hadamardE(a: Expr, b: Expr): Expr {
  if (a.kind === 'ones' || isNum(a, 1)) return b;
  if (b.kind === 'ones' || isNum(b, 1)) return a;
  if (a.kind === 'num' || b.kind === 'num') return mulE(a, b);
  if (a.kind === 'neg') return negE(hadamardE(a.arg, b));
  if (b.kind === 'neg') return negE(hadamardE(a, b.arg));
  return { kind: 'hadamard', left: a, right: b, range: NO_RANGE };
}

export function divE(a: Expr, b: Expr): Expr {
  if (isNum(b, 1)) return a;
  if (a.kind === 'num' && b.kind === 'num') return num(a.value / b.value);
  return { kind: 'div', left: a, right: b, range: NO_RANGE };
}

export const applyE = (fn: ElementwiseFn, arg: Expr): Expr => ({ kind: 'apply', fn, arg, range: NO_RANGE });
export const epowE = (base: Expr, exponent: number): Expr =>
  exponent === 1 ? base : { kind: 'epow', base, exponent, range: NO_RANGE };
export const mpowE = (base: Expr, exponent: number): Expr =>
  exponent === 1 ? base : { kind: 'mpow', base, exponent, range: NO_RANGE };
export const powE = (base: Expr, exponent: Expr): Expr => ({ kind: 'pow', left: base, right: exponent, range: NO_RANGE });
/** b − 1, written so (not b + −1). */
export const lessOne = (b: Expr): Expr => (b.kind === 'num' ? num(b.value - 1) : { kind: 'sub', left: b, right: num(1), range: NO_RANGE });
export const invE = (arg: Expr): Expr => ({ kind: 'inv', arg, range: NO_RANGE });
export const adjE = (arg: Expr): Expr => ({ kind: 'adj', arg, range: NO_RANGE });
export const vecE = (arg: Expr): Expr => ({ kind: 'vec', arg, range: NO_RANGE });
export const sumE = (arg: Expr): Expr => ({ kind: 'sum', arg, range: NO_RANGE });
export const softmaxE = (arg: Expr): Expr => ({ kind: 'softmax', arg, range: NO_RANGE });
