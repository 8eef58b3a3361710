// Finding the places of a document that hold formulas or code: Markdown math (`$…$`, `$$…$$`,
// `\[…\]`, `\(…\)`, equation/align environments), fenced and indented code blocks, LaTeX math
// environments, plain-text paragraphs, a Python file. One linear pass; every loop advances.

import { NOTATIONS, notationOfFence, type Notation } from '../notations';
import { detectNotation } from '../notations/detect';

export type ScanLanguage = 'markdown' | 'latex' | 'python' | 'plaintext';

/**
 * How a block is read:
 * `display` — a formula; `inline` — `$…$` in prose (a bare expression is listed only with a matrix
 * operation or a declared name); in both, a formula that fails to parse is reported only when it opens
 * like a definition (`y = …`, `W \in …`), not an identity such as `\operatorname{vec}(ABC) = …`;
 * `lines` — math notation line by line, lines that do not parse are prose; `strict-lines` — a
 * ```math block: every line is math; `code` — Python.
 */
export type BlockMode = 'display' | 'inline' | 'lines' | 'strict-lines' | 'code';

export interface Block {
  readonly notation: Notation;
  readonly mode: BlockMode;
  /** The content, without delimiters. */
  readonly start: number;
  readonly end: number;
  /** Blank-line separated paragraph (a code block is its own). */
  readonly paragraph: number;
  /** Markdown math inside a blockquote: the `>` that open its lines are not part of the formula. */
  readonly quoted?: boolean;
}

export function findBlocks(text: string, language: ScanLanguage): Block[] {
  switch (language) {
    case 'python': return text.trim() ? [{ notation: 'python', mode: 'code', start: 0, end: text.length, paragraph: 0 }] : [];
    case 'latex': return mathSpans(text, 0, text.length, 0, 'latex').blocks;
    case 'plaintext': return paragraphs(text);
    case 'markdown': return markdownBlocks(text);
  }
}

const MATH_ENVS = new Set([
  'equation', 'equation*', 'align', 'align*', 'gather', 'gather*', 'multline', 'multline*', 'eqnarray',
  'eqnarray*', 'displaymath', 'math', 'flalign', 'flalign*', 'alignat', 'alignat*',
]);
const VERBATIM_ENVS = new Set(['verbatim', 'verbatim*', 'lstlisting', 'minted', 'comment', 'Verbatim']);

const lineEnd = (text: string, i: number): number => {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
};
const isBlank = (text: string, from: number, to: number): boolean => {
  for (let k = from; k < to; k++) if (!/\s/.test(text[k] as string)) return false;
  return true;
};

/** Plain text: each blank-line separated paragraph is read line by line as math notation. */
function paragraphs(text: string): Block[] {
  const out: Block[] = [];
  let para = 0;
  let start = -1;
  for (let i = 0; i <= text.length;) {
    const e = lineEnd(text, i);
    const blank = isBlank(text, i, e);
    if (!blank && start < 0) start = i;
    if ((blank || e >= text.length) && start >= 0) {
      out.push({ notation: 'math', mode: 'lines', start, end: blank ? i : e, paragraph: para++ });
      start = -1;
    }
    i = e + 1;
  }
  return out;
}

/** Markdown: fenced and indented code blocks by lines; math spans in the prose between them. */
function markdownBlocks(text: string): Block[] {
  const out: Block[] = [];
  let para = 0;
  let prose = -1;
  let prevBlank = true;
  let inList = false;
  const flush = (end: number): void => {
    if (prose < 0) return;
    const r = mathSpans(text, prose, end, para, 'markdown');
    for (const b of r.blocks) out.push(b); // not push(...): a spread of 150,000 blocks overflows the stack
    para = r.paragraph + 1;
    prose = -1;
  };
  for (let i = frontMatterEnd(text); i < text.length;) {
    const e = lineEnd(text, i);
    const fence = mayFence(text, i) ? /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(text.slice(i, Math.min(e, i + 200))) : null;
    if (fence) {
      flush(i);
      const mark = fence[1] as string;
      const close = closingFence(text, e + 1, mark);
      const contentStart = Math.min(e + 1, text.length);
      const block = codeBlock(text, contentStart, close.start, (fence[2] ?? '').toLowerCase(), para);
      if (block) out.push(block);
      para++;
      i = close.next;
      prevBlank = false;
      continue;
    }
    const blank = isBlank(text, i, e);
    const indented = /^(?: {4}|\t)/.test(text.slice(i, i + 4));
    if (indented && !blank && prevBlank && !inList) {
      flush(i);
      let j = i;
      let end = e;
      while (j < text.length) {
        const le = lineEnd(text, j);
        if (!isBlank(text, j, le) && !/^(?: {4}|\t)/.test(text.slice(j, j + 4))) break;
        if (!isBlank(text, j, le)) end = le;
        j = le + 1;
      }
      out.push({ notation: detectNotation(text.slice(i, end)) === 'python' ? 'python' : 'math', mode: 'lines', start: i, end, paragraph: para++ });
      i = Math.max(j, e + 1);
      prevBlank = true;
      continue;
    }
    if (!blank) {
      if (prose < 0) prose = i;
      inList = /^\s*(?:[-*+]|\d+[.)])\s/.test(text.slice(i, Math.min(e, i + 12))) || (inList && /^\s/.test(text[i] ?? ''));
    } else if (!/^\s/.test(text[e + 1] ?? '')) inList = false;
    prevBlank = blank;
    i = e + 1;
  }
  flush(text.length);
  return out;
}

/** Past a YAML front matter (`---` on the first line, to a line `---` or `...`): the preview does
 *  not show it as text, so its math is not a definition. 0 when there is none. */
