// The primitive scalar functions: exp, log, the trigonometric ones, √, |·|, erf.

import type { Expr } from '../ast';
import { applyE, divE, epowE, mulE, negE, num } from '../ast/build';
import { erf } from './erf';
import type { ElementwiseOp } from './types';

const zero = (x: Expr): Expr => mulE(num(0), x);
const op = (o: ElementwiseOp): ElementwiseOp => o;

/** The names, listed (the entries refer to each other, so TypeScript cannot infer the keys from them). */
export type ScalarFn = 'exp' | 'log' | 'sin' | 'cos' | 'sqrt' | 'abs' | "abs'" | 'erf';

export const SCALAR: { readonly [F in ScalarFn]: ElementwiseOp } = {
  exp: op({
    spell: { math: ['exp'], latex: ['\\exp'], python: ['exp'] },
    f: Math.exp, derivative: (x) => applyE('exp', x), latex: '\\exp', unicode: 'exp', cites: 'exp′ = exp',
  }),
  log: op({
    spell: { math: ['log', 'ln'], latex: ['\\log', '\\ln'], python: ['log'] },
    f: Math.log, derivative: (x) => divE(num(1), x), latex: '\\log', unicode: 'log', positive: true, cites: 'log′ x = 1/x',
  }),
  sin: op({
    spell: { math: ['sin'], latex: ['\\sin'], python: ['sin'] },
    f: Math.sin, derivative: (x) => applyE('cos', x), latex: '\\sin', unicode: 'sin', cites: 'sin′ = cos',
  }),
  cos: op({
    spell: { math: ['cos'], latex: ['\\cos'], python: ['cos'] },
    f: Math.cos, derivative: (x) => negE(applyE('sin', x)), latex: '\\cos', unicode: 'cos', cites: 'cos′ = −sin',
  }),
  sqrt: op({
    spell: { math: ['sqrt'], latex: ['\\sqrt'], python: ['sqrt'] },
    f: Math.sqrt, derivative: (x) => divE(num(1), mulE(num(2), applyE('sqrt', x))), latex: '\\sqrt', unicode: '√', positive: true,
    cites: '(√x)′ = 1 / (2√x)',
  }),
  abs: op({
    spell: { math: ['abs'], latex: ['\\abs'], python: ['abs', 'absolute'] },
    f: Math.abs, derivative: { primed: "abs'" }, latex: '\\lvert\\cdot\\rvert', unicode: '|·|', cites: '|x|′ = sign x (x ≠ 0)',
  }),
  "abs'": op({
    spell: { math: [], latex: [], python: [] },
    f: Math.sign, derivative: zero, latex: '\\operatorname{sign}', unicode: 'sign', cites: 'piecewise constant: zero wherever it is differentiable',
  }),
  erf: op({
    spell: { math: ['erf'], latex: ['\\erf'], python: ['erf'] },
    f: erf, derivative: (x) => mulE(num(2 / Math.sqrt(Math.PI)), applyE('exp', negE(epowE(x, 2)))),
    latex: '\\operatorname{erf}', unicode: 'erf', cites: 'erf′ x = (2/√π) exp(−x²)',
  }),
};
