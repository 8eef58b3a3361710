// Products, and the ones vector inside them. `\mathbf{1}^\top v` is read as sum(v) (the sum of
// v's entries; the AST has no ones vector of unknown length), and so is `v^\top \mathbf{1}`.
// For a matrix M, 1ᵀM is a row of column sums, not sum(M): a note says so whenever 1ᵀ is read.

import { UserError, type Expr, type Range } from '../../ast';
import { children } from '../../ast/walk';

/** The placeholder a lone `\mathbf{1}` parses to until a product gives it meaning. */
export const ONES = '\u{1D7CF}';

export const span = (a: { range: Range }, b: { range: Range }): Range => ({ start: a.range.start, end: b.range.end });

export const SUM_NOTE = '1ᵀv is read as sum(v), the sum of the entries of v (exact for a vector v).';

const isOnes = (e: Expr): boolean => e.kind === 'var' && e.name === ONES;
const isOnesT = (e: Expr): boolean => e.kind === 'transpose' && isOnes(e.arg);

/** The product of `factors`, left to right, with 1ᵀ(…) and (…)ᵀ1 read as sums. */
export function foldProduct(factors: readonly Expr[], notes: Set<string>): Expr {
  const k = factors.findIndex(isOnesT);
  if (k >= 0) {
    const onesT = factors[k] as Expr;
    const rest = factors.slice(k + 1);
    if (rest.length === 0) throw UserError.at('\\mathbf{1}^\\top needs a vector on its right: \\mathbf{1}^\\top x', onesT.range);
    const inner = foldProduct(rest, notes);
    notes.add(SUM_NOTE);
    const sum: Expr = { kind: 'sum', arg: inner, range: span(onesT, inner) };
    return chain([...factors.slice(0, k), sum]);
  }
  const last = factors[factors.length - 1] as Expr;
  if (factors.length >= 2 && isOnes(last)) {
    const before = factors.slice(0, -1);
    const only = before.length === 1 ? before[0] : undefined;
    if (only?.kind !== 'transpose') throw UserError.at('\\mathbf{1} is read only as x^\\top \\mathbf{1} or \\mathbf{1}^\\top x (a sum)', last.range);
    notes.add(SUM_NOTE);
    return { kind: 'sum', arg: only.arg, range: span(only, last) };
  }
  return chain(factors);
}

function chain(factors: readonly Expr[]): Expr {
  let e = factors[0] as Expr;
  for (const f of factors.slice(1)) e = { kind: 'mul', left: e, right: f, range: span(e, f) };
  return e;
}

/** A `\mathbf{1}` left over after parsing has no meaning: point at it. */
export function rejectStrayOnes(e: Expr): void {
  if (isOnes(e)) throw UserError.at('\\mathbf{1} is read only as \\mathbf{1}^\\top x (the sum of x): write it that way', e.range);
  for (const child of children(e)) rejectStrayOnes(child);
}
