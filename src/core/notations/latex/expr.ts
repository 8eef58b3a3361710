// LaTeX expressions → AST, by recursive descent over the tokens of `latexLexer`.
//
//   sum      := ['+'] kron (('+' | '-') kron)*
//   kron     := hadamard ('\otimes' hadamard)*
//   hadamard := product (('\odot' | '\circ' | '/' | '\oslash') product)*
//   product  := factor (('\cdot' | '\times' | '*')? factor)*      juxtaposition is a product
//   factor   := '-' factor | atom (superscript)*
//
// Juxtaposition binds tighter than ⊙ and ⊗: `\sigma'(z) \odot W^\top \delta` is σ'(z) ⊙ (Wᵀδ).

import { UserError, type Expr, type Range } from '../../ast';
import type { Token } from './lexer';
import { readName, readScript, readWord, scriptText, Stream, type Script } from './names';
import { applyFunction, functionAt } from './functions';
import { blockMatrix, isMatrixOpen } from './matrix';
import {
  ABS_CLOSE, ABS_OPEN, ASSIGN_OPS, DIVIDE_OPS, HADAMARD_OPS, NORM_CLOSE, NORM_OPEN, OPENERS, PRODUCT_OPS, PROSE,
  REALS, STYLES, UNSUPPORTED, WORDS,
} from './tables';
import { ONES, foldProduct, isOnes, sizedOnes, span } from './ones';
import { readSize } from './sizes';
import { withRange } from '../../ast/ranges';
import { namesIn } from '../../ast/query';
import { SUPPORTED_FUNCTIONS } from '../../ops/spellings';
import { DIFFERENTIAL, DIFFERENTIAL_MESSAGE, appliesAsFunction, readable } from '../../ast/names';

/** Letters in these typefaces name functions, sets and losses (\mathcal{L}, \mathcal{F}), not matrices. */
const CALLIGRAPHIC: ReadonlySet<string> = new Set(['\\mathcal', '\\mathscr', '\\mathfrak']);

/** Commands that end a factor (operators, closers, relations, separators). */
const TERMINATORS: ReadonlySet<string> = new Set([
  ...PRODUCT_OPS, ...HADAMARD_OPS, ...DIVIDE_OPS, ...ASSIGN_OPS, '\\otimes', '\\in', '\\\\', '\\}',
  '\\rbrack', '\\rparen', '\\rbrace', '\\rVert', '\\rvert', '\\rangle',
]);

export class ExprParser extends Stream {
  /** Inside `\|…\|` or `|…|` the bar closes instead of opening. */
  private normDepth = 0;
  private absDepth = 0;
  /** Inside brackets no new statement can start. */
  protected groupDepth = 0;
  readonly notes = new Set<string>();

  constructor(toks: readonly Token[], whole: Range, readonly startsStatement: (p: ExprParser) => boolean) {
    super(toks, whole);
  }

  parseExpr(): Expr {
    this.enter();
    try {
      return this.sum();
    } finally {
      this.leave();
    }
  }

  private sum(): Expr {
    this.eat('+');
    let left = this.kron();
    for (let t = this.peek(); t && (t.v === '+' || t.v === '-'); t = this.peek()) {
      this.next();
      const right = this.kron();
      left = { kind: t.v === '+' ? 'add' : 'sub', left, right, range: span(left, right) };
    }
    return left;
  }

  private kron(): Expr {
    let left = this.hadamard();
    while (this.eat('\\otimes')) {
      const right = this.hadamard();
      left = { kind: 'kron', left, right, range: span(left, right) };
    }
    return left;
  }

  private hadamard(): Expr {
    let left = this.product();
    for (let t = this.peek(); t && (HADAMARD_OPS.has(t.v) || DIVIDE_OPS.has(t.v)); t = this.peek()) {
      this.next();
      const right = this.product();
      // `/` as in math notation: by a matrix it is A B⁻¹ (shape/division.ts); ⊘ is always entrywise
      left = HADAMARD_OPS.has(t.v) ? { kind: 'hadamard', left, right, range: span(left, right) }
        : t.v === '\\oslash' ? { kind: 'div', left, right, range: span(left, right) }
        : { kind: 'div', left, right, slash: true, range: span(left, right) };
    }
    return left;
  }

