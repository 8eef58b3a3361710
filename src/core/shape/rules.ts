// The shape rule of every AST node, one table keyed by kind. The same rules run twice:
// once with unification to infer unknown sizes, once to compute the shape of any expression.

import { UserError, isInferredSize, type Dim, type Expr, type ExprOf, type Kind, type Range } from '../ast';
import { looksLikeBias, looksLikeData, looksLikeWeight } from '../ast/names';
import { addPoly, asUnknown, constPoly, eqPoly, isOne, mulPoly, type Poly } from './dim';
import { visitOnce } from '../ast/query';
import { readVecPairs } from './vecPairs';

export interface Shape {
  readonly rows: Poly;
  readonly cols: Poly;
}

export interface ShapeCtx {
  of(e: Expr): Shape;
  /** Make two sizes equal, or throw the error `fail` builds. */
  unify(a: Poly, b: Poly, fail: () => string, range: Range): void;
  /** 1×1, or a guessed scalar (`λ`) that nothing has made larger. */
  isScalar(s: Shape): boolean;
  /** A guessed scalar: an undeclared `μ` or `d`, both of whose sizes may still grow. */
  isGuessedScalar(s: Shape): boolean;
  /** An unknown size that is probably 1: the columns of a guessed vector. */
  isHint(p: Poly): boolean;
  resolve(p: Poly): Poly;
  /** A size a node carries (𝟏's length): a declared size's name (`N`) is that declared size. */
  size(d: Dim): Poly;
  variable(name: string, range: Range): Shape;
  /** A reading the user should be told of (a note), said once sizes have their names. */
  reading(note: () => string): void;
  /** Remember that this `/` is read as A B⁻¹ (shape/division.ts rewrites it so). */
  markRightDivision(e: Expr): void;
  /** The user's text of a node, for messages. */
  text(e: Expr): string;
  fmt(s: Shape): string;
}

type Rule<K extends Kind> = (e: ExprOf<K>, c: ShapeCtx) => Shape;

export const MAX_MATRIX_POWER = 32;
const SCALAR: Shape = { rows: constPoly(1), cols: constPoly(1) };
const inferredOnes = (e: Expr): boolean => e.kind === 'ones' && (isInferredSize(e.rows) || isInferredSize(e.cols));

/** Sizes must agree entry by entry (`+`, `⊙`, …), with a scalar on either side broadcast. */
function elementwise(op: string, e: { left: Expr; right: Expr; range: Range }, c: ShapeCtx): Shape {
  const l = c.of(e.left);
  const r = c.of(e.right);
  if (c.isScalar(l) && !c.isScalar(r)) return r;
  if (c.isScalar(r)) return l;
  const fail = () => `shape mismatch in '${op}': ${c.text(e.left)} is ${c.fmt(l)} but ${c.text(e.right)} is ${c.fmt(r)}`;
  readVecPairs(e as Expr, e.left, e.right, l.rows, r.rows, c);
  c.unify(l.rows, r.rows, fail, e.range);
  c.unify(l.cols, r.cols, fail, e.range);
  return l;
}

/** `X W`, `X W_1`, `x Wᵀ`, `X V` (through a named step too): a weight on the right, or data (X, H) on the
 *  left; `GELU(X W_1) W_2`, a weight after a computed batch; `X W_x + H_{t-1} W_h`, a sum of such terms. */
function dataFirst(e: Expr): boolean {
  const prod = e.kind === 'ref' ? e.def : e;
  if (prod.kind === 'add' || prod.kind === 'sub') return dataFirst(prod.left) || dataFirst(prod.right);
  if (prod.kind === 'apply') return dataFirst(prod.arg);
  if (prod.kind !== 'mul') return false;
  // a named step (`hidden = …` then `hidden @ W2`) is data by its name as much as a variable is
  const name = (x: Expr): string | undefined => (x.kind === 'var' || x.kind === 'ref' ? x.name : x.kind === 'transpose' ? name(x.arg) : undefined);
  const right = name(prod.right);
  const left = name(prod.left);
  if (right !== undefined && left === undefined) return looksLikeWeight(right) && dataFirst(prod.left);
  if (right === undefined || left === undefined) return false;
  return (looksLikeWeight(right) && !looksLikeWeight(left)) || (looksLikeData(left) && !looksLikeData(right));
}

