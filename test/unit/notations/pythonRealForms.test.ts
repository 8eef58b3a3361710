// Python: forms met in real model files (transformer blocks, VAEs, graph layers), written here in
// our own words. A forward's input that nothing declares is one sample for a norm as for a Linear;
// a tensor's attribute (`w.shape`) is never a size named "shape". Numbers are checked against
// central differences of the layer written out here.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../src/core/analyze';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, denseFromCoo, fdJacobian, valuesJSON, type Vars } from '../helpers/oracle';

const model = (init: string, forward: string, params = 'x'): string =>
  `import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n${init.replace(/^/gm, '        ')}\n\n    def forward(self, ${params}):\n${forward.replace(/^/gm, '        ')}\n`;

/** Each row minus its mean, over its standard deviation (biased, + eps inside the root). */
function layerNormRows(x: D.M, eps: number): D.M {
  return D.mk(x.rows, x.cols, (i, j) => {
    let mean = 0;
    for (let k = 0; k < x.cols; k++) mean += D.at(x, i, k) / x.cols;
    let v = 0;
    for (let k = 0; k < x.cols; k++) v += (D.at(x, i, k) - mean) ** 2 / x.cols;
    return (D.at(x, i, j) - mean) / Math.sqrt(v + eps);
  });
}

const noteOf = (x: string, d: string | number) => `${x} has no declared shape: it is taken as one sample, a row 1×${d} (declare a batch with # ${x}: (N, ${d})).`;

describe('Python: a norm on a forward\'s undeclared input', () => {
  it('nn.LayerNorm(d) then nn.Linear: x is one sample 1×d, as the Linear alone reads it, said in a note', () => {
    const a = analyzeOk(model('self.ln = nn.LayerNorm(16)\nself.fc = nn.Linear(16, 8)', 'return self.fc(self.ln(x))'), { notation: 'python' });
    assert.deepEqual(a.variables.x?.shape, [1, 16]);
    assert.deepEqual(a.output.shape, [1, 8]);
    assert.ok(a.notes.includes(noteOf('x', 16)), a.notes.join('\n'));
  });

  it('a pre-norm residual x + W(LN(x)) of one sample: Jacobian against central differences', () => {
    const next = D.rng(11);
    const vars: Vars = { x: D.randomM(next, 1, 4), gamma_ln: D.randomM(next, 1, 4), beta_ln: D.randomM(next, 1, 4), W_fc: D.randomM(next, 4, 4), b_fc: D.randomM(next, 1, 4) };
    const f = (v: Vars): D.M => {
      const h = D.add(D.hadamard(layerNormRows(v.x!, 1e-5), v.gamma_ln!), v.beta_ln!);
      return D.add(v.x!, D.add(D.mul(h, D.T(v.W_fc!)), v.b_fc!));
    };
    const wrt = ['x', 'gamma_ln', 'beta_ln', 'W_fc', 'b_fc'];
    const a = analyzeOk(model('self.ln = nn.LayerNorm(4)\nself.fc = nn.Linear(4, 4)', 'return x + self.fc(self.ln(x))'),
      { notation: 'python', wrt, values: valuesJSON(vars), numeric: true });
    assertClose(a.numbers?.output.data ?? [], D.rowMajor(f(vars)), 1e-12, 'value');
    const [rows, cols] = a.jacobian.shape as [number, number];
    assertClose(denseFromCoo(a.jacobian.values!, rows, cols).flat(), fdJacobian(f, vars, wrt).flat(), 1e-6, 'Jacobian');
    assert.equal(a.check?.passed, true, JSON.stringify(a.check));
  });

  it('F.layer_norm(x, (d,)) on an undeclared input is one sample too; a declared batch keeps its rows', () => {
    const one = analyzeOk('import torch.nn.functional as F\ndef f(x):\n    return F.layer_norm(x, (6,))', { notation: 'python' });
    assert.deepEqual(one.variables.x?.shape, [1, 6]);
    assert.ok(one.notes.includes(noteOf('x', 6)), one.notes.join('\n'));
    const batch = analyzeOk('import torch.nn.functional as F\ndef f(x):\n    # x: (N, 6)\n    return F.layer_norm(x, (6,))', { notation: 'python' });
    assert.deepEqual(batch.variables.x?.shape, ['N', 6]);
    assert.ok(!batch.notes.some((n) => n.includes('taken as one sample')), batch.notes.join('\n'));
  });
});

