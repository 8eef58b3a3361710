// Sizes as polynomials with integer coefficients in symbolic sizes (`m`, `n`), so that a
// Jacobian of a layer has `mn + m` columns. Unification variables are symbols starting `?`.

import type { Dim } from '.';

/** Monomial key (symbols sorted, joined by `*`; `''` for the constant) → coefficient. */
export type Poly = ReadonlyMap<string, number>;

export const poly = (d: Dim): Poly => (typeof d === 'number' ? constPoly(d) : parsePoly(d));

export function constPoly(n: number): Poly {
  return n === 0 ? new Map() : new Map([['', n]]);
}

export const symPoly = (name: string): Poly => new Map([[name, 1]]);

function normalize(terms: Iterable<[string, number]>): Poly {
  const out = new Map<string, number>();
  for (const [k, c] of terms) out.set(k, (out.get(k) ?? 0) + c);
  for (const [k, c] of out) if (c === 0) out.delete(k);
  return out;
}

export const addPoly = (a: Poly, b: Poly): Poly => normalize([...a, ...b]);

export function mulPoly(a: Poly, b: Poly): Poly {
  const terms: Array<[string, number]> = [];
  for (const [ka, ca] of a) {
    for (const [kb, cb] of b) {
      const syms = [...(ka ? ka.split('*') : []), ...(kb ? kb.split('*') : [])].sort();
      terms.push([syms.join('*'), ca * cb]);
    }
  }
  return normalize(terms);
}

export function eqPoly(a: Poly, b: Poly): boolean {
  if (a.size !== b.size) return false;
  for (const [k, c] of a) if (b.get(k) !== c) return false;
  return true;
}

/** The number a constant polynomial stands for, else undefined. */
export function constValue(p: Poly): number | undefined {
  if (p.size === 0) return 0;
  if (p.size === 1 && p.has('')) return p.get('');
  return undefined;
}

export const isOne = (p: Poly): boolean => constValue(p) === 1;

/** The single unification variable this polynomial is, if it is one. */
export function asUnknown(p: Poly): string | undefined {
  if (p.size !== 1) return undefined;
  const [[k, c]] = [...p] as [[string, number]];
  return c === 1 && k.startsWith('?') && !k.includes('*') ? k : undefined;
}

export function substitute(p: Poly, bind: (sym: string) => Poly | undefined): Poly {
  let out: Poly = new Map();
  for (const [k, c] of p) {
    let term: Poly = constPoly(c);
    for (const s of k ? k.split('*') : []) term = mulPoly(term, bind(s) ?? symPoly(s));
    out = addPoly(out, term);
  }
  return out;
}

export const symbolsOf = (p: Poly): string[] => [...new Set([...p.keys()].flatMap((k) => (k ? k.split('*') : [])))];

/** Monomials by descending degree, then alphabetically: `mn + m`, `n² + 1`. */
function orderedTerms(p: Poly): Array<[string[], number]> {
  return [...p]
    .map(([k, c]): [string[], number] => [k ? k.split('*') : [], c])
    .sort(([a], [b]) => b.length - a.length || a.join().localeCompare(b.join()));
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const power = (k: number): string => (k === 1 ? '' : [...String(k)].map((d) => SUPERSCRIPT[Number(d)]).join(''));

/** `m*m*n` → `m²n` (with `·` between symbols longer than a letter). */
function monomial(syms: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of syms) counts.set(s, (counts.get(s) ?? 0) + 1);
  const joint = syms.some((s) => s.length > 1) ? '·' : '';
  return [...counts].map(([s, k]) => s + power(k)).join(joint);
}

/** Plain text (`mn + m`, `m²`, `3`), the form of symbolic sizes in the Analysis. */
export function formatPoly(p: Poly): string {
  const terms = orderedTerms(p);
  if (terms.length === 0) return '0';
  return terms
    .map(([syms, c], i) => {
      const body = monomial(syms);
      const mag = Math.abs(c);
      const coef = body && mag === 1 ? '' : String(mag);
      const sign = c < 0 ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + ';
      return sign + coef + body;
    })
    .join('');
}

/** The internal canonical string of a Dim (`m*n+m`), parsed back by `parsePoly`. */
export function dimOf(p: Poly): Dim {
  const v = constValue(p);
  if (v !== undefined) return v;
  return [...p].map(([k, c]) => (k ? (c === 1 ? k : `${c}*${k}`) : String(c))).join('+');
}

export function parsePoly(s: string): Poly {
  const terms: Array<[string, number]> = [];
  for (const term of s.split('+')) {
    let c = 1;
    const syms: string[] = [];
    for (const f of term.trim().split('*')) {
      if (/^-?\d+$/.test(f)) c *= Number(f);
      else if (f) syms.push(f);
    }
    terms.push([syms.sort().join('*'), c]);
  }
  return normalize(terms);
}

/** A JSON size: a number when concrete, else its plain-text formula. */
export const jsonDim = (p: Poly): number | string => constValue(p) ?? formatPoly(p);