/** A name seen through maps entry by entry that keep its shape: `μ`, `μ²`, `exp(μ)`, `−μ`, `2μ`. */
function entrywiseOfName(e: Expr): boolean {
  switch (e.kind) {
    case 'var': return true;
    case 'epow': return entrywiseOfName(e.base);
    case 'apply': case 'neg': return entrywiseOfName(e.arg);
    case 'mul': return (e.left.kind === 'num' && entrywiseOfName(e.right)) || (e.right.kind === 'num' && entrywiseOfName(e.left));
    default: return false;
  }
}

/**
 * `μ + x`, `x − μ²`, `x − exp(μ)`, `x̂ ⊙ γ`: a guessed scalar met entry by entry by a vector, alone or
 * through maps that keep its shape, is read as a vector (prepare notes it); nobody writes ⊙ to scale.
 * Not a product: wᵀx of two guessed vectors is a scalar too, but widening it would make w a matrix.
 */
function widenGuessedScalar(e: { left: Expr; right: Expr; range: Range }, l: Shape, r: Shape, c: ShapeCtx): Shape | undefined {
  for (const [g, full, node] of [[l, r, e.left], [r, l, e.right]] as const) {
    if (entrywiseOfName(node) && c.isGuessedScalar(g) && !c.isScalar(full)) {
      c.unify(g.rows, full.rows, () => 'unreachable: a guessed scalar takes any size', e.range);
      c.unify(g.cols, full.cols, () => 'unreachable: a guessed scalar takes any size', e.range);
      return full;
    }
  }
  return undefined;
}

/**
 * `+` and `−` also broadcast a column across columns and a row across rows, as ML frameworks
 * do. A guessed vector (an undeclared lower-case name) meeting a row is a row itself.
 */
function additive(op: string, e: { left: Expr; right: Expr; range: Range }, c: ShapeCtx): Shape {
  const l = c.of(e.left);
  const r = c.of(e.right);
  const widened = widenGuessedScalar(e, l, r, c);
  if (widened) return widened;
  const oneish = (p: Poly) => isOne(c.resolve(p)) || c.isHint(p);
  // `wᵀx + b`, `⟨w, x⟩ + b`: a bias added to a computed number is that number's intercept, one number too
  for (const [term, bias, bs, full] of [[e.left, e.right, r, l], [e.right, e.left, l, r]] as const) {
    if (bias.kind === 'var' && looksLikeBias(bias.name) && c.isHint(bs.cols) && term.kind !== 'num' && term.kind !== 'var' && oneish(full.rows) && oneish(full.cols)) {
      c.unify(bs.rows, constPoly(1), () => 'unreachable: a guessed vector takes any size', e.range);
      return full;
    }
  }
  if (c.isScalar(l) || c.isScalar(r)) return elementwise(op, e, c);
  // `XW + b`: data first, so an undeclared bias is a row, broadcast over the batch's rows. Of a column
  // (`Xw`) that row is one number: a bias by its name is the intercept, any other name (`Xw − y`) is
  // the column's size, as the general rule below reads it
  for (const [term, bias, bs, full] of [[e.left, e.right, r, l], [e.right, e.left, l, r]] as const) {
    if (bias.kind === 'var' && c.isHint(bs.cols) && dataFirst(term) && (looksLikeBias(bias.name) || !(isOne(c.resolve(full.cols)) || c.isHint(full.cols)))) {
      const fail = () => `shape mismatch in '${op}': ${c.text(bias)} is a bias row but ${c.text(term)} is ${c.fmt(full)}`;
      c.unify(bs.rows, constPoly(1), fail, e.range);
      c.unify(bs.cols, full.cols, fail, e.range);
      return full;
    }
  }
  const one = (p: Poly) => isOne(c.resolve(p));
  const fail = () => `shape mismatch in '${op}': ${c.text(e.left)} is ${c.fmt(l)} but ${c.text(e.right)} is ${c.fmt(r)}`;
  const pairs = [[l, r], [r, l]] as const;
  if (pairs.some(([vec, full]) => c.isHint(vec.cols) && one(full.rows) && !oneish(full.cols))) return elementwise(op, e, c);
  for (const [vec, full] of pairs) {
    if (oneish(vec.cols) && !oneish(full.cols)) {
      c.unify(vec.rows, full.rows, fail, e.range);
      return full;
    }
    // a row, or the transpose of a guessed vector (b' in X W' + b'), broadcast across rows
    if (oneish(vec.rows) && !oneish(full.rows) && !oneish(vec.cols)) {
      c.unify(vec.cols, full.cols, fail, e.range);
      return full;
    }
  }
  return elementwise(op, e, c);
}

