// Activations defined piece by piece, with PyTorch's definitions: ELU, SELU, ReLU6, hard-tanh,
// hard-sigmoid, hard-swish. Each is written with ReLU and its step ReLU′, so nothing overflows
// (ELU's exp is taken of −ReLU(−x) ≤ 0) and the exported code needs no helper of its own.

import type { Expr } from '../ast';
import { addE, applyE, hadamardE, mulE, negE, num, subE } from '../ast/build';
import type { ElementwiseOp } from './types';

/** SELU's constants (Klambauer et al. 2017), as torch.nn.SELU uses them. */
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const zero = (x: Expr): Expr => mulE(num(0), x);
const op = (o: ElementwiseOp): ElementwiseOp => o;
const none = { math: [], latex: [], python: [] };
const piecewise = 'piecewise constant: zero wherever it is differentiable';

const relu = (x: Expr): Expr => applyE('relu', x);
const step = (x: Expr): Expr => applyE("relu'", x);
const shift = (x: Expr, by: number): Expr => addE(x, num(by));
/** exp(−ReLU(−x)): eˣ for x < 0, else 1. */
const expNeg = (x: Expr): Expr => applyE('exp', negE(relu(negE(x))));

export type PiecewiseFn =
  | 'elu' | "elu'" | 'selu' | "selu'" | 'relu6' | "relu6'" | 'hardtanh' | "hardtanh'" | 'hardsigmoid' | "hardsigmoid'" | 'hardswish';

export const PIECEWISE: { readonly [F in PiecewiseFn]: ElementwiseOp } = {
  elu: op({
    spell: { math: ['elu'], latex: ['\\elu', '\\ELU'], python: ['elu'], module: ['ELU'] },
    f: (x) => (x > 0 ? x : Math.expm1(x)), derivative: { primed: "elu'" },
    definition: (x) => addE(relu(x), subE(expNeg(x), num(1))),
    latex: '\\operatorname{ELU}', unicode: 'ELU', cites: 'ELU′ = 1 where x > 0, else eˣ',
    fixed: [{ kwarg: 'alpha', position: 0, value: 1 }],
  }),
  "elu'": op({
    spell: none, f: (x) => (x > 0 ? 1 : Math.exp(x)),
    derivative: (x) => hadamardE(applyE("elu'", x), step(negE(x))), definition: expNeg,
    latex: "\\operatorname{ELU}'", unicode: 'ELU′', cites: 'ELU″ = 0 where x > 0, else eˣ',
  }),
  selu: op({
    spell: { math: ['selu'], latex: ['\\selu', '\\SELU'], python: ['selu'], module: ['SELU'] },
    f: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)), derivative: { primed: "selu'" },
    definition: (x) => mulE(num(SELU_SCALE), addE(relu(x), mulE(num(SELU_ALPHA), subE(expNeg(x), num(1))))),
    latex: '\\operatorname{SELU}', unicode: 'SELU', cites: `SELU′ = λ where x > 0, else λα eˣ (λ = ${SELU_SCALE}, α = ${SELU_ALPHA})`,
  }),
  "selu'": op({
    spell: none, f: (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
    derivative: (x) => mulE(num(SELU_SCALE * SELU_ALPHA), hadamardE(expNeg(x), step(negE(x)))),
    definition: (x) => mulE(num(SELU_SCALE), addE(step(x), mulE(num(SELU_ALPHA), hadamardE(expNeg(x), step(negE(x)))))),
    latex: "\\operatorname{SELU}'", unicode: 'SELU′', cites: 'SELU″ = 0 where x > 0, else λα eˣ',
  }),
  relu6: op({
    spell: { math: ['relu6'], latex: [], python: ['relu6'], module: ['ReLU6'] },
    f: (x) => Math.min(Math.max(0, x), 6), derivative: { primed: "relu6'" },
    definition: (x) => subE(relu(x), relu(shift(x, -6))),
    latex: '\\operatorname{ReLU6}', unicode: 'ReLU6', cites: 'ReLU6′ = 1 where 0 < x < 6, else 0',
  }),
  "relu6'": op({
    spell: none, f: (x) => (x > 0 && x < 6 ? 1 : 0), derivative: zero,
    definition: (x) => subE(step(x), step(shift(x, -6))),
    latex: "\\operatorname{ReLU6}'", unicode: 'ReLU6′', cites: piecewise,
  }),
  hardtanh: op({
    spell: { math: ['hardtanh', 'hard_tanh'], latex: [], python: ['hardtanh', 'hard_tanh'], module: ['Hardtanh'] },
    f: (x) => Math.min(Math.max(-1, x), 1), derivative: { primed: "hardtanh'" },
    definition: (x) => subE(subE(relu(shift(x, 1)), relu(shift(x, -1))), num(1)),
    latex: '\\operatorname{HardTanh}', unicode: 'HardTanh', cites: 'HardTanh′ = 1 where −1 < x < 1, else 0',
    fixed: [{ kwarg: 'min_val', position: 0, value: -1 }, { kwarg: 'max_val', position: 1, value: 1 }],
  }),
  "hardtanh'": op({
    spell: none, f: (x) => (x > -1 && x < 1 ? 1 : 0), derivative: zero,
    definition: (x) => subE(step(shift(x, 1)), step(shift(x, -1))),
    latex: "\\operatorname{HardTanh}'", unicode: 'HardTanh′', cites: piecewise,
  }),
  hardsigmoid: op({
    spell: { math: ['hardsigmoid', 'hard_sigmoid'], latex: [], python: ['hardsigmoid', 'hard_sigmoid'], module: ['Hardsigmoid'] },
    f: (x) => Math.min(Math.max(0, x + 3), 6) / 6, derivative: { primed: "hardsigmoid'" },
    definition: (x) => mulE(num(1 / 6), applyE('relu6', shift(x, 3))),
    latex: '\\operatorname{HardSigmoid}', unicode: 'HardSigmoid', cites: 'HardSigmoid(x) = ReLU6(x + 3)/6, so HardSigmoid′ = 1/6 where −3 < x < 3, else 0',
  }),
  "hardsigmoid'": op({
    spell: none, f: (x) => (x > -3 && x < 3 ? 1 / 6 : 0), derivative: zero,
    definition: (x) => mulE(num(1 / 6), applyE("relu6'", shift(x, 3))),
    latex: "\\operatorname{HardSigmoid}'", unicode: 'HardSigmoid′', cites: piecewise,
  }),
  hardswish: op({
    spell: { math: ['hardswish', 'hard_swish'], latex: [], python: ['hardswish', 'hard_swish'], module: ['Hardswish'] },
    f: (x) => (x * Math.min(Math.max(0, x + 3), 6)) / 6,
    derivative: (x) => addE(applyE('hardsigmoid', x), hadamardE(x, applyE("hardsigmoid'", x))),
    definition: (x) => hadamardE(x, applyE('hardsigmoid', x)),
    latex: '\\operatorname{HardSwish}', unicode: 'HardSwish', cites: 'HardSwish(x) = x HardSigmoid(x), so HardSwish′ = HardSigmoid + x ⊙ HardSigmoid′',
  }),
};
