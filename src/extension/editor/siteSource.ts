// A site's job carries only the pieces of the document its program points into — the definition,
// the assignments it chains and the declarations in scope — not the whole text. A 1 MB document
// with 500 definitions then costs 500 small jobs (and cache keys) instead of 500 copies of it; the
// pieces' positions map the analysis' ranges back to the document. No `vscode` (unit-tested).

import type { Assignment, Declaration, Expr, Program, Range } from '../../core/ast';
import { children, rebuild } from '../../core/ast/walk';

/** `length` characters at `doc` in the document sit at `at` in the job's source. */
export interface Piece {
  readonly at: number;
  readonly doc: number;
  readonly length: number;
}

/** Text between two ranges shorter than this is kept, so a piece reads as in the document. */
const JOIN_GAP = 80;

export type Slice = (start: number, end: number) => string;

/** Every range the program holds (iteratively: trees are bounded, but this stays flat anyway). */
function rangesOf(p: Program): Range[] {
  const out: Range[] = [...p.declarations.map((d) => d.range), ...p.assignments.map((a) => a.range)];
  const seen = new Set<Expr>();
  const stack = p.assignments.map((a) => a.expr);
  for (let e = stack.pop(); e; e = stack.pop()) {
    if (seen.has(e)) continue;
    seen.add(e);
    out.push(e.range);
    stack.push(...children(e));
  }
  return out;
}

function piecesOf(ranges: Range[]): Array<{ start: number; end: number }> {
  const sorted = ranges.filter((r) => r.end >= r.start).sort((a, b) => a.start - b.start);
  const out: Array<{ start: number; end: number }> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + JOIN_GAP) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** The program rebased onto its pieces, joined by line breaks, and where each piece came from. */
export function compactProgram(program: Program, slice: Slice): { program: Program; source: string; pieces: Piece[] } {
  const spans = piecesOf(rangesOf(program));
  const pieces: Piece[] = [];
  const texts: string[] = [];
  let at = 0;
  for (const s of spans) {
    pieces.push({ at, doc: s.start, length: s.end - s.start });
    texts.push(slice(s.start, s.end));
    at += s.end - s.start + 1;
  }
  const map = (r: Range): Range => ({ start: toSource(pieces, r.start), end: toSource(pieces, r.end) });
  const memo = new Map<Expr, Expr>();
  const expr = (e: Expr): Expr => {
    let m = memo.get(e);
    if (!m) memo.set(e, (m = rebuild(e, children(e).map(expr), map(e.range))));
    return m;
  };
  const declarations = program.declarations.map((d): Declaration => ({ ...d, range: map(d.range) }));
  const assignments = program.assignments.map((a): Assignment => ({ ...a, expr: expr(a.expr), range: map(a.range) }));
  return { program: { declarations, assignments, ...(program.notes ? { notes: program.notes } : {}) }, source: texts.join('\n'), pieces };
}

/** The piece holding `offset` (its end included), found by bisection on `key`. */
function find(pieces: readonly Piece[], offset: number, key: 'at' | 'doc'): Piece | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pieces[mid] as Piece)[key] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return pieces[lo];
}

/** A document offset as an offset into the job's source (clamped to its piece). */
export function toSource(pieces: readonly Piece[], offset: number): number {
  const p = find(pieces, offset, 'doc');
  return p ? p.at + Math.max(0, Math.min(p.length, offset - p.doc)) : offset;
}

/** An offset into the job's source as a document offset (a line break between pieces: the end of the one before). */
export function toDocument(pieces: readonly Piece[], offset: number): number {
  const p = find(pieces, offset, 'at');
  return p ? p.doc + Math.max(0, Math.min(p.length, offset - p.at)) : offset;
}
