// Moving ranges: a block re-used at a new place in the document keeps its tree, shifted.

import type { Assignment, Declaration, Expr, Program, Range } from './index';
import { children, rebuild } from './walk';

const move = (r: Range, d: number): Range => ({ start: r.start + d, end: r.end + d });

/** `e` with every range moved by `d` characters. */
export function shiftExpr(e: Expr, d: number): Expr {
  return rebuild(e, children(e).map((c) => shiftExpr(c, d)), move(e.range, d));
}

/** `e` with another range (its children as they are). */
export function withRange(e: Expr, range: Range): Expr {
  return rebuild(e, children(e), range);
}

export const shiftDeclaration = (x: Declaration, d: number): Declaration => ({ ...x, range: move(x.range, d) });
export const shiftAssignment = (a: Assignment, d: number): Assignment => ({ ...a, expr: shiftExpr(a.expr, d), range: move(a.range, d) });

export function shiftProgram(p: Program, d: number): Program {
  if (d === 0) return p;
  // everything else a program carries (notes, indices, …) has no range
  return { ...p, declarations: p.declarations.map((x) => shiftDeclaration(x, d)), assignments: p.assignments.map((a) => shiftAssignment(a, d)) };
}
