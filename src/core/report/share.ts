// A sub-expression the Jacobian or the gradient formulas repeat is named once (s = softmax(Vy + c))
// and printed by its name. The name is a `ref` node that carries its definition, so every formula stays
// evaluable from its own tree; the definitions list keeps the name and the expression as data.

import type { Expr, ExprOf } from '../ast';
import { namesIn } from '../ast/query';
import { children, mapChildren } from '../ast/walk';
import type { GradientForms } from '../calculus/gradient';
import { factorBlocks, type Blocks } from '../calculus/jacobian';
import { mapOpExprs, opExprs } from '../calculus/ops';

/** Nodes a sub-expression needs before naming it saves the reader anything (softmax(Vy + c) has 6). */
const MIN_NODES = 4;

/** Names at most: past a few, more names read worse than the repeats (and each round walks every
 *  formula again, which a product of hundreds of factors made cubic). */
const MAX_SHARED = 6;
/** Formulas of more nodes than this, all together, are left as they are: no one reads them whole,
 *  and finding their repeats costs their size times their depth. */
const MAX_NODES = 2000;

const LEAVES: ReadonlySet<Expr['kind']> = new Set(['var', 'ref', 'num', 'ones', 'eye']);

/**
 * Structural keys: equal keys print the same (ranges ignored). A ref is its name, except a name
 * given elsewhere (`expand`), which is its definition, so it is found again under another spelling.
 * A node's key names its children by their interned ids, so a key is short however deep the tree
 * is (full keys made a chain of n products cost n² characters).
 */
class Keys {
  private readonly memo = new WeakMap<Expr, string>();
  private readonly ids = new Map<string, string>();
  constructor(private readonly expand: ReadonlySet<string> = new Set()) {}

  of(e: Expr): string {
    const known = this.memo.get(e);
    if (known !== undefined) return known;
    const key = e.kind === 'ref' && this.expand.has(e.name) ? this.of(e.def) : this.compute(e);
    this.memo.set(e, key);
    return key;
  }

  private compute(e: Expr): string {
    const { range: _range, ...fields } = e as Expr & Record<string, unknown>;
    // plain values, and plain data such as a block's spans (children, and a ref's definition, are keyed below)
    const own = Object.entries(fields)
      .filter(([, v]) => typeof v !== 'object' || (v !== null && !Array.isArray(v) && !('kind' in v)))
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    const kids = e.kind === 'ref' ? [] : children(e).map((c) => this.of(c));
    const full = `(${own.join(',')}${kids.length ? `:${kids.join(' ')}` : ''})`;
    let id = this.ids.get(full);
    if (id === undefined) this.ids.set(full, (id = `#${this.ids.size}`));
    return id;
  }
}

/** What a reader reads: a name is one symbol, and a transpose adds nothing to read (s sᵀ is 3). */
const sizeOf = (e: Expr): number =>
  e.kind === 'ref' ? 1 : (e.kind === 'transpose' ? 0 : 1) + children(e).reduce((n, c) => n + sizeOf(c), 0);

/**
 * The largest sub-expression one formula prints at least twice (each path counts, as printing
 * does). A formula is a group of expressions printed together (the factors of a Jacobian). The
 * same part in two formulas (tanh′(Wx + b) in ∂L/∂W and ∂L/∂b) reads fine as it is.
 */
function mostRepeated(formulas: ReadonlyArray<readonly Expr[]>, keys: Keys): { key: string; expr: Expr } | undefined {
  let best: { key: string; expr: Expr; size: number } | undefined;
  for (const formula of formulas) {
    const seen = new Map<string, { expr: Expr; count: number }>();
    const visit = (e: Expr): void => {
      if (LEAVES.has(e.kind)) return;
      const key = keys.of(e);
      const entry = seen.get(key);
      if (entry) entry.count++;
      else seen.set(key, { expr: e, count: 1 });
      children(e).forEach(visit);
    };
    formula.forEach(visit);
    for (const [key, { expr, count }] of seen) {
      const size = count >= 2 ? sizeOf(expr) : 0;
      if (size >= MIN_NODES && (!best || size > best.size)) best = { key, expr, size };
    }
  }
  return best;
}

/** Replaces every node printed as `key` by `by`; one result per node, so shared nodes stay shared. */
function replacer(key: string, by: Expr, keys: Keys): (e: Expr) => Expr {
  const done = new Map<Expr, Expr>();
  const replace = (e: Expr): Expr => {
    if (LEAVES.has(e.kind)) return e;
    const known = done.get(e);
    if (known) return known;
    const out = keys.of(e) === key ? by : mapChildren(e, replace);
    done.set(e, out);
    return out;
  };
  return replace;
}

/** s for a softmax, h for an activation (a hidden layer's output), u otherwise. */
const baseName = (e: Expr): string =>
  e.kind === 'softmax' ? 's' : e.kind === 'apply' && !e.fn.endsWith("'") ? 'h' : 'u';