describe('Python: a tensor\'s attribute is not a size', () => {
  it('F.layer_norm(x, w.shape) with w undeclared is refused at w.shape, never a size named "shape"', () => {
    // (inside a Block, nanoGPT's LayerNorm reads self.weight.shape of a parameter not declared there: the same refusal)
    const src = 'import torch.nn.functional as F\ndef f(x, w):\n    # x: (N, 6)\n    return F.layer_norm(x, w.shape)';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, 'the shape of w is not known where this norm is read (a parameter of a module called from another class is not read): write its size, (d,) or (config.n_embd,), or analyse the norm\'s own lines');
    assert.equal(src.slice(a.error.start, a.error.end), 'w.shape');
  });

  it('nn.Linear(x.shape, 4) is not a Linear of a size "shape": the note names the argument not read', () => {
    const a = analyzeOk(model('self.fc = nn.Linear(v.shape, 4)', '# x: (N, 3)\nreturn self.fc(x)'), { notation: 'python' });
    assert.deepEqual(a.variables.W_fc?.shape, [4, 3]);
    assert.ok(a.notes.some((n) => n.startsWith('self.fc: the in_features of the nn.Linear whose weight is W_fc is not read as a size (shape is a tensor\'s attribute, not a size')), a.notes.join('\n'));
  });
});

describe('Python: torch.mm takes matrices; a 1-D name beside a matrix is added to each row', () => {
  const graphLayer = (bias: string) => model(`self.weight = nn.Parameter(torch.Tensor(d_in, d_out))\n${bias}`,
    'support = torch.mm(h, self.weight)\nout = torch.spmm(adj, support)\nreturn out + self.bias', 'h, adj');

  it('torch.mm(h, W) of undeclared lower-case names is a product of matrices, not the inner product of two vectors', () => {
    const a = analyzeOk('import torch\ndef f(a, b):\n    return torch.mm(a, b)', { notation: 'python' });
    assert.equal(a.definition.unicode, 'ab');
    assert.equal(a.variables.a?.shape.length, 2);
    assert.notEqual(a.variables.a?.shape[1], 1);
    assert.notEqual(a.variables.b?.shape[1], 1);
    assert.deepEqual(a.output.shape, [a.variables.a?.shape[0], a.variables.b?.shape[1]]);
    const mv = analyzeOk('import torch\ndef f(a, v):\n    return torch.mv(a, v)', { notation: 'python' });
    assert.deepEqual(mv.variables.v?.shape, [mv.variables.a?.shape[1], 1]);
  });

  it('torch.mm of a declared 1-D tensor is refused at it, naming what mm takes', () => {
    const src = 'import torch\ndef f(x, b):\n    # x: (4,)\n    return torch.mm(x, b)';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, 'torch.mm takes a matrix as its first operand, and this is a 1-D vector: use @ (torch.matmul), which takes any');
    assert.equal(src.slice(a.error.start, a.error.end), 'x');
  });

  it('nn.Parameter(torch.Tensor(d_in, d_out)) declares the weight d_in×d_out; torch.Tensor([…]) is data and torch.Tensor(d) is not read', () => {
    const a = analyzeOk(graphLayer('self.bias = nn.Parameter(torch.zeros(d_out))'), { notation: 'python' });
    assert.deepEqual(a.variables.weight?.shape, ['d_in', 'd_out']);
    const data = analyzeOk(model('self.v = nn.Parameter(torch.Tensor([1.0, 2.0, 3.0]))', '# x: (3,)\nreturn x * self.v'), { notation: 'python' });
    assert.deepEqual(data.variables.v?.shape, data.variables.x?.shape);
    assert.ok(data.variables.v?.shape.includes(3));
  });

  it('out + self.bias with the bias undeclared: a 1-D vector added to each row, said in a note; numbers against central differences', () => {
    const a0 = analyzeOk(graphLayer('self.bias = nn.Parameter(torch.Tensor(d_out))'), { notation: 'python' });
    assert.deepEqual(a0.variables.bias?.shape, ['d_out', 1]);
    assert.ok(a0.notes.some((n) => n.startsWith('bias is not declared: a lower-case name is read as a 1-D vector, and beside a matrix it is added to each row, as NumPy and PyTorch broadcast it')), a0.notes.join('\n'));
    const next = D.rng(3);
    const vars: Vars = { adj: D.randomM(next, 3, 3), h: D.randomM(next, 3, 4), weight: D.randomM(next, 4, 2), bias: D.randomM(next, 2, 1) };
    const f = (v: Vars): D.M => D.add(D.mul(D.mul(v.adj!, v.h!), v.weight!), D.T(v.bias!));
    const wrt = ['h', 'weight', 'bias'];
    const a = analyzeOk(graphLayer('self.bias = nn.Parameter(torch.Tensor(d_out))'), { notation: 'python', wrt, values: valuesJSON(vars), numeric: true });
    assertClose(a.numbers?.output.data ?? [], D.rowMajor(f(vars)), 1e-12, 'value');
    const [rows, cols] = a.jacobian.shape as [number, number];
    assertClose(denseFromCoo(a.jacobian.values!, rows, cols).flat(), fdJacobian(f, vars, wrt).flat(), 1e-7, 'Jacobian');
    assert.equal(a.check?.passed, true, JSON.stringify(a.check));
  });

  it('A + c with A declared N×d: c is a row repeated over N, not an N×1 column', () => {
    const a = analyzeOk('import torch\ndef f(A, c):\n    # A: (N, d)\n    return A + c', { notation: 'python' });
    assert.deepEqual(a.variables.c?.shape, ['d', 1]);
    assert.equal(a.definition.unicode, 'A + 𝟏 cᵀ');
    assert.ok(a.notes.includes('c is not declared: a lower-case name is read as a 1-D vector, and beside a matrix it is added to each row, as NumPy and PyTorch broadcast it; declare c (# c: (N, 1)) if it is a column, one number per row.'), a.notes.join('\n'));
  });
});

