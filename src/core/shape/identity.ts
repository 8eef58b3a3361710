// `I` as the identity: an undeclared `I` (no declaration, no values, no size given) is not a free
// variable but I_n, its size inferred from where it is used (`inv(X'*X + 0.1*I)` makes it n×n).

import type { Expr } from '../ast';
import type { Linked } from '../ast/link';
import { mapChildren } from '../ast/walk';
import { dimOf } from './dim';
import type { ShapeTable } from './infer';

export const IDENTITY_NAME = 'I';

/** The linked program with every `I` replaced by I_n (shared nodes stay shared). */
export function identityAsEye(linked: Linked, shapes: ShapeTable): Linked {
  const s = shapes.vars.get(IDENTITY_NAME);
  if (!s) return linked;
  const n = dimOf(shapes.resolve(s.rows));
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    if (e.kind === 'var' && e.name === IDENTITY_NAME) return { kind: 'eye', n, range: e.range };
    let out = memo.get(e);
    if (!out) {
      out = mapChildren(e, go);
      memo.set(e, out);
    }
    return out;
  };
  return { ...linked, output: go(linked.output), steps: linked.steps.map((st) => ({ ...st, expr: go(st.expr) })) };
}