/** An exponent as written after `.^`: a name or number alone, else in parentheses (`.^(2')`, not `.^2'`, which is (·.^2)'). */
const atom = (text: string): string => (/^[\w.]+$/.test(text) ? text : `(${text})`);

/** Neither size is 1 or a guessed vector's: a matrix. */
const isMatrix = (s: Shape, c: ShapeCtx): boolean =>
  [s.rows, s.cols].every((p) => !isOne(c.resolve(p)) && !c.isHint(p));

/** `A/B` by a matrix is A B⁻¹: B square, as many columns in A as B has rows. */
function rightDivision(e: ExprOf<'div'>, c: ShapeCtx): Shape {
  const l = c.of(e.left);
  const r = square(`${c.text(e)}, read as ${c.text(e.left)} times the inverse of ${c.text(e.right)},`, e.right, c, e.range);
  if (c.isScalar(l)) return r;
  c.unify(l.cols, r.rows, () =>
    `shape mismatch in ${c.text(e)}, read as ${c.text(e.left)} times the inverse of ${c.text(e.right)}: ` +
    `${c.text(e.left)} is ${c.fmt(l)} and ${c.text(e.right)} is ${c.fmt(r)}, so the inner sizes differ (./ divides entry by entry)`, e.range);
  return { rows: l.rows, cols: r.cols };
}

function square(what: string, arg: Expr, c: ShapeCtx, range: Range): Shape {
  const s = c.of(arg);
  c.unify(s.rows, s.cols, () => `${what} needs a square matrix, but ${c.text(arg)} is ${c.fmt(s)}`, range);
  return s;
}

const same = (e: { arg: Expr }, c: ShapeCtx): Shape => c.of(e.arg);

/**
 * diag of a vector is the n×n diagonal matrix, diag of a matrix its diagonal (a column). Which one is
 * decided here, while sizes are inferred, and made final at once: a guessed vector (an undeclared
 * lower-case name) gets one column, a matrix is made square. No later constraint can make the two
 * readings differ: a square matrix that turns out a vector is 1×1, where both agree.
 */
function diagonal(e: ExprOf<'diag'>, c: ShapeCtx): Shape {
  const s = c.of(e.arg);
  const vectorSide = (p: Poly): boolean => isOne(c.resolve(p)) || c.isHint(p);
  if (vectorSide(s.cols)) {
    c.unify(s.cols, constPoly(1), () => 'unreachable: a guessed vector has one column', e.range);
    return { rows: s.rows, cols: s.rows };
  }
  if (vectorSide(s.rows)) {
    c.unify(s.rows, constPoly(1), () => 'unreachable: a guessed vector has one row', e.range);
    return { rows: s.cols, cols: s.cols };
  }
  square(`diag(${c.text(e.arg)}) of a matrix (its diagonal)`, e.arg, c, e.range);
  return { rows: s.rows, cols: constPoly(1) };
}