  product(): Expr {
    const minus = this.eat('-');
    const factors = [this.postfix(this.atom())];
    for (let t = this.peek(); t; t = this.peek()) {
      if (PRODUCT_OPS.has(t.v)) {
        this.next();
        factors.push(this.factor());
      } else if (this.startsAtom(t) && !(t.gap && this.groupDepth === 0 && this.startsStatement(this))) {
        factors.push(this.postfix(this.atom()));
      } else break;
    }
    refuseDifferential(factors);
    const e = foldProduct(factors);
    return minus ? negate(e, minus.start) : e;
  }

  private factor(): Expr {
    const minus = this.eat('-');
    if (!minus) return this.postfix(this.atom());
    this.enter();
    const arg = this.factor();
    this.leave();
    return negate(arg, minus.start);
  }

  /** Can `t` begin a factor of a juxtaposed product? Unknown commands can (and fail there, by name). */
  startsAtom(t: Token): boolean {
    if (t.type === 'letter' || t.type === 'digit') return true;
    if (t.v in OPENERS || isMatrixOpen(t)) return true;
    if (NORM_OPEN.has(t.v)) return this.normDepth === 0 || t.v === '\\lVert';
    if (ABS_OPEN.has(t.v)) return this.absDepth === 0 || t.v === '\\lvert';
    if (t.type !== 'macro') return false;
    return !TERMINATORS.has(t.v) && !PROSE.has(t.v);
  }

  atom(): Expr {
    const t = this.peek();
    if (!t) throw UserError.at('a value is expected here, but the formula ends', this.endRange());
    if (t.type === 'digit' || (t.v === '.' && this.peek(1)?.type === 'digit')) return this.number();
    if (t.v in OPENERS) return this.group();
    if (isMatrixOpen(t)) return blockMatrix(this);
    if (t.v === '\\langle') return this.innerProduct();
    if (NORM_OPEN.has(t.v)) return this.bars('norm');
    if (ABS_OPEN.has(t.v)) return this.bars('abs');
    const head = functionAt(this);
    if (head) return applyFunction(this, head);
    if (t.v === '\\frac' || t.v === '\\tfrac' || t.v === '\\dfrac' || t.v === '\\cfrac') return this.frac();
    if (t.v === '\\mathbb' && (this.is('R', 1) || (this.is('{', 1) && this.is('R', 2) && this.is('}', 3)))) {
      const end = (this.peek(this.is('R', 1) ? 1 : 3) as Token).end;
      throw UserError.at('\\mathbb{R} belongs in a declaration: x \\in \\mathbb{R}^n', { start: t.start, end });
    }
    if (t.v === '\\mathbf' || t.v === '\\mathbb' || t.v === '\\boldsymbol' || t.v === '\\bm') {
      const ones = this.onesAt();
      if (ones) return ones;
    }
    const name = readName(this);
    // \mathrm{LayerNorm}(x) is a function the text applies, not a matrix named LayerNorm times x
    if (name && WORDS.has(t.v) && /^[A-Za-z]{2,}$/.test(name.name) && this.is('(')) {
      throw UserError.at(`unknown function ${name.name} (known: ${SUPPORTED_FUNCTIONS.join(', ')})`, name.range);
    }
    // \mathcal{F}(x), ResNet's residual: a calligraphic letter applied is a function the text does not
    // define (a network, a loss), never the matrix F times x nor an entry-by-entry function
    if (name && CALLIGRAPHIC.has(t.v) && this.is('(')) {
      throw UserError.at(`${t.v}{${name.name}}(…) is a function the formula does not define: write what it computes (e.g. W_2 \\sigma(W_1 x)) for it to be differentiated`, name.range);
    }
    if (name) return this.nameAtom(name.name, name.range);
    if (t.type === 'macro') return this.macroAtom(t);
    throw UserError.at(t.v === '=' ? "unexpected '=': a value is expected here" : `unexpected '${t.v}'`, t);
  }

