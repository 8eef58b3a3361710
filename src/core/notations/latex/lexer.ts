// LaTeX math → tokens with their ranges in the whole document. Spacing, alignment, labels and
// `\left`/`\right`/`\big` sizing are dropped here; a dropped gap is remembered on the next
// token (`gap`), because `z = Wx + b \quad y = \sigma(z)` separates two statements.

import { UserError } from '../../ast';
import { dict } from '../../keys';

export type TokenType = 'macro' | 'letter' | 'digit' | 'char';

export interface Token {
  readonly type: TokenType;
  /** `\name` for a macro, the character otherwise. */
  readonly v: string;
  readonly start: number;
  readonly end: number;
  /** A newline, `\quad`, `&` or similar came before this token. */
  readonly gap: boolean;
}

/** Dropped entirely; those marked 1 swallow one `{…}` argument (`\label{eq:1}`). */
const DROPPED: Readonly<Record<string, 0 | 1>> = dict({
  '\\,': 0, '\\;': 0, '\\:': 0, '\\!': 0, '\\ ': 0, '\\>': 0, '\\quad': 0, '\\qquad': 0,
  '\\enspace': 0, '\\thinspace': 0, '\\medspace': 0, '\\thickspace': 0, '\\negthinspace': 0,
  '\\displaystyle': 0, '\\textstyle': 0, '\\scriptstyle': 0, '\\limits': 0, '\\nolimits': 0,
  '\\nonumber': 0, '\\notag': 0, '\\label': 1, '\\tag': 1, '\\hspace': 1, '\\vspace': 1,
  '\\phantom': 1, '\\mathstrut': 0, '\\strut': 0, '\\allowbreak': 0, '\\noindent': 0,
});

/** Spacing by a TeX dimension (`\mkern-1.5mu`, `\kern2pt`), as papers tighten `W^{\mkern-1.5mu\mathsf{T}}`. */
const KERNS = new Set(['\\mkern', '\\kern', '\\mskip', '\\hskip']);

/** Plain TeX's font switches in a group, `{\bf W}`, `{\rm softmax}`: the same as `\mathbf{W}`, `\mathrm{softmax}`. */
const SWITCHES: Readonly<Record<string, string>> = dict({
  '\\bf': '\\mathbf', '\\rm': '\\mathrm', '\\it': '\\mathit', '\\sf': '\\mathsf', '\\tt': '\\mathtt', '\\cal': '\\mathcal',
});

/** Gaps that may separate statements (spaces inside a line do not). */
const GAPS = new Set(['\\quad', '\\qquad', '\\enspace', '\\hspace']);

/** Environments that only arrange lines; `\begin{aligned}` and friends are dropped. */
const LAYOUT_ENVS = new Set(['aligned', 'alignedat', 'split', 'gathered', 'align', 'align*', 'equation', 'equation*', 'gather', 'gather*', 'multline', 'multline*', 'eqnarray', 'eqnarray*']);

/** Block matrices: `\begin{bmatrix}`, `&` and `\end{bmatrix}` are tokens (latex/matrix.ts reads them). */
export const MATRIX_ENVS: ReadonlySet<string> = new Set(['bmatrix', 'pmatrix', 'matrix', 'Bmatrix']);

const SIZING = new Set([
  '\\left', '\\right', '\\middle', '\\big', '\\Big', '\\bigg', '\\Bigg', '\\bigl', '\\bigr', '\\Bigl', '\\Bigr',
  '\\biggl', '\\biggr', '\\Biggl', '\\Biggr', '\\bigm', '\\Bigm',
]);

/** Unicode a user may paste, read as the macro it stands for. */
const UNICODE: Readonly<Record<string, readonly string[]>> = dict({
  '∈': ['\\in'], '×': ['\\times'], '⊙': ['\\odot'], '∘': ['\\circ'], '⊗': ['\\otimes'], '·': ['\\cdot'],
  '⋅': ['\\cdot'], 'ℝ': ['\\R'], 'σ': ['\\sigma'], '⊤': ['\\top'], 'ᵀ': ['^', '\\top'], '−': ['-'],
  '‖': ['\\|'], '²': ['^', '2'], '≔': [':='], '√': ['\\sqrt'], '∑': ['\\sum'],
});

const isLetter = (c: string): boolean => /^[A-Za-z]$/.test(c) || (c > '\u007f' && /^\p{L}$/u.test(c));

