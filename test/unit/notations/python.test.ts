// The Python front-end: model files and scripts (PyTorch, NumPy, JAX) → programs with the shapes
// their code states. Expected trees and shapes are written from what each line computes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError, type Program } from '../../../src/core/ast';
import { parsePython, readPython, ROW_NOTE } from '../../../src/core/notations/python';
import { assignments, declarations, textAt } from '../helpers/show';

const sorted = (xs: string[]): string[] => [...xs].sort();

/** The program of the definition on the line that contains `marker`. */
function programAt(src: string, marker: string): Program {
  const at = src.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker} not in source`);
  const site = readPython(src).find((s) => s.range.start <= at && at < s.range.end);
  assert.ok(site, `no definition at ${marker}`);
  if (site.error) assert.fail(`unexpected error: ${site.error.message}`);
  return site.program as Program;
}

const MLP = `import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(in_features=8, out_features=2)

    def forward(self, x):
        x = self.fc1(x)
        x = F.relu(x)
        x = self.fc2(x)
        return x
`;

const SEQUENTIAL = `from torch import nn

class TwoLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Dropout(0.1), nn.Linear(8, 2))

    def forward(self, x):
        return self.net(x)
`;

const NUMPY = `import numpy as np

rng = np.random.default_rng(0)
W = np.random.randn(3, 4)
b = np.zeros((3,))
x = rng.standard_normal(4)
z = W.dot(x) + b
y = np.tanh(z)
loss = 0.5 * ((y - 1) ** 2).sum()
`;

const JAX = `import jax
import jax.numpy as jnp
from jaxtyping import Array, Float

def layer(W: Float[Array, "m n"], b: Float[Array, "m"], x: Float[Array, "n"]) -> Float[Array, "m"]:
    return jax.nn.sigmoid(jnp.dot(W, x) + b)

def mlp(params, x: Float[Array, "4"]):
    h = jnp.tanh(params["W1"] @ x + params["b1"])
    return jax.nn.softmax(params["W2"] @ h + params["b2"])
`;

describe('Python front-end: model files', () => {
  it('expands self.fc(x) of nn.Linear into x @ W_fc.T + b_fc, numbering a reassigned x', () => {
    const p = programAt(MLP, 'x = self.fc2(x)');
    assert.deepEqual(assignments(p), [
      'x_1 = add(mul(x, transpose(W_fc1)), b_fc1)',
      'x_2 = relu(x_1)',
      'x_3 = add(mul(x_2, transpose(W_fc2)), b_fc2)',
    ]);
    assert.deepEqual(sorted(declarations(p)), sorted(['W_fc1: 8x4', 'b_fc1: 1x8', 'x: 1x4', 'W_fc2: 2x8', 'b_fc2: 1x2']));
    assert.equal(p.notes?.[0], ROW_NOTE);
    assert.ok(p.notes?.some((n) => /x is assigned more than once/.test(n)));
    assert.ok(p.notes?.some((n) => /taken as one sample, a row 1×4/.test(n)));
    const w = p.declarations.find((d) => d.name === 'W_fc2')!;
    assert.equal(textAt(MLP, w.range), 'nn.Linear(in_features=8, out_features=2)');
  });

  it('a line in the middle of forward carries only the chain it needs', () => {
    assert.deepEqual(assignments(programAt(MLP, 'x = F.relu(x)')), ['x_1 = add(mul(x, transpose(W_fc1)), b_fc1)', 'x_2 = relu(x_1)']);
  });

  it('lists every tensor line of forward (and not super().__init__() or return x)', () => {
    const lines = readPython(MLP).map((s) => textAt(MLP, s.range).trim());
    assert.deepEqual(lines, ['x = self.fc1(x)', 'x = F.relu(x)', 'x = self.fc2(x)']);
  });

  it('unrolls nn.Sequential layer by layer with W1, b1, W2, b2 (dropout is the identity)', () => {
    const p = parsePython(SEQUENTIAL);
    assert.deepEqual(assignments(p), [
      'z1 = add(mul(x, transpose(W1)), b1)',
      'h1 = tanh(z1)',
      '_ = add(mul(h1, transpose(W2)), b2)',
    ]);
    assert.deepEqual(sorted(declarations(p)), sorted(['W1: 8x4', 'b1: 1x8', 'W2: 2x8', 'b2: 1x2', 'x: 1x4']));
    assert.ok(p.notes?.some((n) => /Dropout is read as the identity/.test(n)));
    assert.ok(p.notes?.some((n) => /unrolled layer by layer: z1, h1, the output/.test(n)));
  });

  it('nn.Linear without a bias, and a batch input that broadcasts the bias as ones(N, 1) b', () => {
    const src = `import torch
