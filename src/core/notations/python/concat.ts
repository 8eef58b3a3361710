// Concatenation: `torch.cat([a, b], dim=-1)`, `torch.concat`, `np.concatenate((a, b), axis=0)`,
// `np.hstack`, `np.vstack` (and torch's and jnp's). The axis is read on the 2-D data of the
// definition: axis 0 (or -2) stacks the parts' rows, [A; B]; axis 1 (or -1) puts them side by side,
// [A B]. A 1-D tensor has one axis, so concatenating 1-D tensors joins them into a longer one, which
// the file's convention makes a column ([a; b]) or a row ([a b]); vstack makes each 1-D tensor a row.

import { UserError, type ConcatAxis, type Expr, type Range } from '../../ast';
import { axisNumber } from './axes';
import { unreadAxis } from './reduce';
import type { PyExpr } from './syntax';
import type { Translator } from './translate';

/** The axes a concatenation leaves: 1 for joined 1-D tensors, 2 for a matrix. */
const AXES = new WeakMap<Expr, number>();

export const axesOfConcat = (e: Expr): number | undefined => AXES.get(e);

/** What the called name says of the axis: cat/concatenate read their axis argument (0 when none). */
type Reading = 'axis' | 'hstack' | 'vstack';

const readingOf = (name: string): Reading => (name === 'hstack' || name === 'vstack' ? name : 'axis');

/**
 * `name(seq, axis)`: the parts of the list or tuple `seq` joined. `axis` is the dim=/axis= argument
 * (or the one after the list) of cat and concatenate; hstack and vstack take none.
 */
export function concatenation(t: Translator, name: string, seq: PyExpr | undefined, axis: PyExpr | undefined, range: Range): Expr {
  const reading = readingOf(name);
  if (!seq || (seq.k !== 'list' && seq.k !== 'tuple')) {
    throw UserError.at(`${name} joins a list or tuple of tensors: write ${name}([a, b]${reading === 'axis' ? ', dim=…' : ''})`, seq?.range ?? range);
  }
  if (reading !== 'axis' && axis) throw UserError.at(`${name} takes no axis: it ${reading === 'hstack' ? 'joins columns' : 'stacks rows'}`, axis.range);
  if (axis?.k === 'other' && axis.what === 'None') throw UserError.at(`${name} with axis=None flattens its parts first: flatten them (x.flatten()) and concatenate along axis 0`, axis.range);
  const n = axis === undefined ? 0 : axisNumber(axis);
  if (n === undefined) throw UserError.at(`the axis of ${name} must be written as a number (0, 1 or -1)`, (axis as PyExpr).range);
  const parts = seq.items.map((i) => t.expr(i));
  if (parts.length === 0) throw UserError.at(`${name} of no tensors`, seq.range);
  if (parts.length === 1) return parts[0] as Expr;
  const rank = rankOf(t, parts, seq.items, name);
  const out = joined(t, reading, n, rank, parts, name, range);
  AXES.set(out, rank === 1 && reading !== 'vstack' ? 1 : 2);
  return out;
}

/** The parts' common number of axes (NumPy and PyTorch refuse a mix), undefined when none is known. */
function rankOf(t: Translator, parts: readonly Expr[], items: readonly PyExpr[], name: string): 1 | 2 | undefined {
  const ranks = parts.map((p) => t.axesOf(p));
  ranks.forEach((r, i) => {
    if (r === 0) throw UserError.at(`${name} joins tensors of one or two axes, but this part is a scalar`, (items[i] as PyExpr).range);
    if (r !== undefined && r > 2) throw UserError.at(`${name} of tensors of ${r} axes has no matrix form`, (items[i] as PyExpr).range);
  });
  const known = ranks.filter((r): r is number => r !== undefined);
  const k = known.findIndex((r) => r !== known[0]);
  if (k >= 0) {
    const at = ranks.indexOf(known[k] as number);
    throw UserError.at(`${name} needs parts with the same number of axes (as NumPy and PyTorch do), but this part has ${known[k]} and an earlier one ${known[0]}`, (items[at] as PyExpr).range);
  }
  return known[0] as 1 | 2 | undefined;
}

/** The concatenation node the call means, with its reading said in a note where 1-D tensors are joined. */
function joined(t: Translator, reading: Reading, n: number, rank: 1 | 2 | undefined, parts: readonly Expr[], name: string, range: Range): Expr {
  const row = t.ctx.convention === 'row';
  const oneD: ConcatAxis = row ? 'cols' : 'rows';
  // along which axis as the data reads it, for a 1-D and for a 2-D part
  const [ifOneD, ifTwoD]: [ConcatAxis | 'turned' | undefined, ConcatAxis | undefined] =
    reading === 'hstack' ? [oneD, 'cols']
      : reading === 'vstack' ? [row ? 'rows' : 'turned', 'rows']
        : [n === 0 || n === -1 ? oneD : undefined, n === 0 || n === -2 ? 'rows' : n === 1 || n === -1 ? 'cols' : undefined];
  const choice = rank === 1 ? ifOneD : rank === 2 ? ifTwoD : ifOneD === ifTwoD ? ifTwoD : n === 1 || n === -2 ? ifTwoD : 'unknown';
  if (choice === 'unknown') {
    throw parts.map((p) => unreadAxis(t, p, name, range)).find((e) => e) ??
      UserError.at(`${name} along this axis depends on whether its parts are 1-D or 2-D, which is not known here: declare them (# x: (N, d), or (d,) for a vector)`, range);
  }
  if (choice === undefined) {
    throw UserError.at(rank === 1
      ? `${name} of 1-D tensors has axis 0 (or -1) only, not ${n}`
      : `${name} along axis ${n} needs tensors of 3 or more axes, which have no matrix form: write the layer for one sample or one head`, range);
  }
  if (choice === 'turned') {
    t.ctx.notes.add(`${name} of 1-D tensors makes each one a row of a matrix, and 1-D tensors are columns here: written [aᵀ; bᵀ].`);
    return { kind: 'concat', parts: parts.map((p) => ({ kind: 'transpose', arg: p, range: p.range })), axis: 'rows', range };
  }
  if (rank === 1 && reading !== 'vstack') {
    t.ctx.notes.add(`${name} of 1-D tensors joins them into one longer 1-D tensor, and 1-D tensors are ${row ? 'rows' : 'columns'} here: written ${row ? '[a b]' : '[a; b]'}.`);
  }
  return { kind: 'concat', parts, axis: choice, range };
}