/** Tokens of `text` in [from, to). */
export function lexLatex(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  let i = from;
  let gap = false;
  let matrices = 0;
  const push = (type: TokenType, v: string, start: number, end: number): void => {
    out.push({ type, v, start, end, gap });
    gap = false;
  };
  while (i < to) {
    const c = text[i] as string;
    if (c === '\n') { gap = true; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '~') { i++; continue; }
    if (c === '&' && matrices > 0) { push('char', '&', i, i + 1); i++; continue; }
    if (c === '&') { gap = true; i++; continue; }
    if (c === '%') { while (i < to && text[i] !== '\n') i++; continue; }
    if (c === '\\') {
      const start = i;
      const name = readMacro(text, i, to);
      i += name.length;
      const dropped = DROPPED[name];
      if (dropped !== undefined) {
        if (GAPS.has(name)) gap = true;
        if (dropped === 1) i = skipGroup(text, i, to);
        continue;
      }
      if (name === '\\begin' || name === '\\end') {
        const env = readEnvName(text, i, to);
        if (env && LAYOUT_ENVS.has(env.name)) { i = env.end; gap = true; continue; }
        if (env && MATRIX_ENVS.has(env.name) && (name === '\\begin' || matrices > 0)) {
          matrices += name === '\\begin' ? 1 : -1;
          push('char', `${name}{${env.name}}`, start, env.end);
          i = env.end;
          continue;
        }
        throw new UserError(`${name}{${env?.name ?? ''}} is not supported inside a formula`, start, env?.end ?? i);
      }
      if (KERNS.has(name)) { i = skipDimension(text, i, to); continue; }
      const font = SWITCHES[name];
      if (font !== undefined) {
        const open = out[out.length - 1];
        if (open?.v !== '{' || open.end !== skipBack(text, start)) throw new UserError(`${name} is read only at the start of a group, as in {${name} W}: or write ${font}{W}`, start, i);
        out[out.length - 1] = { ...open, type: 'macro', v: font };
        push('char', '{', start, i);
        continue;
      }
      if (SIZING.has(name)) {
        i = skipSpaces(text, i, to);
        if (text[i] === '.') { i++; continue; }
        continue; // the delimiter that follows is lexed as itself
      }
      if (name === '\\\\') { push('char', '\\\\', start, i); continue; }
      push('macro', name, start, i);
      continue;
    }
    const uni = UNICODE[c];
    if (uni) {
      for (const v of uni) push(v.startsWith('\\') ? 'macro' : 'char', v, i, i + 1);
      i++;
      continue;
    }
    if (c >= '0' && c <= '9') { push('digit', c, i, i + 1); i++; continue; }
    if (c === '|' && text[i + 1] === '|') { push('macro', '\\|', i, i + 2); i += 2; continue; }
    if (c === ':' && text[i + 1] === '=') { push('char', ':=', i, i + 2); i += 2; continue; }
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (isLetter(ch)) { push('letter', ch, i, i + ch.length); i += ch.length; continue; }
    if ('+-*/=()[]{}^_,;|\'.:<>!'.includes(c)) { push('char', c, i, i + 1); i++; continue; }
    throw new UserError(`unexpected character '${ch}' in a formula`, i, i + ch.length);
  }
  return out;
}

function readMacro(text: string, i: number, to: number): string {
  let j = i + 1;
  while (j < to && /[A-Za-z]/.test(text[j] as string)) j++;
  if (j === i + 1 && j < to) j++; // a one-symbol macro: \, \| \{ \\ …
  return text.slice(i, j);
}

/** Past a TeX dimension such as `-1.5mu` or `2 pt` (or a `{…}` holding one). */
function skipDimension(text: string, i: number, to: number): number {
  const m = /^\s*(?:\{[^{}]*\}|[+-]?\s*(?:\d+\.?\d*|\.\d+)\s*[a-z]{2})/.exec(text.slice(i, to));
  return m ? i + m[0].length : i;
}

/** The end of the text before `i`, spaces left out (where a `{` right before a switch ends). */
function skipBack(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  return i;
}

function skipSpaces(text: string, i: number, to: number): number {
  while (i < to && /\s/.test(text[i] as string)) i++;
  return i;
}

/** Past one `{…}` group (balanced), or past nothing when none follows. */
function skipGroup(text: string, i: number, to: number): number {
  let j = skipSpaces(text, i, to);
  if (text[j] !== '{') return i;
  let depth = 0;
  for (; j < to; j++) {
    if (text[j] === '\\') { j++; continue; }
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j + 1;
  }
  return to;
}

function readEnvName(text: string, i: number, to: number): { name: string; end: number } | undefined {
  const j = skipSpaces(text, i, to);
  if (text[j] !== '{') return undefined;
  const close = text.indexOf('}', j);
  if (close < 0 || close >= to) return undefined;
  return { name: text.slice(j + 1, close).trim(), end: close + 1 };
}
