// Math notation → AST through mathjs `parse` (never evaluate). mathjs keeps no positions, so
// ranges come from aligning its leaves (symbols, constants) with our own scan of the text.

import { create, parseDependencies, type MathNode } from 'mathjs';
import { UserError, type ConcatAxis, type Expr, type Range } from '../../ast';
import { arityError, lookupFunction, SUPPORTED_FUNCTIONS } from '../../ops/spellings';
import { DIFFERENTIAL, DIFFERENTIAL_MESSAGE, appliesAsFunction } from '../../ast/names';
import { normalizeMath, type Normalized } from './normalize';
import { dict } from '../../keys';

// Only the parser and what it needs, not all of mathjs: the bundles stay small and start fast.
if (!parseDependencies) throw new Error('mathjs: parseDependencies missing');
const { parse } = create({ parseDependencies });

type Leafy = MathNode & {
  type: string; name?: string; value?: unknown; content?: MathNode; args?: MathNode[]; items?: MathNode[]; fn?: MathNode; op?: string; implicit?: boolean;
};

/** Leaves of a mathjs tree in source order: function names, symbols, constants. */
function leavesOf(node: Leafy, out: Leafy[] = []): Leafy[] {
  if (node.type === 'SymbolNode' || node.type === 'ConstantNode') out.push(node);
  if (node.type === 'FunctionNode' && node.fn) leavesOf(node.fn as Leafy, out);
  if (node.content) leavesOf(node.content as Leafy, out);
  for (const a of [...(node.args ?? []), ...(node.items ?? [])]) leavesOf(a as Leafy, out);
  return out;
}

const TOKEN = /(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_$\u00c0-\u02af\u0370-\u03ff\u1f00-\u1fff][\w$\u00c0-\u02af\u0370-\u03ff\u1f00-\u1fff]*)|\u{1D7CF}/gu;

