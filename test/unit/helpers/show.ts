// Test helpers for the front-ends: a compact, independent printer of AST expressions and small
// accessors. The printer spells every node by its kind, so an expectation reads like the tree.

import type { Declaration, Expr, Program, Range } from '../../../src/core/ast';

export function show(e: Expr): string {
  switch (e.kind) {
    case 'var': case 'ref': return e.name;
    case 'num': return String(e.value);
    case 'ones': return `ones(${e.rows}, ${e.cols})`;
    case 'eye': return `eye(${e.n})`;
    case 'add': case 'sub': case 'mul': case 'hadamard': case 'div': case 'kron': case 'pow':
      return `${e.kind}(${show(e.left)}, ${show(e.right)})`;
    case 'epow': case 'mpow': return `${e.kind}(${show(e.base)}, ${e.exponent})`;
    case 'apply': return `${e.fn}(${show(e.arg)})`;
    case 'concat': return `concat_${e.axis}(${e.parts.map(show).join(', ')})`;
    default: return `${e.kind}(${show(e.arg)})`;
  }
}

/** `name = tree` per assignment (`_` for a bare expression). */
export const assignments = (p: Program): string[] => p.assignments.map((a) => `${a.name ?? '_'} = ${show(a.expr)}`);

/** `name: RxC` per declaration. */
export const declarations = (p: Program | readonly Declaration[]): string[] =>
  ('declarations' in p ? p.declarations : p).map((d) => `${d.name}: ${d.shape[0]}x${d.shape[1]}`);

export const textAt = (text: string, r: Range | { start: number; end: number }): string => text.slice(r.start, r.end);

/** Every node of an expression, depth first. */
export function nodes(e: Expr): Expr[] {
  const kids: Expr[] = (() => {
    switch (e.kind) {
      case 'var': case 'ref': case 'num': case 'ones': case 'eye': return [];
      case 'add': case 'sub': case 'mul': case 'hadamard': case 'div': case 'kron': case 'pow': return [e.left, e.right];
      case 'epow': case 'mpow': return [e.base];
      case 'concat': return [...e.parts];
      default: return [e.arg];
    }
  })();
  return [e, ...kids.flatMap(nodes)];
}

/** The 0-based line and column of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) };
}