/** ‖x‖₁ of a vector; a matrix is refused (its entrywise sum and NumPy's induced norm differ). */
function norm1(e: ExprOf<'norm1'>, c: ShapeCtx): Shape {
  const s = c.of(e.arg);
  const vectorSide = (p: Poly): boolean => isOne(c.resolve(p)) || c.isHint(p);
  if (vectorSide(s.cols)) c.unify(s.cols, constPoly(1), () => 'unreachable: a guessed vector has one column', e.range);
  else if (!vectorSide(s.rows)) {
    throw UserError.at(`norm1 needs a vector, but ${c.text(e.arg)} is ${c.fmt(s)}: write sum(abs(${c.text(e.arg)})) for the sum of its entries' sizes (the induced 1-norm, NumPy's for a matrix, is not supported)`, e.range);
  }
  return SCALAR;
}

/** ‖x‖∞ of a vector; a matrix is refused (the max-row-sum norm NumPy means is not supported). */
function normInf(e: ExprOf<'norminf'>, c: ShapeCtx): Shape {
  const s = c.of(e.arg);
  const vectorSide = (p: Poly): boolean => isOne(c.resolve(p)) || c.isHint(p);
  if (vectorSide(s.cols)) c.unify(s.cols, constPoly(1), () => 'unreachable: a guessed vector has one column', e.range);
  else if (!vectorSide(s.rows)) {
    throw UserError.at(`norm_inf needs a vector, but ${c.text(e.arg)} is ${c.fmt(s)}: the induced ∞-norm of a matrix (its largest row sum of |entries|) is not supported; write norm_inf(vec(${c.text(e.arg)})) for its largest entry's size`, e.range);
  }
  return SCALAR;
}

/** Parts joined along `axis`: the joined sizes add up; the other size must be the same in every part. */
function concat(e: ExprOf<'concat'>, c: ShapeCtx): Shape {
  const shapes = e.parts.map((p) => c.of(p));
  const first = shapes[0] as Shape;
  const [join, keep] = e.axis === 'rows' ? (['rows', 'cols'] as const) : (['cols', 'rows'] as const);
  e.parts.forEach((p, i) => {
    const s = shapes[i] as Shape;
    const fail = () => `shape mismatch in a concatenation ${e.axis === 'rows' ? 'stacked one above the other' : 'side by side'}: ` +
      `${c.text(e.parts[0] as Expr)} is ${c.fmt(first)} but ${c.text(p)} is ${c.fmt(s)}, and the parts need the same number of ${keep === 'rows' ? 'rows' : 'columns'}`;
    if (!alignBlocks(e.parts[0] as Expr, p, keep, c)) c.unify(first[keep], s[keep], fail, p.range);
  });
  const total = shapes.reduce<Poly>((acc, s) => addPoly(acc, s[join]), new Map());
  return join === 'rows' ? { rows: total, cols: first.cols } : { rows: first.rows, cols: total };
}

const hasUnknown = (p: Poly): boolean => [...p.keys()].some((k) => k.includes('?'));

/**
 * Rows of blocks [A, B; C, D] whose widths are not all given: A + B = C + D cannot be solved for the
 * unknowns, so the blocks are read aligned, A with C and B with D, as a block matrix is drawn (a note
 * says so). False when the rows are not such, or their widths are known (then the totals must agree).
 */
function alignBlocks(top: Expr, row: Expr, keep: 'rows' | 'cols', c: ShapeCtx): boolean {
  if (top === row || top.kind !== 'concat' || row.kind !== 'concat' || top.axis !== keep || row.axis !== keep) return false;
  if (top.parts.length !== row.parts.length) return false;
  const [a, b] = [c.resolve(c.of(top)[keep]), c.resolve(c.of(row)[keep])];
  if (eqPoly(a, b) || (!hasUnknown(a) && !hasUnknown(b))) return false;
  top.parts.forEach((t, j) => {
    const r = row.parts[j] as Expr;
    const fail = () => `shape mismatch in a block matrix: ${c.text(t)} is ${c.fmt(c.of(t))} but ${c.text(r)}, below it, is ${c.fmt(c.of(r))}`;
    c.unify(c.of(t)[keep], c.of(r)[keep], fail, r.range);
  });
  c.reading(() => `In the block rows ${c.text(top)} and ${c.text(row)}, the blocks' sizes are not all given: each block is read as wide as the one above it, as a block matrix is drawn.`);
  return true;
}

