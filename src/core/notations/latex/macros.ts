// A document's own LaTeX macros: `\newcommand`, `\renewcommand`, `\providecommand`,
// `\DeclareMathOperator`, `\def` with undelimited arguments and `\let`, read from its text (and
// from preamble text a caller supplies, such as an `\input` notation file), then expanded in a
// formula's tokens as TeX would: each use is replaced by its body with `#1…#9` substituted, and
// the result read again. Expanded tokens carry the range of the use, so an error points there.

import type { Range } from '../../ast';
import { MAX_SYMBOLS } from '../../limits';
import { lexLatex, type Token } from './lexer';

export interface MacroDef {
  readonly name: string;
  /** Number of arguments (#1…#9). */
  readonly params: number;
  /** `\newcommand{\x}[2][a]{…}`: the default of the optional first argument. */
  readonly optional?: string;
  readonly body: string;
  /** Defined in a way this reader does not expand (delimited `\def` arguments): the reason. */
  readonly unsupported?: string;
}

export type Macros = ReadonlyMap<string, MacroDef>;

export interface Definitions {
  readonly macros: Map<string, MacroDef>;
  /** Where each definition stands in the text (left out when the formula is read). */
  readonly ranges: Range[];
}

/** Beyond these an expansion is refused: a macro defined in terms of itself, or one that explodes
 *  (a few tokens per symbol of the limit the source text itself is held to). */
export const MAX_EXPANSION_DEPTH = 32;
export const MAX_EXPANSION_TOKENS = 4 * MAX_SYMBOLS;

const DEFINERS = /\\(newcommand|renewcommand|providecommand|DeclareMathOperator|def|let)(?![A-Za-z@])\*?/;

/** The macro definitions in [from, to) of `text`, added to `into` (a later definition wins). */
export function readDefinitions(text: string, from = 0, to = text.length, into = new Map<string, MacroDef>()): Definitions {
  const ranges: Range[] = [];
  // most formulas define nothing: one search of their own text (not the document's rest) says so
  if (!DEFINERS.test(text.slice(from, to))) return { macros: into, ranges };
  const re = new RegExp(DEFINERS.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const read = READERS[m[1] as Definer](text, re.lastIndex, to);
    if (!read) continue;
    const { def, end } = read;
    if (!(m[1] === 'providecommand' && into.has(def.name))) into.set(def.name, def);
    ranges.push({ start: m.index, end });
    re.lastIndex = end;
  }
  return { macros: into, ranges };
}

type Definer = 'newcommand' | 'renewcommand' | 'providecommand' | 'DeclareMathOperator' | 'def' | 'let';
type Reader = (text: string, i: number, to: number) => { def: MacroDef; end: number } | undefined;

const newcommand: Reader = (text, i, to) => {
  const name = macroName(text, i, to);
  if (!name) return undefined;
  let j = skipSpaces(text, name.end, to);
  let params = 0;
  let optional: string | undefined;
  const count = bracket(text, j, to);
  if (count) {
    params = Number(count.body.trim());
    if (!Number.isInteger(params) || params < 0 || params > 9) return undefined;
    j = skipSpaces(text, count.end, to);
    const dflt = bracket(text, j, to);
    if (dflt) {
      optional = dflt.body;
      j = skipSpaces(text, dflt.end, to);
    }
  }
  const body = group(text, j, to);
  if (!body) return undefined;
  return { def: { name: name.name, params, body: body.body, ...(optional !== undefined ? { optional } : {}) }, end: body.end };
};

