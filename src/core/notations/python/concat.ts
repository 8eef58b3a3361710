// Concatenation: `torch.cat([a, b], dim=-1)`, `torch.concat`, `np.concatenate((a, b), axis=0)`,
// `np.hstack`, `np.vstack`, `np.column_stack`, `np.stack` (and torch's and jnp's). The axis is read
// on the 2-D data of the definition: axis 0 (or -2) stacks the parts' rows, [A; B]; axis 1 (or -1)
// puts them side by side, [A B]. A 1-D tensor has one axis, so concatenating 1-D tensors joins them
// into a longer one, which the file's convention makes a column ([a; b]) or a row ([a b]); vstack
// makes each 1-D tensor a row and column_stack each a column. stack adds an axis: 1-D tensors become
// the rows (axis 0) or the columns (axis 1) of a matrix, and 2-D ones a tensor of three axes, refused.

import { UserError, type ConcatAxis, type Expr, type Range } from '../../ast';
import { dict } from '../../keys';
import { axisNumber } from './axes';
import { unreadAxis } from './reduce';
import type { PyExpr } from './syntax';
import type { Translator } from './translate';

/** The axes a concatenation leaves: 1 for joined 1-D tensors, 2 for a matrix. */
const AXES = new WeakMap<Expr, number>();

export const axesOfConcat = (e: Expr): number | undefined => AXES.get(e);

/** Where the parts go: along which axis of the result, each transposed first (turned) or as it is. */
type Place = ConcatAxis | `turned ${ConcatAxis}`;

/** What a called name does with its parts. */
type Reading = {
  /**
   * Where 1-D parts and where 2-D parts go along the axis numbered `n`, when 1-D tensors are rows
   * here (`row`) or columns: undefined where NumPy has no such axis, '3-D' where the result has three.
   */
  readonly place: (n: number, row: boolean) => readonly [Place | undefined, Place | '3-D' | undefined];
  /** 1-D parts join into one longer 1-D tensor along their one axis, not into a matrix. */
  readonly longer: boolean;
} & ({ /** The axes 1-D parts can be joined along. */ readonly axes: string } | { /** A name that takes no axis: what it does instead. */ readonly fixed: string });

/** A 1-D tensor's one axis in the matrix it is written as. */
const along = (row: boolean): ConcatAxis => (row ? 'cols' : 'rows');

const READINGS = dict<Reading>({
  // cat, concatenate, concat: along an axis the parts have
  axis: {
    longer: true, axes: '0 (or -1)',
    place: (n, row) => [n === 0 || n === -1 ? along(row) : undefined, n === 0 || n === -2 ? 'rows' : n === 1 || n === -1 ? 'cols' : undefined],
  },
  hstack: { longer: true, fixed: 'joins columns', place: (_, row) => [along(row), 'cols'] },
  vstack: { longer: false, fixed: 'stacks rows', place: (_, row) => [row ? 'rows' : 'turned rows', 'rows'] },
  column_stack: { longer: false, fixed: 'puts its parts side by side as columns', place: (_, row) => [row ? 'turned cols' : 'cols', 'cols'] },
  // along a new axis: 1-D parts are the rows (axis 0 or -2) or the columns (axis 1 or -1) of a matrix
  stack: {
    longer: false, axes: '0 or 1 (or -2 or -1)',
    place: (n, row) => [n === 0 || n === -2 ? (row ? 'rows' : 'turned rows') : n === 1 || n === -1 ? (row ? 'turned cols' : 'cols') : undefined, '3-D'],
  },
});

const readingOf = (name: string): Reading => READINGS[name] ?? (READINGS.axis as Reading);

/**
 * `name(seq, axis)`: the parts of the list or tuple `seq` joined. `axis` is the dim=/axis= argument
 * (or the one after the list) of cat, concatenate and stack; hstack, vstack and column_stack take none.
 */
