// Python source → logical lines of tokens (with indentation and comments), ranges in the whole
// document. Brackets and backslashes join physical lines, as in Python.

export type PyTokType = 'name' | 'number' | 'string' | 'op';

export interface PyToken {
  readonly type: PyTokType;
  readonly v: string;
  readonly start: number;
  readonly end: number;
}

export interface PyComment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface LogicalLine {
  /** Columns of indentation of the first physical line. */
  readonly indent: number;
  readonly toks: readonly PyToken[];
  readonly start: number;
  readonly end: number;
  /** Comments on the line's physical lines (a trailing `# W: (3, 4)`). */
  readonly comments: readonly PyComment[];
}

/** Lines that hold only a comment, for `# W: (3, 4)` declarations on their own line. */
export interface LexResult {
  readonly lines: readonly LogicalLine[];
  readonly comments: readonly PyComment[];
  /** The text ended at the start of a new logical line: no open bracket, string or `\` continuation. */
  readonly clean: boolean;
}

const OPS3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPS2 = new Set(['**', '//', '->', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '@=', '%=', '&=', '|=', '^=', ':=', '<<', '>>']);
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;

/** Logical lines of `text` in [from, to). Never throws: unknown characters become one-character ops. */
export function lexPython(text: string, from = 0, to = text.length): LexResult {
  const lines: LogicalLine[] = [];
  const standalone: PyComment[] = [];
  let toks: PyToken[] = [];
  let comments: PyComment[] = [];
  let depth = 0;
  let indent = 0;
  let atLineStart = true;
  const flush = (end: number): void => {
    if (toks.length) lines.push({ indent, toks, start: (toks[0] as PyToken).start, end, comments });
    else standalone.push(...comments);
    toks = [];
    comments = [];
  };
  let i = from;
  while (i < to) {
    if (atLineStart) {
      let col = 0;
      while (i < to && (text[i] === ' ' || text[i] === '\t')) { col += text[i] === '\t' ? 8 - (col % 8) : 1; i++; }
      indent = col;
      atLineStart = false;
      continue;
    }
    const c = text[i] as string;
    if (c === '\n') {
      i++;
      if (depth === 0) { flush(i - 1); atLineStart = true; }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') { i++; continue; }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) { i += text[i + 1] === '\n' ? 2 : 3; continue; }
    if (c === '#') {
      const e = lineEnd(text, i, to);
      comments.push({ text: text.slice(i + 1, e), start: i, end: e });
      i = e;
      continue;
    }
    const start = i;
    const code = c.charCodeAt(0);
    if (isDigit(code) || (code === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i = numberEnd(text, i, to);
      toks.push({ type: 'number', v: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === '"' || c === "'" || (isAsciiLetter(code) && STRING_PREFIX.test(text.slice(i, i + 3)))) {
      const str = stringAt(text, i, to);
      if (str > i) {
        toks.push({ type: 'string', v: text.slice(start, str), start, end: str });
        i = str;
        continue;
      }
    }
    if (isAsciiLetter(code) || code === 95 || (code > 127 && NAME_START.test(String.fromCodePoint(text.codePointAt(i) ?? 0)))) {
      i = nameEnd(text, i, to);
      toks.push({ type: 'name', v: text.slice(start, i), start, end: i });
      continue;
    }
    const op = opAt(text, i, to);
    if (op === '(' || op === '[' || op === '{') depth++;
    else if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    i += op.length;
    toks.push({ type: 'op', v: op, start, end: i });
  }
  const clean = atLineStart;
  flush(to);
  return { lines, comments: standalone, clean };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const STRING_PREFIX = /^[rRbBuUfF]{1,2}['"]/;

function nameEnd(text: string, i: number, to: number): number {
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (isAsciiLetter(c) || isDigit(c) || c === 95) { j++; continue; }
    if (c < 128) break;
    const ch = String.fromCodePoint(text.codePointAt(j) ?? 0);
    if (!NAME_PART.test(ch)) break;
    j += ch.length;
  }
  return j;
}

const NUMBER = /(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?j?)/y;

function numberEnd(text: string, i: number, to: number): number {
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(text);
  return m ? Math.min(to, i + m[0].length) : i + 1;
}

function opAt(text: string, i: number, to: number): string {
  if (i + 3 <= to) {
    const three = text.slice(i, i + 3);
    if (OPS3.has(three)) return three;
  }
  if (i + 2 <= to) {
    const two = text.slice(i, i + 2);
    if (OPS2.has(two)) return two;
  }
  return String.fromCodePoint(text.codePointAt(i) ?? 0);
}

function lineEnd(text: string, i: number, to: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 || nl > to ? to : nl;
}

/** End of a string literal starting at `i` (with an optional prefix), or `i` when there is none. */
function stringAt(text: string, i: number, to: number): number {
  const m = /^[rRbBuUfF]{0,2}(['"])/.exec(text.slice(i, i + 3));
  if (!m) return i;
  const q = m[1] as string;
  let j = i + m[0].length;
  const triple = text.startsWith(q + q, j);
  if (triple) j += 2;
  while (j < to) {
    const c = text[j];
    if (c === '\\') { j += 2; continue; } // raw strings too: \" does not end r"…"
    if (triple) {
      if (text.startsWith(q + q + q, j)) return j + 3;
    } else {
      if (c === q) return j + 1;
      if (c === '\n') return j; // unterminated: stop at the line end
    }
    j++;
  }
  return to;
}
