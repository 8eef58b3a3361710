// Expressions → text in a Style, with the fewest parentheses that keep the meaning.

import type { Dim, Expr, ExprOf, Kind, Span } from '../ast';
import { elementwise, genericParts, isGeneric } from '../ops/elementwise';
import { addPoly, constPoly, eqPoly, formatPoly, poly, type Poly } from '../shape/dim';
import { superscript, type Style } from './style';

/** Binding strength: sums < negation < products < postfix (ᵀ, ⁻¹, powers) < atoms. */
export const PREC = { sum: 1, neg: 2, product: 3, postfix: 4, atom: 5 } as const;

export interface Printed {
  readonly text: string;
  readonly prec: number;
}

export interface PrintCtx {
  readonly style: Style;
  /** The letter of the commutation matrix: K, unless the user's own variable is called K. */
  readonly commutation: string;
  /** The identity's letter as the style writes it: I, unless the user's own variable is called I. */
  readonly identity: string;
  /** The ones vector as the style writes it: 𝟏, unless the user's own variable is called 𝟏. */
  readonly ones: string;
  isScalar(e: Expr): boolean;
  isVector(e: Expr): boolean;
}

type Rule<K extends Kind> = (e: ExprOf<K>, c: PrintCtx) => Printed;

const at = (text: string, prec: number): Printed => ({ text, prec });

export function wrap(p: Printed, min: number, c: PrintCtx): string {
  return p.prec < min ? c.style.paren(p.text) : p.text;
}

const dimText = (d: Dim): string => formatPoly(poly(d));

const SINGLE_LETTER = /^[A-Za-z]$/;

/** Juxtaposed factors: `Wx` for single letters, a space otherwise (`δ xᵀ`, `W₂ diag(…)`). */
export function joinFactors(texts: readonly string[], c: PrintCtx): string {
  if (c.style.latex) return texts.join(' ');
  return texts.reduce((acc, t, i) => (i === 0 ? t : acc + (SINGLE_LETTER.test(texts[i - 1] as string) && SINGLE_LETTER.test(t) ? '' : ' ') + t), '');
}

function flatten(e: Expr, kind: Kind): Expr[] {
  // Iterative, left to right: copying the halves at every level made a chain of n factors cost n².
  const out: Expr[] = [];
  const todo: Expr[] = [e];
  for (let x = todo.pop(); x; x = todo.pop()) {
    if (x.kind === kind && 'left' in x) todo.push(x.right, x.left);
    else out.push(x);
  }
  return out;
}

/** A scalar product inside a matrix product is no link of the chain: (𝟏ᵀt) s, not 𝟏ᵀ t s. */
const scalarFactor = (f: Expr, whole: Expr, c: PrintCtx): boolean => f.kind === 'mul' && c.isScalar(f) && !c.isScalar(whole);

const factorTexts = (factors: readonly Expr[], whole: Expr, c: PrintCtx): string[] =>
  factors.map((f) => (scalarFactor(f, whole, c) ? c.style.paren(print(f, c).text) : wrap(print(f, c), PREC.postfix, c)));

/** A number in front of factors, as a mathematician writes it: −2π x, −x for −1, not (−2π) x or −1 x. */
export function withCoefficient(value: number, factors: string, c: PrintCtx): Printed {
  if (value === 1) return at(factors, PREC.product);
  if (value === -1) return at(c.style.op.neg + factors, PREC.neg);
  return at(joinFactors([c.style.number(value), factors], c), value < 0 ? PREC.neg : PREC.product);
}

function chainOf(e: Expr, kind: 'mul' | 'hadamard' | 'kron', c: PrintCtx): Printed {
  const factors = kind === 'mul' && 'left' in e && (scalarFactor(e.left, e, c) || scalarFactor(e.right, e, c)) ? [e.left, e.right] : flatten(e, kind);
  const lead = factors[0] as Expr;
  if (kind === 'mul' && lead.kind === 'num' && factors.length > 1) return withCoefficient(lead.value, joinFactors(factorTexts(factors.slice(1), e, c), c), c);
  const parts = factorTexts(factors, e, c);
  if (kind === 'mul') return at(joinFactors(parts, c), PREC.product);
  return at(parts.join(kind === 'kron' ? c.style.op.kron : c.style.op.hadamard), PREC.product);
}

