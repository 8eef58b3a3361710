// Shape inference: known sizes from declarations, options and values; unknown sizes unified
// through the rules, then named `m, n, p, …` in order of appearance.

import { NO_RANGE, UserError, type Dim, type Expr, type Range } from '../ast';
import { asUnknown, constPoly, eqPoly, formatPoly, isOne, poly, substitute, symPoly, symbolsOf, type Poly } from './dim';
import { greekOf, guessedScalar, ONES_NAME } from '../ast/names';
import { shapeRule, type Shape, type ShapeCtx } from './rules';
import { setOwn } from '../keys';

export type ShapeSource = 'declared' | 'option' | 'values' | 'inferred';

export interface KnownShape {
  readonly shape: Shape;
  readonly source: ShapeSource;
}

/**
 * The guess for an undeclared name: coefficient letters and size names are scalars (both sizes
 * hints, so that `μ + x` makes μ a vector), the rest matrices, lower-case names and 𝟏 vectors — a column
 * unless used as a row: their columns are a hint (`?~k`), an unknown that becomes 1 unless
 * something else fixes it.
 */
function guess(name: string, fresh: (hint: boolean) => Poly, bold: boolean): Shape {
  if (guessedScalar(name) && !bold) return { rows: fresh(true), cols: fresh(true) };
  if (/^[a-z]/.test(name) || name === ONES_NAME || (bold && greekOf(name) !== undefined)) return { rows: fresh(false), cols: fresh(true) };
  return { rows: fresh(false), cols: fresh(false) };
}

const isHintSymbol = (s: string | undefined): boolean => !!s && s.startsWith('?~');

// a size of several terms is bracketed: d_h×(d_h + d_x)
const fmtShape = (s: Shape, resolve: (p: Poly) => Poly): string =>
  [s.rows, s.cols].map((p) => formatPoly(resolve(p)).replace(/\?~\d+/g, '1').replace(/\?(\d+|_+\d*)/g, '?').replace(/\?=?([A-Za-z]\w*)/g, '$1'))
    .map((t) => (/. [+−] ./.test(t) ? `(${t})` : t)).join('×');

/** Shapes of every node of a program; works for expressions built later (derivatives) too. */
export class ShapeTable implements ShapeCtx {
  private readonly bound = new Map<string, Poly>();
  private readonly memo = new WeakMap<Expr, Shape>();
  private readonly known = new Map<string, Shape>();
  readonly sources = new Map<string, ShapeSource>();
  private unknowns = 0;
  private frozen = false;
  /** Sizes and shapes resolved after `freeze`: the later passes ask for the same ones many times. */
  private readonly resolved = new WeakMap<Poly, Poly>();
  private readonly final = new WeakMap<Expr, Shape>();
  /** The `/` nodes read as A B⁻¹ when their shapes were inferred. */
  private readonly rightDivisions = new WeakSet<Expr>();

  /** The names of declared sizes (`N` of `x: (N, d)`), held as the unknowns `?N`. */
  private readonly declaredSizes = new Set<string>();

  /** `bold`: names the text sets in bold, which are never guessed scalars (Program.bold). */
  constructor(known: ReadonlyMap<string, KnownShape>, private readonly source: string, private readonly bold: ReadonlySet<string> = new Set()) {
    for (const [name, k] of known) {
      this.known.set(name, k.shape);
      this.sources.set(name, k.source);
      for (const s of [...symbolsOf(k.shape.rows), ...symbolsOf(k.shape.cols)]) if (/^\?[A-Za-z]/.test(s)) this.declaredSizes.add(s.slice(1));
    }
  }

  /** A front-end's 1_N (a bias over a batch of the declared N) has the declared size, not a new symbol N. */
  size(d: Dim): Poly {
    return substitute(poly(d), (s) => (this.declaredSizes.has(s) ? symPoly(`?${s}`) : undefined));
  }

  /** Every variable's shape. Read-only: names a later stage introduces go through `addInputs`. */
  get vars(): ReadonlyMap<string, Shape> {
    return this.known;
  }

