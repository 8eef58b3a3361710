// `f(z)` is read as a function by the front-ends unless the name is declared: then it is the
// product f·z (`a(x + y)` with `a ∈ ℝ`). Declarations are known only once the program is whole.

import type { Expr, Program } from './index';
import { genericParts, isGeneric } from '../ops/elementwise';
import { mapChildren } from './walk';

function products(e: Expr, declared: ReadonlySet<string>): Expr {
  const mapped = mapChildren(e, (c) => products(c, declared));
  if (mapped.kind !== 'apply' || !isGeneric(mapped.fn)) return mapped;
  const [name, primes] = genericParts(mapped.fn);
  if (primes > 0 || !declared.has(name)) return mapped;
  const nameRange = { start: mapped.range.start, end: Math.max(mapped.range.start, mapped.arg.range.start - 1) };
  return { kind: 'mul', left: { kind: 'var', name, range: nameRange }, right: mapped.arg, range: mapped.range };
}

export function declaredProducts(program: Program, declared: ReadonlySet<string>): Program {
  if (declared.size === 0) return program;
  return { ...program, assignments: program.assignments.map((a) => ({ ...a, expr: products(a.expr, declared) })) };
}