from torch import nn
fc = nn.Linear(4, 3, bias=False)
head = nn.Linear(3, 2)
xb = torch.randn(32, 4)
h = torch.relu(fc(xb))
out = head(h)
`;
    const p = programAt(src, 'out = head(h)');
    assert.deepEqual(assignments(p), [
      'h = relu(mul(xb, transpose(W_fc)))',
      'out = add(mul(h, transpose(W_head)), mul(ones(32, 1), b_head))',
    ]);
    assert.deepEqual(sorted(declarations(p)), sorted(['W_fc: 3x4', 'xb: 32x4', 'W_head: 2x3', 'b_head: 1x2']));
  });
});

describe('Python front-end: scripts', () => {
  it('NumPy: shapes from randn/zeros/rng, 1-D vectors as columns, a chain', () => {
    const p = programAt(NUMPY, 'loss =');
    assert.deepEqual(assignments(p), [
      'z = add(mul(W, x), b)',
      'y = tanh(z)',
      'loss = mul(0.5, sum(epow(sub(y, 1), 2)))',
    ]);
    assert.deepEqual(sorted(declarations(p)), sorted(['W: 3x4', 'x: 4x1', 'b: 3x1']));
    assert.deepEqual(p.notes, ['1-D tensors (x, b) are read as columns (n×1), as in W @ x.']);
  });

  it('PyTorch row convention: F.relu(x @ W.T + b) with 1-D x and b makes them rows', () => {
    const src = 'W = torch.randn(3, 4)\nb = torch.randn(3)\nx = torch.randn(4)\ny = F.relu(x @ W.T + b)\n';
    const p = parsePython(src);
    assert.deepEqual(assignments(p), ['y = relu(add(mul(x, transpose(W)), b))']);
    assert.deepEqual(sorted(declarations(p)), sorted(['W: 3x4', 'x: 1x4', 'b: 1x3']));
    assert.deepEqual(p.notes, [ROW_NOTE]);
  });

  it('the same layer in column form has column vectors, and says so', () => {
    const p = parsePython('W = torch.randn(3, 4)\nb = torch.randn(3)\nx = torch.randn(4)\ny = torch.sigmoid(W @ x + b)\n');
    assert.deepEqual(sorted(declarations(p)), sorted(['W: 3x4', 'x: 4x1', 'b: 3x1']));
    assert.deepEqual(p.notes, ['1-D tensors (x, b) are read as columns (n×1), as in W @ x.']);
  });

  it('JAX: jaxtyping annotations give symbolic and concrete sizes; params["W1"] is W1', () => {
    const p = programAt(JAX, 'return jax.nn.sigmoid');
    assert.deepEqual(assignments(p), ['_ = sigmoid(add(mul(W, x), b))']);
    assert.deepEqual(sorted(declarations(p)), sorted(['W: mxn', 'b: mx1', 'x: nx1']));
    const q = programAt(JAX, 'return jax.nn.softmax');
    assert.deepEqual(assignments(q), ['h = tanh(add(mul(W1, x), b1))', '_ = softmax(add(mul(W2, h), b2))']);
    assert.deepEqual(declarations(q), ['x: 4x1']);
  });

  it('a constant bound to another constant keeps its value (m = n with n = 4 sizes W as 4×3)', () => {
    const p = parsePython('import torch\nn = 4\nm = n\nW = torch.randn(m, 3)\nx = torch.randn(3)\ny = W @ x\n');
    assert.deepEqual(declarations(p), ['W: 4x3', 'x: 3x1']);
  });

  it('shapes from comments, constants, nn.Parameter, literals and eqx-style fields', () => {
    const src = `import numpy as np
