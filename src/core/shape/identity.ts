// Names that stand for constants: an undeclared `I` (no declaration, no values, no size given) is
// not a free variable but I_n, its size inferred from where it is used (`inv(X'*X + 0.1*I)` makes
// it n×n); `𝟏` is the ones column the same way (`𝟏'*x`). `I_n`, `I_3`, `eye(n)` and `ones(m, n)`
// with a named size carry their size in the name (ast/names.ts).

import type { Expr } from '../ast';
import type { Linked } from '../ast/link';
import { constantNamed } from '../ast/names';
import { mapChildren } from '../ast/walk';
import { dimOf } from './dim';
import type { ShapeTable } from './infer';

/** The linked program with every constant's name replaced by I_n or 𝟏 of its inferred size (shared nodes stay shared). */
export function constantsAsNodes(linked: Linked, shapes: ShapeTable, names: ReadonlySet<string>): Linked {
  const nodes = new Map<string, (e: Expr) => Expr>();
  for (const name of names) {
    const s = shapes.vars.get(name);
    if (!s) continue;
    const [rows, cols] = [dimOf(shapes.resolve(s.rows)), dimOf(shapes.resolve(s.cols))];
    nodes.set(name, constantNamed(name)?.kind === 'ones'
      ? (e) => ({ kind: 'ones', rows, cols, range: e.range })
      : (e) => ({ kind: 'eye', n: rows, range: e.range }));
  }
  if (nodes.size === 0) return linked;
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    const node = e.kind === 'var' ? nodes.get(e.name) : undefined;
    if (node) return node(e);
    let out = memo.get(e);
    if (!out) {
      out = mapChildren(e, go);
      memo.set(e, out);
    }
    return out;
  };
  return { ...linked, output: go(linked.output), steps: linked.steps.map((st) => ({ ...st, expr: go(st.expr) })) };
}
