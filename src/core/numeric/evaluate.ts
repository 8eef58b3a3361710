// Forward values of expressions, one rule per AST kind, memoised per node.

import { UserError, type Dim, type Expr, type ExprOf, type Kind, type SoftmaxAxis } from '../ast';
import { children } from '../ast/walk';
import { elementwise } from '../ops/elementwise';
import { softmaxAlong } from '../ops/nodes';
import { adjugate } from './adjugate';
import { derivable, topSingular } from './singular';
import { block, concat, det, identity, inverse, kron, logAbsDet, mapMat, mat, matmul, matmulT, transpose, zipMat, type Mat } from './matrix';

export interface EvalCtx {
  value(e: Expr): Mat;
  variable(name: string): Mat;
  /** A size as a number (symbolic sizes get the numbers chosen for them). */
  size(d: Dim): number;
}

type Rule<K extends Kind> = (e: ExprOf<K>, c: EvalCtx) => Mat;

const scalar = (v: number): Mat => mat(1, 1, Float64Array.of(v));
const first = (m: Mat): number => m.data[0] as number;
const isScalar = (m: Mat): boolean => m.rows === 1 && m.cols === 1;

/** Each group of entries (all, a row, a column) mapped to exp(z − max) / Σ exp(z − max). */
function softmax(z: Mat, each: SoftmaxAxis | undefined): Mat {
  const along = softmaxAlong(each, z.rows === 1, z.cols === 1);
  // groups × length entries; entry k of group g sits at g·gStep + k·kStep (column-major)
  const [groups, length, gStep, kStep] = along === 'all' ? [1, z.data.length, 0, 1]
    : along === 'row' ? [z.rows, z.cols, 1, z.rows] : [z.cols, z.rows, z.rows, 1];
  const out = mat(z.rows, z.cols);
  for (let g = 0; g < groups; g++) {
    let max = -Infinity;
    for (let k = 0; k < length; k++) max = Math.max(max, z.data[g * gStep + k * kStep] as number);
    let total = 0;
    for (let k = 0; k < length; k++) {
      const i = g * gStep + k * kStep;
      out.data[i] = Math.exp((z.data[i] as number) - max);
      total += out.data[i] as number;
    }
    for (let k = 0; k < length; k++) (out.data[g * gStep + k * kStep] as number) /= total;
  }
  return out;
}

function power(x: Mat, k: number): Mat {
  if (isScalar(x)) return scalar(first(x) ** k);
  let out = identity(x.rows);
  for (let i = 0; i < k; i++) out = matmul(out, x);
  return out;
}

/** diag(x) of a vector (a column or a row): the diagonal matrix; of a square matrix: its diagonal, a column. */
function diagonal(x: Mat): Mat {
  const vector = x.rows === 1 || x.cols === 1;
  const n = vector ? x.data.length : x.rows;
  const out = vector ? mat(n, n) : mat(n, 1);
  for (let i = 0; i < n; i++) {
    if (vector) out.data[i + i * n] = x.data[i] as number;
    else out.data[i] = x.data[i + i * n] as number;
  }
  return out;
}

/** X⁻¹, or a positioned error at X when it is singular (X⁻¹, and the derivative of adj(X), need it invertible). */
function invertible(x: Mat, at: Expr): Mat {
  try {
    return inverse(x);
  } catch {
    throw UserError.at('this matrix is singular at these values, so its inverse does not exist (X⁻¹ and the derivative of adj(X) need an invertible X)', at.range);
  }
}

/** sign(x_k) e_k at the first k of largest |x_k| (numeric/kinks.ts refuses a tie before this is asked for). */
function peak(x: Mat): Mat {
  const out = mat(x.rows, x.cols);
  let k = 0;
  for (let i = 1; i < x.data.length; i++) if (Math.abs(x.data[i] as number) > Math.abs(x.data[k] as number)) k = i;
  out.data[k] = Math.sign(x.data[k] as number);
  return out;
}

const sumOf = (m: Mat): number => m.data.reduce((a, b) => a + b, 0);

