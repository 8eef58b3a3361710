// The size of an axis as a number in a formula: `k.size(-1)`, `k.size(0)`, `k.shape[-1]`,
// `k.size()[-1]` (attention scales by 1/√d with d read this way). It is the size the reading knows
// for that axis of a declared input: a number, or a size's name d written 𝟏_dᵀ𝟏_d (= d, the count
// a mean divides by), a constant, never differentiated. An axis whose size is not known is refused.

import { UserError, type Dim, type Expr, type Range } from '../../ast';
import { num, varE } from '../../ast/build';
import { onesOf } from '../../ops/constants';
import { axisNumber } from './axes';
import type { PyExpr } from './syntax';
import { baseName, bindingKey, type Translator } from './translate';

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
  if (!dims) {
    const hint = key === undefined ? 'name it and declare it' : `declare ${key} as an input (# ${key}: (T, d))`;
    throw UserError.at(`the size of axis ${i} of ${what} is not known here: ${hint}`, range);
  }
  const d = dims[i < 0 ? dims.length + i : i];
  if (d === undefined) throw UserError.at(`${what} is declared with ${dims.length} axes (${dims.join(', ')}): it has no axis ${i}`, axis.range);
  t.ctx.notes.add(sizeNote(what, i, d));
  if (typeof d === 'number') return { kind: 'num', value: d, range };
  return { kind: 'mul', left: onesOf([num(1, range), varE(d, range)], range), right: onesOf([varE(d, range), num(1, range)], range), range };
}

/** The declared dims of an input read by `key`, not of a value the definition assigns. */
export function declaredDims(t: Translator, key: string): readonly Dim[] | undefined {
  const name = t.ctx.env.get(key) ?? baseName(key);
  return t.ctx.env.has(key) ? undefined : t.ctx.declared.get(name)?.dims;
}

function sizeNote(what: string, i: number, d: Dim): string {
  const value = typeof d === 'number' ? String(d) : `${d}, written 𝟏ᵀ𝟏 with 𝟏 the ones column of length ${d}`;
  return `The size of axis ${i} of ${what} is read from its declaration as the constant ${value} (never differentiated).`;
}