  /** Style macros around something that is not a single name: `\mathbf{Wx}` is W·x. */
  private macroAtom(t: Token): Expr {
    if (STYLES.has(t.v) && this.is('{', 1)) {
      this.next();
      return this.group();
    }
    if (REALS.has(t.v)) throw UserError.at(`${t.v} belongs in a declaration: x \\in \\mathbb{R}^n`, t);
    const why = UNSUPPORTED[t.v];
    if (why) throw UserError.at(why, t);
    if (PROSE.has(t.v)) throw UserError.at(`text (${t.v}) inside a formula: a value is expected here`, t);
    if (WORDS.has(t.v)) {
      this.next();
      this.eat('*');
      const word = readWord(this);
      const range = { start: t.start, end: this.lastEnd };
      if (t.v === '\\operatorname') throw UserError.at(`unknown function ${word?.text ?? ''} (known: ${SUPPORTED_FUNCTIONS.join(', ')})`.replace('  ', ' '), range);
      throw UserError.at(`${t.v}{…} here must be a name or a known function`, range);
    }
    throw UserError.at(`unknown LaTeX command ${t.v}`, t);
  }

  /** `e^{x}` is exp(x) (but `e^\\top e` is a vector e); any other name is a variable. */
  private nameAtom(name: string, range: Range): Expr {
    if (name === 'e' && this.is('^')) {
      const save = this.i;
      this.next();
      const script = readScript(this);
      if (!['T', '-T', '-1', "'"].includes(scriptText(script.toks))) {
        const arg = this.subParse(script.toks, { start: script.start, end: script.end });
        return { kind: 'apply', fn: 'exp', arg, range: { start: range.start, end: script.end } };
      }
      this.i = save; // e^\top: a vector named e
    }
    if (name === 'pi') return { kind: 'num', value: Math.PI, range };
    const primes = this.primesBeforeParen();
    // `f'(z)`: the name reader took the primes as `f_prime`
    const bare = /^(.+?)((?:_prime)*)$/.exec(name) as RegExpExecArray;
    const base = bare[1] as string;
    const all = primes + (bare[2] as string).length / '_prime'.length;
    if (primes >= 0 && appliesAsFunction(base)) return this.genericCall(base, all, primes, range);
    return { kind: 'var', name, range };
  }

  /** How many primes stand between a name and an opening `(` (`f(`, `φ'(`), or −1 when no `(` follows. */
  private primesBeforeParen(): number {
    let k = 0;
    while (this.is("'", k)) k++;
    if (!this.is('(', k)) return -1;
    // `x \quad (W \in …)`: an aside after a gap is a new statement, not x applied
    const at = this.i;
    this.i += k;
    const aside = (this.peek() as Token).gap && this.groupDepth === 0 && this.startsStatement(this);
    this.i = at;
    return aside ? -1 : k;
  }

  /** `f(z)`, `\phi'(z)`: a function the text does not define, read as elementwise with derivative f′. */
  private genericCall(name: string, primes: number, pending: number, head: Range): Expr {
    for (let k = 0; k < pending; k++) this.next();
    if (this.is('\\cdot', 1) && this.is(')', 2)) {
      throw UserError.at(`${readable(name)}(·) names the function itself: apply it to an expression, e.g. ${readable(name)}(Wx + b)`, { start: head.start, end: (this.peek(2) as Token).end });
    }
    if (name === DIFFERENTIAL) throw UserError.at(DIFFERENTIAL_MESSAGE, head);
    const { args, range } = this.bracketed(true);
    const whole = { start: head.start, end: range.end };
    if (args.length !== 1) throw UserError.at(`${readable(name)} is read as an elementwise function, which takes one argument, not ${args.length}`, whole);
    return { kind: 'apply', fn: `fn:${name}${"'".repeat(primes)}`, arg: args[0] as Expr, range: whole };
  }

