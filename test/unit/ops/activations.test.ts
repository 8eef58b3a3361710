// The activations with PyTorch's definitions — ELU, SELU, ReLU6, hard-tanh, hard-sigmoid,
// hard-swish, Mish, softsign, log-sigmoid: values and derivatives against torch.nn.functional and
// torch.autograd in float64 (Debian's /usr/bin/python3 with python3-torch, run once for the file),
// at points away from the kinks; each spelling end to end; and a parameter other than the one the
// catalogue reads (ELU's alpha, LeakyReLU's slope, softplus's beta) refused where it is written.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { ElementwiseFn, Expr } from '../../../src/core/ast';
import { varE } from '../../../src/core/ast/build';
import { analyze } from '../../../src/core/index';
import { derivativeOf, elementwise } from '../../../src/core/ops/elementwise';
import { analyzeOk, denseFromCoo } from '../helpers/oracle';

/** The catalogue entry and the torch.nn.functional function it must equal. */
const TORCH_NAME: Partial<Record<ElementwiseFn, string>> = {
  elu: 'elu', selu: 'selu', relu6: 'relu6', hardtanh: 'hardtanh', hardsigmoid: 'hardsigmoid',
  hardswish: 'hardswish', mish: 'mish', softsign: 'softsign', logsigmoid: 'logsigmoid',
};
/** Away from every kink (0, ±1, ±3, 6). */
const XS = [-4.2, -2.3, -0.7, 0.4, 2.9, 3.5, 7.1];

let TORCH: Record<string, { f: number[]; d: number[] }> = {};

before(() => {
  const py = String.raw`
import json, sys, torch
import torch.nn.functional as F
xs = json.loads(sys.argv[1]); out = {}
for fn in json.loads(sys.argv[2]):
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = getattr(F, fn)(x)
    y.sum().backward()
    out[fn] = {'f': y.tolist(), 'd': x.grad.tolist()}
print(json.dumps(out))
`;
  TORCH = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, JSON.stringify(XS), JSON.stringify(Object.values(TORCH_NAME))], { encoding: 'utf8' }));
});

/** A scalar evaluator for the nodes derivatives are built of (the second system). */
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

