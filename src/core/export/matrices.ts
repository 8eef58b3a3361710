// The numeric Jacobian in standard exchange formats: Matrix Market (sparse, 1-based, the
// column-major vec order of DESIGN.md) and CSV (dense, small matrices only).

import type { AnalysisOk } from '../analysis';
import { UserError } from '../ast';
import { UNICODE, jacobianWithWhere } from '../present';

/** Entries above which CSV (which writes every zero) is refused in favour of Matrix Market. */
export const CSV_LIMIT = 10_000;

/** J's entries by column-major position; the extent from the numbers (symbolic sizes get chosen ones). */
function numericJacobian(a: AnalysisOk): { rows: number; cols: number; entries: Map<number, number> } {
  const J = a.jacobian.values;
  if (!J || !a.numbers) throw new UserError('the Jacobian has no numbers to export (it is above the display limit)', 0, 0);
  const sizeOf = (s: readonly [number, number] | undefined): number => (s ? s[0] * s[1] : 0);
  const rows = sizeOf(a.numbers.output.shape);
  const cols = a.wrt.reduce((n, w) => n + sizeOf(a.numbers?.inputs[w]?.shape), 0);
  // duplicates add up, as in any COO list
  const entries = new Map<number, number>();
  for (let k = 0; k < J.vals.length; k++) {
    const key = (J.cols[k] as number) * rows + (J.rows[k] as number);
    entries.set(key, (entries.get(key) ?? 0) + (J.vals[k] as number));
  }
  return { rows, cols, entries };
}

/** `%%MatrixMarket matrix coordinate real general`, entries sorted by column then row. */
export function matrixMarket(a: AnalysisOk): string {
  const { rows, cols, entries } = numericJacobian(a);
  const keys = [...entries.keys()].sort((x, y) => x - y);
  const lines = [
    '%%MatrixMarket matrix coordinate real general',
    `% Jacobian d vec(${a.output.name ?? 'y'}) / d [${a.wrt.map((w) => `vec ${w}`).join('; ')}] of ${a.definition.unicode}`,
    `% J = ${jacobianWithWhere(a, UNICODE)}; vec stacks columns; rows and columns 1-based`,
    `${rows} ${cols} ${keys.length}`,
    ...keys.map((k) => `${(k % rows) + 1} ${Math.floor(k / rows) + 1} ${entries.get(k)}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function csv(a: AnalysisOk): string {
  const { rows, cols, entries } = numericJacobian(a);
  if (rows * cols > CSV_LIMIT) {
    throw new UserError(`the Jacobian is ${rows} × ${cols}: too large for CSV (limit ${CSV_LIMIT} entries); export it as Matrix Market (mtx)`, 0, 0);
  }
  const line = (i: number) => Array.from({ length: cols }, (_, j) => String(entries.get(j * rows + i) ?? 0)).join(',');
  return `${Array.from({ length: rows }, (_, i) => line(i)).join('\n')}\n`;
}
