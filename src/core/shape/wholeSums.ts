// Octave's and MATLAB's sum(X) and mean(X) of a matrix are the row of its column sums (means), while
// the math notation reads them over every entry, one number. The math notation is Octave's too, so
// where the argument turns out to be a matrix the reading is said, with the call that sums columns.

import type { Expr } from '../ast';
import { visitOnce } from '../ast/query';
import { wholeOf } from '../ops/reduction';
import { isOne } from './dim';
import type { ShapeTable } from './infer';

export function wholeSumNotes(output: Expr, shapes: ShapeTable): string[] {
  const notes = new Set<string>();
  visitOnce([output], (e) => {
    const x = wholeOf(e);
    const call = shapes.text(e);
    const word = x && /^(sum|mean)\s*\(/.exec(call)?.[1];
    if (!x || !word) return;
    const s = shapes.shape(x);
    if (isOne(s.rows) || isOne(s.cols)) return;
    const arg = shapes.text(x);
    notes.add(`${call} of the matrix ${arg} (${shapes.fmt(s)}) is read as the ${word} of all its entries, one number; ` +
      `in Octave and MATLAB it is the row of the ${word}s of its columns (${word}(${word}(…)) is the same number either way): ` +
      `write ${word}(${arg}, 1) for those, ${word}(${arg}, 2) for each row's.`);
  });
  return [...notes];
}