n_in, n_out = 4, 3
hidden = 5
# V: (hidden, hidden)
# u: (n_in,)
W = load_weights()  # (n_out, n_in)
P = torch.nn.Parameter(torch.randn(n_out, n_in))
G = np.array([[1.0, 2.0], [3.0, 4.0]])
a = V @ V.T
c = W * P
d = G @ G
class M(eqx.Module):
    A: Float[Array, "2 3"]
    def __call__(self, v):
        return self.A @ v
`;
    assert.deepEqual(declarations(programAt(src, 'a = V @ V.T')), ['V: 5x5']);
    assert.deepEqual(assignments(programAt(src, 'c = W * P')), ['c = hadamard(W, P)']);
    assert.deepEqual(sorted(declarations(programAt(src, 'c = W * P'))), ['P: 3x4', 'W: 3x4']);
    assert.deepEqual(declarations(programAt(src, 'd = G @ G')), ['G: 2x2']);
    assert.deepEqual(declarations(programAt(src, 'return self.A @ v')), ['A: 2x3']);
  });

  /** [code, the tree of its last line] — the operators and library functions one by one. */
  const OPS: Array<[string, string]> = [
    ['y = A * B', 'hadamard(A, B)'],
    ['y = 2 * A', 'mul(2, A)'],
    ['y = A @ B', 'mul(A, B)'],
    ['y = A ** 2', 'epow(A, 2)'],
    ['y = -A / 2', 'div(neg(A), 2)'],
    ['y = np.exp(A) - np.log(B)', 'sub(exp(A), log(B))'],
    ['y = torch.softmax(z, dim=0)', 'softmax(z)'],
    ['y = z.softmax(dim=-1)', 'softmax(z)'],
    ['y = F.log_softmax(z, dim=0)', 'log(softmax(z))'],
    ['y = np.linalg.inv(A).T', 'transpose(inv(A))'],
    ['y = np.trace(A) + np.linalg.det(A)', 'add(trace(A), det(A))'],
    ['y = np.linalg.slogdet(A)[1]', 'logdet(A)'],
    ['y = torch.logdet(A)', 'logdet(A)'],
    ['y = A.sum()', 'sum(A)'],
    ['y = torch.matmul(A, B) + torch.mm(A, B)', 'add(mul(A, B), mul(A, B))'],
    ['y = jnp.dot(W, x)', 'mul(W, x)'],
    ['y = W.dot(x)', 'mul(W, x)'],
    ['y = np.kron(A, B)', 'kron(A, B)'],
    ['y = A.t() + A.transpose(0, 1) + np.transpose(A)', 'add(add(transpose(A), transpose(A)), transpose(A))'],
    ['y = np.maximum(A, 0) + torch.clamp(A, min=0) + np.clip(A, 0, None)', 'add(add(relu(A), relu(A)), relu(A))'],
    ['y = F.leaky_relu(A, 0.01) + F.softplus(A)', 'add(leaky_relu(A), softplus(A))'],
    ['y = torch.linalg.norm(A - B) ** 2', 'epow(norm(sub(A, B)), 2)'],
    ['y = np.linalg.matrix_power(A, 3)', 'mpow(A, 3)'],
    ['y = A.detach().clone()', 'A'],
    ['y = F.linear(x, W, b)', 'add(mul(x, transpose(W)), b)'],
    ['y = scipy.special.expit(A)', 'sigmoid(A)'],
    ['from torch.nn.functional import relu as R\ny = R(A @ B)', 'relu(mul(A, B))'],
    ['import jax.numpy as xp\ny = xp.tanh(A)', 'tanh(A)'],
    ['y = np.pi * A', 'mul(3.141592653589793, A)'],
  ];
  for (const [code, tree] of OPS) {
    it(`${code} → ${tree}`, () => {
      const p = parsePython(`import scipy\n${code}\n`);
      assert.equal(assignments(p).at(-1), `y = ${tree}`);
    });
  }

  it('two 1-D vectors multiplied with @ are an inner product', () => {
    assert.deepEqual(assignments(parsePython('u = np.ones(3)\nv = np.ones(3)\ns = u @ v\n')), ['s = mul(u, transpose(v))']);
    assert.deepEqual(assignments(parsePython('u = np.ones(3)\nv = np.ones(3)\ns = np.dot(W, u) + v\n')), ['s = add(mul(W, u), v)']);
  });
});

/** [code, message pattern, the text the error points at]. */
const ERRORS: Array<[string, RegExp, string]> = [
  ['y = torch.stack([A, B])', /stack along this axis depends on whether its parts are 1-D or 2-D, which is not known here/, 'torch.stack([A, B])'],
  ['y = torch.cat([A, B], dim=2)', /cat along axis 2 needs tensors of 3 or more axes/, 'torch.cat([A, B], dim=2)'],
  ['y = torch.cat(A, B)', /cat joins a list or tuple of tensors: write cat\(\[a, b\], dim=…\)/, 'A'],
  ['y = x.view(-1, 4) @ W', /reshapes are not supported/, 'x.view'],
  ['y = mystery(A @ B)', /unknown function mystery/, 'mystery'],
  ['y = A[0] @ B', /indexing is not supported/, 'A[0]'],
  ['y = A.sum(axis=-1) @ B', /depends on whether its input is 1-D or 2-D/, 'A.sum(axis=-1)'],
  ['T = torch.randn(2, 3, 4)\ny = T @ A', /T has 3 axes/, 'T = torch.randn(2, 3, 4)'],
  ['y = A @ np.zeros((3, 3))', /makes an input: assign it to a name first/, 'np.zeros'],
  ['y = np.maximum(A, B) @ C', /maximum is supported only as maximum\(x, 0\)/, 'np.maximum(A, B)'],
  ['y = np.linalg.norm(A, ord=3) @ C', /the norms read are ord='fro' \(Frobenius\), 2 \(Euclidean, or spectral of a matrix\), 1 and inf \(of a vector\)/, '3'],
  ['y = (lambda t: t)(A) @ B', /lambdas are not supported/, '(lambda t: t)'],
  ['y = torch.einsum("ij,j->i", A, B)', /einsum is not supported/, 'torch.einsum'],
];

describe('Python front-end errors', () => {
  for (const [code, message, at] of ERRORS) {
    it(`${code.split('\n').at(-1)} → ${message.source}`, () => {
      const doc = `import torch\n${code}\n`;
      let err: unknown;
      try {
        parsePython(doc);
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
      assert.match(err.message, message);
      assert.equal(doc.slice(err.start, err.end), at);
    });
  }

  it('refuses code without a tensor expression, pointing at the whole text', () => {
    const src = 'import os\nprint("hello")\nn = 4\n';
    assert.throws(() => parsePython(src), (e: unknown) => e instanceof UserError && /no tensor expression/.test(e.message) && e.end === src.length);
  });

  it('ranges point into the whole document when given a span', () => {
    const doc = 'Text before.\n```python\ny = torch.sigmoid(W @ x + b)\n```\n';
    const start = doc.indexOf('y =');
    const p = parsePython(doc, { start, end: doc.indexOf('```', start) });
    assert.equal(textAt(doc, p.assignments[0]!.range), 'y = torch.sigmoid(W @ x + b)');
    assert.equal(textAt(doc, p.assignments[0]!.expr.range), 'torch.sigmoid(W @ x + b)');
  });
});