  /**
   * `x^{2y}`, `a^{b + 1}`: an exponent that is an expression is a power of scalars, as `a^b` is in math
   * notation (d(aᵇ) = b a^(b−1) da + aᵇ log a db). A lone name stays refused: `X^H`, `A^+`, `x^{(i)}`
   * are labels or other operations as often as powers.
   */
  private expressionPower(base: Expr, script: Script, range: Range): Expr | undefined {
    const text = scriptText(script.toks);
    if (['T', '-T', "'", "''"].includes(text) || /^-?(\d+(\.\d+)?|\d+\/\d+)$/.test(text)) return undefined;
    let exponent: Expr;
    try {
      exponent = this.subParse(script.toks, { start: script.start, end: script.end });
    } catch {
      return undefined; // the literal exponents' message says what is read
    }
    if (exponent.kind === 'var' || exponent.kind === 'num') return undefined;
    return { kind: 'pow', left: base, right: exponent, caret: true, range };
  }

  /** Parse `toks` (a group's body) as one expression. */
  subParse(toks: readonly Token[], where: Range): Expr {
    if (toks.length === 0) throw UserError.at('an empty group: a value is expected here', where);
    const sub = new ExprParser(toks, where, () => false);
    sub.groupDepth = 1;
    sub.depth = this.depth;
    const e = sub.parseExpr();
    if (!sub.eof) throw UserError.at(`unexpected '${sub.peek()?.v}'`, sub.here());
    for (const n of sub.notes) this.notes.add(n);
    for (const n of sub.bold) this.bold.add(n);
    return e;
  }

  private number(): Expr {
    const first = this.peek() as Token;
    let text = '';
    while (this.peek()?.type === 'digit') text += this.next().v;
    if (this.is('.') && this.peek(1)?.type === 'digit') {
      text += this.next().v;
      while (this.peek()?.type === 'digit') text += this.next().v;
    }
    return { kind: 'num', value: Number(text), range: { start: first.start, end: this.lastEnd } };
  }

  /** `f` read as inside brackets: no statement starts there, and bars open a norm again. */
  inside<T>(f: () => T): T {
    this.groupDepth++;
    const saved = [this.normDepth, this.absDepth] as const;
    this.normDepth = 0;
    this.absDepth = 0;
    try {
      return f();
    } finally {
      [this.normDepth, this.absDepth] = saved;
      this.groupDepth--;
    }
  }

  /** `(…)`, `[…]`, `\{…\}`, `{…}`, with `\left`/`\right` already dropped by the lexer. */
  group(): Expr {
    const { args, range } = this.bracketed(false);
    return withRange(args[0] as Expr, range);
  }

  /** A bracketed list of expressions (one unless `commas`), e.g. the arguments of `\max(0, z)`. */
  bracketed(commas: boolean): { args: Expr[]; range: Range } {
    const open = this.next();
    const close = OPENERS[open.v] as string;
    this.groupDepth++;
    const saved = [this.normDepth, this.absDepth] as const;
    this.normDepth = 0;
    this.absDepth = 0;
    const args: Expr[] = [];
    if (!this.eof && !this.is(close)) {
      args.push(this.parseExpr());
      while (commas && this.eat(',')) args.push(this.parseExpr());
    }
    [this.normDepth, this.absDepth] = saved;
    this.groupDepth--;
    const end = this.peek();
    if (end?.v !== close) {
      if (!end) throw UserError.at(`this '${open.v}' is never closed`, open);
      throw UserError.at(`expected '${close}' to close '${open.v}', found '${end.v}'`, end);
    }
    this.next();
    const range = { start: open.start, end: end.end };
    if (args.length === 0) throw UserError.at('an empty group: a value is expected here', range);
    return { args, range };
  }

