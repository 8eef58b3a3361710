// LayerNorm and RMSNorm (ops/normalization.ts) as PyTorch reads them: nn.LayerNorm(d) modules,
// F.layer_norm with its weight and bias (nanoGPT's `w.shape` too), without the affine part, over one
// sample and each row of a batch, inside an nn.Sequential, and RMSNorm. Each Jacobian by x, γ and β
// against central differences of a forward map written here and against torch.autograd; each
// gradient against torch's VJP. RMSNorm's reference is its formula in torch (python3-torch 1.13 has
// no nn.RMSNorm).

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, flatValues, rowMajorOfVec, valuesJSON, type Dense, type Vars } from '../helpers/oracle';
import { torchJacobians } from '../helpers/torch';

/** Each row of X normalised: (x − mean)/√(biased variance + ε), or x/√(mean of squares + ε). */
function normRows(X: D.M, eps: number, rms: boolean, gamma?: D.M, beta?: D.M): D.M {
  const d = X.cols;
  return D.mk(X.rows, d, (i, j) => {
    const row = Array.from({ length: d }, (_, k) => D.at(X, i, k));
    const mu = rms ? 0 : row.reduce((a, b) => a + b, 0) / d;
    const v = row.reduce((a, b) => a + (b - mu) ** 2, 0) / d;
    const xhat = (row[j]! - mu) / Math.sqrt(v + eps);
    return xhat * (gamma ? D.at(gamma, 0, j) : 1) + (beta ? D.at(beta, 0, j) : 0);
  });
}

interface Case {
  title: string;
  source: string;
  torch: string;
  vars: Vars;
  oneD?: readonly string[];
  wrt: readonly string[];
  f: (v: Vars) => D.M;
}

const next = D.rng(17);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 3 * next() - 1.5);
const module = (ctor: string, input: string, decl: string) =>
  `import torch.nn as nn\nclass Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.ln = ${ctor}\n    def forward(self, ${input}):\n        # ${input}: ${decl}\n        return self.ln(${input})`;

const CASES: Case[] = [
  {
    title: 'nn.LayerNorm(4) on one sample, by x, γ and β',
    source: module('nn.LayerNorm(4)', 'x', '(1, 4)'),
    torch: 'F.layer_norm(x, (4,), gamma_ln, beta_ln, 1e-5)', vars: { x: r(1, 4), gamma_ln: r(1, 4), beta_ln: r(1, 4) },
    oneD: ['gamma_ln', 'beta_ln'], wrt: ['x', 'gamma_ln', 'beta_ln'],
    f: (v) => normRows(v.x!, 1e-5, false, v.gamma_ln, v.beta_ln),
  },
  {
    title: 'nn.LayerNorm(4, eps=1e-6) on each row of a batch',
    source: module('nn.LayerNorm(4, eps=1e-6)', 'X', '(5, 4)'),
    torch: 'F.layer_norm(X, (4,), gamma_ln, beta_ln, 1e-6)', vars: { X: r(5, 4), gamma_ln: r(1, 4), beta_ln: r(1, 4) },
    oneD: ['gamma_ln', 'beta_ln'], wrt: ['X', 'gamma_ln', 'beta_ln'],
    f: (v) => normRows(v.X!, 1e-6, false, v.gamma_ln, v.beta_ln),
  },
  {
    title: 'nn.LayerNorm(3, elementwise_affine=False): the normalisation alone',
    source: module('nn.LayerNorm(3, elementwise_affine=False)', 'X', '(2, 3)'),
    torch: 'F.layer_norm(X, (3,), None, None, 1e-5)', vars: { X: r(2, 3) }, wrt: ['X'],
    f: (v) => normRows(v.X!, 1e-5, false),
  },
  {
    title: 'F.layer_norm(x, (4,), w, b, 1e-5) with declared weight and bias',
    source: '# x: (3, 4)\n# w: (4,)\n# b: (4,)\ny = F.layer_norm(x, (4,), w, b, 1e-5)',
    torch: 'F.layer_norm(x, (4,), w, b, 1e-5)', vars: { x: r(3, 4), w: r(1, 4), b: r(1, 4) }, oneD: ['w', 'b'], wrt: ['x', 'w', 'b'],
    f: (v) => normRows(v.x!, 1e-5, false, v.w, v.b),
  },
  {
    title: "nanoGPT's F.layer_norm(x, w.shape, w, b, 1e-5)",
    source: '# x: (2, 4)\n# w: (4,)\n# b: (4,)\ny = F.layer_norm(x, w.shape, w, b, 1e-5)',
    torch: 'F.layer_norm(x, w.shape, w, b, 1e-5)', vars: { x: r(2, 4), w: r(1, 4), b: r(1, 4) }, oneD: ['w', 'b'], wrt: ['x', 'w', 'b'],
    f: (v) => normRows(v.x!, 1e-5, false, v.w, v.b),
  },
  {
    title: 'nn.RMSNorm(4, eps=1e-6) on each row, by X and γ',
    source: module('nn.RMSNorm(4, eps=1e-6)', 'X', '(3, 4)'),
    torch: 'X * torch.rsqrt(X.pow(2).mean(-1, keepdim=True) + 1e-6) * gamma_ln', vars: { X: r(3, 4), gamma_ln: r(1, 4) },
    oneD: ['gamma_ln'], wrt: ['X', 'gamma_ln'], f: (v) => normRows(v.X!, 1e-6, true, v.gamma_ln),
  },
  {
    title: 'F.rms_norm(x, (4,), w) with ε the machine epsilon',
    source: '# x: (1, 4)\n# w: (4,)\ny = F.rms_norm(x, (4,), w)',
    torch: 'x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 2.0 ** -52) * w', vars: { x: r(1, 4), w: r(1, 4) }, oneD: ['w'], wrt: ['x', 'w'],
    f: (v) => normRows(v.x!, 2 ** -52, true, v.w),
  },
];