const close = (a: number, b: number, what: string, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
/** torch's hardsigmoid backward multiplies by 1/6 rounded to float32, even in float64 (0.1666666716…). */
const dTol = (fn: ElementwiseFn): number => (fn === 'hardsigmoid' ? 1e-7 : 1e-12);

for (const [fn, name] of Object.entries(TORCH_NAME) as Array<[ElementwiseFn, string]>) {
  test(`${fn}: values and derivatives equal torch.nn.functional.${name} and torch.autograd`, () => {
    XS.forEach((x, i) => {
      close(elementwise(fn).f(x), TORCH[name]!.f[i]!, `${fn}(${x})`);
      close(at(derivativeOf(fn, varE('x')), x), TORCH[name]!.d[i]!, `${fn}′(${x})`, dTol(fn));
    });
  });
}

/** [notation, source, the entry it must read as]: each spelling, end to end. */
const SPELLINGS: Array<['math' | 'latex' | 'python', string, ElementwiseFn]> = [
  ['math', 'y = elu(x)', 'elu'],
  ['math', 'y = mish(x)', 'mish'],
  ['math', 'y = hardsigmoid(x)', 'hardsigmoid'],
  ['latex', 'y = \\operatorname{ELU}(x)', 'elu'],
  ['latex', 'y = \\mathrm{Mish}(x)', 'mish'],
  ['python', 'y = F.elu(x)', 'elu'],
  ['python', 'y = F.elu(x, alpha=1.0)', 'elu'],
  ['python', 'act = nn.ELU()\ny = act(x)', 'elu'],
  ['python', 'y = jax.nn.elu(x)', 'elu'],
  ['python', 'y = F.selu(x)', 'selu'],
  ['python', 'act = nn.SELU()\ny = act(x)', 'selu'],
  ['python', 'y = F.relu6(x)', 'relu6'],
  ['python', 'act = nn.ReLU6()\ny = act(x)', 'relu6'],
  ['python', 'y = F.hardtanh(x)', 'hardtanh'],
  ['python', 'y = F.hardtanh(x, -1.0, 1.0)', 'hardtanh'],
  ['python', 'y = jax.nn.hard_tanh(x)', 'hardtanh'],
  ['python', 'y = F.hardsigmoid(x)', 'hardsigmoid'],
  ['python', 'act = nn.Hardsigmoid()\ny = act(x)', 'hardsigmoid'],
  ['python', 'y = jax.nn.hard_sigmoid(x)', 'hardsigmoid'],
  ['python', 'y = F.hardswish(x)', 'hardswish'],
  ['python', 'act = nn.Hardswish()\ny = act(x)', 'hardswish'],
  ['python', 'y = F.mish(x)', 'mish'],
  ['python', 'act = nn.Mish()\ny = act(x)', 'mish'],
  ['python', 'y = F.softsign(x)', 'softsign'],
  ['python', 'y = jax.nn.soft_sign(x)', 'softsign'],
  ['python', 'y = F.logsigmoid(x)', 'logsigmoid'],
  ['python', 'y = jax.nn.log_sigmoid(x)', 'logsigmoid'],
  ['python', 'act = nn.LogSigmoid()\ny = act(x)', 'logsigmoid'],
];

for (const [notation, source, fn] of SPELLINGS) {
  test(`${notation}: ${source.replace('\n', '; ')} is ${fn}: J = diag(${fn}′(x)) as torch.autograd gives it`, () => {
    const name = TORCH_NAME[fn] as string;
    const r = analyzeOk(source, { notation, wrt: ['x'], shapes: { x: [XS.length, 1] }, values: { x: XS }, numeric: true });
    const J = denseFromCoo(r.jacobian.values as never, XS.length, XS.length);
    J.forEach((row, i) => row.forEach((v, j) => (i === j ? close(v, TORCH[name]!.d[i]!, `J[${i}][${i}]`, dTol(fn)) : assert.equal(v, 0, `J[${i}][${j}]`))));
    assert.equal(r.check?.passed, true);
  });
}

/** [source, the refusal, the text it points at]. */
const REFUSED: Array<[string, string, string]> = [
  ['y = F.elu(x, alpha=0.5)', 'ELU is supported with alpha=1 (the default) only, not 0.5', '0.5'],
  ['y = F.elu(x, 2)', 'ELU is supported with alpha=1 (the default) only, not 2', '2'],
  ['y = F.leaky_relu(x, 0.2)', 'LeakyReLU is supported with negative_slope=0.01 (the default) only, not 0.2', '0.2'],
  ['y = F.softplus(x, beta=2)', 'softplus is supported with beta=1 (the default) only, not 2', '2'],
  ['y = F.hardtanh(x, min_val=0.0, max_val=6.0)', 'HardTanh is supported with min_val=-1 (the default) only, not 0', '0.0'],
  ['y = F.elu(x, alpha=a)', 'alpha of ELU must be a number written out, and only alpha=1 (the default) is supported', 'a'],
  ['act = nn.ELU(alpha=0.5)\ny = act(x)', 'ELU is supported with alpha=1 (the default) only, not 0.5', '0.5'],
  ['act = nn.LeakyReLU(0.2)\ny = act(x)', 'LeakyReLU is supported with negative_slope=0.01 (the default) only, not 0.2', '0.2'],
];

for (const [source, message, where] of REFUSED) {
  test(`a parameter the catalogue does not read is refused, not ignored: ${source.replace('\n', '; ')}`, () => {
    const r = analyze(source, { notation: 'python' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.message, message);
    assert.equal(source.slice(r.error.start, r.error.end), where);
  });
}

test('the default parameter written out is read: F.leaky_relu(x, negative_slope=0.01), nn.Softplus(beta=1)', () => {
  analyzeOk('y = F.leaky_relu(x, negative_slope=0.01)', { notation: 'python' });
  analyzeOk('act = nn.Softplus(beta=1)\ny = act(x)', { notation: 'python' });
});
