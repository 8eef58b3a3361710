// Constant folding of what users write (`1/2`, `2^3`, `-(1)`), so `\frac{1}{2}‖y − t‖²`
// differentiates to `y − t` rather than `(1 / 2) (2 (y − t))`.

import type { Expr } from './index';
import { children, mapChildren } from './walk';
import { elementwise, isGeneric } from '../ops/elementwise';

const FOLD: Partial<Record<Expr['kind'], (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  hadamard: (a, b) => a * b,
  div: (a, b) => a / b,
};

export function foldConstants(e: Expr): Expr {
  if (e.kind === 'ref') return e;
  const next = mapChildren(e, foldConstants);
  const [a, b] = children(next);
  const op = FOLD[e.kind];
  if (op && a?.kind === 'num' && b?.kind === 'num') return { kind: 'num', value: op(a.value, b.value), range: e.range };
  if (e.kind === 'neg' && a?.kind === 'num') return { kind: 'num', value: -a.value, range: e.range };
  if ((e.kind === 'epow' || e.kind === 'mpow') && a?.kind === 'num') return { kind: 'num', value: a.value ** e.exponent, range: e.range };
  if (e.kind === 'apply' && a?.kind === 'num' && !isGeneric(e.fn)) return { kind: 'num', value: elementwise(e.fn).f(a.value), range: e.range };
  // a number times a matrix is a scalar product, however it was written (Python's `*`)
  if (e.kind === 'hadamard' && (a?.kind === 'num' || b?.kind === 'num')) return { kind: 'mul', left: a as Expr, right: b as Expr, range: e.range };
  return next;
}
