// A sub-expression the gradient formulas repeat is named once (s = softmax(Vy + c)) and printed
// by its name. The name is a `ref` node that carries its definition, so every formula stays
// evaluable from its own tree; the definitions list keeps the name and the expression as data.

import type { Expr, ExprOf } from '../ast';
import { namesIn } from '../ast/query';
import { children, mapChildren } from '../ast/walk';
import type { GradientForms } from '../calculus/gradient';

/** Nodes a sub-expression needs before naming it saves the reader anything (softmax(Vy + c) has 6). */
const MIN_NODES = 4;

/** Names at most: past a few, more names read worse than the repeats (and each round walks every
 *  formula again, which a product of hundreds of factors made cubic). */
const MAX_SHARED = 6;
/** Formulas of more nodes than this, all together, are left as they are: no one reads them whole,
 *  and finding their repeats costs their size times their depth. */
const MAX_NODES = 2000;

const LEAVES: ReadonlySet<Expr['kind']> = new Set(['var', 'ref', 'num', 'ones', 'eye']);

/** Structural keys: equal keys print the same (ranges ignored; a ref is its name). A node's key
 *  names its children by their interned ids, so a key is short however deep the tree is (full
 *  keys made a chain of n products cost n² characters). */
class Keys {
  private readonly memo = new WeakMap<Expr, string>();
  private readonly ids = new Map<string, string>();

  of(e: Expr): string {
    const known = this.memo.get(e);
    if (known !== undefined) return known;
    const { range: _range, ...fields } = e as Expr & Record<string, unknown>;
    const own = Object.entries(fields)
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => `${k}=${String(v)}`);
    const kids = e.kind === 'ref' ? [] : children(e).map((c) => this.of(c));
    const full = `(${own.join(',')}${kids.length ? `:${kids.join(' ')}` : ''})`;
    let id = this.ids.get(full);
    if (id === undefined) this.ids.set(full, (id = `#${this.ids.size}`));
    this.memo.set(e, id);
    return id;
  }
}

const sizeOf = (e: Expr): number => (e.kind === 'ref' ? 1 : 1 + children(e).reduce((n, c) => n + sizeOf(c), 0));

/**
 * The largest sub-expression one formula prints at least twice (each path counts, as printing
 * does). The same part in two formulas (tanh′(Wx + b) in ∂L/∂W and ∂L/∂b) reads fine as it is.
 */
function mostRepeated(roots: readonly Expr[], keys: Keys): { key: string; expr: Expr } | undefined {
  let best: { key: string; expr: Expr; size: number } | undefined;
  for (const root of roots) {
    const seen = new Map<string, { expr: Expr; count: number }>();
    const visit = (e: Expr): void => {
      if (LEAVES.has(e.kind)) return;
      const key = keys.of(e);
      const entry = seen.get(key);
      if (entry) entry.count++;
      else seen.set(key, { expr: e, count: 1 });
      children(e).forEach(visit);
    };
    visit(root);
    for (const [key, { expr, count }] of seen) {
      const size = count >= 2 ? sizeOf(expr) : 0;
      if (size >= MIN_NODES && (!best || size > best.size)) best = { key, expr, size };
    }
  }
  return best;
}

function replace(e: Expr, key: string, by: Expr, keys: Keys): Expr {
  if (LEAVES.has(e.kind)) return e;
  return keys.of(e) === key ? by : mapChildren(e, (c) => replace(c, key, by, keys));
}

const baseName = (e: Expr): string => (e.kind === 'softmax' ? 's' : 'u');

function fresh(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

export interface SharedForms extends GradientForms {
  /** The names given to repeated sub-expressions (refs in the formulas carry the same expressions). */
  readonly shared: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
}

/**
 * The forms with each repeated sub-expression named once. One that a name of the program already
 * stands for (`known`: the output y) is written with that name and needs no new definition.
 */
export function shareRepeated(forms: GradientForms, taken: ReadonlySet<string>, known: ReadonlyArray<ExprOf<'ref'>> = []): SharedForms {
  const keys = new Keys();
  const byKey = new Map(known.map((r) => [keys.of(r.def), r]));
  const names = new Set([...taken, ...forms.definitions.map((d) => d.name)]);
  let { definitions, perVariable } = forms;
  let shared: Array<{ name: string; expr: Expr }> = [];
  const roots = () => [...definitions.map((d) => d.expr), ...shared.map((d) => d.expr), ...perVariable.values()];
  if (roots().reduce((n, r) => n + sizeOf(r), 0) > MAX_NODES) return { perVariable, definitions, shared };
  for (let best = mostRepeated(roots(), keys), n = 0; best && n < MAX_SHARED; best = mostRepeated(roots(), keys), n++) {
    const { key, expr } = best;
    const own = byKey.get(key);
    const ref: Expr = own ?? { kind: 'ref', name: fresh(baseName(expr), names), def: expr, range: expr.range };
    const swap = (e: Expr): Expr => replace(e, key, ref, keys);
    definitions = definitions.map((d) => ({ ...d, expr: swap(d.expr) }));
    shared = shared.map((d) => ({ name: d.name, expr: swap(d.expr) }));
    perVariable = new Map([...perVariable].map(([v, e]) => [v, swap(e)]));
    if (!own) shared.push({ name: ref.name, expr });
  }
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