  /** `\|x\|_2`, `\|X\|_F` (the Frobenius norm; the 2-norm of a vector is the same), `|x|` (abs). */
  private bars(kind: 'norm' | 'abs'): Expr {
    const open = this.next();
    const closers = kind === 'norm' ? NORM_CLOSE : ABS_CLOSE;
    if (kind === 'norm') this.normDepth++;
    else this.absDepth++;
    this.groupDepth++;
    const arg = this.parseExpr();
    this.groupDepth--;
    if (kind === 'norm') this.normDepth--;
    else this.absDepth--;
    const close = this.peek();
    if (!close || !closers.has(close.v)) {
      throw UserError.at(`this '${open.v}' is never closed`, open);
    }
    this.next();
    // |X|, |XᵀX| around matrices (upper-case names only) is the determinant, as in the Matrix
    // Cookbook's \log|X|; |x| and |Wx| are abs
    if (kind === 'abs' && isMatrixText(arg)) return { kind: 'det', arg, range: { start: open.start, end: close.end } };
    if (kind === 'abs') return { kind: 'apply', fn: 'abs', arg, range: { start: open.start, end: close.end } };
    let which: 'norm' | 'norm1' | 'norm2' | 'norminf' = 'norm';
    if (this.eat('_')) {
      const script = readScript(this);
      const sub = scriptText(script.toks).toLowerCase();
      // ‖·‖₂ is spectral on a matrix and Euclidean on a vector; ‖·‖_F is Frobenius on either
      which = sub === '1' ? 'norm1' : sub === '2' ? 'norm2' : sub === 'inf' ? 'norminf' : 'norm';
      if (!['1', '2', 'inf', 'f', 'fro', 'frob'].includes(sub)) {
        throw UserError.at(`the norms read are ‖·‖_1 and ‖·‖_\\infty (of a vector), ‖·‖_2 (Euclidean, or spectral of a matrix) and ‖·‖_F (Frobenius), not ‖·‖_${sub}`, script);
      }
    }
    return { kind: which, arg, range: { start: open.start, end: this.lastEnd } };
  }

  /** `\langle A, B \rangle`, the Frobenius inner product tr(AᵀB): aᵀb of vectors, as in ⟨w, x⟩ + b. */
  private innerProduct(): Expr {
    const open = this.next();
    const [a, b] = this.inside(() => {
      const left = this.parseExpr();
      if (!this.eat(',')) throw UserError.at('an inner product needs two arguments: \\langle a, b \\rangle', this.here());
      return [left, this.parseExpr()] as const;
    });
    const close = this.peek();
    if (close?.v !== '\\rangle') throw UserError.at(close ? `expected '\\rangle' to close '\\langle', found '${close.v}'` : "this '\\langle' is never closed", close ?? open);
    this.next();
    const range = { start: open.start, end: close.end };
    return { kind: 'trace', arg: { kind: 'mul', left: { kind: 'transpose', arg: a, range: a.range }, right: b, range }, range };
  }

  private frac(): Expr {
    const head = this.next();
    const num = this.fracArg();
    if (num.kind === 'var' && num.name === DIFFERENTIAL) throw UserError.at(DIFFERENTIAL_MESSAGE, { start: head.start, end: num.range.end });
    const den = this.fracArg();
    // \frac{A}{B} by a matrix B is A B⁻¹, as `/` is
    return { kind: 'div', left: num, right: den, slash: true, range: { start: head.start, end: den.range.end } };
  }

  /** One argument of \frac: a `{…}` group, a single digit (`\frac12`), or one atom. */
  fracArg(): Expr {
    const t = this.peek();
    if (!t) throw UserError.at('\\frac needs two arguments', this.endRange());
    if (t.v === '{') return this.group();
    if (t.type === 'digit') {
      this.next();
      return { kind: 'num', value: Number(t.v), range: { start: t.start, end: t.end } };
    }
    return this.atom();
  }

  private onesAt(): Expr | undefined {
    const save = this.i;
    const head = this.next();
    const braced = this.eat('{');
    const one = this.peek();
    if (one?.v === '1' && this.peek(1)?.type !== 'digit' && (!braced || this.is('}', 1))) {
      this.next();
      if (braced) this.next();
      // \mathbf{1}_n: the ones of length n
      const length = this.is('_') ? (this.next(), readScript(this)) : undefined;
      const name = length ? sizedOnes(readSize(length.toks, length, this.whole)) : ONES;
      return { kind: 'var', name, range: { start: head.start, end: this.lastEnd } };
    }
    this.i = save;
    return undefined;
  }