  /** Names a later stage brings with known shapes (a loss's target t, the upstream gradient g, the δ of
   *  the gradient forms): added by report/gradient.ts alone. */
  addInputs(shapes: ReadonlyMap<string, Shape>): void {
    for (const [name, s] of shapes) this.known.set(name, s);
  }

  /** A name that turned out to be no variable (`I`, read as the identity once its size is known). */
  forget(name: string): void {
    this.known.delete(name);
    this.sources.delete(name);
  }

  /** Readings made while sizes were unified, said once sizes have their names. */
  private readonly readings: Array<() => string> = [];

  reading(note: () => string): void {
    this.readings.push(note);
  }

  get notes(): string[] {
    return this.readings.map((r) => r());
  }

  markRightDivision(e: Expr): void {
    this.rightDivisions.add(e);
  }

  isRightDivision(e: Expr): boolean {
    return this.rightDivisions.has(e);
  }

  of(e: Expr): Shape {
    const hit = this.memo.get(e);
    if (hit) return hit;
    const s = shapeRule(e, this);
    this.memo.set(e, s);
    return s;
  }

  unify(a: Poly, b: Poly, fail: () => string, range: Range): void {
    const ra = this.resolve(a);
    const rb = this.resolve(b);
    if (eqPoly(ra, rb)) return;
    const ua = asUnknown(ra);
    const ub = asUnknown(rb);
    // an unknown cannot equal a product it is part of (m = mp): that is a contradiction, not a binding
    if ((ua && symbolsOf(rb).includes(ua)) || (ub && symbolsOf(ra).includes(ub))) throw UserError.at(fail(), range);
    // a declared size (`?q` from `W ∈ ℝ^{d×q}`) is fixed by values and options only, never by a rule
    const rigidA = !!ua && this.isRigid(ua);
    const rigidB = !!ub && this.isRigid(ub);
    if (rigidA && (rigidB || !ub)) throw UserError.at(this.declaredConflict(fail(), ua, rb), range);
    if (rigidB && !ua) throw UserError.at(this.declaredConflict(fail(), ub as string, ra), range);
    if (rigidA || rigidB) {
      if (this.frozen) throw UserError.at(fail(), range);
      this.bound.set(rigidA ? (ub as string) : (ua as string), rigidA ? ra : rb);
      return;
    }
    // a hint gives way to any other size, and a nameless unknown to a named one (`eye(n)`'s n)
    if (!this.frozen && ua && ub && isHintSymbol(ua) !== isHintSymbol(ub)) this.bound.set(isHintSymbol(ua) ? ua : ub, isHintSymbol(ua) ? rb : ra);
    else if (!this.frozen && ua && ub && ua.startsWith('?=') !== ub.startsWith('?=')) this.bound.set(ua.startsWith('?=') ? ub : ua, ua.startsWith('?=') ? ra : rb);
    else if (!this.frozen && ua) this.bound.set(ua, rb);
    else if (!this.frozen && ub) this.bound.set(ub, ra);
    else throw UserError.at(fail(), range);
  }

  /** While values and options are applied, declared sizes may still be fixed. */
  private constraining = false;

  private isRigid(sym: string): boolean {
    return !this.constraining && /^\?[A-Za-z]/.test(sym);
  }

  /** The rule's message, and where the declared size comes from. */
  private declaredConflict(message: string, sym: string, other: Poly): string {
    const size = sym.slice(1);
    const owner = [...this.vars].find(([n, s]) => this.sources.get(n) === 'declared' && [s.rows, s.cols].some((p) => asUnknown(p) === sym))?.[0];
    return `${message} (${size} comes from the declaration of ${owner ?? size}, which this would make ${formatPoly(other).replace(/\?(~?\d+|_+\d*)/g, '?').replace(/\?=?([A-Za-z]\w*)/g, '$1')})`;
  }

  isHint(p: Poly): boolean {
    return isHintSymbol(asUnknown(this.resolve(p)));
  }

  isScalar(s: Shape): boolean {
    return (isOne(this.resolve(s.rows)) || this.isHint(s.rows)) && (isOne(this.resolve(s.cols)) || this.isHint(s.cols));
  }

  isGuessedScalar(s: Shape): boolean {
    return this.isHint(s.rows) && this.isHint(s.cols);
  }