describe('Python: softmax along dim=1 or dim=-2, which a 1-D tensor does not have', () => {
  const softmaxRows = (z: D.M): D.M => D.T(D.hcat(...Array.from({ length: z.rows }, (_, i) => D.softmax(D.T(D.mk(1, z.cols, (_r, j) => D.at(z, i, j)))))));

  it('F.log_softmax(x, dim=1) of an undeclared x: a matrix, each row normalised, said in a note; numbers against central differences', () => {
    const src = 'import torch.nn.functional as F\ndef f(x):\n    return F.log_softmax(x, dim=1)';
    const sym = analyzeOk(src, { notation: 'python' });
    assert.equal(sym.definition.unicode, 'log(softmax_row(x))');
    assert.ok(sym.notes.includes('softmax along dim=1 needs 2 axes or more, which x is not declared to have: it is read as a matrix, each row normalised along its last axis; if it has 3 axes or more, declare one sample as a matrix (# x: (N, d)).'), sym.notes.join('\n'));
    assert.ok(!sym.notes.some((n) => n.includes('read as a column vector')), sym.notes.join('\n'));
    const vars: Vars = { x: D.randomM(D.rng(8), 2, 3) };
    const f = (v: Vars): D.M => D.map(softmaxRows(v.x!), Math.log);
    const a = analyzeOk(src, { notation: 'python', wrt: ['x'], values: valuesJSON(vars), numeric: true });
    assertClose(a.numbers?.output.data ?? [], D.rowMajor(f(vars)), 1e-12, 'value');
    assertClose(denseFromCoo(a.jacobian.values!, 6, 6).flat(), fdJacobian(f, vars, ['x']).flat(), 1e-7, 'Jacobian');
  });

  it('nn.Softmax(dim=1) held by a module reads its undeclared input the same way; dim=-2 normalises each column', () => {
    const a = analyzeOk(model('self.sm = nn.Softmax(dim=1)', 'return self.sm(x)'), { notation: 'python' });
    assert.equal(a.definition.unicode, 'softmax_row(x)');
    assert.notEqual(a.variables.x?.shape[1], 1);
    const col = analyzeOk('import torch\ndef f(x):\n    return torch.softmax(x, dim=-2)', { notation: 'python' });
    assert.equal(col.definition.unicode, 'softmax_col(x)');
    assert.ok(col.notes.some((n) => n.includes('each column normalised along its first axis')), col.notes.join('\n'));
  });

  it('the value of a statement not read, under dim=1, is a matrix too, and the note names its statement', () => {
    const a = analyzeOk('import torch\nimport torch.nn.functional as F\ndef f(x):\n    h = torch.randn_like(x)\n    return F.softmax(h, dim=1)', { notation: 'python' });
    assert.equal(a.definition.unicode, 'softmax_row(h)');
    assert.ok(a.notes.includes('softmax along dim=1 needs 2 axes or more, which h is not declared to have (its statement is not read): it is read as a matrix, each row normalised along its last axis; if it has 3 axes or more, declare one sample as a matrix (# h: (N, d)).'), a.notes.join('\n'));
  });
});

