// vec(X)ᵀ vec(Y), vec(X) + vec(Y), (A ⊗ B) vec X: a vec has rows·cols entries, and equating two
// such products fixes only the product, which unification cannot split. When the sizes given do not
// settle it, the matrices under vec are read factor by factor — Y with X's shape; X as q×n in
// (A ⊗ B) vec X with A m×n and B p×q, the vec trick's vec(B X Aᵀ) — and a note says so: Y could as
// well have the transposed shape, or be a column of as many entries.

import type { Expr } from '../ast';
import { asUnknown, eqPoly, symbolsOf, type Poly } from './dim';
import type { Shape, ShapeCtx } from './rules';

/** The matrix a side is the vec of, and its shape: X of vec(X) or vec(X)ᵀ; B X Aᵀ (p×m) of (A ⊗ B) vec X, A m×n, B p×q. */
function underVec(e: Expr, c: ShapeCtx): { of: Expr; shape: Shape } | undefined {
  if (e.kind === 'vec') return { of: e.arg, shape: c.of(e.arg) };
  if (e.kind === 'transpose' && e.arg.kind === 'vec') return { of: e.arg.arg, shape: c.of(e.arg.arg) };
  if (e.kind === 'mul' && e.left.kind === 'kron' && e.right.kind === 'vec') return { of: e, shape: { rows: c.of(e.left.right).rows, cols: c.of(e.left.left).rows } };
  // vec(X)ᵀ (A ⊗ B) = vec(Bᵀ X A)ᵀ, q×n
  if (e.kind === 'mul' && e.right.kind === 'kron' && underVec(e.left, c)) return { of: e, shape: { rows: c.of(e.right.right).cols, cols: c.of(e.right.left).cols } };
  return undefined;
}

/** Two sizes that unification cannot equate: a product of sizes against another size that is no single unknown. */
function unsplit(a: Poly, b: Poly, c: ShapeCtx): boolean {
  const [ra, rb] = [c.resolve(a), c.resolve(b)];
  return !eqPoly(ra, rb) && !asUnknown(ra) && !asUnknown(rb) && [...symbolsOf(ra), ...symbolsOf(rb)].some((s) => s.startsWith('?'));
}

const known = (s: Shape, c: ShapeCtx): boolean => [s.rows, s.cols].every((p) => !symbolsOf(c.resolve(p)).some((x) => x.startsWith('?')));

type Side = { of: Expr; shape: Shape };

/** Read `to` with `from`'s shape, rows with rows, and say so unless both are vectors (where nothing is guessed). */
function sameShape(whole: Expr, from: Side, to: Side, c: ShapeCtx): void {
  const [f, t] = [from.shape, to.shape];
  const fail = () => `${c.text(whole)}: ${c.text(to.of)} (${c.fmt(t)}) cannot have the shape of ${c.text(from.of)} (${c.fmt(f)})`;
  const vectors = c.isHint(f.cols) && c.isHint(t.cols);
  c.unify(t.rows, f.rows, fail, whole.range);
  c.unify(t.cols, f.cols, fail, whole.range);
  if (vectors) return;
  const what = (x: Side) => (x.of.kind === 'mul' ? `the matrix ${c.text(x.of)} is the vec of` : c.text(x.of));
  c.reading(() => `In ${c.text(whole)}, ${c.text(to.of)} needs only as many entries as ${what(from)}, and its sizes are not given: it is read with the ` +
    `shape ${c.fmt(f)}. It could as well have the transposed shape, or be a column of as many entries: declare its size if so.`);
}

/** Before `left`'s and `right`'s sizes `a` and `b` are equated (a product's inner sizes, or a sum's rows): split a product of sizes where a vec allows it. */
export function readVecPairs(whole: Expr, left: Expr, right: Expr, a: Poly, b: Poly, c: ShapeCtx): void {
  if (!unsplit(a, b, c)) return;
  const [p, q] = [underVec(left, c), underVec(right, c)];
  if (p && q) {
    const [from, to] = known(q.shape, c) && !known(p.shape, c) ? [q, p] : [p, q];
    sameShape(whole, from, to, c);
  } else if (left.kind === 'kron' && right.kind === 'vec') {
    // (A ⊗ B) vec X = vec(B X Aᵀ): X has B's columns as rows and A's columns as columns
    byVecTrick(whole, right.arg, c.of(left.right).cols, c.of(left.left).cols, 'vec(B X Aᵀ)', c);
  } else if (right.kind === 'kron' && left.kind === 'transpose' && left.arg.kind === 'vec') {
    // vec(X)ᵀ (A ⊗ B) = vec(Bᵀ X A)ᵀ: X has B's rows as rows and A's rows as columns
    byVecTrick(whole, left.arg.arg, c.of(right.right).rows, c.of(right.left).rows, 'vec(Bᵀ X A)ᵀ', c);
  }
}

/** X of a vec beside A ⊗ B read with the sizes `rows` × `cols` the vec trick gives it, said in a note. */
function byVecTrick(whole: Expr, x: Expr, rows: Poly, cols: Poly, trick: string, c: ShapeCtx): void {
  const s = c.of(x);
  const fail = () => `${c.text(whole)}: ${c.text(x)} (${c.fmt(s)}) cannot be read so that this is ${trick}`;
  c.unify(s.rows, rows, fail, whole.range);
  c.unify(s.cols, cols, fail, whole.range);
  c.reading(() => `In ${c.text(whole)}, ${c.text(x)}'s sizes are not given: it is read as ${c.fmt(c.of(x))}, so that the product is ` +
    `${trick} for A ⊗ B (the vec trick); any shape with as many entries would do as well: declare its size if it is another.`);
}
