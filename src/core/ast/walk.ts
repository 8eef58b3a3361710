// The one walk over the AST: a node's children and a node rebuilt from new children, both
// tables keyed by kind (a new kind is a compile error here, nowhere else). A ref's definition is
// its child, so passes that follow refs (shapes, rules, values) and passes over a front-end's
// output (which has no refs yet) read the same tree.

import type { Expr, ExprOf, Kind, Range } from './index';

type Children<K extends Kind> = (e: ExprOf<K>) => Expr[];
type Rebuild<K extends Kind> = (e: ExprOf<K>, kids: readonly Expr[], range: Range) => ExprOf<K>;

const kid = (kids: readonly Expr[], i: number): Expr => {
  const k = kids[i];
  if (!k) throw new Error(`rebuild: child ${i} missing`);
  return k;
};

const none = (): Expr[] => [];
const pair = (e: { left: Expr; right: Expr }): Expr[] => [e.left, e.right];
const one = (e: { arg: Expr }): Expr[] => [e.arg];

const CHILDREN: { readonly [K in Kind]: Children<K> } = {
  var: none, num: none, ones: none, eye: none,
  ref: (e) => [e.def],
  add: pair, sub: pair, mul: pair, hadamard: pair, div: pair, kron: pair,
  epow: (e) => [e.base], mpow: (e) => [e.base],
  neg: one, transpose: one, apply: one, softmax: one, sum: one, trace: one, det: one, logdet: one, inv: one, norm: one, vec: one,
  unvec: one, diag: one, adj: one, norm1: one, norm2: one, norminf: one, peak: one, singular: one, pow: pair,
  concat: (e) => [...e.parts], block: one,
};

// Written out per kind rather than as object spreads: spreads over the AST's many node shapes are
// slow, and shifting ranges runs on every block an edit moves.
type Binary = ExprOf<'add' | 'sub' | 'mul' | 'hadamard' | 'div' | 'kron'>;
type Unary = ExprOf<'neg' | 'transpose' | 'sum' | 'trace' | 'det' | 'logdet' | 'inv' | 'norm' | 'vec' | 'diag' | 'adj' | 'norm1' | 'norm2' | 'norminf' | 'peak'>;
// `never`: each returns a node of its input's own kind, which TypeScript cannot follow through the union.
const binary = (e: Binary, kids: readonly Expr[], range: Range): never => ({ kind: e.kind, left: kid(kids, 0), right: kid(kids, 1), range }) as never;
const unary = (e: Unary, kids: readonly Expr[], range: Range): never => ({ kind: e.kind, arg: kid(kids, 0), range }) as never;
const power = (e: ExprOf<'epow' | 'mpow'>, kids: readonly Expr[], range: Range): never =>
  ({ kind: e.kind, base: kid(kids, 0), exponent: e.exponent, range }) as never;

const REBUILD: { readonly [K in Kind]: Rebuild<K> } = {
  var: (e, _, range) => ({ kind: 'var', name: e.name, range }),
  num: (e, _, range) => ({ kind: 'num', value: e.value, range }),
  ones: (e, _, range) => ({ kind: 'ones', rows: e.rows, cols: e.cols, range }),
  eye: (e, _, range) => ({ kind: 'eye', n: e.n, range }),
  ref: (e, kids, range) => ({ kind: 'ref', name: e.name, def: kid(kids, 0), range }),
  add: binary, sub: binary, mul: binary, hadamard: binary, kron: binary,
  div: (e, kids, range) => (e.slash ? { kind: 'div', left: kid(kids, 0), right: kid(kids, 1), slash: true, range } : binary(e, kids, range)),
  epow: power, mpow: power,
  apply: (e, kids, range) => ({ kind: 'apply', fn: e.fn, arg: kid(kids, 0), range }),
  softmax: (e, kids, range) => (e.each ? { kind: 'softmax', arg: kid(kids, 0), each: e.each, range } : { kind: 'softmax', arg: kid(kids, 0), range }),
  neg: unary, transpose: unary, sum: unary, trace: unary, det: unary, logdet: unary, inv: unary, norm: unary, vec: unary, diag: unary, adj: unary, norm1: unary, norm2: unary, norminf: unary, peak: unary,
  singular: (e, kids, range) => ({ kind: 'singular', arg: kid(kids, 0), side: e.side, range }),
  pow: (e, kids, range) => (e.caret ? { kind: 'pow', left: kid(kids, 0), right: kid(kids, 1), caret: true, range } : { kind: 'pow', left: kid(kids, 0), right: kid(kids, 1), range }),
  unvec: (e, kids, range) => ({ kind: 'unvec', arg: kid(kids, 0), rows: e.rows, cols: e.cols, range }),
  concat: (e, kids, range) => ({ kind: 'concat', parts: e.parts.map((_, i) => kid(kids, i)), axis: e.axis, range }),
  block: (e, kids, range) => ({ ...e, arg: kid(kids, 0), range }),
};

/** The sub-expressions of a node, in a fixed order (`rebuild` takes them back in that order). */
export function children(e: Expr): Expr[] {
  return (CHILDREN[e.kind] as Children<Kind>)(e as never);
}

/** A copy of `e` with `kids` for its children (in `children` order) and `range`. */
export function rebuild(e: Expr, kids: readonly Expr[], range: Range = e.range): Expr {
  return (REBUILD[e.kind] as Rebuild<Kind>)(e as never, kids, range);
}

/** `e` with its children mapped by `f`; `e` itself when no child changed (so unchanged subtrees are shared). */
export function mapChildren(e: Expr, f: (c: Expr) => Expr): Expr {
  const kids = children(e);
  if (kids.length === 0) return e;
  const next = kids.map(f);
  return next.every((k, i) => k === kids[i]) ? e : rebuild(e, next);
}