  resolve(p: Poly): Poly {
    const hit = this.resolved.get(p);
    if (hit) return hit;
    const r = substitute(p, (s) => {
      const b = this.bound.get(s);
      return b ? this.resolve(b) : undefined;
    });
    // once frozen nothing is bound any more, so a resolved size stays resolved
    if (this.frozen) this.resolved.set(p, r);
    return r;
  }

  variable(name: string, range: Range): Shape {
    const known = this.known.get(name);
    if (known) return known;
    if (this.frozen) throw UserError.at(`internal: no shape for ${name}`, range);
    const s = guess(name, (hint) => symPoly(`?${hint ? '~' : ''}${++this.unknowns}`), this.bold.has(name));
    this.known.set(name, s);
    this.sources.set(name, 'inferred');
    return s;
  }

  /** An undeclared name known to be a matrix (Program.matrices): two unknown sizes, not the guess of its case. */
  guessMatrix(name: string): void {
    if (this.known.has(name)) return;
    this.known.set(name, { rows: symPoly(`?${++this.unknowns}`), cols: symPoly(`?${++this.unknowns}`) });
    this.sources.set(name, 'inferred');
  }

  text(e: Expr): string {
    const t = this.source.slice(e.range.start, e.range.end).trim();
    return t.length > 0 && t.length <= 40 ? t : 'the operand';
  }

  fmt(s: Shape): string {
    return fmtShape(s, (p) => this.resolve(p));
  }

  /** Give a variable a shape from values or options, agreeing with any declaration. */
  constrain(name: string, shape: Shape, source: ShapeSource, what: string): void {
    const prior = this.known.get(name);
    if (prior) {
      const fail = () => `${name} is declared ${this.fmt(prior)}, but ${what} make it ${this.fmt(shape)}`;
      this.constraining = true;
      try {
        this.unify(prior.rows, shape.rows, fail, NO_RANGE);
        this.unify(prior.cols, shape.cols, fail, NO_RANGE);
      } finally {
        this.constraining = false;
      }
    } else {
      this.known.set(name, shape);
    }
    this.sources.set(name, source);
  }

  /** After inference: name what is still unknown (`m`, `n`, … or the declared name) and forbid new unknowns. */
  freeze(order: readonly string[], taken: ReadonlySet<string>): Record<string, string> {
    const letters = ['m', 'n', 'p', 'q', 'r', 'k', 'l', 'd', 'h', 'c', 'u', 'v'];
    const meaning: Record<string, string> = {};
    const used = new Set(taken);
    for (const s of this.known.values()) {
      for (const p of [s.rows, s.cols]) {
        for (const sym of symbolsOf(this.resolve(p))) {
          if (isHintSymbol(sym)) this.bound.set(sym, constPoly(1));
          else used.add(sym.replace(/^\?/, ''));
        }
      }
    }
    for (const name of order) {
      const s = this.known.get(name);
      if (!s) continue;
      (['rows', 'cols'] as const).forEach((side) => {
        for (const sym of symbolsOf(this.resolve(s[side]))) {
          if (!sym.startsWith('?')) continue;
          // a declared or named size keeps its name; numbered unknowns and a ones vector's inferred length (`?_`) get a letter
          const declared = /^\?=?(?!\d+$)(?!_)(.+)$/.exec(sym)?.[1];
          const letter = declared ?? letters.find((l) => !used.has(l)) ?? `n${used.size}`;
          used.add(letter);
          this.bound.set(sym, symPoly(letter));
          if (!Object.hasOwn(meaning, letter)) setOwn(meaning, letter, `${side} of ${name}`);
        }
      });
    }
    for (const [name, s] of this.known) this.known.set(name, { rows: this.resolve(s.rows), cols: this.resolve(s.cols) });
    this.frozen = true;
    return meaning;
  }

  /** The final shape of a node, every size resolved. */
  shape(e: Expr): Shape {
    const hit = this.final.get(e);
    if (hit) return hit;
    const s = this.of(e);
    const r = { rows: this.resolve(s.rows), cols: this.resolve(s.cols) };
    if (this.frozen) this.final.set(e, r);
    return r;
  }
}