/** Our scan of the normalised text: the tokens that become mathjs leaves. */
function scanTokens(text: string): Range[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** `-b'`, `+-b'`: a signed exponent ending in a transpose that no parentheses close. */
function signedTranspose(node: Leafy): boolean {
  if (node.type !== 'OperatorNode' || node.args?.length !== 1) return false;
  const arg = node.args[0] as Leafy;
  return node.op === "'" || ((node.op === '-' || node.op === '+') && signedTranspose(arg));
}

class Converter {
  private readonly leafRange = new Map<MathNode, Range>();

  constructor(private readonly norm: Normalized, root: Leafy, private readonly whole: Range) {
    const leaves = leavesOf(root);
    const tokens = scanTokens(norm.text);
    if (leaves.length === tokens.length) leaves.forEach((l, i) => this.leafRange.set(l, tokens[i] as Range));
  }

  /** The range of a node in the original text (in the normalised text while building). */
  private span(node: Leafy): Range {
    const own = this.leafRange.get(node);
    if (own) return own;
    const kids = [...(node.type === 'FunctionNode' && node.fn ? [node.fn] : []), ...(node.content ? [node.content] : []), ...(node.args ?? []), ...(node.items ?? [])];
    if (kids.length === 0) return this.whole;
    let { start, end } = this.span(kids[0] as Leafy);
    for (const k of kids.slice(1)) end = Math.max(end, this.span(k as Leafy).end);
    const t = this.norm.text;
    const closing = node.type === 'ParenthesisNode' || node.type === 'FunctionNode' || node.op === "'";
    if (closing) end = skipTo(t, end, node.op === "'" ? "'" : ')');
    if (node.type === 'ParenthesisNode') start = skipBackTo(t, start, '(');
    if (node.type === 'ArrayNode') [start, end] = [skipBackTo(t, start, '['), skipTo(t, end, ']')];
    if (node.op === '-' && node.args?.length === 1) start = skipBackTo(t, start, '-');
    return { start, end };
  }

  range(node: Leafy): Range {
    return this.norm.toOriginal(this.span(node));
  }

  convert(node: Leafy): Expr {
    const range = this.range(node);
    switch (node.type) {
      case 'ConstantNode':
        if (typeof node.value !== 'number') throw UserError.at(`only numbers are allowed as constants, not ${String(node.value)}`, range);
        return { kind: 'num', value: node.value, range };
      case 'SymbolNode':
        if (node.name === 'pi' || node.name === 'π') return { kind: 'num', value: Math.PI, range };
        return { kind: 'var', name: node.name as string, range };
      case 'ParenthesisNode':
        return this.convert(node.content as Leafy);
      case 'OperatorNode':
        return this.operator(node, range);
      case 'FunctionNode':
        return this.call(node, range);
      case 'ArrayNode':
        return this.brackets(node, range);
      default:
        throw UserError.at(`unsupported syntax (${node.type.replace(/Node$/, '').toLowerCase()}): declare a variable instead`, range);
    }
  }

  private operator(node: Leafy, range: Range): Expr {
    const args = (node.args ?? []) as Leafy[];
    const [a, b] = args;
    if (args.length === 1 && a) {
      if (node.op === '-') {
        const arg = this.convert(a);
        return arg.kind === 'num' ? { kind: 'num', value: -arg.value, range } : { kind: 'neg', arg, range };
      }
      if (node.op === '+') return this.convert(a);
      if (node.op === "'") return { kind: 'transpose', arg: this.convert(a), range };
    }
    if (args.length === 2 && a && b) {
      if (node.op === '^' || node.op === '.^') return this.powerOf(node.op, a, b, range);
      const kind = BINARY[node.op ?? ''];
      if (kind === 'div' && node.op === '/') return { kind, left: this.convert(a), right: this.convert(b), slash: true, range };
      if (kind) return { kind, left: this.convert(a), right: this.convert(b), range };
    }
    throw UserError.at(`unsupported operator '${this.norm.originalSymbol(node.op ?? '?')}'`, range);
  }

  /**
   * Block matrices in MATLAB's brackets: `[A, B]` side by side, `[A; B]` stacked, `[A, B; C, D]` rows
   * of blocks (mathjs gives `;` rows as arrays of their entries). A space between blocks is a product
   * in this notation (`W x`), so a block written `[W x]` is refused rather than guessed.
   */
  private brackets(node: Leafy, range: Range): Expr {
    const items = (node.items ?? []) as Leafy[];
    if (items.length === 0) throw UserError.at('empty brackets: write [A, B] for blocks side by side, [A; B] for blocks stacked', range);
    const rowsForm = items.every((i) => i.type === 'ArrayNode');
    const rows = rowsForm ? items.map((r) => (r.items ?? []) as Leafy[]) : [items];
    const joined = rows.map((row, k) => {
      if (rowsForm && row.some((i) => i.type === 'ArrayNode')) {
        throw UserError.at('brackets inside a row of blocks are not read: write the blocks out, [A, B; C, D]', range);
      }
      return join(row.map((i) => this.block(i)), 'cols', rowsForm ? this.rowRange(row, items[k] as Leafy) : range);
    });
    if (!rowsForm && joined.length === 1 && items.length === 1) {
      throw UserError.at('brackets around one block: write [A, B] for blocks side by side, [A; B] for blocks stacked, or leave the brackets out', range);
    }
    return join(joined, 'rows', range);
  }

  /** A row of `[A, B; C, D]` from its first block to its last (mathjs's row node would reach the outer brackets). */
  private rowRange(row: readonly Leafy[], node: Leafy): Range {
    const [first, last] = [row[0], row[row.length - 1]];
    return first && last ? { start: this.range(first).start, end: this.range(last).end } : this.range(node);
  }

  /** One block of a bracket: a product written with a space could mean two blocks ([W x] is [W, x] in MATLAB). */
  private block(item: Leafy): Expr {
    if (item.type === 'OperatorNode' && item.implicit) {
      throw UserError.at('inside brackets, a product written without * could be two blocks side by side: write W*x for the product, or [W, x] for the blocks', this.range(item));
    }
    return this.convert(item);
  }

  /**
   * a^b and a.^b. MATLAB and Octave give ^, .^ and ' one precedence, read left to right, so a^b' is
   * (a^b)' where mathjs parses a^(b'): the transpose is taken of the power. With a sign in the
   * exponent (a^-b') MATLAB reads right to left from there, and a^b^c is (a^b)^c there but a^(b^c)
   * in mathematics: both are refused rather than guessed.
   */
  private powerOf(op: '^' | '.^', a: Leafy, b: Leafy, range: Range): Expr {
    if (b.type === 'OperatorNode' && b.op === "'" && b.args?.[0]) {
      const exponent = b.args[0] as Leafy;
      return { kind: 'transpose', arg: this.powerOf(op, a, exponent, { start: range.start, end: this.range(exponent).end }), range };
    }
    if (b.type === 'OperatorNode' && (b.op === '^' || b.op === '.^')) {
      throw UserError.at('a^b^c is (a^b)^c in MATLAB and Octave but a^(b^c) in mathematics: write the parentheses you mean', range);
    }
    if (signedTranspose(b)) {
      const text = this.norm.originalSymbol(op);
      throw UserError.at(`a transpose after a signed exponent (a${text}-b') is read differently by MATLAB and Octave: write (a${text}-b)' or a${text}(-b')`, range);
    }
    if (op === '^') return this.power(a, b, range);
    const exponent = this.convert(b);
    const base = this.convert(a);
    return exponent.kind === 'num' ? { kind: 'epow', base, exponent: exponent.value, range } : { kind: 'pow', left: base, right: exponent, range };
  }

  private power(base: Leafy, exp: Leafy, range: Range): Expr {
    if (exp.type === 'SymbolNode' && (exp.name === 'T' || exp.name === '⊤')) {
      return { kind: 'transpose', arg: this.convert(base), range };
    }
    // e^x is exp(x), entry by entry (a note says so when x is a matrix); e^T is a vector e transposed
    if (base.type === 'SymbolNode' && base.name === 'e') {
      const arg = this.convert(exp);
      if (arg.kind !== 'num' || arg.value !== -1) return { kind: 'apply', fn: 'exp', arg, range };
    }
    const exponent = this.convert(exp);
    const arg = this.convert(base);
    // aᵇ with b an expression: of scalars (the shape rule refuses a matrix base)
    if (exponent.kind !== 'num') return { kind: 'pow', left: arg, right: exponent, caret: true, range };
    const k = exponent.value;
    if (k === -1) return { kind: 'inv', arg, range };
    if (Number.isInteger(k) && k < 0) return { kind: 'mpow', base: { kind: 'inv', arg, range }, exponent: -k, range };
    return { kind: 'mpow', base: arg, exponent: k, range };
  }

  private call(node: Leafy, range: Range): Expr {
    const name = (node.fn as Leafy).name ?? '';
    const args = (node.args ?? []).map((a) => this.convert(a as Leafy));
    const fn = lookupFunction(name);
    const nameRange = this.range(node.fn as Leafy);
    if (fn) {
      const wrong = arityError(name, fn, args.length);
      if (wrong) throw UserError.at(wrong, range);
      return fn.build(args, range);
    }
    const [arg] = args;
    if (args.length === 1 && arg && /^(?:[A-Za-z\u0370-\u03ff]\d*|[A-Za-z\u0370-\u03ff]_\w+)$/.test(name)) {
      // `f(z)`, `φ(z)`: a function (a declared name is a product again, in `prepare`)
      if (name === DIFFERENTIAL) throw UserError.at(DIFFERENTIAL_MESSAGE, range);
      if (appliesAsFunction(name)) return { kind: 'apply', fn: `fn:${name}`, arg, range };
      return { kind: 'mul', left: { kind: 'var', name, range: nameRange }, right: arg, range };
    }
    throw UserError.at(`unknown function '${name}' (known: ${SUPPORTED_FUNCTIONS.join(', ')})`, nameRange);
  }
}

/** One part is itself; two or more are joined along `axis`. */
const join = (parts: readonly Expr[], axis: ConcatAxis, range: Range): Expr => (parts.length === 1 ? (parts[0] as Expr) : { kind: 'concat', parts, axis, range });

const BINARY: Record<string, 'add' | 'sub' | 'mul' | 'hadamard' | 'div' | 'kron' | undefined> = dict({
  '+': 'add', '-': 'sub', '*': 'mul', '.*': 'hadamard', '/': 'div', './': 'div', '%': 'kron',
});

/** One expression in math notation; `offset` is where `text` starts in the whole document. */
export function parseExpression(text: string, offset: number): Expr {
  const norm = normalizeMath(text, offset);
  const whole = { start: 0, end: norm.text.length };
  if (!norm.text.trim()) throw new UserError('empty expression: nothing to analyse', offset, offset + text.length);
  let root: MathNode;
  try {
    root = parse(norm.text);
  } catch (e) {
    throw syntaxError(e, norm);
  }
  return new Converter(norm, root as Leafy, whole).convert(root as Leafy);
}

function syntaxError(e: unknown, norm: Normalized): UserError {
  const msg = e instanceof Error ? e.message : String(e);
  const at = Math.max(0, ((e as { char?: number }).char ?? 1) - 1);
  const text = norm.text;
  if (/Parenthesis \) expected/.test(msg)) {
    const open = unmatchedOpen(text);
    return UserError.at("unbalanced parenthesis: this '(' is never closed", norm.toOriginal({ start: open, end: open + 1 }));
  }
  if (/Column dimensions mismatch/.test(msg)) {
    return UserError.at('the rows of a block matrix need as many blocks each in math notation ([A, B; C, D]): to stack a block under a row of them, name the row (r = [A, B]) and write [r; C]', norm.toOriginal({ start: Math.max(0, at - 1), end: at }));
  }
  const lambda = text.indexOf('@(');
  if (lambda >= 0) {
    return UserError.at('anonymous functions (@(z) …) are not read: write the expression itself, with the function applied', norm.toOriginal({ start: lambda, end: lambda + 2 }));
  }
  if (/Unexpected operator \)/.test(msg)) {
    return UserError.at("unbalanced parenthesis: ')' without a matching '('", norm.toOriginal({ start: at, end: at + 1 }));
  }
  const clean = msg.replace(/\s*\(char \d+\)/, '').replace(/^Value expected/, 'a value is expected here');
  const end = Math.min(text.length, at + 1);
  return UserError.at(`syntax error: ${clean.charAt(0).toLowerCase()}${clean.slice(1)}`, norm.toOriginal({ start: Math.min(at, end), end }));
}

function unmatchedOpen(text: string): number {
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') stack.push(i);
    else if (text[i] === ')') stack.pop();
  }
  return stack.pop() ?? Math.max(0, text.length - 1);
}

function skipTo(text: string, from: number, ch: string): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return text[i] === ch ? i + 1 : from;
}

function skipBackTo(text: string, from: number, ch: string): number {
  let i = from - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return text[i] === ch ? i : from;
}