const RULES: { readonly [K in Kind]: Rule<K> } = {
  var: (e, c) => c.variable(e.name),
  ref: (e, c) => c.value(e.def),
  num: (e) => scalar(e.value),
  add: (e, c) => zipMat(c.value(e.left), c.value(e.right), (a, b) => a + b),
  sub: (e, c) => zipMat(c.value(e.left), c.value(e.right), (a, b) => a - b),
  neg: (e, c) => mapMat(c.value(e.arg), (a) => -a),
  mul: (e, c) => {
    const a = c.value(e.left);
    // A Bᵀ (nn.Linear's x Wᵀ) without forming Bᵀ; a scalar on either side scales instead
    if (e.right.kind === 'transpose' && !isScalar(a)) {
      const bt = c.value(e.right.arg);
      if (!isScalar(bt)) return matmulT(a, bt);
    }
    const b = c.value(e.right);
    if (isScalar(a) || isScalar(b)) return zipMat(a, b, (x, y) => x * y);
    return matmul(a, b);
  },
  hadamard: (e, c) => zipMat(c.value(e.left), c.value(e.right), (a, b) => a * b),
  div: (e, c) => zipMat(c.value(e.left), c.value(e.right), (a, b) => a / b),
  epow: (e, c) => mapMat(c.value(e.base), (a) => a ** e.exponent),
  mpow: (e, c) => power(c.value(e.base), e.exponent),
  transpose: (e, c) => transpose(c.value(e.arg)),
  apply: (e, c) => mapMat(c.value(e.arg), elementwise(e.fn).f),
  softmax: (e, c) => softmax(c.value(e.arg), e.each),
  sum: (e, c) => scalar(sumOf(c.value(e.arg))),
  trace: (e, c) => {
    const x = c.value(e.arg);
    let t = 0;
    for (let i = 0; i < x.rows; i++) t += x.data[i + i * x.rows] as number;
    return scalar(t);
  },
  det: (e, c) => scalar(det(c.value(e.arg))),
  // log |det X|: the same derivative X⁻ᵀ, and defined for any invertible X
  logdet: (e, c) => scalar(logAbsDet(c.value(e.arg))),
  inv: (e, c) => invertible(c.value(e.arg), e.arg),
  adj: (e, c) => adjugate(c.value(e.arg)),
  norm: (e, c) => scalar(Math.sqrt(sumOf(mapMat(c.value(e.arg), (a) => a * a)))),
  kron: (e, c) => kron(c.value(e.left), c.value(e.right)),
  ones: (e, c) => {
    const m = mat(c.size(e.rows), c.size(e.cols));
    m.data.fill(1);
    return m;
  },
  eye: (e, c) => identity(c.size(e.n)),
  vec: (e, c) => {
    const x = c.value(e.arg);
    return mat(x.data.length, 1, x.data);
  },
  unvec: (e, c) => mat(c.size(e.rows), c.size(e.cols), c.value(e.arg).data),
  diag: (e, c) => diagonal(c.value(e.arg)),
  pow: (e, c) => zipMat(c.value(e.left), c.value(e.right), (a, b) => a ** b),
  norm1: (e, c) => scalar(sumOf(mapMat(c.value(e.arg), Math.abs))),
  norm2: (e, c) => {
    const x = c.value(e.arg);
    return scalar(x.rows === 1 || x.cols === 1 ? Math.sqrt(sumOf(mapMat(x, (a) => a * a))) : topSingular(x).sigma);
  },
  norminf: (e, c) => scalar(c.value(e.arg).data.reduce((m, v) => Math.max(m, Math.abs(v)), 0)),
  peak: (e, c) => peak(c.value(e.arg)),
  singular: (e, c) => derivable(c.value(e.arg), e.arg.range)[e.side],
  concat: (e, c) => concat(e.parts.map((p) => c.value(p)), e.axis),
  block: (e, c) => {
    const x = c.value(e.arg);
    const rows = e.rows ? block(x, 'rows', c.size(e.rows.start), c.size(e.rows.size)) : x;
    return e.cols ? block(rows, 'cols', c.size(e.cols.start), c.size(e.cols.size)) : rows;
  },
};

/** An evaluator over fixed variable values; every node is computed once. */
export function evaluator(variables: ReadonlyMap<string, Mat>, size: (d: Dim) => number): EvalCtx {
  const ctx: EvalCtx = {
    size,
    variable(name) {
      const v = variables.get(name);
      if (!v) throw new Error(`no value for ${name}`);
      return v;
    },
    value: (e) => value(e),
  };
  const value = memoised(ctx);
  return ctx;
}

/**
 * An evaluator that sees `extra`'s values on top of `base`'s variables. A node that mentions none
 * of `names` (the names `extra` binds, now or later) is `base`'s own memoised value: checking a
 * printed formula or shifting one variable then re-evaluates only what depends on it (at 2048² an
 * unchanged W x is an n² pass saved).
 */
export function extended(base: EvalCtx, extra: ReadonlyMap<string, Mat>, names: ReadonlySet<string> = new Set(extra.keys())): EvalCtx {
  const mentions = new Map<Expr, boolean>();
  const mentioned = (e: Expr): boolean => {
    let m = mentions.get(e);
    if (m === undefined) {
      m = e.kind === 'var' ? names.has(e.name) : children(e).some(mentioned); // a ref's child is its definition
      mentions.set(e, m);
    }
    return m;
  };
  const ctx: EvalCtx = {
    size: base.size,
    variable: (name) => extra.get(name) ?? base.variable(name),
    value: (e) => (mentioned(e) ? own(e) : base.value(e)),
  };
  const own = memoised(ctx);
  return ctx;
}

/** A node's value by the rule of its kind, on `ctx`, computed once. */
function memoised(ctx: EvalCtx): (e: Expr) => Mat {
  const memo = new Map<Expr, Mat>();
  return (e) => {
    let v = memo.get(e);
    if (!v) {
      v = (RULES[e.kind] as Rule<Kind>)(e as never, ctx);
      memo.set(e, v);
    }
    return v;
  };
}
