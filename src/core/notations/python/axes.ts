// Axis arguments (`dim=-1`, `axis=0`) on the 2-D tensors a definition works with: the last axis runs
// along each row, the first along each column. A third axis means a batched tensor, which the
// matrix form does not hold.

import { UserError, type SoftmaxAxis } from '../../ast';
import type { PyExpr } from './syntax';

/** An integer written as the axis (`-1`, `0`), or undefined when it is not one. */
export function axisNumber(e: PyExpr | undefined): number | undefined {
  if (e?.k === 'num' && Number.isInteger(e.value)) return e.value;
  if (e?.k === 'unary' && e.op === '-' && e.arg.k === 'num' && Number.isInteger(e.arg.value)) return -e.arg.value;
  return undefined;
}

/** `dim=-1` / `dim=1`: each row; `dim=0` / `dim=-2`: each column; None: every entry. */
export function axisOfMatrix(e: PyExpr, what: string): SoftmaxAxis | undefined {
  if (e.k === 'other' && e.what === 'None') return undefined;
  const n = axisNumber(e);
  if (n === -1 || n === 1) return 'row';
  if (n === 0 || n === -2) return 'col';
  if (n === undefined) throw UserError.at(`the axis of ${what} must be written as a number (0, 1 or -1)`, e.range);
  throw UserError.at(
    `${what} along axis ${n} needs a tensor of 3 or more axes, which has no matrix form: declare one head or one sample ` +
    'as a matrix (# att: (T, T)) and write the layer for it', e.range);
}

/** `dim=1` / `dim=-2` name an axis a 1-D tensor does not have (PyTorch raises): the tensor is a matrix. */
export function needsTwoAxes(dim: PyExpr | undefined): boolean {
  const n = axisNumber(dim);
  return n === 1 || n === -2;
}

/**
 * What a softmax call normalises: its `dim`/`axis` argument (keyword or the first after the
 * tensor). Without one, PyTorch's implicit choice and JAX's default are the last axis (each row of
 * a matrix, the whole of a vector); SciPy's is every entry.
 */
export function softmaxEach(dim: PyExpr | undefined, path: string): SoftmaxAxis | undefined {
  if (dim) return axisOfMatrix(dim, 'softmax');
  return path.startsWith('scipy.') ? undefined : 'row';
}
