// A Python region cut before each top-level statement, each piece lexed on its own: a piece is
// lexed exactly as the whole region would lex it when the piece before it ends between two
// logical lines (no open bracket, string or `\` continuation), and pieces that do not are joined.
// A piece that is one top-level `def`/`class` keeps, keyed by its text, what a chunk-cache hit
// needs (python.ts): an edit elsewhere does not lex it again.

import { lexPython, type PyComment } from './lexer';
import { parseStatement, type PyStmt } from './syntax';

/** What re-using a top-level `def`/`class` needs; offsets relative to the piece's start. */
export interface ChunkHead {
  readonly name: string;
  /** The statement and its body, to the end of its last statement. */
  readonly body: string;
  /** The names the body mentions (what it can read from the module scope). */
  readonly ids: ReadonlySet<string>;
  /** Own-line comments after the body. */
  readonly trailing: readonly PyComment[];
}

export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly head?: ChunkHead;
  /** Statements and own-line comments, ranges in the document (lexed on first use). */
  parsed(): Parsed;
}

interface Parsed {
  readonly stmts: readonly PyStmt[];
  readonly comments: readonly PyComment[];
}

/** Pieces by text: the head of a `def`/`class` piece, `null` for another piece that ends cleanly. */
export interface SegmentCache {
  readonly prev: ReadonlyMap<string, ChunkHead | null>;
  readonly next: Map<string, ChunkHead | null>;
}

/** Joining a piece that does not end cleanly with the next at most this often, then with the rest. */
const MAX_JOINS = 32;

/** [from, to) in pieces, each starting at a top-level statement (the first one at `from`). */
export function segments(text: string, from: number, to: number, cache: SegmentCache): Segment[] {
  const cuts = topLevelStarts(text, from, to);
  const out: Segment[] = [];
  for (let a = from, k = 0; a < to;) {
    const b0 = cuts[k] ?? to;
    const src = text.slice(a, b0);
    const known = cache.next.get(src) ?? cache.prev.get(src);
    if (known !== undefined) {
      cache.next.set(src, known);
      out.push(segment(text, a, b0, known ?? undefined));
      a = b0;
      k++;
      continue;
    }
    let b = b0;
    let lexed = lex(text, a, b);
    for (let joins = 0; !lexed.clean && b < to; joins++) {
      b = joins < MAX_JOINS ? (cuts[++k] ?? to) : to;
      lexed = lex(text, a, b);
    }
    const head = headOf(text, a, lexed);
    if (lexed.clean) cache.next.set(text.slice(a, b), head ?? null);
    out.push(segment(text, a, b, head, lexed));
    a = b;
    k = cuts.indexOf(b, k) + 1 || cuts.length;
  }
  return out;
}

function segment(text: string, start: number, end: number, head?: ChunkHead, known?: Parsed): Segment {
  let parsed = known;
  return { start, end, ...(head ? { head } : {}), parsed: () => (parsed ??= lex(text, start, end)) };
}

function lex(text: string, from: number, to: number): Parsed & { clean: boolean } {
  const { lines, comments, clean } = lexPython(text, from, to);
  return { stmts: lines.map(parseStatement), comments, clean };
}

/** Starts of the lines in (from, to) that open with a statement at column 0. */
function topLevelStarts(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl + 1 < to; nl = text.indexOf('\n', nl + 1)) {
    const c = text.charCodeAt(nl + 1);
    // not space, tab, CR, LF, FF, `#` or `\`
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 12 && c !== 35 && c !== 92) out.push(nl + 1);
  }
  return out;
}

/** The head when the piece at `start` is one `def`/`class` at column 0 and its indented body. */
function headOf(text: string, start: number, p: Parsed): ChunkHead | undefined {
  const first = p.stmts[0];
  const last = p.stmts[p.stmts.length - 1];
  if (!first || !last || first.range.start !== start || first.indent !== 0 || (first.k !== 'def' && first.k !== 'class')) return undefined;
  for (let i = 1; i < p.stmts.length; i++) if ((p.stmts[i] as PyStmt).indent === 0) return undefined;
  const body = text.slice(start, last.range.end);
  const trailing = p.comments.filter((c) => c.start >= last.range.end).map((c) => moveComment(c, -start));
  return { name: first.name, body, ids: identifiers(body), trailing };
}

export const moveComment = (c: PyComment, d: number): PyComment => ({ text: c.text, start: c.start + d, end: c.end + d });

/** The names a chunk of code mentions (what it can read from the module scope). */
export function identifiers(code: string): Set<string> {
  // in ASCII text, \p{L} is [A-Za-z] and \p{N} is [0-9]: the faster regex finds the same names
  return new Set(code.match(/[^\0-\x7f]/.test(code) ? /[\p{L}_][\p{L}\p{N}_]*/gu : /[A-Za-z_]\w*/g));
}