describe('Python: a name guessed to be a scalar (mu, sigma, alpha) added to a vector through an entrywise map', () => {
  const src = 'import torch\ndef divergence(mu, lv):\n    return 0.5 * torch.sum(torch.exp(lv) + mu ** 2 - 1 - lv)';

  it('mu ** 2 beside the vector lv makes mu a vector of lv\'s size, with the note a bare mu gets; not a silent scalar', () => {
    const a = analyzeOk(src, { notation: 'python' });
    assert.deepEqual(a.variables.mu?.shape, a.variables.lv?.shape);
    assert.ok(a.notes.includes('μ is read as a vector by how it is used (added to a vector, ⊙ with one, or after a matrix as in Xβ); declare μ ∈ ℝ to make it a scalar.'), a.notes.join('\n'));
    for (const form of ['y = v - torch.exp(mu)', 'y = v + 2 * sigma', 'y = v - (-mu)']) {
      const b = analyzeOk(`import torch\ndef f(v, mu, sigma):\n    ${form}`, { notation: 'python' });
      const name = form.includes('sigma') ? 'sigma' : 'mu';
      assert.deepEqual(b.variables[name]?.shape, b.variables.v?.shape, form);
    }
  });

  it('a matrix product is not widened: (W x) σ keeps σ a scalar; Python\'s v * sigma is ⊙, which never scales, so σ is v\'s size, said', () => {
    const a = analyzeOk('y = (W*x)*sigma', { notation: 'math' });
    assert.deepEqual(a.variables.sigma?.shape, [1, 1]);
    const b = analyzeOk('import torch\ndef f(v, sigma):\n    y = v * sigma', { notation: 'python' });
    assert.deepEqual(b.variables.sigma?.shape, b.variables.v?.shape);
    assert.ok(b.notes.some((n) => n.startsWith('σ is read as a vector by how it is used')), b.notes.join('\n'));
  });

  it('the divergence\'s gradient against central differences: ∂/∂μ = μ, ∂/∂lv = (exp(lv) − 1)/2', () => {
    const next = D.rng(21);
    const vars: Vars = { mu: D.randomM(next, 3, 1), lv: D.randomM(next, 3, 1) };
    const f = (v: Vars): D.M => D.scalar(0.5 * D.sumAll(D.sub(D.sub(D.add(D.map(v.lv!, Math.exp), D.map(v.mu!, (m) => m * m)), D.scalar(1)), v.lv!)));
    const a = analyzeOk(src, { notation: 'python', wrt: ['mu', 'lv'], values: valuesJSON(vars), numeric: true });
    assertClose(denseFromCoo(a.jacobian.values!, 1, 6).flat(), fdJacobian(f, vars, ['mu', 'lv']).flat(), 1e-7, 'Jacobian');
    assert.equal(a.check?.passed, true, JSON.stringify(a.check));
  });
});

