// Why an index expression has no matrix form, in the user's terms. Batched code selects along the
// axes of a 3-D tensor (`x[:, -1, :]`, nanoGPT's `x[:, [-1], :]`, where the list keeps the axis),
// which the matrix form cannot hold; the remedy is to name the selected piece and declare it.

import { UserError } from '../../ast';
import type { PyExpr } from './syntax';

const isSlice = (e: PyExpr): boolean => e.k === 'other' && e.what === 'slice';

/** The refusal for `obj[index]`. */
export function indexingError(e: PyExpr): UserError {
  const index = e.k === 'index' ? e.index : e;
  const items = index.k === 'tuple' ? index.items : [index];
  const text = written(e);
  const list = items.find((i) => i.k === 'list');
  if (items.length >= 3) {
    const how = list ? `fancy indexing of a ${items.length}-D tensor (the list ${written(list)} keeps its axis, of length 1)` : `indexing of a ${items.length}-D tensor`;
    return UserError.at(
      `${text} is ${how}, and a batched tensor has no matrix form: analyse one sample — name the ` +
      `piece it selects and declare it (# h: (d,) for a vector, # H: (T, d) for a matrix), then write the layer on it`, e.range);
  }
  if (list) {
    return UserError.at(`${text} selects with a list (fancy indexing), which has no matrix form here: write it as a product with a selection matrix, or declare the selected piece as an input`, e.range);
  }
  const what = items.some(isSlice) ? 'slicing' : 'indexing';
  return UserError.at(`${what} is not supported: write the layer on whole matrices and vectors`, e.range);
}

/** The index expression as written, near enough for a message (`x[:, [-1], :]`). */
function written(e: PyExpr): string {
  switch (e.k) {
    case 'name': return e.id;
    case 'num': return String(e.value);
    case 'attr': return `${written(e.obj)}.${e.attr}`;
    case 'unary': return `${e.op}${written(e.arg)}`;
    case 'list': return `[${e.items.map(written).join(', ')}]`;
    case 'tuple': return e.items.map(written).join(', ');
    case 'index': return `${written(e.obj)}[${written(e.index)}]`;
    case 'other': return e.what === 'slice' ? ':' : '…';
    default: return '…';
  }
}
