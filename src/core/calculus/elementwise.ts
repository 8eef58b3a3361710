// Elementwise scalar functions: value, derivative as an expression, and how each is written.

import { UserError, type BuiltinFn, type ElementwiseFn, type Expr, type GenericFn } from '../ast';
import { applyE, divE, hadamardE, mulE, negE, num, subE } from './build';

const LEAK = 0.01;
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export interface FnInfo {
  readonly f: (x: number) => number;
  /** f′(X) as an expression. */
  readonly derivative: (x: Expr) => Expr;
  readonly latex: string;
  readonly unicode: string;
  /** The argument must be positive (seeded values respect this). */
  readonly positive?: boolean;
}

const zero = (x: Expr): Expr => mulE(num(0), x);
const primed = (fn: BuiltinFn) => (x: Expr): Expr => applyE(fn, x);

export const ELEMENTWISE: { readonly [F in BuiltinFn]: FnInfo } = {
  sigmoid: { f: sigmoid, derivative: primed("sigmoid'"), latex: '\\sigma', unicode: 'σ' },
  tanh: { f: Math.tanh, derivative: primed("tanh'"), latex: '\\tanh', unicode: 'tanh' },
  relu: { f: (x) => Math.max(0, x), derivative: primed("relu'"), latex: '\\operatorname{ReLU}', unicode: 'ReLU' },
  leaky_relu: { f: (x) => (x > 0 ? x : LEAK * x), derivative: primed("leaky_relu'"), latex: '\\operatorname{LeakyReLU}', unicode: 'LeakyReLU' },
  // softplus′ = σ
  softplus: { f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), derivative: (x) => applyE('sigmoid', x), latex: '\\operatorname{softplus}', unicode: 'softplus' },
  exp: { f: Math.exp, derivative: (x) => applyE('exp', x), latex: '\\exp', unicode: 'exp' },
  log: { f: Math.log, derivative: (x) => divE(num(1), x), latex: '\\log', unicode: 'log', positive: true },
  sin: { f: Math.sin, derivative: (x) => applyE('cos', x), latex: '\\sin', unicode: 'sin' },
  cos: { f: Math.cos, derivative: (x) => negE(applyE('sin', x)), latex: '\\cos', unicode: 'cos' },
  // (√x)′ = 1 / (2√x)
  sqrt: { f: Math.sqrt, derivative: (x) => divE(num(1), mulE(num(2), applyE('sqrt', x))), latex: '\\sqrt', unicode: '√', positive: true },
  abs: { f: Math.abs, derivative: primed("abs'"), latex: '\\lvert\\cdot\\rvert', unicode: '|·|' },
  // σ″ = σ′ ⊙ (1 − 2σ)
  "sigmoid'": { f: (x) => sigmoid(x) * (1 - sigmoid(x)), derivative: (x) => hadamardE(applyE("sigmoid'", x), subE(num(1), mulE(num(2), applyE('sigmoid', x)))), latex: "\\sigma'", unicode: 'σ′' },
  // tanh″ = −2 tanh ⊙ tanh′
  "tanh'": { f: (x) => 1 - Math.tanh(x) ** 2, derivative: (x) => hadamardE(mulE(num(-2), applyE('tanh', x)), applyE("tanh'", x)), latex: "\\tanh'", unicode: 'tanh′' },
  // piecewise constant: zero wherever it is differentiable
  "relu'": { f: (x) => (x > 0 ? 1 : 0), derivative: zero, latex: "\\operatorname{ReLU}'", unicode: 'ReLU′' },
  "leaky_relu'": { f: (x) => (x > 0 ? 1 : LEAK), derivative: zero, latex: "\\operatorname{LeakyReLU}'", unicode: 'LeakyReLU′' },
  "abs'": { f: Math.sign, derivative: zero, latex: '\\operatorname{sign}', unicode: 'sign' },
};

export const isGeneric = (fn: ElementwiseFn): fn is GenericFn => fn.startsWith('fn:');

/** `f` as written, and how many primes: `fn:φ''` → ['φ', 2]. */
export function genericParts(fn: GenericFn): [string, number] {
  const name = fn.slice(3).replace(/'+$/, '');
  return [name, fn.length - 3 - name.length];
}

/** A generic function has no values: the caller states that numbers need a concrete function. */
function genericInfo(fn: GenericFn): FnInfo {
  const [name, primes] = genericParts(fn);
  return {
    f: () => { throw new UserError(`numbers need a concrete function, but ${name} is a generic one`, 0, 0); },
    derivative: (x) => applyE(`${fn}'`, x),
    latex: name + "'".repeat(primes),
    unicode: name + '′'.repeat(primes),
  };
}

export const fnInfo = (fn: ElementwiseFn): FnInfo => (isGeneric(fn) ? genericInfo(fn) : ELEMENTWISE[fn]);

/** d f(X) = f′(X) ⊙ dX */
export const derivativeOf = (fn: ElementwiseFn, x: Expr): Expr => fnInfo(fn).derivative(x);