const call = (latexName: string, unicodeName: string) => (e: { arg: Expr }, c: PrintCtx): Printed =>
  at(c.style.fn(c.style.latex ? latexName : unicodeName, print(e.arg, c).text), PREC.atom);

function postfix(base: Expr, mark: string, c: PrintCtx): Printed {
  return at(wrap(print(base, c), PREC.atom, c) + mark, PREC.postfix);
}

/** Xᵏ, or the Hadamard power X^∘ᵏ of a non-scalar. */
function power(base: Expr, k: number, elementwise: boolean, c: PrintCtx): Printed {
  const b = wrap(print(base, c), PREC.atom, c);
  const hadamard = elementwise && !c.isScalar(base);
  if (c.style.latex) return at(c.style.sup(b, hadamard ? `\\circ ${k}` : String(k)), PREC.postfix);
  return at(b + (hadamard ? '^∘' : '') + superscript(String(k)), PREC.postfix);
}

function applyFn(e: ExprOf<'apply'>, c: PrintCtx): Printed {
  const s = c.style;
  const arg = print(e.arg, c);
  if (e.fn === 'sqrt') return at(s.latex ? `\\sqrt{${arg.text}}` : `√${wrap(arg, PREC.atom, c)}`, PREC.atom);
  if (e.fn === 'abs') return at(s.latex ? `\\left\\lvert ${arg.text} \\right\\rvert` : `|${arg.text}|`, PREC.atom);
  if (isGeneric(e.fn)) {
    const [name, primes] = genericParts(e.fn);
    return at(s.fn(s.name(name) + (s.latex ? "'" : '′').repeat(primes), arg.text), PREC.atom);
  }
  const info = elementwise(e.fn);
  return at(s.fn(s.latex ? info.latex : info.unicode, arg.text), PREC.atom);
}

