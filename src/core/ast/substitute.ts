// Substitution: a copy of a tree with some variables replaced. A ref's definition is closed (it
// was linked before), so substitution stops at refs.

import type { Expr, ExprOf } from './index';
import { mapChildren } from './walk';

/** A copy of `e` with some variables replaced (nodes without them are shared, not copied). */
export function substituteVars(e: Expr, f: (v: ExprOf<'var'>) => Expr | undefined): Expr {
  if (e.kind === 'var') return f(e) ?? e;
  if (e.kind === 'ref') return e;
  return mapChildren(e, (c) => substituteVars(c, f));
}
