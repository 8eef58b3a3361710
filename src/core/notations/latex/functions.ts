// Function applications in LaTeX: `\sigma(z)`, `\tanh x`, `\operatorname{ReLU}(z)`, `\det X`,
// `\log\det X` (logdet), `\operatorname{tr}(X)`, `\sigma'(z)` / `\sigma^\prime(z)` (the derivative),
// `\max(0, z)` (ReLU). Without brackets the argument is the juxtaposed product that follows:
// `\operatorname{tr} A B` is tr(AB), `\det X` is det(X).

import { UserError, type Expr } from '../../ast';
import type { ExprParser } from './expr';
import { arityError, LATEX_MACROS, lookupFunction, primedOf } from '../../ops/spellings';
import { readScript, readWord, scriptText } from './names';
import { OPENERS, WORDS } from './tables';

export interface FunctionHead {
  /** The word looked up in the shared table (`sigmoid`, `trace`, `relu`, `max`). */
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** A function name at the current token: taken and returned, or undefined with nothing taken. */
export function functionAt(p: ExprParser): FunctionHead | undefined {
  const t = p.peek();
  if (!t || t.type !== 'macro') return undefined;
  if (t.v === '\\max') {
    p.next();
    return { word: 'max', start: t.start, end: t.end };
  }
  const word = LATEX_MACROS[t.v];
  if (word !== undefined) {
    // \sigma alone (a standard deviation, say) is a name; \sigma( or \sigma' is the sigmoid.
    if (t.v === '\\sigma' && !sigmaApplied(p)) return undefined;
    p.next();
    return { word, start: t.start, end: t.end };
  }
  if (!WORDS.has(t.v)) return undefined;
  const save = p.i;
  p.next();
  p.eat('*');
  const w = readWord(p);
  const qualified = w && qualifiedWord(p, w.text);
  if (qualified) return { word: qualified.word, start: t.start, end: qualified.end };
  if (w && lookupFunction(w.text) && lookupFunction(w.text)?.arity === 1) return { word: w.text, start: t.start, end: w.range.end };
  if (w && /^max$/i.test(w.text)) return { word: 'max', start: t.start, end: w.range.end };
  p.i = save;
  return undefined;
}

/** `\operatorname{softmax}_{\mathrm{row}}`, as the softmax of each row prints: the word with its subscript
 *  (softmax_row) when that is a function word; else nothing is taken. */
function qualifiedWord(p: ExprParser, word: string): { word: string; end: number } | undefined {
  if (!p.is('_')) return undefined;
  const save = p.i;
  p.next();
  const script = readScript(p);
  const whole = `${word}_${scriptText(script.toks)}`;
  if (lookupFunction(whole)?.arity === 1) return { word: whole, end: script.end };
  p.i = save;
  return undefined;
}

/** `\sigma(`, `\sigma'`, `\sigma^\prime`: applied; `\sigma^2` or a lone `\sigma`: a name. */
function sigmaApplied(p: ExprParser): boolean {
  const next = p.peek(1)?.v ?? '';
  if (next === "'" || next in OPENERS) return true;
  return next === '^' && (p.is('\\prime', 2) || (p.is('{', 2) && p.is('\\prime', 3)));
}

export function applyFunction(p: ExprParser, head: FunctionHead): Expr {
  const prime = readPrime(p, head);
  let word = head.word;
  if (/^(log|ln)$/i.test(word)) {
    // \log\det X is logdet; \log \sigma(z), \log \operatorname{softmax}(z) take the function's value
    const save = p.i;
    if (functionAt(p)?.word === 'det') word = 'logdet';
    else p.i = save;
  }
  const args = readArguments(p, head);
  const range = { start: head.start, end: p.lastEnd };
  if (word === 'max') return maxAsRelu(args, range);
  const [only] = args;
  if (/^(log|ln)$/i.test(word) && !prime && args.length === 1 && only?.kind === 'det') return { kind: 'logdet', arg: only.arg, range };
  const fn = lookupFunction(word);
  if (!fn) throw UserError.at(`unknown function ${word}`, head);
  const wrong = arityError(word, fn, args.length);
  if (wrong) throw UserError.at(wrong, range);
  const built = fn.build(args, range);
  if (!prime) return built;
  const primed = built.kind === 'apply' ? primedOf(built.fn) : undefined;
  if (built.kind !== 'apply' || !primed) throw UserError.at(`the derivative of ${word} is not supported here`, head);
  return { ...built, fn: primed };
}

/** `'` or `^\prime` after a function name: its derivative. Other powers of functions are refused. */
function readPrime(p: ExprParser, head: FunctionHead): boolean {
  if (p.eat("'")) return true;
  if (!p.is('^')) return false;
  p.next();
  const script = readScript(p);
  const text = scriptText(script.toks);
  if (text === "'") return true;
  throw UserError.at(`powers of a function (${head.word}^${text}) are not supported: write (${head.word}(x))^${text}`, script);
}

function readArguments(p: ExprParser, head: FunctionHead): Expr[] {
  const t = p.peek();
  if (head.word === 'sqrt' && t?.v === '[') throw UserError.at('only the square root is supported: \\sqrt{x}', t);
  if (t && t.v in OPENERS) return p.bracketed(true).args;
  if (!t || !p.startsAtom(t)) throw UserError.at(`${head.word} needs an argument`, head);
  return [p.product()];
}

/** max(0, z) and max(z, 0) are ReLU; no other maximum is. */
function maxAsRelu(args: Expr[], range: { start: number; end: number }): Expr {
  const [a, b] = args;
  if (args.length === 2 && a && b) {
    if (a.kind === 'num' && a.value === 0) return { kind: 'apply', fn: 'relu', arg: b, range };
    if (b.kind === 'num' && b.value === 0) return { kind: 'apply', fn: 'relu', arg: a, range };
  }
  throw UserError.at('max is supported only as max(0, z), the ReLU', range);
}