const G = CASES.map((c) => {
  const y = c.f(c.vars);
  return r(y.rows, y.cols);
});
let TORCH: Array<{ J: Dense; vjp: number[] }> = [];

before(() => {
  TORCH = torchJacobians(CASES.map((c, k) => ({ ...c, g: G[k]! })));
});

CASES.forEach((c, k) => {
  test(`norm: ${c.title} — J against differences and torch.autograd, ∇ against torch's VJP`, () => {
    const a = analyzeOk(c.source, { notation: 'python', wrt: [...c.wrt], values: valuesJSON({ ...c.vars, g: G[k]! }), numeric: true });
    const [rows, cols] = a.jacobian.shape as [number, number];
    const J = denseFromCoo(a.jacobian.values as never, rows, cols);
    assertDenseClose(J, fdJacobian(c.f, c.vars, c.wrt), 1e-6, `${c.title}: J vs differences`);
    assertDenseClose(J, TORCH[k]!.J, 1e-10, `${c.title}: J vs torch.autograd`);
    assert.equal(a.check?.passed, true, 'every printed formula evaluates to its numbers');
    let o = 0;
    for (const w of c.wrt) {
      const { rows: wr, cols: wc } = c.vars[w]!;
      assertClose(flatValues(a.gradient?.[w]?.values as never), rowMajorOfVec(TORCH[k]!.vjp.slice(o, o + wr * wc), wr, wc), 1e-10, `∂L/∂${w}`);
      o += wr * wc;
    }
  });
});

test('LayerNorm in an nn.Sequential: Linear, LayerNorm, GELU unrolled, γ and β named after the layer', () => {
  const src = 'import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(4, 3), nn.LayerNorm(3), nn.GELU())\n    def forward(self, x):\n        # x: (2, 4)\n        return self.net(x)';
  const a = analyzeOk(src, { notation: 'python', numeric: true });
  assert.deepEqual(Object.keys(a.variables).sort(), ['W1', 'b1', 'beta2', 'gamma2', 'x'].sort());
  assert.deepEqual(a.variables.gamma2?.shape, [1, 3]);
  assert.equal(a.check?.passed, true);
});

test('the Jacobian of one sample reads through the named steps: diag(γ) ((1/σ)(I − 𝟏𝟏ᵀ/4)ᵀ + …), then diag(x̂) and I', () => {
  const a = analyzeOk(module('nn.LayerNorm(4)', 'x', '(1, 4)'), { notation: 'python', wrt: ['x', 'gamma_ln', 'beta_ln'] });
  assert.match(a.jacobian.unicode, /^\[diag\(γₗₙ\) \(\(1 \/ σ\) /);
  assert.match(a.jacobian.unicode, /, diag\(xhat\), I₄\]$/);
});

/** [source, message, the text it points at]. */
const REFUSED: Array<[string, string, string]> = [
  [module('nn.LayerNorm((4, 4))', 'X', '(4, 4)'), 'a norm over more than the last axis has no matrix form: normalise a vector or each row of a matrix', '(4, 4)'],
  // an undeclared name alone is one sample (test/unit/notations/pythonRealForms.test.ts); a sum of them has no rows to take
  ['y = F.layer_norm(a + c, (4,))', 'LayerNorm normalises each row: declare the rows of its input (# x: (N, 4), or (4,) for one sample)', 'a + c'],
  ['# x: (2, 4)\ny = F.layer_norm(x, (4,), eps=e)', 'eps must be a number written out (1e-5)', 'e'],
];

for (const [source, message, where] of REFUSED) {
  test(`norm refused with a reason: ${message}`, () => {
    const a = analyze(source, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, message);
    assert.equal(source.slice(a.error.start, a.error.end), where);
  });
}
