// softmax along an axis (`F.softmax(z, dim=-1)`, `nn.Softmax(dim=0)`) as the AST's softmax node. The
// node reads an argument of one column (or one row) as a vector and normalises all of it, as PyTorch
// does a 1-D tensor. Of a value known to be 2-D with a single entry along the asked axis (`# z: (d, 1)`
// with dim=-1) PyTorch normalises each entry alone: every entry is 1 and the derivative is 0. The node
// cannot tell that tensor from a 1-D one, and it is almost surely not what was meant: refused, saying
// which axis normalises the column.

import { UserError, type Expr, type Range, type SoftmaxAxis } from '../../ast';
import { jsonDim, poly } from '../../ast/dim';
import { sideOf } from './sizes';
import type { Translator } from './translate';

/** `twoAxes`: the axis was written dim=1 or dim=-2, which a 1-D tensor does not have. */
export function softmaxNode(t: Translator, arg: Expr, each: SoftmaxAxis | undefined, range: Range, twoAxes?: boolean): Expr {
  if (!each) return { kind: 'softmax', arg, range };
  if (twoAxes) t.asMatrix(arg, `softmax along dim=${each === 'row' ? 1 : -2}`, each);
  const [along, across] = each === 'row' ? [1, 0] as const : [0, 1] as const;
  const length = sideOf(t, arg, across);
  if (t.axesOf(arg) === 2 && sideOf(t, arg, along) === 1 && length !== undefined && length !== 1) {
    const what = arg.kind === 'var' ? arg.name : 'its argument';
    const [shape, axis, other, oneD] = each === 'row'
      ? [`${jsonDim(poly(length))}×1`, 'the last axis (dim=-1 or 1)', 'dim=0', 'a column'] : [`1×${jsonDim(poly(length))}`, 'the first axis (dim=0 or -2)', 'dim=-1', 'a row'];
    throw UserError.at(
      `softmax along ${axis} normalises each ${each === 'row' ? 'row' : 'column'} on its own, and ${what} is a 2-D ${shape} tensor: ` +
      `each ${each === 'row' ? 'row' : 'column'} holds one entry, so every entry of the result is 1 and its derivative is 0. ` +
      `To normalise ${oneD} as a whole, write ${other}, or declare ${what} 1-D`, range);
  }
  return { kind: 'softmax', arg, each, range };
}
