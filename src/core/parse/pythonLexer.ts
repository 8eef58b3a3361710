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
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?j?)/.exec(text.slice(i, Math.min(to, i + 64)));
      i += m ? m[0].length : 1;
      toks.push({ type: 'number', v: text.slice(start, i), start, end: i });
      continue;
    }
    const str = stringAt(text, i, to);
    if (str > i) {
      toks.push({ type: 'string', v: text.slice(start, str), start, end: str });
      i = str;
      continue;
    }
    const cp = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (NAME_START.test(cp)) {
      i += cp.length;
      while (i < to) {
        const n = String.fromCodePoint(text.codePointAt(i) ?? 0);
        if (!NAME_PART.test(n)) break;
        i += n.length;
      }
      toks.push({ type: 'name', v: text.slice(start, i), start, end: i });
      continue;
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    const op = OPS3.has(three) && i + 3 <= to ? three : OPS2.has(two) && i + 2 <= to ? two : cp;
    if ('([{'.includes(op)) depth++;
    else if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    i += op.length;
    toks.push({ type: 'op', v: op, start, end: i });
  }
  flush(to);
  return { lines, comments: standalone };
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