export function concatenation(t: Translator, name: string, seq: PyExpr | undefined, axis: PyExpr | undefined, range: Range): Expr {
  const reading = readingOf(name);
  if (!seq || (seq.k !== 'list' && seq.k !== 'tuple')) {
    throw UserError.at(`${name} joins a list or tuple of tensors: write ${name}([a, b]${'axes' in reading ? ', dim=…' : ''})`, seq?.range ?? range);
  }
  if ('fixed' in reading && axis) throw UserError.at(`${name} takes no axis: it ${reading.fixed}`, axis.range);
  if (reading.longer && axis?.k === 'other' && axis.what === 'None') throw UserError.at(`${name} with axis=None flattens its parts first: flatten them (x.flatten()) and concatenate along axis 0`, axis.range);
  const n = axis === undefined ? 0 : axisNumber(axis);
  if (n === undefined) throw UserError.at(`the axis of ${name} must be written as a number (0, 1 or -1)`, (axis as PyExpr).range);
  const parts = seq.items.map((i) => t.expr(i));
  if (parts.length === 0) throw UserError.at(`${name} of no tensors`, seq.range);
  // one part joined along an axis it has is itself; stacked, a 1-D one becomes a matrix
  if (parts.length === 1 && reading.longer) return parts[0] as Expr;
  const rank = rankOf(t, parts, seq.items, name);
  return joined(t, reading, n, rank, parts, name, range);
}

/** The parts' common number of axes (NumPy and PyTorch refuse a mix), undefined when none is known. */
function rankOf(t: Translator, parts: readonly Expr[], items: readonly PyExpr[], name: string): 1 | 2 | undefined {
  const ranks = parts.map((p) => t.axesOf(p));
  ranks.forEach((r, i) => {
    if (r === 0) throw UserError.at(`${name} is read for tensors of one or two axes only, but this part is a scalar`, (items[i] as PyExpr).range);
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
  const [ifOneD, ifTwoD] = reading.place(n, row);
  // of unknown rank, the one reading NumPy allows, or the two if they agree
  const choice = rank === 1 ? ifOneD : rank === 2 ? ifTwoD : ifOneD === ifTwoD ? ifTwoD : ifOneD === undefined ? ifTwoD : 'unknown';
  if (choice === 'unknown') {
    throw parts.map((p) => unreadAxis(t, p, name, range)).find((e) => e) ??
      UserError.at(`${name} along this axis depends on whether its parts are 1-D or 2-D, which is not known here: declare them (# x: (N, d), or (d,) for a vector)`, range);
  }
  if (choice === '3-D') {
    throw UserError.at(`${name} of 2-D tensors makes a tensor of 3 axes, which has no matrix form: join them along an axis they have (cat, concatenate), or stack 1-D tensors`, range);
  }
  if (choice === undefined) {
    throw UserError.at(rank === 1 && 'axes' in reading
      ? `${name} of 1-D tensors has axis ${reading.axes} only, not ${n}`
      : `${name} along axis ${n} needs tensors of 3 or more axes, which have no matrix form: write the layer for one sample or one head`, range);
  }
  const out = place(t, choice, rank, parts, name, range);
  if (out === parts[0]) return out;
  if (rank === 1 && reading.longer) {
    t.ctx.notes.add(`${name} of 1-D tensors joins them into one longer 1-D tensor, and 1-D tensors are ${row ? 'rows' : 'columns'} here: written ${row ? '[a b]' : '[a; b]'}.`);
  }
  AXES.set(out, rank === 1 && reading.longer ? 1 : 2);
  return out;
}

/** The parts placed along `choice`, each turned first if it says so (said in a note); a lone 2-D part is itself. */
function place(t: Translator, choice: Place, rank: 1 | 2 | undefined, parts: readonly Expr[], name: string, range: Range): Expr {
  const axis: ConcatAxis = choice === 'turned rows' || choice === 'rows' ? 'rows' : 'cols';
  if (choice === axis) return parts.length === 1 && rank === 2 ? (parts[0] as Expr) : { kind: 'concat', parts, axis, range };
  const [each, other, written] = axis === 'rows' ? ['row', 'columns', '[aᵀ; bᵀ]'] : ['column', 'rows', '[aᵀ bᵀ]'];
  t.ctx.notes.add(`${name} of 1-D tensors makes each one a ${each} of a matrix, and 1-D tensors are ${other} here: written ${written}.`);
  return { kind: 'concat', parts: parts.map((p) => ({ kind: 'transpose', arg: p, range: p.range })), axis, range };
}
