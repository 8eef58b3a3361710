// Activation functions. GELU and SiLU are composites: their values and derivatives are built from
// other entries (Φ, φ, σ, tanh), so nothing about them is written twice.

import type { Expr } from '../ast';
import { addE, applyE, epowE, hadamardE, mulE, negE, num, subE } from '../ast/build';
import { erf } from './erf';
import type { ElementwiseOp } from './types';

const LEAK = 0.01;
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** Φ, the standard normal CDF, and φ, its density. */
const Phi = (x: number): number => 0.5 * (1 + erf(x * Math.SQRT1_2));
const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
/** GELU's tanh approximation: ½x(1 + tanh u), u = √(2/π)(x + 0.044715 x³) (Hendrycks & Gimpel 2016). */
const C = Math.sqrt(2 / Math.PI);
const A = 0.044715;
const u = (x: Expr): Expr => mulE(num(C), addE(x, mulE(num(A), epowE(x, 3))));

const zero = (x: Expr): Expr => mulE(num(0), x);
const op = (o: ElementwiseOp): ElementwiseOp => o;
const none = { math: [], latex: [], python: [] };

/** The names, listed (the entries refer to each other, so TypeScript cannot infer the keys from them). */
export type ActivationFn =
  | 'sigmoid' | "sigmoid'" | 'tanh' | "tanh'" | 'relu' | "relu'" | 'leaky_relu' | "leaky_relu'" | 'softplus'
  | 'normcdf' | 'normpdf' | 'gelu' | 'gelu_tanh' | 'silu';

