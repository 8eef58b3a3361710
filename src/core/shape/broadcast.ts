// `Ax + B` with B undeclared: the sum repeats Ax across B's columns, as NumPy broadcasts. The shape
// rules allow it (a bias row over a batch needs it), but when the wider side is an undeclared name
// its size is a guess — B may well be a vector of Ax's size — so the reading is said, not hidden.

import type { Expr } from '../ast';
import { children } from '../ast/walk';
import { eqPoly, isOne } from './dim';
import type { ShapeTable } from './infer';

export function broadcastNotes(output: Expr, shapes: ShapeTable): string[] {
  const notes = new Set<string>();
  const seen = new Set<Expr>();
  const stack: Expr[] = [output];
  for (let e = stack.pop(); e; e = stack.pop()) {
    if (seen.has(e)) continue;
    seen.add(e);
    if (e.kind === 'add' || e.kind === 'sub') {
      for (const [wide, narrow] of [[e.left, e.right], [e.right, e.left]] as const) {
        const note = guessedWidth(wide, narrow, shapes);
        if (note) notes.add(note);
      }
    }
    stack.push(...children(e));
  }
  return [...notes];
}

/** The note when `narrow` is repeated across the rows or columns of `wide`, an undeclared name. */
function guessedWidth(wide: Expr, narrow: Expr, shapes: ShapeTable): string | undefined {
  if (wide.kind !== 'var' || shapes.sources.get(wide.name) !== 'inferred') return undefined;
  const w = shapes.shape(wide);
  const n = shapes.shape(narrow);
  const across = isOne(n.cols) && !isOne(w.cols) && eqPoly(n.rows, w.rows) ? 'column'
    : isOne(n.rows) && !isOne(w.rows) && eqPoly(n.cols, w.cols) ? 'row' : undefined;
  if (!across || (isOne(n.rows) && isOne(n.cols))) return undefined;
  const name = shapes.text(wide);
  return `${name} is read as a matrix (${shapes.fmt(w)}), and ${shapes.text(narrow)} (${shapes.fmt(n)}) is added to each of its ${across}s, ` +
    `as NumPy broadcasts; if ${name} is a ${across === 'column' ? 'vector' : 'row'} of that size, declare it.`;
}