/** ‖·‖₂ of a vector or a matrix (Euclidean or spectral, which agree on a vector): a guessed vector keeps one column. */
function norm2(e: ExprOf<'norm2'>, c: ShapeCtx): Shape {
  const s = c.of(e.arg);
  if (c.isHint(s.cols)) c.unify(s.cols, constPoly(1), () => 'unreachable: a guessed vector has one column', e.range);
  return SCALAR;
}

export const SHAPE_RULES: { readonly [K in Kind]: Rule<K> } = {
  var: (e, c) => c.variable(e.name, e.range),
  ref: (e, c) => c.of(e.def),
  num: () => SCALAR,
  add: (e, c) => additive('+', e, c),
  sub: (e, c) => additive('−', e, c),
  neg: same,
  mul: (e, c) => {
    const l = c.of(e.left);
    const r = c.of(e.right);
    // a ones vector whose length is inferred is a factor of a matrix product (X𝟏), never scaled
    if (c.isScalar(l) && !inferredOnes(e.right)) return r;
    // `Xβ`, `Vᵀα`, `Kα`: a number is written before a matrix (λX); a coefficient letter after one is a
    // vector of coefficients (prepare notes it)
    if (e.right.kind === 'var' && c.isGuessedScalar(r) && isMatrix(l, c)) {
      c.unify(r.rows, l.cols, () => 'unreachable: a guessed scalar takes any size', e.range);
    }
    if (c.isScalar(r) && !inferredOnes(e.left)) return l;
    readVecPairs(e, e.left, e.right, l.cols, r.rows, c);
    c.unify(l.cols, r.rows, () =>
      `shape mismatch in the product ${c.text(e)}: ${c.text(e.left)} is ${c.fmt(l)} and ${c.text(e.right)} is ${c.fmt(r)}, ` +
      'so the inner sizes differ', e.range);
    return { rows: l.rows, cols: r.cols };
  },
  hadamard: (e, c) => widenGuessedScalar(e, c.of(e.left), c.of(e.right), c) ?? elementwise('⊙', e, c),
  div: (e, c) => {
    if (!e.slash || !isMatrix(c.of(e.right), c)) return elementwise('/', e, c);
    c.markRightDivision(e);
    return rightDivision(e, c);
  },
  epow: (e, c) => c.of(e.base),
  mpow: (e, c) => {
    const s = c.of(e.base);
    if (c.isScalar(s)) return s;
    if (!Number.isInteger(e.exponent) || e.exponent < 0) {
      throw UserError.at(`${c.text(e)}: a matrix power needs a whole exponent (use .^ for an elementwise power)`, e.range);
    }
    if (!isOne(c.resolve(s.rows)) && c.isHint(s.cols)) {
      throw UserError.at(`${c.text(e)}: ${c.text(e.base)} is a vector (as an undeclared lower-case name is), which has no matrix power; ` +
        `write ${c.text(e.base)}.^${e.exponent} for its entries to the power ${e.exponent}, or declare it a square matrix`, e.range);
    }
    if (e.exponent > MAX_MATRIX_POWER) {
      throw UserError.at(`${c.text(e)}: matrix powers above ${MAX_MATRIX_POWER} are not expanded into their ${e.exponent} Kronecker terms`, e.range);
    }
    return square(`the power ${c.text(e)}`, e.base, c, e.range);
  },
  transpose: (e, c) => {
    const s = c.of(e.arg);
    return { rows: s.cols, cols: s.rows };
  },
  apply: same,
  softmax: (e, c) => {
    const s = c.of(e.arg);
    if (e.each) return s;
    if (isOne(c.resolve(s.rows)) || isOne(c.resolve(s.cols))) return s;
    const bent = guessedWith(e.arg, asUnknown(c.resolve(s.cols)), c);
    const t = c.text(e.arg);
    const eachRow = `the softmax of each row is softmax_row(${t}) (\\operatorname{softmax}_{\\mathrm{row}} in LaTeX, dim=-1 in PyTorch), of each column softmax_col(${t})`;
    try {
      c.unify(s.cols, constPoly(1), () => `softmax needs a vector, but ${t} is ${c.fmt(s)}`, e.range);
    } catch (err) {
      throw err instanceof UserError ? new UserError(`${err.message}; ${eachRow}`, err.start, err.end) : err;
    }
    // an undeclared matrix made a row or column to fit: said, since attention's scores are a matrix
    if (bent.length) {
      c.reading(() => `softmax needs a vector: ${bent.map((v) => `${c.text(v)} (${c.fmt(c.of(v))})`).join(', ')} ` +
        `${bent.length === 1 ? 'is' : 'are'} not declared and read so that ${t} is a column. If ${t} is a matrix, ${eachRow}; or declare the sizes.`);
    }
    return s;
  },
  sum: (e, c) => (c.of(e.arg), SCALAR),
  trace: (e, c) => (square('trace', e.arg, c, e.range), SCALAR),
  det: (e, c) => (square('det', e.arg, c, e.range), SCALAR),
  logdet: (e, c) => (square('logdet', e.arg, c, e.range), SCALAR),
  inv: (e, c) => square('the inverse', e.arg, c, e.range),
  adj: (e, c) => square('the adjugate', e.arg, c, e.range),
  norm: (e, c) => (c.of(e.arg), SCALAR),
  kron: (e, c) => {
    const l = c.of(e.left);
    const r = c.of(e.right);
    return { rows: mulPoly(l.rows, r.rows), cols: mulPoly(l.cols, r.cols) };
  },
  ones: (e, c) => ({ rows: c.size(e.rows), cols: c.size(e.cols) }),
  eye: (e, c) => ({ rows: c.size(e.n), cols: c.size(e.n) }),
  vec: (e, c) => {
    const s = c.of(e.arg);
    return { rows: mulPoly(s.rows, s.cols), cols: constPoly(1) };
  },
  unvec: (e, c) => (c.of(e.arg), { rows: c.size(e.rows), cols: c.size(e.cols) }),
  diag: diagonal,
  pow: (e, c) => {
    if (!e.caret) return elementwise('.^', e, c);
    // aᵇ is a power of scalars: an undeclared lower-case a or b is one; a matrix (X^b) or a vector is refused
    for (const side of [e.left, e.right]) {
      const s = c.of(side);
      const fail = () => `${c.text(e)}: a power with an exponent that is not a number is a power of scalars, but ${c.text(side)} is not a scalar (${c.fmt(s)}); write ${c.text(e.left)}.^${atom(c.text(e.right))} for a power entry by entry`;
      if (!isOne(c.resolve(s.cols)) && !c.isHint(s.cols)) throw UserError.at(fail(), e.range);
      c.unify(s.rows, constPoly(1), fail, e.range);
      c.unify(s.cols, constPoly(1), fail, e.range);
    }
    return SCALAR;
  },
  norm1,
  norm2,
  norminf: normInf,
  peak: (e, c) => c.of(e.arg),
  concat,
  block: (e, c) => {
    const s = c.of(e.arg);
    return { rows: e.rows ? c.size(e.rows.size) : s.rows, cols: e.cols ? c.size(e.cols.size) : s.cols };
  },
  singular: (e, c) => {
    const s = c.of(e.arg);
    return { rows: e.side === 'u' ? s.rows : s.cols, cols: constPoly(1) };
  },
};

export function shapeRule(e: Expr, c: ShapeCtx): Shape {
  return (SHAPE_RULES[e.kind] as Rule<Kind>)(e as never, c);
}

/** The undeclared names of `e` (matrices by their guess, not hints) that have the unknown size `u`. */
function guessedWith(e: Expr, u: string | undefined, c: ShapeCtx): Expr[] {
  if (!u || u.startsWith('?~')) return [];
  const found = new Map<string, Expr>();
  visitOnce([e], (n) => {
    if (n.kind !== 'var' || found.has(n.name)) return;
    const v = c.of(n);
    if ([v.rows, v.cols].some((p) => asUnknown(c.resolve(p)) === u)) found.set(n.name, n);
  });
  return [...found.values()];
}
