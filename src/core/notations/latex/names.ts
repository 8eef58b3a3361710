// Names in LaTeX and the token stream they are read from.
//
// Naming convention (documented in the README):
//   W, \mathbf{W}, \boldsymbol{W}, \bm W      → "W"       (typeface is not part of the name)
//   \theta, \boldsymbol\theta                 → "theta"   (Greek letters by their ASCII name)
//   W_1, W_{1}, \mathbf{W}_1                  → "W_1"     (subscripts joined with "_")
//   W_{12}, W_{i,j}, W_{\text{out}}           → "W_12", "W_ij", "W_out"
//   W^{(1)}, h^{(l)}, W^{[1]}                 → "W_1", "h_l", "W_1" (a bracketed superscript is an index)
//   \hat{y}, \tilde{x}, \bar{x}               → "y_hat", "x_tilde", "x_bar"
//   y'                                        → "y_prime"
//   \mathrm{out}, \text{loss}                 → "out", "loss" (a word that is not a function name)
// Juxtaposed letters are products: `Wx` is W·x, `W_1x` is W_1·x.

import { UserError, type Range } from '../../ast';
import { lookupFunction } from '../../ops/spellings';
import type { Token } from './lexer';
import { BOLD, DECORATIONS, GREEK, STYLES, WORDS } from './tables';
import { dict } from '../../keys';

export class Stream {
  i = 0;
  /** Nesting of groups being read; bounded (MAX_NESTING) so that hostile input cannot exhaust the stack. */
  depth = 0;
  /** Names read in bold or with an arrow (`\mathbf{m}`, `\hat{\boldsymbol{\beta}}`): vectors or matrices. */
  readonly bold = new Set<string>();
  constructor(readonly toks: readonly Token[], readonly whole: Range) {}

  peek(k = 0): Token | undefined {
    return this.toks[this.i + k];
  }
  is(v: string, k = 0): boolean {
    return this.toks[this.i + k]?.v === v;
  }
  next(): Token {
    const t = this.toks[this.i];
    if (!t) throw UserError.at('the formula ends too early', this.endRange());
    this.i++;
    return t;
  }
  eat(v: string): Token | undefined {
    return this.is(v) ? this.next() : undefined;
  }
  get eof(): boolean {
    return this.i >= this.toks.length;
  }
  /** End offset of the last token taken. */
  get lastEnd(): number {
    return this.toks[this.i - 1]?.end ?? this.whole.start;
  }
  /** The last token (an error "the formula ends too early" points at it). */
  endRange(): Range {
    const last = this.toks[this.toks.length - 1];
    return last ? { start: last.start, end: last.end } : this.whole;
  }
  /** Enter one level of nesting (a group, a unary minus, a styled name). */
  enter(): void {
    if (++this.depth > MAX_NESTING) throw UserError.at('the formula is nested too deeply', this.here());
  }
  leave(): void {
    this.depth--;
  }

  /** Where to point for an error at the current token (or the end). */
  here(): Range {
    const t = this.peek();
    return t ? { start: t.start, end: t.end } : this.endRange();
  }
}

/** A script (`_…` or `^…`) after the sign: a braced group's tokens, or one token (with its argument). */
export interface Script {
  readonly toks: readonly Token[];
  readonly start: number;
  readonly end: number;
}

export function readScript(s: Stream): Script {
  const first = s.next();
  if (first.v === '{') {
    const toks = takeGroupBody(s, first);
    return { toks, start: first.start, end: s.lastEnd };
  }
  if (first.v === '}' || first.v === ')' || first.v === ',') {
    throw UserError.at(`a script needs an argument, not '${first.v}'`, first);
  }
  const toks = [first];
  if (first.type === 'macro' && (STYLES.has(first.v) || WORDS.has(first.v) || first.v in DECORATIONS)) {
    const arg = s.peek();
    if (arg?.v === '{') toks.push(...takeGroupBody(s, s.next()));
    else if (arg) toks.push(s.next());
  }
  return { toks, start: first.start, end: s.lastEnd };
}

/** Tokens up to the `}` matching `open` (which was just taken); the `}` is taken too. */
export function takeGroupBody(s: Stream, open: Token): Token[] {
  const body: Token[] = [];
  let depth = 1;
  for (;;) {
    const t = s.peek();
    if (!t) throw UserError.at("this '{' is never closed", open);
    s.i++;
    if (t.v === '{') depth++;
    else if (t.v === '}' && --depth === 0) return body;
    body.push(t);
  }
}

const MACRO_TEXT: Readonly<Record<string, string>> = dict({ '\\top': 'T', '\\intercal': 'T', '\\prime': "'", '\\infty': 'inf' });

/** A script as plain text: `{\mathsf{T}}` → "T", `{\text{out}}` → "out", `{-\top}` → "-T". */
export function scriptText(toks: readonly Token[]): string {
  let out = '';
  for (const t of toks) {
    if (t.v === '{' || t.v === '}') continue;
    if (t.type !== 'macro') out += t.v;
    else if (MACRO_TEXT[t.v] !== undefined) out += MACRO_TEXT[t.v];
    else if (GREEK.has(t.v)) out += t.v.slice(1);
    else if (!STYLES.has(t.v) && !WORDS.has(t.v) && !(t.v in DECORATIONS)) out += t.v.slice(1);
  }
  return out;
}

