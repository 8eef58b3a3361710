// Sums and means along an axis (`x.mean(dim=-1)`, `X.sum(axis=0)`, `torch.mean(X, 1)`,
// `np.sum(X, axis=1, keepdims=True)`) as the products with 𝟏 of ops/reduction.ts. The axis is read
// on the 2-D data of the definition: the last axis runs along each row (X𝟏), the first along each
// column (𝟏ᵀX). Without keepdim the result is 1-D, which the file's convention makes a row or a
// column; a 1-D input has one axis, so any axis sums all of it.

import { INFERRED_SIZE, UserError, type Expr, type Range } from '../../ast';
import { namesIn } from '../../ast/query';
import { reduce, type Along } from '../../ops/reduction';
import { axisNumber, axisOfMatrix } from './axes';
import type { PyExpr } from './syntax';
import type { Translator } from './translate';

/** What a reduction needs of its call: the tensor, and the axis and keepdim arguments. */
export interface ReductionArgs {
  readonly range: Range;
  first(): Expr;
  /** `dim=` / `axis=`, else the first argument after the tensor. */
  readonly axis: PyExpr | undefined;
  /** `keepdim=` / `keepdims=`, else the second argument after the tensor. */
  readonly keep: PyExpr | undefined;
}

const isNone = (e: PyExpr | undefined): boolean => !e || (e.k === 'other' && e.what === 'None');

/** `dim=(0, 1)` of a matrix is every entry; one axis is read by axisOfMatrix. */
function alongOf(axis: PyExpr | undefined, what: string): Along {
  if (isNone(axis)) return 'all';
  const a = axis as PyExpr;
  if (a.k === 'tuple' || a.k === 'list') {
    const set = new Set(a.items.map((i) => axisOfMatrix(i, what)));
    if (a.items.length === 2 && set.size === 2) return 'all';
    throw UserError.at(`${what} over the axes ${a.items.map((i) => axisNumber(i) ?? '?').join(', ')} has no matrix form: sum over one axis, or both of a matrix`, a.range);
  }
  return axisOfMatrix(a, what) ?? 'all';
}

function keepsDims(keep: PyExpr | undefined): boolean {
  if (isNone(keep)) return false;
  const k = keep as PyExpr;
  if (k.k === 'other' && (k.what === 'True' || k.what === 'False')) return k.what === 'True';
  throw UserError.at('keepdim must be written True or False', k.range);
}

/** The note that says which axis was summed, what that is in PyTorch's layout, and how a 1-D result is read. */
function axisNote(what: string, along: Along, keep: boolean, row: boolean, turned: boolean): string {
  const mean = what === 'mean';
  const form = along === 'row' ? `X𝟏${mean ? '/n' : ''}` : `𝟏ᵀX${mean ? '/m' : ''}`;
  const axis = along === 'row'
    ? `the last axis (dim=-1, axis=1) runs along each row of X ∈ ℝ^{m×n}: with a sample per row (X ∈ ℝ^{batch×features}, PyTorch's layout) that is over each sample's features`
    : `the first axis (dim=0, axis=0) runs down each column of X ∈ ℝ^{m×n}: with a sample per row (X ∈ ℝ^{batch×features}, PyTorch's layout) that is over the batch`;
  const oneD = keep ? '' : ` Without keepdim the result is 1-D, and 1-D tensors are ${row ? 'rows' : 'columns'} here: ${turned ? `(${form})ᵀ` : form}.`;
  return `${what}: ${axis}; written ${form}, with 𝟏 the ones column.${oneD}`;
}

/** The axes each reduction leaves: one fewer than its input's, or as many with keepdim. */
const AXES = new WeakMap<Expr, number>();

export const axesOfReduction = (e: Expr): number | undefined => AXES.get(e);

/** Reductions kept as a column (`keepdim=True` along each row) or a row (along each column). */
const KEPT = new WeakMap<Expr, 'row' | 'col'>();

/** Is `e` a kept reduction, or a name given to one (`s = e.sum(1, keepdims=True)`)? */
export function keptAxis(t: Translator, e: Expr): 'row' | 'col' | undefined {
  return KEPT.get(e) ?? (e.kind === 'var' ? t.ctx.kept.get(e.name) : undefined);
}

