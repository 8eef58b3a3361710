// Products, and the ones vector inside them. `\mathbf{1}^\top M` is the product 𝟏ᵀM (for a vector,
// the sum of its entries; for a matrix, the row of its column sums) and `v^\top \mathbf{1}` is vᵀ𝟏:
// the length of 𝟏 is left to shape inference (ast: INFERRED_SIZE), one unknown per 𝟏 written.

import { INFERRED_SIZE, UserError, type Dim, type Expr, type Range } from '../../ast';
import { children } from '../../ast/walk';

/** The placeholder a lone `\mathbf{1}` parses to until a product gives it meaning; `\mathbf{1}_n` adds
 *  its length after a colon (`𝟏:n`), which no name can hold. */
export const ONES = '\u{1D7CF}';
export const sizedOnes = (n: Dim): string => `${ONES}:${n}`;
const lengthOf = (name: string): string | undefined => (name.startsWith(`${ONES}:`) ? name.slice(ONES.length + 1) : undefined);

export const span = (a: { range: Range }, b: { range: Range }): Range => ({ start: a.range.start, end: b.range.end });

export const isOnes = (e: Expr): boolean => e.kind === 'var' && (e.name === ONES || lengthOf(e.name) !== undefined);
const isOnesT = (e: Expr): boolean => e.kind === 'transpose' && isOnes(e.arg);

/** The ones column or row written at `at`, its length the one written (`\mathbf{1}_n`) or an unknown of
 *  its own (named by its place). */
const ones = (at: Expr, row: boolean): Expr => {
  const v = at.kind === 'transpose' ? at.arg : at;
  const written = v.kind === 'var' ? lengthOf(v.name) : undefined;
  const n: Dim = written === undefined ? `${INFERRED_SIZE}_${at.range.start}` : /^\d+$/.test(written) ? Number(written) : written;
  return { kind: 'ones', rows: row ? 1 : n, cols: row ? n : 1, range: at.range };
};

/** The product of `factors`, left to right, with 𝟏ᵀ(…) and (…)ᵀ𝟏 as products with the ones vector. */
export function foldProduct(factors: readonly Expr[]): Expr {
  const k = factors.findIndex(isOnesT);
  if (k >= 0) {
    const onesT = factors[k] as Expr;
    const rest = factors.slice(k + 1);
    if (rest.length === 0) throw UserError.at('\\mathbf{1}^\\top needs a vector on its right: \\mathbf{1}^\\top x', onesT.range);
    const inner = foldProduct(rest);
    const product: Expr = { kind: 'mul', left: ones(onesT, true), right: inner, range: span(onesT, inner) };
    return chain([...factors.slice(0, k), product]);
  }
  const last = factors[factors.length - 1] as Expr;
  if (factors.length >= 2 && isOnes(last)) {
    // \frac{1}{n} X^\top \mathbf{1}: a coefficient may come before the transposed factor
    const only = factors[factors.length - 2] as Expr;
    if (only.kind !== 'transpose') throw UserError.at('\\mathbf{1} is read only as x^\\top \\mathbf{1} or \\mathbf{1}^\\top x (a sum)', last.range);
    const sum: Expr = { kind: 'mul', left: only, right: ones(last, false), range: span(only, last) };
    return chain([...factors.slice(0, -2), sum]);
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