  /** Superscripts after a factor: `^\top`, `^T`, `^{-1}`, `^2`, `^{-\top}`. */
  postfix(base: Expr): Expr {
    let e = base;
    for (;;) {
      if (this.is('^')) {
        this.next();
        const script = readScript(this);
        const range = { start: e.range.start, end: script.end };
        e = this.expressionPower(e, script, range) ?? power(e, scriptText(script.toks), range, script);
      } else if (this.is('_')) {
        throw UserError.at('a subscript here is not supported: subscripts belong to names (W_1)', this.here());
      } else if (this.is("'")) {
        throw UserError.at("a prime here is not supported: write W^\\top for the transpose", this.here());
      } else return e;
    }
  }
}

/** `dX`, `dW`: the letter d written against a name is a differential, not d times X. */
function refuseDifferential(factors: readonly Expr[]): void {
  factors.forEach((f, i) => {
    const next = factors[i + 1];
    if (f.kind === 'var' && f.name === DIFFERENTIAL && next?.kind === 'var' && next.range.start === f.range.end) {
      throw UserError.at(DIFFERENTIAL_MESSAGE, { start: f.range.start, end: next.range.end });
    }
  });
}

function negate(arg: Expr, start: number): Expr {
  const range = { start, end: arg.range.end };
  return arg.kind === 'num' ? { kind: 'num', value: -arg.value, range } : { kind: 'neg', arg, range };
}

/** `X^T`, `X^{-1}`, `X^{-T}`, `X^k` (mpow; the core reads a scalar's power elementwise), `\|x\|^2` (epow). */
function power(base: Expr, text: string, range: Range, script: Range): Expr {
  if (isOnes(base) && text !== 'T') {
    throw UserError.at('\\mathbf{1} takes only a transpose: \\mathbf{1}^\\top x', script);
  }
  if (text === 'T') return { kind: 'transpose', arg: base, range };
  if (text === '-T') return { kind: 'transpose', arg: { kind: 'inv', arg: base, range }, range };
  if (text === "'" || text === "''") {
    throw UserError.at("a prime here is not supported: write W^\\top for the transpose", script);
  }
  if (!/^-?(\d+(\.\d+)?|\d+\/\d+)$/.test(text)) {
    // Nielsen's a^l, w^{l+1}: a layer's index as often as a power; its bracketed form is read
    const index = base.kind === 'var' && /^[a-z](?:[+-]\d+)?$/i.test(text) ? `; for a layer's index write ^{(${text})}` : '';
    throw UserError.at(`the exponent '${text}' is not supported: use a number, T (transpose) or -1 (inverse)${index}`, script);
  }
  const [p, q] = text.split('/');
  const value = q === undefined ? Number(p) : Number(p) / Number(q);
  // D^{-1/2} of a matrix (a graph's degrees) is its matrix power, which entry by entry it is not
  if (!Number.isInteger(value) && isMatrixText(base)) {
    throw UserError.at(`a power of a matrix that is not a whole number (^{${text}}) is not supported: entry by entry it would not be the matrix power (of a diagonal D, write \\operatorname{diag}(v^{${text}}) with v its diagonal)`, script);
  }
  const scalar = base.kind === 'norm' || base.kind === 'norm1' || base.kind === 'norm2' || base.kind === 'norminf' || base.kind === 'num' || (base.kind === 'apply' && base.fn === 'abs');
  if (!Number.isInteger(value) || scalar) return { kind: 'epow', base, exponent: value, range };
  if (value === -1) return { kind: 'inv', arg: base, range };
  if (value < 0) return { kind: 'mpow', base: { kind: 'inv', arg: base, range }, exponent: -value, range };
  return { kind: 'mpow', base, exponent: value, range };
}

/** Names only, all upper-case (X, Xᵀ X, A + B): what `|…|` reads as a determinant. */
function isMatrixText(e: Expr): boolean {
  const names = [...namesIn(e)];
  return names.length > 0 && names.every((n) => /^[A-Z]/.test(n)) && e.kind !== 'num';
}