/**
 * `e / e.sum(1, keepdims=True)`: a kept column divides or multiplies every column (a kept row every
 * row), as NumPy and PyTorch broadcast it; ⊙ and ⊘ here are entry by entry, so the spread is
 * written out, r𝟏ᵀ or 𝟏r, as ops/normalization.ts writes σ𝟏ᵀ.
 */
export function spreadKept(t: Translator, left: Expr, right: Expr): [Expr, Expr] {
  const spread = (e: Expr, along: 'row' | 'col'): Expr => {
    const n = t.ctx.fresh(INFERRED_SIZE);
    t.ctx.notes.add(`A sum or mean kept with keepdim is spread over the ${along === 'row' ? 'columns' : 'rows'} of what it divides or multiplies, as NumPy and PyTorch broadcast it: written ${along === 'row' ? 'r𝟏ᵀ' : '𝟏r'}.`);
    const ones: Expr = { kind: 'ones', rows: along === 'row' ? 1 : n, cols: along === 'row' ? n : 1, range: e.range };
    return { kind: 'mul', left: along === 'row' ? e : ones, right: along === 'row' ? ones : e, range: e.range };
  };
  const [kl, kr] = [keptAxis(t, left), keptAxis(t, right)];
  if (kl && !kr && right.kind !== 'num') return [spread(left, kl), right];
  if (kr && !kl && left.kind !== 'num') return [left, spread(right, kr)];
  return [left, right];
}

/** The reduction of the call's tensor along its axis, oriented as the file's convention reads its result. */
export function reduction(t: Translator, a: ReductionArgs, mean: boolean): Expr {
  const what = mean ? 'mean' : 'sum';
  const x = a.first();
  const keep = keepsDims(a.keep);
  const row = t.ctx.convention === 'row';
  // axis 1 or -2 exists only from 2-D on
  const n = axisNumber(a.axis);
  const axes = t.axesOf(x) ?? (n === 1 || n === -2 ? 2 : undefined);
  const along: Along = axes === 1 || axes === 0 ? 'all' : alongOf(a.axis, what);
  // of a value whose axes are unknown, axis 0 or -1 reads differently on a 1-D tensor: in the row
  // convention a 1-D x is 1×n, whose sum along dim=0 is all of it, but 𝟏ᵀx = x
  if (axes === undefined && along === (row ? 'col' : 'row')) {
    throw unreadAxis(t, x, what, a.range) ??
      UserError.at(`${what} along this axis depends on whether its input is 1-D or 2-D, which is not known here: declare the inputs (# x: (N, d))`, a.range);
  }
  const size = () => t.ctx.fresh(INFERRED_SIZE);
  const r = reduce(x, along, mean, size, a.range);
  if (along === 'all') {
    AXES.set(r, 0);
    return r;
  }
  // X𝟏 is a column, 𝟏ᵀX a row; a 1-D result takes the convention's orientation
  const turned = !keep && (along === 'row') === row;
  t.ctx.notes.add(axisNote(what, along, keep, row, turned));
  if (keep) KEPT.set(r, along);
  const out: Expr = turned ? { kind: 'transpose', arg: r, range: a.range } : r;
  AXES.set(out, keep ? 2 : 1);
  return out;
}

/**
 * The refusal for a reduction or softmax along an axis whose reading depends on whether `x` is 1-D
 * or 2-D, when `x` reads a value of a statement that was not read: its shape came from nothing.
 */
export function unreadAxis(t: Translator, x: Expr, what: string, range: Range): UserError | undefined {
  const names = new Set<string>();
  namesIn(x, names);
  const from = [...names].map((n) => t.ctx.unread.get(n)).find((u) => u !== undefined);
  return from && UserError.at(`${what} along this axis depends on whether ${from.key} is 1-D or 2-D, and its shape is a guess: ${from.why}. ` +
    `Declare it (# ${from.key}: (T, T)) or write its definition in a form that is read`, range);
}
