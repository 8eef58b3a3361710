// The catalogue's elementwise functions: every derivative against central differences of the
// value, every `definition` against the value, and GELU (exact and tanh), SiLU and erf against
// closed forms taken from PyTorch 2 in float64 (torch.nn.functional.gelu / silu, torch.erf, and
// torch.autograd for the derivatives) at x = −1.5, 0.3, 1, 2.2 — end to end in every notation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ElementwiseFn, Expr } from '../../../src/core/ast';
import { varE } from '../../../src/core/ast/build';
import { derivativeOf, elementwise, ELEMENTWISE_NAMES } from '../../../src/core/ops/elementwise';
import { analyzeOk, denseFromCoo } from '../helpers/oracle';

/** A scalar evaluator for the nodes derivatives are built of, written here as the second system. */
function at(e: Expr, x: number): number {
  switch (e.kind) {
    case 'var': return x;
    case 'num': return e.value;
    case 'add': return at(e.left, x) + at(e.right, x);
    case 'sub': return at(e.left, x) - at(e.right, x);
    case 'mul': case 'hadamard': return at(e.left, x) * at(e.right, x);
    case 'div': return at(e.left, x) / at(e.right, x);
    case 'neg': return -at(e.arg, x);
    case 'epow': return at(e.base, x) ** e.exponent;
    case 'apply': return elementwise(e.fn).f(at(e.arg, x));
    default: throw new Error(`a derivative of a scalar function built a ${e.kind} node`);
  }
}

const X = varE('x');
/** Away from the kinks of ReLU, LeakyReLU, |·| and sign, inside the domains of log and √ (and, divided by 3.2, of arcsin and arccos). */
const POINTS = [-2.3, -0.7, 0.4, 1.1, 2.9];

for (const fn of ELEMENTWISE_NAMES) {
  const op = elementwise(fn);
  test(`${fn}: the derivative equals central differences of the value`, () => {
    for (const x0 of POINTS) {
      const x = op.positive ? Math.abs(x0) : op.unit ? x0 / 3.2 : x0;
      const h = 1e-5 * Math.max(1, Math.abs(x));
      const fd = (op.f(x + h) - op.f(x - h)) / (2 * h);
      const d = at(derivativeOf(fn, X), x);
      assert.ok(Math.abs(d - fd) <= 1e-7 * Math.max(1, Math.abs(fd)), `${fn}′(${x}) = ${d}, differences give ${fd}`);
    }
  });
  if (op.definition) {
    const definition = op.definition;
    test(`${fn}: its definition from other entries equals its value`, () => {
      for (const x of POINTS) assert.ok(Math.abs(at(definition(X), x) - op.f(x)) <= 1e-13 * Math.max(1, Math.abs(op.f(x))), `${fn}(${x})`);
    });
  }
}

const XS = [-1.5, 0.3, 1.0, 2.2];
const TORCH: Record<'gelu' | 'gelu_tanh' | 'silu' | 'erf', { f: number[]; d: number[] }> = {
  gelu: { f: [-0.10021080190328704, 0.1853734266566858, 0.841344746068543, 2.1694124154703034], d: [-0.1274691922299796, 0.7323277668271099, 1.0833154705876864, 1.0641406567482106] },
  gelu_tanh: { f: [-0.10042842301976707, 0.18537092354275922, 0.8411919906082768, 2.1696785270380117], d: [-0.12771079315143308, 0.7322954516388018, 1.0829640838457826, 1.0649189492455517] },
  silu: { f: [-0.2736382857095345, 0.1723327550434977, 0.7310585786300049, 1.980548923936693], d: [-0.041294154299142946, 0.6477800103188829, 0.9276705118714869, 1.0978102347684662] },
  erf: { f: [-0.9661051464753108, 0.3286267594591274, 0.8427007929497149, 0.9981371537020182], d: [0.11893028922362936, 1.031260909618963, 0.4151074974205947, 0.008922155064916198] },
};

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('GELU, its tanh approximation, SiLU and erf: values and derivatives equal PyTorch’s', () => {
  for (const [fn, ref] of Object.entries(TORCH) as Array<[ElementwiseFn, { f: number[]; d: number[] }]>) {
    XS.forEach((x, i) => {
      close(elementwise(fn).f(x), ref.f[i] as number, `${fn}(${x})`);
      close(at(derivativeOf(fn, X), x), ref.d[i] as number, `${fn}′(${x})`);
    });
  }
});

/** [notation, source, the function it must read as]: each spelling, end to end. */
const SPELLINGS: Array<['math' | 'latex' | 'python', string, keyof typeof TORCH]> = [
  ['math', 'y = gelu(x)', 'gelu'],
  ['math', 'y = GELU(x)', 'gelu'],
  ['math', 'y = gelu_tanh(x)', 'gelu_tanh'],
  ['math', 'y = silu(x)', 'silu'],
  ['math', 'y = swish(x)', 'silu'],
  ['math', 'y = erf(x)', 'erf'],
  ['latex', 'y = \\operatorname{GELU}(x)', 'gelu'],
  ['latex', 'y = \\mathrm{SiLU}(x)', 'silu'],
  ['latex', 'y = \\operatorname{erf}(x)', 'erf'],
  ['python', 'y = F.gelu(x)', 'gelu'],
  ['python', "y = F.gelu(x, approximate='tanh')", 'gelu_tanh'],
  ['python', "y = torch.nn.functional.gelu(x, approximate='none')", 'gelu'],
  ['python', 'y = jax.nn.gelu(x)', 'gelu_tanh'],
  ['python', 'y = jax.nn.gelu(x, approximate=False)', 'gelu'],
  ['python', 'act = nn.GELU()\ny = act(x)', 'gelu'],
  ['python', "act = nn.GELU(approximate='tanh')\ny = act(x)", 'gelu_tanh'],
  ['python', 'y = F.silu(x)', 'silu'],
  ['python', 'y = jax.nn.swish(x)', 'silu'],
  ['python', 'act = nn.SiLU()\ny = act(x)', 'silu'],
  ['python', 'y = torch.erf(x)', 'erf'],
];

for (const [notation, source, fn] of SPELLINGS) {
  test(`${notation}: ${source.replace('\n', '; ')} is ${fn}: J = diag(${fn}′(x)) as PyTorch gives it`, () => {
    const r = analyzeOk(source, { notation, wrt: ['x'], shapes: { x: [4, 1] }, values: { x: XS }, numeric: true });
    const J = denseFromCoo(r.jacobian.values as never, 4, 4);
    XS.forEach((_, i) => {
      J[i]?.forEach((v, j) => (i === j ? close(v, TORCH[fn].d[i] as number, `J[${i}][${i}]`) : assert.equal(v, 0, `J[${i}][${j}]`)));
    });
    assert.equal(r.check?.passed, true);
  });
}
