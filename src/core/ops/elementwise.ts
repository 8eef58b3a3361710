// The elementwise functions of the catalogue, and the two questions every pass asks of them.

import { UserError, type Expr } from '../ast';
import { applyE } from '../ast/build';
import { ACTIVATIONS, type ActivationFn } from './activations';
import { SCALAR, type ScalarFn } from './scalar';
import type { ElementwiseOp } from './types';

export type BuiltinFn = ScalarFn | ActivationFn;
/** A function the text names but does not define (`f(Wx + b)`, `φ(z)`), read as elementwise with
 *  derivative `f′` (`fn:f'`): symbolic answers only, since numbers need a concrete function. */
export type GenericFn = `fn:${string}`;
export type ElementwiseFn = BuiltinFn | GenericFn;

export const ELEMENTWISE: { readonly [F in BuiltinFn]: ElementwiseOp } = { ...SCALAR, ...ACTIVATIONS };

export const ELEMENTWISE_NAMES = Object.keys(ELEMENTWISE) as BuiltinFn[];

export const isGeneric = (fn: ElementwiseFn): fn is GenericFn => fn.startsWith('fn:');

/** `f` as written, and how many primes: `fn:φ''` → ['φ', 2]. */
export function genericParts(fn: GenericFn): [string, number] {
  const name = fn.slice(3).replace(/'+$/, '');
  return [name, fn.length - 3 - name.length];
}

/** The entry of a generic function: no spellings (the front-ends build it), no values. */
function genericOp(fn: GenericFn): ElementwiseOp {
  const [name, primes] = genericParts(fn);
  return {
    spell: { math: [], latex: [], python: [] },
    f: () => { throw new UserError(`numbers need a concrete function, but ${name} is a generic one`, 0, 0); },
    derivative: { primed: `${fn}'` },
    latex: name + "'".repeat(primes),
    unicode: name + '′'.repeat(primes),
    cites: 'd f(X) = f′(X) ⊙ dX for any elementwise f',
  };
}

export const elementwise = (fn: ElementwiseFn): ElementwiseOp => (isGeneric(fn) ? genericOp(fn) : ELEMENTWISE[fn]);

/** f′(X) as an expression: d f(X) = f′(X) ⊙ dX, so the Jacobian is diag(vec f′(X)) and the reverse rule f′(X) ⊙ G. */
export function derivativeOf(fn: ElementwiseFn, x: Expr): Expr {
  const d = elementwise(fn).derivative;
  return 'primed' in d ? applyE(d.primed, x) : d(x);
}

/** The entry a user reaches by priming `fn` (σ′(z)), if it has one. */
export function primedOf(fn: ElementwiseFn): ElementwiseFn | undefined {
  const d = elementwise(fn).derivative;
  return 'primed' in d ? d.primed : undefined;
}