function frontMatterEnd(text: string): number {
  if (!/^---[ \t]*\r?\n/.test(text)) return 0;
  const close = /\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
  return close ? 3 + close.index + close[0].length : 0;
}

/** Does the line at `i` open with ``` or ~~~ after at most 3 spaces? (A quick test before the regex.) */
function mayFence(text: string, i: number): boolean {
  let j = i;
  while (j < i + 3 && text.charCodeAt(j) === 32) j++;
  const c = text.charCodeAt(j);
  return c === 96 || c === 126;
}

function closingFence(text: string, from: number, mark: string): { start: number; next: number } {
  const ch = mark[0] as string;
  for (let i = from; i < text.length;) {
    const e = lineEnd(text, i);
    const m = mayFence(text, i) ? /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text.slice(i, Math.min(e, i + 200))) : null;
    if (m && (m[1] as string)[0] === ch && (m[1] as string).length >= mark.length) return { start: i, next: e + 1 };
    i = e + 1;
  }
  return { start: text.length, next: text.length };
}

function codeBlock(text: string, start: number, end: number, info: string, paragraph: number): Block | undefined {
  if (end <= start) return undefined;
  const at = { start, end, paragraph };
  // ```math holds LaTeX (GitHub renders it so) or our math notation, and every line of it is a formula
  if (info === 'math') {
    const latex = detectNotation(text.slice(start, end)) === 'latex';
    return { ...at, notation: latex ? 'latex' : 'math', mode: latex ? 'display' : 'strict-lines' };
  }
  const notation = notationOfFence(info);
  return notation && { ...at, notation, mode: NOTATIONS[notation].block };
}

/** Math in prose or a .tex file, from `from` to `to`; paragraphs counted from `paragraph`. */
export function mathSpans(text: string, from: number, to: number, paragraph: number, lang: 'markdown' | 'latex'): { blocks: Block[]; paragraph: number } {
  const blocks: Block[] = [];
  let para = paragraph;
  const push = (start: number, end: number, mode: 'display' | 'inline'): void => {
    if (end <= start) return;
    const quoted = lang === 'markdown' && QUOTE_MARK.test(text.slice(start, end));
    blocks.push(quoted ? { notation: 'latex', mode, start, end, paragraph: para, quoted } : { notation: 'latex', mode, start, end, paragraph: para });
  };
  let i = from;
  while (i < to) {
    const c = text[i] as string;
    if (c === '\n') {
      const e = Math.min(lineEnd(text, i + 1), to);
      if (isBlank(text, i + 1, e)) para++;
      i++;
      continue;
    }
    if (lang === 'latex' && c === '%') { i = Math.min(lineEnd(text, i), to); continue; }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '[' || next === '(') {
        const closer = next === '[' ? '\\]' : '\\)';
        const close = text.indexOf(closer, i + 2);
        if (close >= 0 && close < to) {
          push(i + 2, close, next === '[' ? 'display' : 'inline');
          i = close + 2;
          continue;
        }
      } else if (text.startsWith('\\begin{', i)) {
        const nameEnd = text.indexOf('}', i + 7);
        const env = nameEnd > 0 && nameEnd < to ? text.slice(i + 7, nameEnd) : '';
        const endTag = `\\end{${env}}`;
        const close = MATH_ENVS.has(env) || VERBATIM_ENVS.has(env) ? text.indexOf(endTag, nameEnd) : -1;
        if (close >= 0 && close < to) {
          if (MATH_ENVS.has(env)) push(nameEnd + 1, close, 'display');
          i = close + endTag.length;
          continue;
        }
      }
      i += 2;
      continue;
    }
    // an HTML comment is not shown by the preview, so its math is not a definition
    if (lang === 'markdown' && c === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      i = close >= 0 && close < to ? close + 3 : to;
      continue;
    }
    if (lang === 'markdown' && c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const close = text.indexOf('`'.repeat(run), i + run);
      i = close >= 0 && close < to ? close + run : i + run;
      continue;
    }
    if (c === '$') {
      if (text[i + 1] === '$') {
        const close = text.indexOf('$$', i + 2);
        if (close >= 0 && close < to) {
          push(i + 2, close, 'display');
          i = close + 2;
          continue;
        }
        i += 2;
        continue;
      }
      const close = inlineClose(text, i, to, lang);
      if (close > 0) {
        push(i + 1, close, 'inline');
        i = close + 1;
        continue;
      }
    }
    i = nextSpecial(text, i + 1, to);
  }
  return { blocks, paragraph: para };
}

/** A line of a blockquote inside a formula. */
const QUOTE_MARK = /\n[ \t]*>/;

/** The characters `mathSpans` looks at; it skips to the next one. */
const SPECIAL = /[\n%\\`$]/g;

function nextSpecial(text: string, from: number, to: number): number {
  SPECIAL.lastIndex = from;
  const m = SPECIAL.exec(text);
  return m && m.index < to ? m.index : to;
}

/** The `$` closing an inline `$…$` opened at `i`, or -1. In Markdown: no space inside the
 *  dollars, no digit after the closing one, and no blank line in between. */
function inlineClose(text: string, i: number, to: number, lang: 'markdown' | 'latex'): number {
  if (lang === 'markdown' && /\s/.test(text[i + 1] ?? ' ')) return -1;
  for (let j = i + 1; j < to; j++) {
    const c = text[j];
    if (c === '\\') { j++; continue; }
    if (c === '\n' && isBlank(text, j + 1, Math.min(lineEnd(text, j + 1), to))) return -1;
    if (c === '`' && lang === 'markdown') return -1; // a code span starts: no math across it
    if (c !== '$') continue;
    if (lang === 'latex') return j;
    if (!/\s/.test(text[j - 1] as string) && !/[0-9]/.test(text[j + 1] ?? '')) return j;
  }
  return -1;
}