export const ACTIVATIONS: { readonly [F in ActivationFn]: ElementwiseOp } = {
  sigmoid: op({
    spell: { math: ['sigmoid', 'σ', 'sigma', 'logistic'], latex: ['\\sigma', '\\sigmoid'], python: ['sigmoid', 'expit'], module: ['Sigmoid'] },
    f: sigmoid, derivative: { primed: "sigmoid'" }, latex: '\\sigma', unicode: 'σ', cites: 'σ′ = σ ⊙ (1 − σ)',
  }),
  "sigmoid'": op({
    spell: none, f: (x) => sigmoid(x) * (1 - sigmoid(x)),
    // σ″ = σ′ ⊙ (1 − 2σ)
    derivative: (x) => hadamardE(applyE("sigmoid'", x), subE(num(1), mulE(num(2), applyE('sigmoid', x)))),
    definition: (x) => hadamardE(applyE('sigmoid', x), subE(num(1), applyE('sigmoid', x))),
    latex: "\\sigma'", unicode: 'σ′', cites: 'σ″ = σ′ ⊙ (1 − 2σ)',
  }),
  tanh: op({
    spell: { math: ['tanh'], latex: ['\\tanh'], python: ['tanh'], module: ['Tanh'] },
    f: Math.tanh, derivative: { primed: "tanh'" }, latex: '\\tanh', unicode: 'tanh', cites: 'tanh′ = 1 − tanh²',
  }),
  "tanh'": op({
    spell: none, f: (x) => 1 - Math.tanh(x) ** 2,
    derivative: (x) => hadamardE(mulE(num(-2), applyE('tanh', x)), applyE("tanh'", x)),
    definition: (x) => subE(num(1), epowE(applyE('tanh', x), 2)),
    latex: "\\tanh'", unicode: 'tanh′', cites: 'tanh″ = −2 tanh ⊙ tanh′',
  }),
  relu: op({
    spell: { math: ['relu'], latex: ['\\relu', '\\ReLU'], python: ['relu'], module: ['ReLU'] },
    f: (x) => Math.max(0, x), derivative: { primed: "relu'" }, latex: '\\operatorname{ReLU}', unicode: 'ReLU', cites: 'ReLU′ = 1 where x > 0, else 0',
  }),
  "relu'": op({
    spell: none, f: (x) => (x > 0 ? 1 : 0), derivative: zero, latex: "\\operatorname{ReLU}'", unicode: 'ReLU′',
    cites: 'piecewise constant: zero wherever it is differentiable',
  }),
  leaky_relu: op({
    spell: { math: ['leaky_relu', 'leakyrelu'], latex: [], python: ['leaky_relu'], module: ['LeakyReLU'] },
    f: (x) => (x > 0 ? x : LEAK * x), derivative: { primed: "leaky_relu'" }, latex: '\\operatorname{LeakyReLU}', unicode: 'LeakyReLU',
    cites: `LeakyReLU′ = 1 where x > 0, else ${LEAK}`,
  }),
  "leaky_relu'": op({
    spell: none, f: (x) => (x > 0 ? 1 : LEAK), derivative: zero, latex: "\\operatorname{LeakyReLU}'", unicode: 'LeakyReLU′',
    cites: 'piecewise constant: zero wherever it is differentiable',
  }),
  softplus: op({
    spell: { math: ['softplus'], latex: ['\\softplus'], python: ['softplus'], module: ['Softplus'] },
    f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), derivative: (x) => applyE('sigmoid', x),
    latex: '\\operatorname{softplus}', unicode: 'softplus', cites: 'softplus′ = σ',
  }),
  normcdf: op({
    spell: none, f: Phi, derivative: (x) => applyE('normpdf', x),
    definition: (x) => mulE(num(0.5), addE(num(1), applyE('erf', mulE(num(Math.SQRT1_2), x)))),
    latex: '\\Phi', unicode: 'Φ', cites: 'Φ′ = φ, the standard normal density',
  }),
  normpdf: op({
    spell: none, f: phi, derivative: (x) => negE(hadamardE(x, applyE('normpdf', x))),
    definition: (x) => mulE(num(1 / Math.sqrt(2 * Math.PI)), applyE('exp', mulE(num(-0.5), epowE(x, 2)))),
    latex: '\\varphi', unicode: 'φ', cites: 'φ′(x) = −x φ(x)',
  }),
  gelu: op({
    spell: { math: ['gelu'], latex: ['\\gelu', '\\GELU'], python: ['gelu'], module: ['GELU'] },
    f: (x) => x * Phi(x),
    derivative: (x) => addE(applyE('normcdf', x), hadamardE(x, applyE('normpdf', x))),
    definition: (x) => hadamardE(x, applyE('normcdf', x)),
    latex: '\\operatorname{GELU}', unicode: 'GELU', cites: 'GELU(x) = x Φ(x), so GELU′ = Φ + x ⊙ φ',
    python: { kwarg: 'approximate', values: ['tanh', 'True'], then: 'gelu_tanh', defaultIn: ['jax'] },
  }),
  gelu_tanh: op({
    spell: { math: ['gelu_tanh'], latex: [], python: [] },
    f: (x) => 0.5 * x * (1 + Math.tanh(C * (x + A * x ** 3))),
    // ½(1 + tanh u) + ½ x ⊙ tanh′(u) ⊙ u′, u′ = √(2/π)(1 + 3·0.044715 x²)
    derivative: (x) => addE(
      mulE(num(0.5), addE(num(1), applyE('tanh', u(x)))),
      hadamardE(mulE(num(0.5), x), hadamardE(applyE("tanh'", u(x)), mulE(num(C), addE(num(1), mulE(num(3 * A), epowE(x, 2)))))),
    ),
    definition: (x) => hadamardE(mulE(num(0.5), x), addE(num(1), applyE('tanh', u(x)))),
    latex: '\\operatorname{GELU}_{\\tanh}', unicode: 'GELU_tanh', cites: 'GELU ≈ ½x(1 + tanh(√(2/π)(x + 0.044715x³))), by the chain rule',
  }),
  silu: op({
    spell: { math: ['silu', 'swish'], latex: ['\\silu', '\\SiLU'], python: ['silu', 'swish'], module: ['SiLU'] },
    f: (x) => x * sigmoid(x),
    derivative: (x) => addE(applyE('sigmoid', x), hadamardE(x, applyE("sigmoid'", x))),
    definition: (x) => hadamardE(x, applyE('sigmoid', x)),
    latex: '\\operatorname{SiLU}', unicode: 'SiLU', cites: 'SiLU(x) = x σ(x), so SiLU′ = σ + x ⊙ σ′',
  }),
};
