// A size in a space's exponent (`\mathbb{R}^{d_h \times (d_h + d_x)}`, `\R^{2n}`, `\R^{n^2}`) as the
// shape layer's polynomial: sums and differences of terms, a term a product of juxtaposed numbers,
// names and parenthesised sums, each with an optional whole power. Anything else is refused where it
// stands, never dropped for a guessed size.

import { UserError, type Dim, type Range } from '../../ast';
import { addPoly, constPoly, constValue, dimOf, mulPoly, symPoly, type Poly } from '../../ast/dim';
import type { Token } from './lexer';
import { readName, Stream } from './names';
import { CLOSE, isCloser, isOpener } from '../brackets';

const HOW = 'a size must be a number, a symbol (m, n, d_{in}), or sums and products of them (d_h + d_x, 2n)';
/** A power above this is no size a layer has; it also bounds the work on hostile input. */
const MAX_POWER = 8;

/** The size the tokens of one axis write; `where` is their range, for errors. */
export function readSize(toks: readonly Token[], where: Range, whole: Range): Dim {
  if (toks.length === 0) throw UserError.at(HOW, where);
  const s = new Stream(toks, whole);
  const p = sum(s, where);
  if (!s.eof) throw UserError.at(HOW, s.here());
  const c = constValue(p);
  if (c !== undefined && c < 0) throw UserError.at(`a size cannot be negative (this one is ${c})`, where);
  if ([...p.values()].some((v) => !Number.isSafeInteger(v))) throw UserError.at('this size is too large', where);
  return dimOf(p);
}

function sum(s: Stream, where: Range): Poly {
  let sign = s.eat('-') ? -1 : (s.eat('+'), 1);
  let out: Poly = new Map();
  for (;;) {
    out = addPoly(out, mulPoly(constPoly(sign), term(s, where)));
    if (s.eat('+')) sign = 1;
    else if (s.eat('-')) sign = -1;
    else return out;
  }
}

/** Juxtaposed factors (`2n`, `2(n + 1)`, `mn`), or joined by `\cdot` / `*` inside brackets. */
function term(s: Stream, where: Range): Poly {
  let out = factor(s, where);
  for (;;) {
    const t = s.peek();
    if (!t || t.v === '+' || t.v === '-' || isCloser(t.v)) return out;
    if (t.v === '\\cdot' || t.v === '*') s.next();
    out = mulPoly(out, factor(s, where));
  }
}

function factor(s: Stream, where: Range): Poly {
  const t = s.peek();
  if (!t) throw UserError.at(HOW, where);
  let base: Poly;
  if (t.type === 'digit') {
    let digits = '';
    while (s.peek()?.type === 'digit') digits += s.next().v;
    base = constPoly(Number(digits));
  } else if (isOpener(t.v)) {
    s.next();
    s.enter();
    base = sum(s, where);
    s.leave();
    if (!s.eat(CLOSE[t.v] as string)) throw UserError.at(`this '${t.v}' is never closed in the size`, t);
  } else {
    const name = readName(s);
    if (!name) throw UserError.at(HOW, t);
    base = symPoly(name.name);
  }
  return s.eat('^') ? power(s, base) : base;
}

/** `n^2`, `n^{2}`: a whole power. */
function power(s: Stream, base: Poly): Poly {
  const at = s.here();
  const braced = s.eat('{');
  let digits = '';
  while (s.peek()?.type === 'digit' && (braced || digits === '')) digits += s.next().v;
  if (braced && !s.eat('}')) throw UserError.at(`a power in a size must be a whole number from 0 to ${MAX_POWER}`, at);
  const k = Number(digits);
  if (digits === '' || k > MAX_POWER) throw UserError.at(`a power in a size must be a whole number from 0 to ${MAX_POWER}`, at);
  let out = constPoly(1);
  for (let i = 0; i < k; i++) out = mulPoly(out, base);
  return out;
}
