// Elementwise scalar functions: value, derivative as an expression, and how each is written.

import type { ElementwiseFn, Expr } from '../ast';
import { applyE, divE, mulE, negE, num } from './build';

const LEAK = 0.01;
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export interface FnInfo {
  readonly f: (x: number) => number;
  /** f′(X) as an expression; undefined for the primed functions (never differentiated again). */
  readonly derivative?: (x: Expr) => Expr;
  readonly latex: string;
  readonly unicode: string;
  /** The argument must be positive (seeded values respect this). */
  readonly positive?: boolean;
}

const primed = (fn: ElementwiseFn) => (x: Expr): Expr => applyE(fn, x);

export const ELEMENTWISE: { readonly [F in ElementwiseFn]: FnInfo } = {
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
  "sigmoid'": { f: (x) => sigmoid(x) * (1 - sigmoid(x)), latex: "\\sigma'", unicode: 'σ′' },
  "tanh'": { f: (x) => 1 - Math.tanh(x) ** 2, latex: "\\tanh'", unicode: 'tanh′' },
  "relu'": { f: (x) => (x > 0 ? 1 : 0), latex: "\\operatorname{ReLU}'", unicode: 'ReLU′' },
  "leaky_relu'": { f: (x) => (x > 0 ? 1 : LEAK), latex: "\\operatorname{LeakyReLU}'", unicode: 'LeakyReLU′' },
  "abs'": { f: Math.sign, latex: '\\operatorname{sign}', unicode: 'sign' },
};

/** d f(X) = f′(X) ⊙ dX */
export function derivativeOf(fn: ElementwiseFn, x: Expr): Expr {
  const d = ELEMENTWISE[fn].derivative;
  if (!d) throw new Error(`no derivative for ${fn}`);
  return d(x);
}
