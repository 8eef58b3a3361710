// Block matrices: `\begin{bmatrix} A & B \\ C & D \end{bmatrix}` (pmatrix, matrix, Bmatrix alike) is
// [A, B; C, D], rows of blocks side by side stacked one above the next; `&` and `\\` are explicit, so
// a block written `W x` is the product Wx. One entry alone is that entry.

import { UserError, type ConcatAxis, type Expr, type Range } from '../../ast';
import type { Token } from './lexer';
import type { ExprParser } from './expr';

export const isMatrixOpen = (t: Token): boolean => t.type === 'char' && t.v.startsWith('\\begin{');

const join = (parts: readonly Expr[], axis: ConcatAxis, range: Range): Expr =>
  (parts.length === 1 ? (parts[0] as Expr) : { kind: 'concat', parts, axis, range });

export function blockMatrix(p: ExprParser): Expr {
  const open = p.next();
  const close = open.v.replace('\\begin', '\\end');
  const rows = p.inside(() => {
    const out: Expr[][] = [];
    for (;;) {
      const row = [p.parseExpr()];
      while (p.eat('&')) row.push(p.parseExpr());
      out.push(row);
      const next = p.eat('\\\\');
      if (p.is(close)) return out;
      const t = p.peek();
      if (!t) throw UserError.at(`this ${open.v} is never closed`, open);
      if (!next) throw UserError.at(`expected & between blocks, \\\\ between rows or ${close}, found '${t.v}'`, t);
    }
  });
  const end = p.next();
  const range = { start: open.start, end: end.end };
  const line = (row: readonly Expr[]): Range => ({ start: (row[0] as Expr).range.start, end: (row[row.length - 1] as Expr).range.end });
  return join(rows.map((row) => join(row, 'cols', line(row))), 'rows', range);
}
