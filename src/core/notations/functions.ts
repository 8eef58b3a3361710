// Function names a user may write, in every notation, and the AST node each one builds.

import type { ElementwiseFn, Expr, Range } from '../ast';

export type Builder = (args: readonly Expr[], range: Range) => Expr;

const elementwise = (fn: ElementwiseFn): Builder => (args, range) => ({ kind: 'apply', fn, arg: one(args), range });
const unary = (kind: 'softmax' | 'sum' | 'trace' | 'det' | 'logdet' | 'inv' | 'norm' | 'transpose' | 'vec'): Builder =>
  (args, range) => ({ kind, arg: one(args), range }) as Expr;

function one(args: readonly Expr[]): Expr {
  const [a] = args;
  if (args.length !== 1 || !a) throw new Error('arity is checked by the caller');
  return a;
}

/** Known functions: name (lower-cased where case does not matter) → arity and builder. */
export const FUNCTIONS: Readonly<Record<string, { arity: number; build: Builder }>> = {
  sigmoid: { arity: 1, build: elementwise('sigmoid') },
  σ: { arity: 1, build: elementwise('sigmoid') },
  sigma: { arity: 1, build: elementwise('sigmoid') },
  logistic: { arity: 1, build: elementwise('sigmoid') },
  tanh: { arity: 1, build: elementwise('tanh') },
  relu: { arity: 1, build: elementwise('relu') },
  leaky_relu: { arity: 1, build: elementwise('leaky_relu') },
  leakyrelu: { arity: 1, build: elementwise('leaky_relu') },
  softplus: { arity: 1, build: elementwise('softplus') },
  exp: { arity: 1, build: elementwise('exp') },
  log: { arity: 1, build: elementwise('log') },
  ln: { arity: 1, build: elementwise('log') },
  sin: { arity: 1, build: elementwise('sin') },
  cos: { arity: 1, build: elementwise('cos') },
  sqrt: { arity: 1, build: elementwise('sqrt') },
  abs: { arity: 1, build: elementwise('abs') },
  softmax: { arity: 1, build: unary('softmax') },
  sum: { arity: 1, build: unary('sum') },
  trace: { arity: 1, build: unary('trace') },
  tr: { arity: 1, build: unary('trace') },
  det: { arity: 1, build: unary('det') },
  logdet: { arity: 1, build: unary('logdet') },
  inv: { arity: 1, build: unary('inv') },
  norm: { arity: 1, build: unary('norm') },
  transpose: { arity: 1, build: unary('transpose') },
  vec: { arity: 1, build: unary('vec') },
  kron: { arity: 2, build: ([l, r], range) => ({ kind: 'kron', left: l as Expr, right: r as Expr, range }) },
};

export function lookupFunction(name: string): { arity: number; build: Builder } | undefined {
  return FUNCTIONS[name] ?? FUNCTIONS[name.toLowerCase()];
}