describe('Python: a head of one output, nn.Linear(n, 1)', () => {
  it('its weight, a row 1×n, and its bias are parameters by default, beside the hidden layer\'s; numbers against central differences', () => {
    const src = model('self.hidden = nn.Linear(3, 4)\nself.head = nn.Linear(4, 1)', 'h = F.relu(self.hidden(x))\nreturn self.head(h)');
    const sym = analyzeOk(src, { notation: 'python' });
    assert.deepEqual([...sym.wrt].sort(), ['W_head', 'W_hidden', 'b_head', 'b_hidden']);
    const next = D.rng(4);
    const vars: Vars = { x: D.randomM(next, 1, 3), W_hidden: D.randomM(next, 4, 3), b_hidden: D.randomM(next, 1, 4), W_head: D.randomM(next, 1, 4), b_head: D.randomM(next, 1, 1) };
    const f = (v: Vars): D.M => D.add(D.mul(D.map(D.add(D.mul(v.x!, D.T(v.W_hidden!)), v.b_hidden!), D.relu), D.T(v.W_head!)), v.b_head!);
    const a = analyzeOk(src, { notation: 'python', values: valuesJSON(vars), numeric: true });
    const wrt = [...a.wrt];
    const [rows, cols] = a.jacobian.shape as [number, number];
    assertClose(denseFromCoo(a.jacobian.values!, rows, cols).flat(), fdJacobian(f, vars, wrt).flat(), 1e-7, 'Jacobian');
  });
});

describe('Python: an initialiser scaled by a number still declares its shape', () => {
  const net = (init: string) => `import numpy as np\nimport math\n\nclass Cell:\n    def __init__(self, n_in, n_h):\n${init.replace(/^/gm, '        ')}\n\n    def step(self, x, h):\n        return np.tanh(np.dot(self.U, x) + np.dot(self.V, h))\n`;

  it('np.random.randn(n_h, n_in) * 0.01, … / np.sqrt(n_in), (np.random.rand(n_h, n_h) - 0.5) * 2 * math.sqrt(6 / n_h): the sizes written, not guessed', () => {
    for (const [u, v] of [
      ['np.random.randn(n_h, n_in) * 0.01', 'np.random.randn(n_h, n_h) * 0.01'],
      ['np.random.randn(n_h, n_in) / np.sqrt(n_in)', '-0.5 + np.random.rand(n_h, n_h)'],
      ['np.random.randn(n_h, n_in) * math.sqrt(2.0 / n_in)', '(np.random.rand(n_h, n_h) - 0.5) * 2 * math.sqrt(6 / n_h)'],
    ]) {
      const a = analyzeOk(net(`self.U = ${u}\nself.V = ${v}`), { notation: 'python' });
      assert.deepEqual([a.variables.U?.shape, a.variables.V?.shape], [['n_h', 'n_in'], ['n_h', 'n_h']], `${u}; ${v}`);
      assert.deepEqual(a.variables.x?.shape, ['n_in', 1]);
    }
  });

  it('a constructor beside a name that may be a tensor is no declaration: mu + torch.randn(4) * sigma is still a value', () => {
    const src = 'import torch\ndef f(mu, sigma):\n    z = mu + torch.randn(4) * sigma\n    return z';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, 'randn(…) makes an input: assign it to a name first');
  });
});

describe('Python: a module of the file called with two inputs (a graph layer\'s x and adjacency)', () => {
  it('is refused at the call, naming the class and where to analyse instead', () => {
    const src = 'import torch\nimport torch.nn as nn\n\nclass Mix(nn.Module):\n    def forward(self, h, a):\n        return torch.mm(a, h)\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.mix = Mix()\n\n    def forward(self, x, a):\n        return torch.relu(self.mix(x, a))\n';
    const a = analyze(src, { notation: 'python' });
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(a.error.message, 'self.mix is a Mix called with 2 inputs: a module of this file is read through a forward of one input; analyse the lines of Mix.forward itself');
    assert.equal(src.slice(a.error.start, a.error.end), 'self.mix(x, a)');
  });
});
