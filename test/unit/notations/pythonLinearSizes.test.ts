// Python: an nn.Linear whose size argument cannot be read as a size (`nn.Linear(int(d * ratio), d)`)
// is still a Linear. in_features is then the columns of its input where they are known; otherwise the
// size is a free one named after the weight (W_fc → out_fc, in_fc), which shape inference binds to
// what the layer meets (a residual, the next layer, a declaration of the weight) or keeps, and a note
// names the argument that was not read and what to declare. The numbers are checked against central
// differences of the layer written out here.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, denseFromCoo, fdJacobian, valuesJSON, type Vars } from '../helpers/oracle';

const model = (init: string, forward: string): string =>
  `import torch\nimport torch.nn as nn\n\nclass Block(nn.Module):\n    def __init__(self, d, ratio):\n        super().__init__()\n${init.replace(/^/gm, '        ')}\n\n    def forward(self, x):\n${forward.replace(/^/gm, '        ')}\n`;

const UNREAD = 'is not read as a size (a function call is not read as a size: a size is a whole number, a name, or sums and products of them (d_h + d_x, 4 * n_embd))';

const shapes = (a: ReturnType<typeof analyzeOk>, ...names: string[]) => names.map((n) => a.variables[n]?.shape);

describe('Python: an nn.Linear with a size that cannot be read', () => {
  it('a size written with attributes and arithmetic is read as before: nn.Linear(4 * config.n_embd, config.n_embd)', () => {
    const a = analyzeOk(model('self.fc = nn.Linear(4 * config.n_embd, config.n_embd)', 'return self.fc(x)'), { notation: 'python' });
    assert.deepEqual(shapes(a, 'W_fc', 'b_fc'), [['n_embd', '4n_embd'], [1, 'n_embd']]);
    assert.ok(!a.notes.some((n) => n.includes('not read as a size')), a.notes.join('\n'));
  });

  it('in_features not read is the columns of a declared input, said in a note', () => {
    const a = analyzeOk(model('self.fc = nn.Linear(int(d * ratio), d)', '# x: (N, d)\nreturn self.fc(x)'), { notation: 'python' });
    assert.equal(a.definition.unicode, 'x W_fcᵀ + 𝟏 b_fc');
    assert.deepEqual(shapes(a, 'W_fc', 'b_fc'), [['d', 'd'], [1, 'd']]);
    assert.ok(a.notes.includes(`self.fc: the in_features of the nn.Linear whose weight is W_fc ${UNREAD}, so it is taken as the columns of its input, d.`), a.notes.join('\n'));
  });

  it('out_features not read is a free size out_fc, with a note naming the argument and what to declare', () => {
    const a = analyzeOk(model('self.fc = nn.Linear(d, int(d * ratio))', '# x: (N, d)\nreturn torch.tanh(self.fc(x))'), { notation: 'python' });
    assert.deepEqual(shapes(a, 'W_fc', 'b_fc'), [['out_fc', 'd'], [1, 'out_fc']]);
    assert.deepEqual(a.output.shape, ['N', 'out_fc']);
    assert.ok(a.notes.includes(`self.fc: the out_features of the nn.Linear whose weight is W_fc ${UNREAD}: W_fc's rows are the free size out_fc, found from what the layer's output meets, else kept; declare W_fc (# W_fc: (out_fc, d) with numbers or named sizes) to give them.`), a.notes.join('\n'));
  });

  it('the free size is found from what the output meets: a residual makes it d, a declaration of the weight 12', () => {
    const residual = analyzeOk(model('self.fc = nn.Linear(d, int(d * ratio))', '# x: (N, d)\nreturn x + self.fc(x)'), { notation: 'python' });
    assert.deepEqual(shapes(residual, 'W_fc', 'b_fc'), [['d', 'd'], [1, 'd']]);
    const declared = analyzeOk(model('self.fc = nn.Linear(d, int(d * ratio))', '# W_fc: (12, d)\nreturn self.fc(x)'), { notation: 'python' });
    assert.deepEqual(shapes(declared, 'W_fc', 'b_fc', 'x'), [[12, 'd'], [1, 12], [1, 'd']]);
  });

  it('the next layer reads the free size as its input\'s columns, in a Sequential and between modules', () => {
    const seq = analyzeOk(model('self.net = nn.Sequential(nn.Linear(d, int(d * ratio)), nn.ReLU(), nn.Linear(int(d * ratio), d))', 'return self.net(x)'), { notation: 'python' });
    assert.deepEqual(shapes(seq, 'W1', 'b1', 'W2', 'b2'), [['out1', 'd'], [1, 'out1'], ['d', 'out1'], [1, 'd']]);
    assert.deepEqual(seq.output.shape, [1, 'd']);
    const pair = analyzeOk(model('self.fc = nn.Linear(d, f(d))\nself.proj = nn.Linear(f(d), d)', 'return self.proj(torch.relu(self.fc(x)))'), { notation: 'python' });
    assert.deepEqual(shapes(pair, 'W_fc', 'W_proj'), [['out_fc', 'd'], ['d', 'out_fc']]);
  });

  it('both sizes not read: an undeclared input is one sample of the free size in_fc', () => {
    const a = analyzeOk(model('self.fc = nn.Linear(int(d * ratio), int(d * ratio))', 'return self.fc(x)'), { notation: 'python' });
    assert.deepEqual(shapes(a, 'x', 'W_fc', 'b_fc'), [[1, 'in_fc'], ['out_fc', 'in_fc'], [1, 'out_fc']]);
    assert.ok(a.notes.includes(`self.fc: the in_features of the nn.Linear whose weight is W_fc ${UNREAD}: W_fc's columns are the free size in_fc, as many as its input has; declare W_fc (# W_fc: (out_fc, in_fc) with numbers or named sizes) to give them.`), a.notes.join('\n'));
  });

  it('with values, the free sizes take the values\' sizes: Jacobian and gradients against central differences', () => {
    const next = D.rng(5);
    const vars: Vars = { x: D.randomM(next, 1, 3), W_fc: D.randomM(next, 2, 3), b_fc: D.randomM(next, 1, 2) };
    const f = (v: Vars): D.M => D.map(D.add(D.mul(v.x!, D.T(v.W_fc!)), v.b_fc!), Math.tanh);
    const wrt = ['x', 'W_fc', 'b_fc'];
    const a = analyzeOk(model('self.fc = nn.Linear(int(d * ratio), int(d * ratio))', 'return torch.tanh(self.fc(x))'),
      { notation: 'python', wrt, values: valuesJSON(vars), numeric: true });
    assert.deepEqual(shapes(a, 'W_fc', 'b_fc'), [[2, 3], [1, 2]]);
    assertClose(a.numbers?.output.data ?? [], D.rowMajor(f(vars)), 1e-12, 'value');
    const fd = fdJacobian(f, vars, wrt);
    assertClose(denseFromCoo(a.jacobian.values!, 2, 3 + 6 + 2).flat(), fd.flat(), 1e-7, 'Jacobian');
    assert.equal(a.check?.passed, true, JSON.stringify(a.check));
  });
});
