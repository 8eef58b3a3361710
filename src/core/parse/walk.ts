// Walking the AST: children of a node, the names an expression uses, moving ranges.

import type { Assignment, Declaration, Expr, Program, Range } from '../ast';

/** The sub-expressions of a node. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'var': case 'num': case 'ones': case 'eye': case 'ref': return [];
    case 'add': case 'sub': case 'mul': case 'hadamard': case 'div': case 'kron': return [e.left, e.right];
    case 'epow': case 'mpow': return [e.base];
    default: return [e.arg];
  }
}

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

/** Every variable name `e` reads, into `out`. */
export function namesIn(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'var' || e.kind === 'ref') out.add(e.name);
  for (const c of children(e)) namesIn(c, out);
  return out;
}

/** Does `e` contain a node of one of `kinds`? */
export function contains(e: Expr, kinds: ReadonlySet<string>): boolean {
  return kinds.has(e.kind) || children(e).some((c) => contains(c, kinds));
}

const move = (r: Range, d: number): Range => ({ start: r.start + d, end: r.end + d });

/** `e` with every range moved by `d` characters (for a block re-used at a new place). */
export function shiftExpr(e: Expr, d: number): Expr {
  return rebuild(e, move(e.range, d), (c) => shiftExpr(c, d));
}

/** `e` with its children mapped by `f`. */
export function mapChildren(e: Expr, f: (c: Expr) => Expr): Expr {
  return rebuild(e, e.range, f);
}

/** `e` with another range (its children as they are). */
export function withRange(e: Expr, range: Range): Expr {
  return rebuild(e, range, (c) => c);
}

/** A copy of `e` with `range` and its children mapped by `f`. Written out per kind: object spreads
 *  over the AST's many node shapes are slow, and this runs on every block an edit moves. */
function rebuild(e: Expr, range: Range, f: (c: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'var': return { kind: 'var', name: e.name, range };
    case 'num': return { kind: 'num', value: e.value, range };
    case 'ones': return { kind: 'ones', rows: e.rows, cols: e.cols, range };
    case 'eye': return { kind: 'eye', n: e.n, range };
    case 'ref': return { kind: 'ref', name: e.name, def: f(e.def), range };
    case 'add': case 'sub': case 'mul': case 'hadamard': case 'div': case 'kron':
      return { kind: e.kind, left: f(e.left), right: f(e.right), range };
    case 'epow': case 'mpow': return { kind: e.kind, base: f(e.base), exponent: e.exponent, range };
    case 'apply': return { kind: 'apply', fn: e.fn, arg: f(e.arg), range };
    default: return { kind: e.kind, arg: f(e.arg), range } as Expr;
  }
}

export const shiftDeclaration = (x: Declaration, d: number): Declaration => ({ ...x, range: move(x.range, d) });
export const shiftAssignment = (a: Assignment, d: number): Assignment => ({ ...a, expr: shiftExpr(a.expr, d), range: move(a.range, d) });

export function shiftProgram(p: Program, d: number): Program {
  if (d === 0) return p;
  return {
    declarations: p.declarations.map((x) => shiftDeclaration(x, d)),
    assignments: p.assignments.map((a) => shiftAssignment(a, d)),
    ...(p.notes ? { notes: p.notes } : {}),
  };
}
