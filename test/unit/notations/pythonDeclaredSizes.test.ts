// A comment declaration whose size is an expression (`# W_z: (d_h, d_h + d_x)`, `# x: (2*n,)`,
// `(n_embd * 4, n_embd)`) is read as the symbolic size it writes, with the arithmetic nn.Linear's
// sizes get; a size that cannot be read (a call, a division that is not whole, a negative) refuses
// the name where it is read, pointing at that size — never a guessed size instead. The numbers of a
// GRU-style gate are checked against PyTorch autograd.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, valuesJSON, type Dense } from '../helpers/oracle';
import { torchJacobians } from '../helpers/torch';

const gate = (sizes: string, body = 'torch.sigmoid(W_z @ torch.cat([h, x]) + b_z)') => `import torch
${sizes}
def gate(h, x):
    # W_z: (d_h, d_h + d_x)
    # h: (d_h,)
    # x: (d_x,)
    # b_z: (d_h,)
    z = ${body}
    return z
`;

const refusal = (src: string): { message: string; at: string } => {
  const a = analyze(src, { notation: 'python' });
  assert.equal(a.ok, false, 'refused');
  if (a.ok) throw new Error('unreachable');
  return { message: a.error.message, at: src.slice(a.error.start, a.error.end) };
};

describe('Python: a declared size that is an expression', () => {
  it('the GRU gate reads W_z as d_h × (d_h + d_x), and the Jacobian follows', () => {
    const a = analyzeOk(gate(''), { notation: 'python', wrt: ['W_z', 'b_z'] });
    assert.deepEqual(a.variables.W_z!.shape, ['d_h', 'd_h + d_x']);
    assert.deepEqual(a.output.shape, ['d_h', 1]);
    assert.deepEqual(a.jacobian.shape, ['d_h', 'd_h² + d_h·d_x + d_h']);
  });

  it('the declared sum is checked, not guessed: W_z @ h with h of d_h entries is a shape error', () => {
    const { message } = refusal(gate('', 'torch.sigmoid(W_z @ h + b_z)'));
    assert.match(message, /W_z @ h/);
    assert.match(message, /W_z is d_h×\(d_h \+ d_x\)/);
  });

  it('a size with no other source keeps its declared formula: # x: (2*n,), # W: (n_embd * 4, n_embd)', () => {
    const x = analyzeOk('import torch\n\ndef f(W, x):\n    # x: (2*n,)\n    return torch.tanh(W @ x)\n', { notation: 'python' });
    assert.deepEqual(x.variables.x!.shape, ['2n', 1]);
    const w = analyzeOk('import torch\n\ndef f(W, x):\n    # W: (n_embd * 4, n_embd)\n    return torch.relu(W @ x)\n', { notation: 'python' });
    assert.deepEqual(w.variables.W!.shape, ['4n_embd', 'n_embd']);
    const nested = analyzeOk('import torch\n\ndef f(W, x):\n    # W: (2 * (d + 1), d)\n    return W @ x\n', { notation: 'python' });
    assert.deepEqual(nested.variables.W!.shape, ['2d + 2', 'd']);
  });

  it('the written-out form keeps names that hold an x: # W: d_h x d_x is d_h × d_x, # A: 3x4 is 3 × 4, # B: 3 × n_x', () => {
    const w = analyzeOk('import torch\n\ndef f(W, x):\n    # W: d_h x d_x\n    return W @ x\n', { notation: 'python' });
    assert.deepEqual(w.variables.W!.shape, ['d_h', 'd_x']);
    const a = analyzeOk('import torch\n\ndef f(A, x, B, y):\n    # A: 3x4\n    # B: 3 × n_x\n    return A @ x + B @ y\n', { notation: 'python' });
    assert.deepEqual(a.variables.A!.shape, [3, 4]);
    assert.deepEqual(a.variables.B!.shape, [3, 'n_x']);
  });

  it('constants enter the arithmetic: n_embd = 768 gives (n_embd // 4, n_embd - 1) = 192 × 767', () => {
    const a = analyzeOk('import torch\nn_embd = 768\n\ndef f(W, x):\n    # W: (n_embd // 4, n_embd - 1)\n    return W @ x\n', { notation: 'python' });
    assert.deepEqual(a.variables.W!.shape, [192, 767]);
  });

  it('with sizes given as constants, the numbers are PyTorch’s', () => {
    const next = D.rng(21);
    const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);
    const vars = { W_z: r(3, 5), h: r(3, 1), x: r(2, 1), b_z: r(3, 1) };
    const [want] = torchJacobians([{ torch: 'torch.sigmoid(W_z @ torch.cat([h, x]) + b_z)', vars, wrt: ['W_z', 'b_z'], oneD: ['h', 'x', 'b_z'], g: D.mk(3, 1, () => 0.5) }]);
    const a = analyzeOk(gate('d_h = 3\nd_x = 2\n'), { notation: 'python', wrt: ['W_z', 'b_z'], values: valuesJSON(vars), numeric: true });
    assert.deepEqual(a.variables.W_z!.shape, [3, 5]);
    assertClose(a.numbers!.output.data, want!.y, 1e-12, 'output');
    assertDenseClose(denseFromCoo(a.jacobian.values!, 3, 18), want!.J as Dense, 1e-12, 'Jacobian');
  });
});

describe('Python: a declared size that cannot be read is refused where the name is read', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['(d, f(n))', 'f(n)', /function call/],
    ['(d, n / 2)', 'n / 2', /division .* whole/],
    ['(d, n - 5)', 'n - 5', /negative/],
    ['(d, 1.5)', '1.5', /whole number/],
  ];
  for (const [shape, at, why] of cases) {
    it(`# W: ${shape} points at ${at}`, () => {
      const r = refusal(`import torch\nn = 3\n\ndef f(x):\n    # W: ${shape}\n    return torch.tanh(W @ x)\n`);
      assert.equal(r.at, at);
      assert.match(r.message, /declared shape of W cannot be read/);
      assert.match(r.message, why);
    });
  }

  it('the size of an axis of such a declaration is refused the same way', () => {
    const r = refusal('import math\n\ndef f(q, k):\n    # k: (T, g(d))\n    return q / math.sqrt(k.size(-1))\n');
    assert.equal(r.at, 'g(d)');
  });

  it('prose in brackets after a name is no declaration: # h: (hidden state) leaves h to the reading', () => {
    const a = analyzeOk('import torch\n\ndef f(W, h):\n    # h: (hidden state)\n    return torch.tanh(W @ h)\n', { notation: 'python' });
    assert.deepEqual(a.variables.h!.shape, ['n', 1]);
  });
});
