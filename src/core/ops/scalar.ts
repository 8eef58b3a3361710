// The primitive scalar functions: exp, log, the trigonometric ones and their inverses, √, |·|, sign, erf.

import type { Expr } from '../ast';
import { addE, applyE, divE, epowE, mulE, negE, num, subE } from '../ast/build';
import { erf } from './erf';
import type { ElementwiseOp } from './types';

const zero = (x: Expr): Expr => mulE(num(0), x);
const op = (o: ElementwiseOp): ElementwiseOp => o;

/** The names, listed (the entries refer to each other, so TypeScript cannot infer the keys from them). */
export type ScalarFn =
  | 'exp' | 'log' | 'sin' | 'cos' | 'tan' | 'arcsin' | 'arccos' | 'arctan' | 'sqrt' | 'abs' | "abs'" | 'sign' | "sign'" | 'erf';

/** 1 / √(1 − x²), the derivative of arcsin (and minus that of arccos). */
const unitCircle = (x: Expr): Expr => divE(num(1), applyE('sqrt', subE(num(1), epowE(x, 2))));

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
  tan: op({
    spell: { math: ['tan'], latex: ['\\tan'], python: ['tan'] },
    f: Math.tan, derivative: (x) => addE(num(1), epowE(applyE('tan', x), 2)), latex: '\\tan', unicode: 'tan', cites: 'tan′ = 1 + tan²',
  }),
  arcsin: op({
    spell: { math: ['arcsin', 'asin'], latex: ['\\arcsin'], python: ['arcsin', 'asin'] },
    f: Math.asin, derivative: unitCircle, latex: '\\arcsin', unicode: 'arcsin', unit: true, cites: 'arcsin′ x = 1 / √(1 − x²)',
  }),
  arccos: op({
    spell: { math: ['arccos', 'acos'], latex: ['\\arccos'], python: ['arccos', 'acos'] },
    f: Math.acos, derivative: (x) => negE(unitCircle(x)), latex: '\\arccos', unicode: 'arccos', unit: true, cites: 'arccos′ x = −1 / √(1 − x²)',
  }),
  arctan: op({
    spell: { math: ['arctan', 'atan'], latex: ['\\arctan'], python: ['arctan', 'atan'] },
    f: Math.atan, derivative: (x) => divE(num(1), addE(num(1), epowE(x, 2))), latex: '\\arctan', unicode: 'arctan', cites: 'arctan′ x = 1 / (1 + x²)',
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
  // |x|′ as users may prime it (\abs'(z)): the sign, by its definition
  "abs'": op({
    spell: { math: [], latex: [], python: [] },
    f: Math.sign, derivative: zero, definition: (x) => applyE('sign', x), latex: '\\operatorname{sign}', unicode: 'sign',
    cites: 'piecewise constant: zero wherever it is differentiable',
  }),
  sign: op({
    spell: { math: ['sign', 'sgn'], latex: ['\\sgn', '\\sign'], python: ['sign'] },
    f: Math.sign, derivative: { primed: "sign'" }, latex: '\\operatorname{sign}', unicode: 'sign',
    cites: 'sign′ = 0 almost everywhere (x ≠ 0); at 0 sign jumps and has no derivative, and 0 is used',
  }),
  "sign'": op({
    spell: { math: [], latex: [], python: [] },
    f: () => 0, derivative: zero, definition: zero, latex: "\\operatorname{sign}'", unicode: 'sign′',
    cites: 'the zero function: sign is piecewise constant',
  }),
  erf: op({
    spell: { math: ['erf'], latex: ['\\erf'], python: ['erf'] },
    f: erf, derivative: (x) => mulE(num(2 / Math.sqrt(Math.PI)), applyE('exp', negE(epowE(x, 2)))),
    latex: '\\operatorname{erf}', unicode: 'erf', cites: 'erf′ x = (2/√π) exp(−x²)',
  }),
};