const READERS: Readonly<Record<Definer, Reader>> = {
  newcommand,
  renewcommand: newcommand,
  providecommand: newcommand,
  DeclareMathOperator: (text, i, to) => {
    const name = macroName(text, i, to);
    const body = name && group(text, skipSpaces(text, name.end, to), to);
    return body ? { def: { name: name.name, params: 0, body: `\\operatorname{${body.body}}` }, end: body.end } : undefined;
  },
  // \def\name#1#2{…}; anything else before the brace delimits the arguments, which is not read
  def: (text, i, to) => {
    const name = macroName(text, i, to);
    if (!name) return undefined;
    const brace = text.indexOf('{', name.end);
    if (brace < 0 || brace >= to) return undefined;
    const pattern = text.slice(name.end, brace).replace(/\s+/g, '');
    const body = group(text, brace, to);
    if (!body) return undefined;
    const undelimited = /^(?:#[1-9])*$/.test(pattern) && [...pattern.matchAll(/#(\d)/g)].every((p, k) => Number(p[1]) === k + 1);
    const def: MacroDef = undelimited
      ? { name: name.name, params: pattern.length / 2, body: body.body }
      : { name: name.name, params: 0, body: '', unsupported: `${name.name} is defined by \\def with delimited arguments (${pattern}), which are not read: define it with \\newcommand` };
    return { def, end: body.end };
  },
  // \let\a\b or \let\a=\b: \a means what \b means
  let: (text, i, to) => {
    const name = macroName(text, i, to);
    if (!name) return undefined;
    let j = skipSpaces(text, name.end, to);
    if (text[j] === '=') j = skipSpaces(text, j + 1, to);
    const other = macroName(text, j, to);
    return other ? { def: { name: name.name, params: 0, body: other.name }, end: other.end } : undefined;
  },
};

/** `\name` or `{\name}` at `i` (after spaces). */
function macroName(text: string, i: number, to: number): { name: string; end: number } | undefined {
  let j = skipSpaces(text, i, to);
  const braced = text[j] === '{';
  if (braced) j = skipSpaces(text, j + 1, to);
  const m = /^\\(?:[A-Za-z@]+|[^A-Za-z@\s])/.exec(text.slice(j, Math.min(to, j + 100)));
  if (!m) return undefined;
  let end = j + m[0].length;
  if (braced) {
    end = skipSpaces(text, end, to);
    if (text[end] !== '}') return undefined;
    end++;
  }
  return { name: m[0], end };
}

/** A balanced `{…}` at `i`: its inside and the offset after it. */
function group(text: string, i: number, to: number): { body: string; end: number } | undefined {
  if (text[i] !== '{') return undefined;
  let depth = 0;
  for (let j = i; j < to; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { body: text.slice(i + 1, j), end: j + 1 };
  }
  return undefined;
}

/** `[…]` at `i` (no nesting). */
function bracket(text: string, i: number, to: number): { body: string; end: number } | undefined {
  if (text[i] !== '[') return undefined;
  const close = text.indexOf(']', i);
  return close > 0 && close < to ? { body: text.slice(i + 1, close), end: close + 1 } : undefined;
}

function skipSpaces(text: string, i: number, to: number): number {
  while (i < to && /\s/.test(text[i] as string)) i++;
  return i;
}

/** The tokens of [from, to) of `text`, leaving out the ranges (sorted, disjoint) of definitions. */
export function lexAround(text: string, from: number, to: number, skip: readonly Range[]): Token[] {
  if (skip.length === 0) return lexLatex(text, from, to);
  const out: Token[] = [];
  let at = from;
  for (const r of skip) {
    if (r.start > at) out.push(...lexLatex(text, at, r.start));
    at = Math.max(at, r.end);
  }
  if (to > at) out.push(...lexLatex(text, at, to));
  return out;
}

/** A file read for its macros is read only up to this size (a notation file is a few kilobytes). */
export const MAX_PREAMBLE_BYTES = 256 * 1024;

/** The files a LaTeX document `\input`s or `\include`s (outside comments), relative to it; TeX's
 *  rule that `\input{notation}` reads `notation.tex` is applied. */
export function inputsOf(text: string): Array<{ readonly path: string; readonly range: Range }> {
  const out: Array<{ path: string; range: Range }> = [];
  for (const m of text.matchAll(/\\(?:input|include)\s*\{([^{}\n]+)\}/g)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (/(?:^|[^\\])%/.test(text.slice(lineStart, m.index))) continue;
    const path = (m[1] as string).trim();
    out.push({ path: /\.[A-Za-z]+$/.test(path) ? path : `${path}.tex`, range: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}
