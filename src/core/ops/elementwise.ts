// The elementwise functions of the catalogue, and the two questions every pass asks of them.

import type { Expr } from '../ast';
import { applyE } from '../ast/build';
import { ACTIVATIONS, type ActivationFn } from './activations';
import { SCALAR, type ScalarFn } from './scalar';
import type { ElementwiseOp } from './types';

export type ElementwiseFn = ScalarFn | ActivationFn;

export const ELEMENTWISE: { readonly [F in ElementwiseFn]: ElementwiseOp } = { ...SCALAR, ...ACTIVATIONS };

export const ELEMENTWISE_NAMES = Object.keys(ELEMENTWISE) as ElementwiseFn[];

export const elementwise = (fn: ElementwiseFn): ElementwiseOp => ELEMENTWISE[fn];

/** f′(X) as an expression: d f(X) = f′(X) ⊙ dX, so the Jacobian is diag(vec f′(X)) and the reverse rule f′(X) ⊙ G. */
export function derivativeOf(fn: ElementwiseFn, x: Expr): Expr {
  const d = ELEMENTWISE[fn].derivative;
  return 'primed' in d ? applyE(d.primed, x) : d(x);
}

/** The entry a user reaches by priming `fn` (σ′(z)), if it has one. */
export function primedOf(fn: ElementwiseFn): ElementwiseFn | undefined {
  const d = ELEMENTWISE[fn].derivative;
  return 'primed' in d ? d.primed : undefined;
}
