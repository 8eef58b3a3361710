// `F.softmax(z, dim=-1)` asks for each row; of a 1-D z PyTorch takes all of it. When z's shape is a
// guess (an undeclared lower-case name is a column) each row holds one entry, and ops/nodes.ts's
// softmaxAlong reads the vector whole — right for a 1-D tensor, wrong for a batch. The reading is
// said, with what to declare, rather than hidden.

import type { Expr } from '../ast';
import { visitOnce } from '../ast/query';
import { isOne } from './dim';
import type { ShapeTable } from './infer';

export function softmaxAxisNotes(output: Expr, shapes: ShapeTable): string[] {
  const notes = new Set<string>();
  visitOnce([output], (e) => {
    if (e.kind !== 'softmax' || !e.each) return;
    const s = shapes.shape(e.arg);
    // the asked axis runs across the vector: each row of a column, each column of a row
    const across = e.each === 'row' ? isOne(s.cols) && !isOne(s.rows) : isOne(s.rows) && !isOne(s.cols);
    if (!across) return;
    // the undeclared names read as vectors make it one (an undeclared matrix does not)
    const guessed = inputsOf(e.arg).filter((n) => shapes.sources.get(n) === 'inferred' && isVector(shapes, n));
    if (guessed.length === 0) return;
    const who = guessed.length === 1 ? `${guessed[0]} is` : `${guessed.join(', ')} are`;
    const [what, axis] = [shapes.text(e.arg), e.each === 'row' ? 'row' : 'column'];
    const declare = e.arg.kind === 'var' ? `declare it (# ${e.arg.name}: (N, d))` : `declare the shape of ${guessed.join(', ')} (# ${guessed[0]}: …)`;
    notes.add(`${shapes.text(e)} normalises each ${axis} of a matrix but all of a 1-D tensor: ${who} not declared, ` +
      `so ${what} is read as a ${e.each === 'row' ? 'column' : 'row'} vector (${shapes.fmt(s)}) and the softmax is over all of it. ` +
      `If ${what} is a matrix (a batch), ${declare} and each ${axis} is normalised.`);
  });
  return [...notes];
}

function isVector(shapes: ShapeTable, name: string): boolean {
  const s = shapes.vars.get(name);
  return !!s && (isOne(shapes.resolve(s.rows)) || isOne(shapes.resolve(s.cols)));
}

/** The variables `e` reads, through the assignments it refers to. */
function inputsOf(e: Expr): string[] {
  const names = new Set<string>();
  visitOnce([e], (n) => {
    if (n.kind === 'var') names.add(n.name);
  });
  return [...names];
}
