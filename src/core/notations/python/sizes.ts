// The size of an axis as a number in a formula: `k.size(-1)`, `k.size(0)`, `k.shape[-1]`,
// `k.size()[-1]` (attention scales by 1/√d with d read this way). It is the size the reading knows
// for that axis of a declared input, or of an assigned value (k = self.key(x): the nn.Linear's
// out_features): a number, or a size's name d written 𝟏_dᵀ𝟏_d (= d, the count a mean divides by),
// a constant, never differentiated. An axis whose size is not known is refused.

import { isInferredSize, UserError, type Dim, type Expr, type Range } from '../../ast';
import { num, varE } from '../../ast/build';
import { onesOf } from '../../ops/constants';
import { axisNumber } from './axes';
import type { PyExpr } from './syntax';
import { baseName, bindingKey, refuseUnread, type Translator } from './translate';

/** The tensor and axis of `t.shape[i]` or `t.size()[i]`, when `e` is one of them. */
export function shapeIndex(e: Extract<PyExpr, { k: 'index' }>): { of: PyExpr; axis: PyExpr } | undefined {
  if (e.obj.k === 'attr' && e.obj.attr === 'shape') return { of: e.obj.obj, axis: e.index };
  const o = e.obj;
  if (o.k === 'call' && o.fn.k === 'attr' && o.fn.attr === 'size' && !o.args.length && !o.kwargs.length) return { of: o.fn.obj, axis: e.index };
  return undefined;
}

/** The size of axis `axis` of `of` as a constant scalar, with a note; refused when the reading does not know it. */
export function axisSize(t: Translator, of: PyExpr, axis: PyExpr | undefined, range: Range): Expr {
  const key = bindingKey(of);
  const what = key ?? 'this tensor';
  if (!axis) throw UserError.at(`${what}.size() is the whole shape: write one axis, ${what}.size(-1)`, range);
  const i = axisNumber(axis);
  if (i === undefined) throw UserError.at('the axis must be written as a whole number (0, 1 or -1)', axis.range);
  const dims = key === undefined ? undefined : declaredDims(t, key);
  const assigned = key !== undefined && !dims && t.ctx.env.has(key);
  const d = dims ? dims[i < 0 ? dims.length + i : i] : assigned ? assignedAxis(t, key, i, axis.range) : undefined;
  if (d === undefined) {
    if (dims) throw UserError.at(`${what} is declared with ${dims.length} axes (${dims.join(', ')}): it has no axis ${i}`, axis.range);
    const hint = key === undefined ? 'name it and declare it'
      : assigned ? `${key} is assigned a value whose shape is not known; declare the inputs it is computed from (# x: (T, d))`
      : `declare ${key} as an input (# ${key}: (T, d))`;
    throw UserError.at(`the size of axis ${i} of ${what} is not known here: ${hint}`, range);
  }
  t.ctx.notes.add(sizeNote(what, i, d, dims ? 'its declaration' : 'the shape of its value'));
  if (typeof d === 'number') return { kind: 'num', value: d, range };
  return { kind: 'mul', left: onesOf([num(1, range), varE(d, range)], range), right: onesOf([varE(d, range), num(1, range)], range), range };
}

/** The declared dims of an input read by `key`, not of a value the definition assigns. */
export function declaredDims(t: Translator, key: string): readonly Dim[] | undefined {
  const name = t.ctx.env.get(key) ?? baseName(key);
  if (t.ctx.env.has(key)) return undefined;
  refuseUnread(t.ctx, key, name);
  return t.ctx.declared.get(name)?.dims;
}

/**
 * Axis i of the value `key` was assigned, from its rows and columns as the reading knows them (its
 * number of axes decides how they map to PyTorch's). With vectors as rows the last axis is the
 * columns whether the value is 1-D or 2-D; otherwise an unknown number of axes leaves it unknown.
 */
function assignedAxis(t: Translator, key: string, i: number, at: Range): Dim | undefined {
  const name = t.ctx.env.get(key) as string;
  const rank = t.ctx.ranks.get(name);
  const row = t.ctx.convention === 'row';
  const [rows, cols] = [sideOfName(t, name, 0), sideOfName(t, name, 1)];
  if (rank !== undefined && (i >= rank || i < -rank)) throw UserError.at(rank === 0 ? `${key} is a scalar here: it has no axes` : `${key} is ${rank}-D here: it has no axis ${i}`, at);
  if (rank === undefined) return row && i === -1 ? cols : undefined;
  const axes = rank === 2 ? [rows, cols] : rank === 1 ? [row ? cols : rows] : [];
  return axes[i < 0 ? rank + i : i];
}

/** The rows (side 0) or columns (side 1) of a value, where declarations, layers and sizes tell. */
export function sideOf(t: Translator, e: Expr, side: 0 | 1): Dim | undefined {
  switch (e.kind) {
    case 'var': return sideOfName(t, e.name, side);
    case 'num': case 'sum': case 'trace': case 'det': case 'logdet': case 'norm': return 1;
    case 'ones': {
      // a 𝟏 whose length shape inference is left to find is no size known here
      const d = side === 0 ? e.rows : e.cols;
      return isInferredSize(d) ? undefined : d;
    }
    case 'transpose': return sideOf(t, e.arg, side === 0 ? 1 : 0);
    case 'neg': case 'apply': case 'softmax': return sideOf(t, e.arg, side);
    case 'add': case 'sub': case 'hadamard': case 'div': return sideOf(t, e.left, side) ?? sideOf(t, e.right, side);
    case 'mul': {
      // a scalar factor leaves the other's shape; a matrix product has its left rows and right columns
      if (e.left.kind === 'num' || t.axesOf(e.left) === 0) return sideOf(t, e.right, side);
      if (e.right.kind === 'num' || t.axesOf(e.right) === 0) return sideOf(t, e.left, side);
      return sideOf(t, side === 0 ? e.left : e.right, side);
    }
    default: return undefined;
  }
}

function sideOfName(t: Translator, name: string, side: 0 | 1): Dim | undefined {
  const ctx = t.ctx;
  const assigned = side === 0 ? ctx.rows : ctx.cols;
  if (assigned.has(name)) return assigned.get(name);
  const dims = ctx.declared.get(name)?.dims;
  if (!dims) return ctx.generated.find((g) => g.name === name)?.shape[side];
  if (dims.length > 2) return undefined;
  const one = dims.length === 1 && (ctx.convention === 'row') === (side === 0);
  return dims.length === 2 ? dims[side] : dims.length === 0 || one ? 1 : dims[0];
}

function sizeNote(what: string, i: number, d: Dim, from: string): string {
  const value = typeof d === 'number' ? String(d) : `${d}, written 𝟏ᵀ𝟏 with 𝟏 the ones column of length ${d}`;
  return `The size of axis ${i} of ${what} is read from ${from} as the constant ${value} (never differentiated).`;
}
