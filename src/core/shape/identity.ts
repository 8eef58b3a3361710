// `I` as the identity: an undeclared `I` (no declaration, no values, no size given) is not a free
// variable but I_n, its size inferred from where it is used (`inv(X'*X + 0.1*I)` makes it n×n).
// `I_n`, `I_3`, `\mathbf{I}_d` are the identity of the size in the subscript.

import type { Dim, Expr } from '../ast';
import type { Linked } from '../ast/link';
import { mapChildren } from '../ast/walk';
import { dimOf } from './dim';
import type { ShapeTable } from './infer';

export const IDENTITY_NAME = 'I';

/** The size an identity's name gives (`I_3` → 3, `I_n` → "n"), null for a bare `I`; undefined when
 *  the name is not an identity's. */
export function identitySize(name: string): Dim | null | undefined {
  if (name === IDENTITY_NAME) return null;
  const m = /^I_(\d+|[A-Za-z]\w*)$/.exec(name);
  if (!m) return undefined;
  return /^\d+$/.test(m[1] as string) ? Number(m[1]) : (m[1] as string);
}

/** The linked program with every identity name replaced by I_n (shared nodes stay shared). */
export function identityAsEye(linked: Linked, shapes: ShapeTable, names: ReadonlySet<string>): Linked {
  const sizes = new Map<string, Dim>();
  for (const name of names) {
    const s = shapes.vars.get(name);
    if (s) sizes.set(name, dimOf(shapes.resolve(s.rows)));
  }
  if (sizes.size === 0) return linked;
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    const n = e.kind === 'var' ? sizes.get(e.name) : undefined;
    if (n !== undefined) return { kind: 'eye', n, range: e.range };
    let out = memo.get(e);
    if (!out) {
      out = mapChildren(e, go);
      memo.set(e, out);
    }
    return out;
  };
  return { ...linked, output: go(linked.output), steps: linked.steps.map((st) => ({ ...st, expr: go(st.expr) })) };
}