function fresh(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/** A name given to a repeated sub-expression. */
export interface Shared {
  readonly name: string;
  readonly expr: Expr;
}

interface Naming {
  readonly keys: Keys;
  /** Taken names; new ones are added. */
  readonly names: Set<string>;
  /** Names of the program that already stand for an expression (the output y): used, not defined. */
  readonly known: ReadonlyArray<ExprOf<'ref'>>;
  /** Names given elsewhere (by the Jacobian): used again, and defined, for the same expression. */
  readonly given: readonly Shared[];
}

/** Names each repeated sub-expression of `formulas` once, largest first; `swap` puts a name in. */
function nameRepeated(formulas: () => ReadonlyArray<readonly Expr[]>, swap: (f: (e: Expr) => Expr) => void, n: Naming): Shared[] {
  const known = new Map(n.known.map((r) => [n.keys.of(r.def), r]));
  const given = new Map(n.given.map((d) => [n.keys.of(d.expr), d.name]));
  let shared: Shared[] = [];
  const all = () => [...formulas(), ...shared.map((d) => [d.expr])];
  if (all().flat().reduce((k, e) => k + sizeOf(e), 0) > MAX_NODES) return [];
  for (let best = mostRepeated(all(), n.keys), k = 0; best && k < MAX_SHARED; best = mostRepeated(all(), n.keys), k++) {
    const { key, expr } = best;
    const own = known.get(key);
    const ref: Expr = own ?? { kind: 'ref', name: given.get(key) ?? fresh(baseName(expr), n.names), def: expr, range: expr.range };
    const replace = replacer(key, ref, n.keys);
    swap(replace);
    shared = shared.map((d) => ({ name: d.name, expr: replace(d.expr) }));
    if (!own) shared.push({ name: ref.name, expr });
  }
  return inlineSmall(shared, swap);
}

/**
 * A name whose definition became short once the names inside it were given (u = s sᵀ, named
 * before s because it was larger) is written out again.
 */
function inlineSmall(shared: readonly Shared[], swap: (f: (e: Expr) => Expr) => void): Shared[] {
  let out = [...shared];
  for (let small = out.find((d) => sizeOf(d.expr) < MIN_NODES); small; small = out.find((d) => sizeOf(d.expr) < MIN_NODES)) {
    const { name, expr } = small;
    const done = new Map<Expr, Expr>();
    const inline = (e: Expr): Expr => {
      if (e.kind === 'ref') return e.name === name ? expr : e;
      const known = done.get(e);
      if (known) return known;
      const result = LEAVES.has(e.kind) ? e : mapChildren(e, inline);
      done.set(e, result);
      return result;
    };
    swap(inline);
    out = out.filter((d) => d !== small).map((d) => ({ name: d.name, expr: inline(d.expr) }));
  }
  return out;
}

export interface SharedJacobian {
  readonly blocks: Blocks;
  /** The names its formulas use (the latest named is the innermost). */
  readonly shared: readonly Shared[];
}

/**
 * The Jacobian with each sub-expression it prints more than once named once: (diag(s) − s sᵀ)
 * for softmax. A formula is one factor of the factored J: tanh′(W₁x + b₁) in the blocks of W₁ and b₁
 * reads fine as it is. `names` are taken and receive the new ones.
 */
export function shareInJacobian(b: Blocks, names: Set<string>, known: ReadonlyArray<ExprOf<'ref'>> = []): SharedJacobian {
  let blocks = b.blocks;
  const formulas = (): Expr[][] => {
    const { common, rest } = factorBlocks({ ops: b.ops, blocks });
    return [...common, ...rest].map(opExprs);
  };
  const swap = (f: (e: Expr) => Expr): void => void (blocks = blocks.map((o) => mapOpExprs(o, f)));
  const shared = nameRepeated(formulas, swap, { keys: new Keys(), names, known, given: [] });
  return { blocks: { ops: b.ops, blocks }, shared };
}

export interface SharedForms extends GradientForms {
  /** The names given to repeated sub-expressions (refs in the formulas carry the same expressions). */
  readonly shared: readonly Shared[];
}

/**
 * The forms with each repeated sub-expression named once. One the Jacobian named (`given`) gets
 * the same name, so one thing has one name in one report; one printed once stays spelled out.
 */
export function shareRepeated(forms: GradientForms, taken: ReadonlySet<string>, known: ReadonlyArray<ExprOf<'ref'>> = [],
  given: readonly Shared[] = []): SharedForms {
  const names = new Set([...taken, ...given.map((d) => d.name), ...forms.definitions.map((d) => d.name)]);
  let { definitions, perVariable } = forms;
  const formulas = (): Expr[][] => [...definitions.map((d) => [d.expr]), ...[...perVariable.values()].map((e) => [e])];
  const swap = (f: (e: Expr) => Expr): void => {
    definitions = definitions.map((d) => ({ ...d, expr: f(d.expr) }));
    perVariable = new Map([...perVariable].map(([v, e]) => [v, f(e)]));
  };
  const shared = nameRepeated(formulas, swap, { keys: new Keys(new Set(given.map((d) => d.name))), names, known, given });
  return { perVariable, definitions, shared };
}

/** δ's and shared names together, each after every name it reads (the order to compute and to show them). */
export function definitionsInOrder(forms: SharedForms): Array<{ name: string; expr: Expr; shared: boolean }> {
  const all = new Map<string, { name: string; expr: Expr; shared: boolean }>();
  // shared first (the latest named is the innermost), then the δ's in their own order
  for (const d of [...forms.shared].reverse()) all.set(d.name, { name: d.name, expr: d.expr, shared: true });
  for (const d of forms.definitions) all.set(d.name, { name: d.name, expr: d.expr, shared: false });
  const out: Array<{ name: string; expr: Expr; shared: boolean }> = [];
  const done = new Set<string>();
  const emit = (name: string): void => {
    const d = all.get(name);
    if (!d || done.has(name)) return;
    done.add(name);
    namesIn(d.expr).forEach(emit);
    out.push(d);
  };
  all.forEach((_, name) => emit(name));
  return out;
}
