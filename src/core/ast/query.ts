// Questions about a tree: how deep it is, which names it reads, which kinds it holds.

import type { Expr } from './index';
import { children } from './walk';

/** The deepest path from `e` to a leaf, counted without recursion (a guard for hostile input). */
export function depthOf(e: Expr): number {
  let max = 0;
  const stack: Array<[Expr, number]> = [[e, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, d] = top;
    if (d > max) max = d;
    for (const c of children(node)) stack.push([c, d + 1]);
  }
  return max;
}

/** Deeper trees than this are refused: no formula a person writes comes near it. */
export const MAX_DEPTH = 400;

/** Every variable name `e` reads, into `out` (a ref counts as its name, not its definition's). */
export function namesIn(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'var' || e.kind === 'ref') {
    out.add(e.name);
    return out;
  }
  for (const c of children(e)) namesIn(c, out);
  return out;
}

/** Does `e` contain a node of one of `kinds`? */
export function contains(e: Expr, kinds: ReadonlySet<string>): boolean {
  return kinds.has(e.kind) || children(e).some((c) => contains(c, kinds));
}

/** Each distinct node under `roots` once, parents before children (refs followed into their definitions). */
export function visitOnce(roots: readonly Expr[], visit: (e: Expr) => void): void {
  const seen = new Set<Expr>();
  const go = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    visit(e);
    children(e).forEach(go);
  };
  roots.forEach(go);
}