const RULES: { readonly [K in Kind]: Rule<K> } = {
  var: (e, c) => at(c.style.name(e.name), PREC.atom),
  ref: (e, c) => at(c.style.name(e.name), PREC.atom),
  num: (e, c) => at(c.style.number(e.value), e.value < 0 ? PREC.neg : PREC.atom),
  // a negated right operand keeps its parentheses: x + (−2y), x − (−y), never x − −y
  add: (e, c) => at(`${wrap(print(e.left, c), PREC.sum, c)}${c.style.op.add}${wrap(print(e.right, c), PREC.product, c)}`, PREC.sum),
  sub: (e, c) => at(`${wrap(print(e.left, c), PREC.sum, c)}${c.style.op.sub}${wrap(print(e.right, c), PREC.product, c)}`, PREC.sum),
  neg: (e, c) => at(c.style.op.neg + wrap(print(e.arg, c), PREC.product, c), PREC.neg),
  mul: (e, c) => chainOf(e, 'mul', c),
  hadamard: (e, c) => chainOf(e, 'hadamard', c),
  kron: (e, c) => chainOf(e, 'kron', c),
  div: (e, c) => (c.style.latex
    ? at(c.style.frac(print(e.left, c).text, print(e.right, c).text), PREC.atom)
    : at(`${wrap(print(e.left, c), PREC.postfix, c)}${c.style.op.div}${wrap(print(e.right, c), PREC.postfix, c)}`, PREC.product)),
  epow: (e, c) => power(e.base, e.exponent, true, c),
  mpow: (e, c) => power(e.base, e.exponent, false, c),
  transpose: (e, c) => (e.arg.kind === 'inv'
    ? postfix(e.arg.arg, c.style.inverseTranspose, c)
    : postfix(e.arg, c.style.transpose, c)),
  inv: (e, c) => (e.arg.kind === 'transpose'
    ? postfix(e.arg.arg, c.style.inverseTranspose, c)
    : postfix(e.arg, c.style.inverse, c)),
  apply: applyFn,
  // along an axis of a matrix: softmax_row(Z), each row a distribution (a vector's is its only one)
  softmax: (e, c) => (e.each && !c.isVector(e)
    ? call(`\\operatorname{softmax}_{\\mathrm{${e.each}}}`, `softmax_${e.each}`)(e, c)
    : call('\\operatorname{softmax}', 'softmax')(e, c)),
  sum: call('\\operatorname{sum}', 'sum'),
  trace: call('\\operatorname{tr}', 'tr'),
  det: call('\\det', 'det'),
  adj: call('\\operatorname{adj}', 'adj'),
  logdet: call('\\log\\det', 'log det'),
  norm: (e, c) => at(c.style.norm(print(e.arg, c).text), PREC.atom),
  vec: call('\\operatorname{vec}', 'vec'),
  unvec: call('\\operatorname{vec}^{-1}', 'vec⁻¹'),
  diag: call('\\operatorname{diag}', 'diag'),
  pow: (e, c) => {
    const b = wrap(print(e.left, c), PREC.atom, c);
    const hadamard = !c.isScalar(e.left);
    if (c.style.latex) return at(c.style.sup(b, `${hadamard ? '\\circ ' : ''}${print(e.right, c).text}`), PREC.postfix);
    return at(`${b}^${hadamard ? '∘' : ''}${wrap(print(e.right, c), PREC.atom, c)}`, PREC.postfix);
  },
  norm1: (e, c) => at(c.style.sub(c.style.norm(print(e.arg, c).text), '1'), PREC.atom),
  norm2: (e, c) => at(c.style.sub(c.style.norm(print(e.arg, c).text), '2'), PREC.atom),
  // ∞ has no Unicode subscript: ‖x‖∞, as printed by hand
  norminf: (e, c) => at(c.style.latex ? c.style.sub(c.style.norm(print(e.arg, c).text), '\\infty') : `${c.style.norm(print(e.arg, c).text)}∞`, PREC.atom),
  peak: (e, c) => at(c.style.fn(c.style.sub('e', 'k'), print(e.arg, c).text), PREC.atom),
  singular: (e, c) => at(c.style.fn(c.style.sub(e.side, '1'), print(e.arg, c).text), PREC.atom),
  // a row of ones is written as the transpose of the column 𝟏
  ones: (e, c) => (dimText(e.rows) === '1' && dimText(e.cols) !== '1' ? at(c.ones + c.style.transpose, PREC.postfix) : at(c.ones, PREC.atom)),
  eye: (e, c) => at(c.style.sub(c.identity, dimText(e.n)), PREC.atom),
  concat,
  block,
};

/** [A, B] side by side, [A; B] stacked, and rows of blocks side by side as one block matrix [A, B; C, D]. */
function concat(e: ExprOf<'concat'>, c: PrintCtx): Printed {
  const text = (p: Expr): string => print(p, c).text;
  if (e.axis === 'cols') return at(c.style.bracketRow(e.parts.map(text)), PREC.atom);
  return at(c.style.blocks(e.parts.map((p) => (p.kind === 'concat' && p.axis === 'cols' ? p.parts.map(text) : [text(p)]))), PREC.atom);
}

/** Rows or columns start+1 … start+size, counted from 1 as a reader counts them (one alone: 3). */
function spanText(s: Span | undefined): string {
  if (!s) return ':';
  const text = (p: Poly): string => formatPoly(p).replace(/ /g, '');
  const from = addPoly(poly(s.start), constPoly(1));
  const to = addPoly(poly(s.start), poly(s.size));
  return eqPoly(from, to) ? text(to) : `${text(from)}:${text(to)}`;
}

/** G(:, 1:p), G(1:m, p+1:p+q), and of a vector g(p+1:p+q); in LaTeX as a subscript, G_{:,\,1:p}. */
function block(e: ExprOf<'block'>, c: PrintCtx): Printed {
  const index = c.isVector(e.arg) ? [spanText(e.rows ?? e.cols)] : [spanText(e.rows), spanText(e.cols)];
  const arg = wrap(print(e.arg, c), PREC.atom, c);
  return at(c.style.latex ? `${arg}_{${index.join(',\\,')}}` : `${arg}(${index.join(', ')})`, PREC.atom);
}

export function print(e: Expr, c: PrintCtx): Printed {
  return (RULES[e.kind] as Rule<Kind>)(e as never, c);
}