/** A subscript as part of a name: `i,j` → "ij", `l-1` → "lm1", `+` → "p"; other signs dropped. */
export function sanitize(text: string): string {
  return text.replace(/-/g, 'm').replace(/\+/g, 'p').replace(/[^\p{L}\p{N}_]/gu, '');
}

export const MAX_NESTING = 100;

export interface NameHit {
  readonly name: string;
  readonly range: Range;
}

/** Read a name at the current token, with its subscripts and decorations; undefined (and nothing taken) when there is none. */
export function readName(s: Stream, allowSigma = true): NameHit | undefined {
  const save = s.i;
  const base = readBase(s, allowSigma);
  if (base === undefined) {
    s.i = save;
    return undefined;
  }
  const start = s.toks[save]?.start ?? s.whole.start;
  const bold = s.toks.slice(save, s.i).some((t) => BOLD.has(t.v));
  let name = base;
  for (;;) {
    if (s.is('_')) {
      const at = s.i;
      s.next();
      if (s.eof) { s.i = at; break; }
      const sub = sanitize(scriptText(readScript(s).toks));
      if (!sub) { s.i = at; break; }
      name += `_${sub}`;
    } else if (s.is('^') && s.is('{', 1) && (s.is('(', 2) || s.is('[', 2))) {
      const at = s.i;
      s.next();
      const script = readScript(s).toks;
      const last = script[script.length - 1];
      if (last?.v !== (script[0]?.v === '(' ? ')' : ']')) { s.i = at; break; }
      name += `_${sanitize(scriptText(script.slice(1, -1)))}`;
    } else if (s.is("'")) {
      s.next();
      name += '_prime';
    } else {
      const primes = takeSuperscriptPrimes(s);
      if (primes === 0) break;
      name += '_prime'.repeat(primes);
    }
  }
  if (bold) s.bold.add(name);
  return { name, range: { start, end: s.lastEnd } };
}

/** Primes written as a superscript (`^\\prime`, `^{\\prime\\prime}`): how many were taken, 0 when none (nothing taken). */
function takeSuperscriptPrimes(s: Stream): number {
  if (!s.is('^')) return 0;
  if (s.is('\\prime', 1)) {
    s.i += 2;
    return 1;
  }
  if (!s.is('{', 1)) return 0;
  let k = 2;
  while (s.is('\\prime', k)) k++;
  if (k === 2 || !s.is('}', k)) return 0;
  s.i += k + 1;
  return k - 2;
}

/** The letter, Greek letter, styled or decorated name, or word that starts a name. */
function readBase(s: Stream, allowSigma: boolean): string | undefined {
  const t = s.peek();
  if (!t) return undefined;
  if (t.type === 'letter') return s.next().v;
  // `{\bm{x}}`, as notation files define \vx: a group holding exactly one name is that name
  if (t.v === '{') return readArgumentName(s);
  if (t.type !== 'macro') return undefined;
  if (GREEK.has(t.v)) {
    if (t.v === '\\sigma' && !allowSigma) return undefined;
    return s.next().v.slice(1);
  }
  const decoration = DECORATIONS[t.v];
  if (STYLES.has(t.v) || decoration !== undefined) {
    s.next();
    const inner = readArgumentName(s);
    if (inner === undefined) return undefined;
    return decoration ? `${inner}_${decoration}` : inner;
  }
  if (WORDS.has(t.v) && t.v !== '\\operatorname') {
    s.next();
    s.eat('*');
    const word = readWord(s);
    if (!word || lookupFunction(word.text) || !/^[\p{L}][\p{L}\p{N}_]*$/u.test(word.text)) return undefined;
    return word.text;
  }
  return undefined;
}

/** The argument of a style or accent, when it is exactly one name: `{W}`, `{\theta}`, `W`, `{\mathbf{y}}`. */
function readArgumentName(s: Stream): string | undefined {
  if (!s.is('{')) {
    const t = s.peek();
    if (t?.type === 'letter' || (t?.type === 'macro' && GREEK.has(t.v))) return s.next().type === 'letter' ? t.v : t.v.slice(1);
    return undefined;
  }
  s.next();
  s.enter();
  const inner = readName(s);
  s.leave();
  if (!inner || !s.eat('}')) return undefined;
  return inner.name;
}

/** The text of a `{…}` word argument (`\operatorname{ReLU}`), or one letter. */
export function readWord(s: Stream): { text: string; range: Range } | undefined {
  const open = s.peek();
  if (!open) return undefined;
  if (open.v !== '{') {
    if (open.type !== 'letter') return undefined;
    s.next();
    return { text: open.v, range: { start: open.start, end: open.end } };
  }
  s.next();
  const body = takeGroupBody(s, open);
  return { text: scriptText(body).replace(/\s+/g, ''), range: { start: open.start, end: s.lastEnd } };
}
