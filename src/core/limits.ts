// Input limits that keep every later pass (the parsers, shapes, rules, rendering) within a small,
// known depth: a linear scan of the text before any parser runs, so a hostile or generated line
// ends in a positioned error instead of a stack overflow or a quadratic scan.

import { UserError } from './ast';

/** Names, numbers and operators in one statement. A layer a person writes has tens; the passes
 *  after parsing recurse once per level of the tree, and this bound keeps that depth safe. It also
 *  bounds the time: the Jacobian of a chain of distinct matrices has a block per matrix, each a
 *  product of the others, so its text grows as the square of the chain — at 500 symbols (248
 *  matrices) a symbolic answer took 9 s of CPU, at 250 (125 matrices) 3 s (measured at load 5). */
export const MAX_SYMBOLS = 250;
/** Brackets open at once: `((((x))))`, `\frac{\frac{…}{…}}{…}`, `f(g(h(x)))`. */
export const MAX_BRACKETS = 100;
/** Definitions one document's scan reads: the blocks after the one that reaches it are not parsed (a note says from where). */
export const MAX_DEFINITIONS = 500;
/** Characters of a file or document read at all (the CLI's `--file`, the extension's documents). */
export const MAX_DOCUMENT_CHARS = 4 * 2 ** 20;

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
const WORD = /[\p{L}\p{N}_.\\]/u;
const SPACE = /\s/;

const grouped = (n: number): string => n.toLocaleString('en-US');

/** Throws a positioned UserError when a statement of text[start, end) is too long or too deep.
 *  Statements end at a line break outside brackets, at `;` and at LaTeX's `\\`; a `comment`
 *  character (`%`, `#`) hides the rest of its line. Positions are moved by `offset`. */
export function checkExpressionSize(text: string, start = 0, end = text.length, comment = '', offset = 0): void {
  try {
    scan(text, start, end, comment);
  } catch (e) {
    if (e instanceof UserError && offset) throw new UserError(e.message, e.start + offset, e.end + offset);
    throw e;
  }
}

function scan(text: string, start: number, end: number, comment: string): void {
  let symbols = 0;
  let depth = 0;
  let statement = start;
  let overAt = -1;
  for (let i = start; i < end; i++) {
    const c = text[i] as string;
    if ((c === '\n' && depth === 0) || c === ';' || (c === '\\' && text[i + 1] === '\\')) {
      tooLong(text, statement, i, symbols, overAt);
      symbols = 0;
      overAt = -1;
      statement = i + 1;
      continue;
    }
    if (SPACE.test(c)) continue;
    if (c === comment && text[i - 1] !== '\\') {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 || nl > end ? end : nl) - 1;
      continue;
    }
    if (OPEN.has(c) && ++depth > MAX_BRACKETS) {
      throw new UserError(`expression nested too deeply: more than ${MAX_BRACKETS} brackets open at once`, i, i + 1);
    }
    if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    // A run of word characters is one symbol (`W_1`, `3.5`, `\sigma`); every other character is one.
    if (WORD.test(c)) while (i + 1 < end && WORD.test(text[i + 1] as string) && !(text[i + 1] === '\\' && text[i + 2] === '\\')) i++;
    if (++symbols === MAX_SYMBOLS + 1) overAt = i;
  }
  tooLong(text, statement, end, symbols, overAt);
}

function tooLong(text: string, start: number, end: number, symbols: number, overAt: number): void {
  if (symbols <= MAX_SYMBOLS) return;
  let s = start;
  while (s < end && SPACE.test(text[s] as string)) s++;
  throw new UserError(
    `expression too long: ${grouped(symbols)} names, numbers and operators; the limit is ${grouped(MAX_SYMBOLS)} — split it into several assignments`,
    overAt >= 0 ? overAt : s,
    end,
  );
}
