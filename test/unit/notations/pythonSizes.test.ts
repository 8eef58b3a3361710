// Issue 9, Python: the size of an axis in a formula (nanoGPT's attention scale,
// `(q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))`) is the constant the declaration
// gives: a number, or a size's name d written 𝟏ᵀ𝟏 whose value is d. The oracle is PyTorch autograd
// on the same attention with the same values; an axis the reading does not know is refused.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, valueJSON, type Dense } from '../helpers/oracle';
import { torchJacobians } from '../helpers/torch';

const attention = (decl: string, scale: string) => `import math
import torch
import torch.nn.functional as F

def head(q, k, v):
    # q: ${decl}, k: ${decl}, v: ${decl}
    att = ${scale}
    return F.softmax(att, dim=-1) @ v
`;

const SCALES = [
  '(q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))',
  'q @ k.transpose(-2, -1) / math.sqrt(k.shape[-1])',
  'q @ k.T / math.sqrt(k.size()[-1])',
  'q @ k.T / math.sqrt(k.size(dim=1))',
];

const next = D.rng(9);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);
const vars = { q: r(4, 2), k: r(4, 2), v: r(4, 2) };
const values = Object.fromEntries(Object.entries(vars).map(([n, m]) => [n, valueJSON(m)]));

let TORCH: { J: Dense; y: number[] };
before(() => {
  TORCH = torchJacobians([{ torch: 'F.softmax(q @ k.T / 2 ** 0.5, dim=-1) @ v', vars, wrt: ['q', 'k', 'v'], g: D.mk(4, 2, () => 0.5) }])[0]!;
});

describe('Python: the size of an axis as a constant', () => {
  for (const decl of ['(4, 2)', '(T, d)']) {
    SCALES.forEach((scale) => {
      it(`${scale} with q, k, v: ${decl} is scaled by 1/√2, as PyTorch computes it`, () => {
        const a = analyzeOk(attention(decl, scale), { notation: 'python', values, wrt: ['q', 'k', 'v'], numeric: true });
        assertClose(a.numbers!.output.data, TORCH.y, 1e-12, 'output');
        assertDenseClose(denseFromCoo(a.jacobian.values!, 8, 24), TORCH.J, 1e-10, 'Jacobian');
        assert.equal(a.check?.passed, true);
        const d = decl === '(4, 2)' ? '2' : 'd, written 𝟏ᵀ𝟏 with 𝟏 the ones column of length d';
        assert.ok(a.notes.some((n) => n.includes(`of k is read from its declaration as the constant ${d} (never differentiated)`)), a.notes.join('\n'));
      });
    });
  }

  it('the size is a constant: it is no parameter of the Jacobian', () => {
    const a = analyzeOk(attention('(T, d)', SCALES[0]!), { notation: 'python' });
    assert.deepEqual([...a.wrt].sort(), ['k', 'q', 'v']);
  });

  it('the size of an axis of an undeclared tensor is refused with what to declare', () => {
    const src = 'import math\n\ndef scores(q, k):\n    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))\n    return att\n';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, 'the size of axis -1 of k is not known here: declare k as an input (# k: (T, d))');
    assert.equal(src.slice(a.error.start, a.error.end), 'k.size(-1)');
  });

  it('an axis the declaration does not have is refused', () => {
    const src = 'import math\n\ndef scores(q, k):\n    # q: (T, d), k: (T, d)\n    return q @ k.T / math.sqrt(k.size(2))\n';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (!a.ok) assert.equal(a.error.message, 'k is declared with 2 axes (T, d): it has no axis 2');
  });
});
