// A size written in Python — `784`, `n_embd`, `28*28`, `4 * config.n_embd`, `d_h + d_x`, `n // 2` —
// as the shape layer's polynomial in named sizes, or why it cannot be one, with its range. Every
// place Python states a size reads it here: nn.Linear's arguments, constructors, comment declarations.

import type { Dim, Range } from '../../ast';
import { addPoly, constPoly, constValue, dimOf, mulPoly, symPoly, type Poly } from '../../ast/dim';
import type { PyExpr } from './syntax';

export type SizeRead = { readonly dim: Dim } | { readonly why: string; readonly range: Range };

/** A power above this is no size a layer has; it also bounds the work on hostile input. */
const MAX_POWER = 8;

/** The size `e` writes: integer constants by value (`constants`), other names as symbols. */
export function readSize(e: PyExpr, constants: ReadonlyMap<string, number>): SizeRead {
  const p = sizePoly(e, constants);
  if (!('terms' in p)) return p;
  const c = constValue(p.terms);
  if (c !== undefined && c < 0) return { why: `a size cannot be negative (this one is ${c})`, range: e.range };
  if ([...p.terms.values()].some((v) => !Number.isSafeInteger(v))) return { why: 'this size is too large', range: e.range };
  return { dim: dimOf(p.terms) };
}

type PolyRead = { readonly terms: Poly } | { readonly why: string; readonly range: Range };

/** Attributes of a tensor, which a size written `a.b` (config.n_embd) never is. */
const TENSOR_ATTRS = new Set(['shape', 'ndim', 'T', 'mT', 'H', 'data', 'grad', 'dtype', 'device']);

const HOW = 'a size is a whole number, a name, or sums and products of them (d_h + d_x, 4 * n_embd)';

function sizePoly(e: PyExpr, constants: ReadonlyMap<string, number>): PolyRead {
  switch (e.k) {
    case 'num': return Number.isInteger(e.value) ? { terms: constPoly(e.value) } : { why: `a size is a whole number, not ${e.value}`, range: e.range };
    case 'name': return named(e.id, e.id, constants, e.range);
    case 'attr':
      // `self.d` (a constant of the class, or a size named d), `config.n_embd` (a size named n_embd)
      if (e.obj.k === 'name' && e.obj.id === 'self') return named(`self.${e.attr}`, e.attr, constants, e.range);
      // `w.shape`, `x.ndim`, `W.T` are a tensor's, not a size named shape
      if (TENSOR_ATTRS.has(e.attr)) return { why: `${e.attr} is a tensor's attribute, not a size: write a number or a name (d, config.n_embd)`, range: e.range };
      return /^[a-z_]\w*$/i.test(e.attr) ? { terms: symPoly(e.attr) } : { why: HOW, range: e.range };
    case 'unary': {
      const a = sizePoly(e.arg, constants);
      if (!('terms' in a) || e.op === '+') return a;
      return e.op === '-' ? { terms: mulPoly(constPoly(-1), a.terms) } : { why: HOW, range: e.range };
    }
    case 'bin': return arithmetic(e, constants);
    case 'call': return { why: `a function call is not read as a size: ${HOW}`, range: e.range };
    default: return { why: HOW, range: e.range };
  }
}

function named(key: string, symbol: string, constants: ReadonlyMap<string, number>, range: Range): PolyRead {
  const v = constants.get(key);
  if (v === undefined) return { terms: symPoly(symbol) };
  return Number.isInteger(v) ? { terms: constPoly(v) } : { why: `${key} is ${v}, not a whole number`, range };
}

function arithmetic(e: Extract<PyExpr, { k: 'bin' }>, constants: ReadonlyMap<string, number>): PolyRead {
  const a = sizePoly(e.left, constants);
  if (!('terms' in a)) return a;
  const b = sizePoly(e.right, constants);
  if (!('terms' in b)) return b;
  switch (e.op) {
    case '+': return { terms: addPoly(a.terms, b.terms) };
    case '-': return { terms: addPoly(a.terms, mulPoly(constPoly(-1), b.terms)) };
    case '*': return { terms: mulPoly(a.terms, b.terms) };
    case '/': case '//': return divided(a.terms, b.terms, e.range);
    case '**': {
      const k = constValue(b.terms);
      if (k === undefined || k < 0 || k > MAX_POWER) return { why: `a power in a size must be a whole number from 0 to ${MAX_POWER}`, range: e.right.range };
      let p = constPoly(1);
      for (let i = 0; i < k; i++) p = mulPoly(p, a.terms);
      return { terms: p };
    }
    default: return { why: `'${e.op}' is not read in a size: ${HOW}`, range: e.range };
  }
}

/** a / k for a whole number k dividing every coefficient of a (n_embd // 4 with n_embd = 768, 2n / 2). */
function divided(a: Poly, b: Poly, range: Range): PolyRead {
  const k = constValue(b);
  const exact = k !== undefined && k !== 0 && [...a.values()].every((c) => c % k === 0);
  if (!exact) return { why: 'a division in a size must come out whole: divide by a number that divides it', range };
  return { terms: new Map([...a].map(([m, c]) => [m, c / k])) };
}
