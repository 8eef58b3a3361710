// An axis of a declared 2-D tensor with one column (`# z: (d, 1)`) or one row (`# z: (1, d)`).
// PyTorch's softmax along the axis of length 1 normalises each entry alone (every entry 1, derivative
// 0): the declared rank decides, so that is refused with the axis that normalises the vector, not read
// as the softmax of the whole vector as a 1-D tensor would be. Along the other axis it is the softmax of
// the whole column (row); a 1-D tensor is read as before. Sums and means along either axis of such a
// tensor follow PyTorch. The oracle is PyTorch autograd on the same tensors.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, valueJSON, type Dense } from '../helpers/oracle';
import { torchJacobians, type TorchCase } from '../helpers/torch';

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';
const fn = (decl: string, body: string): string => `${HEAD}\ndef f(z):\n    # z: ${decl}\n    return ${body}\n`;

const Z = [0.3, -1.2, 0.7, 2.0];
const column = D.col(Z);
const row = D.T(column);

/** What each case reads (declaration, Python, the output's size) and PyTorch's expression for it. */
const READ: Array<{ decl: string; body: string; torch: string; z: D.M; oneD?: true; out: number }> = [
  { decl: '(4, 1)', body: 'F.softmax(z, dim=0)', torch: 'F.softmax(z, dim=0)', z: column, out: 4 },
  { decl: '(4, 1)', body: 'z.softmax(-2)', torch: 'z.softmax(-2)', z: column, out: 4 },
  { decl: '(1, 4)', body: 'F.softmax(z, dim=-1)', torch: 'F.softmax(z, dim=-1)', z: row, out: 4 },
  { decl: '(4,)', body: 'F.softmax(z, dim=-1)', torch: 'F.softmax(z, dim=-1)', z: column, oneD: true, out: 4 },
  { decl: '(4,)', body: 'F.softmax(z, dim=0)', torch: 'F.softmax(z, dim=0)', z: column, oneD: true, out: 4 },
  { decl: '(4, 1)', body: 'z.sum(dim=-1)', torch: 'z.sum(dim=-1)', z: column, out: 4 },
  { decl: '(4, 1)', body: 'z.sum(dim=0)', torch: 'z.sum(dim=0)', z: column, out: 1 },
  { decl: '(4, 1)', body: 'z.mean(dim=1, keepdim=True)', torch: 'z.mean(dim=1, keepdim=True)', z: column, out: 4 },
  { decl: '(4, 1)', body: 'torch.mean(z, 0)', torch: 'torch.mean(z, 0)', z: column, out: 1 },
  { decl: '(1, 4)', body: 'z.mean(dim=0)', torch: 'z.mean(dim=0)', z: row, out: 4 },
  { decl: '(1, 4)', body: 'z.sum(-1, keepdim=True)', torch: 'z.sum(-1, keepdim=True)', z: row, out: 1 },
];

let TORCH: Array<{ J: Dense; y: number[] }>;
before(() => {
  TORCH = torchJacobians(READ.map((c): TorchCase => ({
    torch: c.torch, vars: { z: c.z }, wrt: ['z'], ...(c.oneD ? { oneD: ['z'] } : {}), g: D.mk(c.out, 1, () => 0.5),
  })));
});

describe('Python: an axis of a declared one-column or one-row tensor', () => {
  READ.forEach((c, i) => {
    it(`${c.body} of z: ${c.decl} is PyTorch's`, () => {
      const a = analyzeOk(fn(c.decl, c.body), { notation: 'python', values: { z: valueJSON(c.z) }, wrt: ['z'], numeric: true });
      const want = TORCH[i]!;
      assertClose(a.numbers!.output.data, want.y, 1e-12, 'output');
      assertDenseClose(denseFromCoo(a.jacobian.values!, c.out, 4), want.J, 1e-12, 'Jacobian');
    });
  });

  const REFUSED: Array<[string, string, RegExp]> = [
    ['(4, 1)', 'F.softmax(z, dim=-1)', /each row holds one entry.*write dim=0/],
    ['(4, 1)', 'torch.softmax(z, 1)', /each row holds one entry/],
    ['(4, 1)', 'F.log_softmax(z, dim=-1)', /each row holds one entry/],
    ['(d, 1)', 'z.softmax(dim=-1)', /d×1 tensor/],
    ['(1, 4)', 'F.softmax(z, dim=0)', /each column holds one entry.*write dim=-1/],
  ];
  for (const [decl, body, why] of REFUSED) {
    it(`${body} of z: ${decl} is refused: every entry would be 1, with derivative 0`, () => {
      const src = fn(decl, body);
      const a = analyze(src, { notation: 'python' });
      assert.equal(a.ok, false);
      if (a.ok) return;
      assert.match(a.error.message, why);
      assert.match(a.error.message, /every entry of the result is 1 and its derivative is 0/);
      assert.equal(src.slice(a.error.start, a.error.end), body);
    });
  }

  it('the same for a product of declared matrices (W @ z is 4×1) and for nn.Softmax(dim=-1)', () => {
    const product = analyze(`${HEAD}\ndef f(W, z):\n    # W: (4, 3)\n    # z: (3, 1)\n    return F.softmax(W @ z, dim=1)\n`, { notation: 'python' });
    assert.equal(product.ok, false);
    if (!product.ok) assert.match(product.error.message, /its argument is a 2-D 4×1 tensor/);
    const module = `${HEAD}\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.sm = nn.Softmax(dim=-1)\n\n    def forward(self, z):\n        # z: (4, 1)\n        return self.sm(z)\n`;
    const m = analyze(module, { notation: 'python' });
    assert.equal(m.ok, false);
    if (!m.ok) assert.match(m.error.message, /z is a 2-D 4×1 tensor/);
  });
});
