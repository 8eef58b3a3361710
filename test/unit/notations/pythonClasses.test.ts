// Issue 9, Python: a module defined in the same file (`self.mlp = MLP(cfg)`, then `self.mlp(x)`)
// is inlined from its forward; one that cannot be is refused at the call, naming the class; each
// element of a tuple return is a definition of its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProgram } from '../../../src/core/analyze';
import { DocumentIndex, scanDocument, type DefinitionSite } from '../../../src/core/scan';
import type { AnalysisOk, AnalyzeOptions } from '../../../src/core/index';

const FILE = `import torch
import torch.nn as nn

class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Linear(2, 3)
        self.act = nn.Tanh()
        self.down = nn.Linear(3, 2)

    def forward(self, x):
        """widen, squash, narrow"""
        h = self.act(self.up(x))
        return self.down(h)

class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(2, 2)

    def forward(self, x):
        if x is None:
            return x
        return self.proj(x)

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = MLP()
        self.gate = Gate()

    def forward(self, x):
        y = x + self.mlp(x)
        z = self.gate(y)
        return z
`;

const siteWith = (sites: readonly DefinitionSite[], text: string, piece: string): DefinitionSite => {
  const s = sites.find((x) => text.slice(x.range.start, x.range.end).includes(piece));
  assert.ok(s, `no site for ${piece}`);
  return s;
};

function analyzed(text: string, s: DefinitionSite, options: AnalyzeOptions = {}): AnalysisOk {
  assert.equal(s.error, undefined, s.error?.message);
  const r = analyzeProgram(s.program!, text, s.notation, options);
  if (!r.ok) assert.fail(r.error.message);
  return r;
}

test('self.mlp(x) inlines MLP.forward: its layers are parameters named after the attribute; J by hand', () => {
  const sites = scanDocument(FILE, 'python');
  const s = siteWith(sites, FILE, 'y = x + self.mlp(x)');
  const x = [0.5, -1];
  const Wu = [[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]];
  const bu = [0.05, -0.1, 0.2];
  const Wd = [[1, -2, 0.5], [0.3, 0.7, -1]];
  const bd = [0.4, -0.4];
  const r = analyzed(FILE, s, { values: { x: [x], W_mlp_up: Wu, b_mlp_up: [bu], W_mlp_down: Wd, b_mlp_down: [bd] }, numeric: true });
  assert.deepEqual(r.wrt, ['W_mlp_up', 'b_mlp_up', 'W_mlp_down', 'b_mlp_down']);
  // y = x + tanh(x Wuᵀ + bu) Wdᵀ + bd (rows): 2 × (6 + 3 + 6 + 2)
  assert.deepEqual(r.jacobian.shape, [2, 17]);
  const J: number[][] = [[...new Array(17).fill(0)], [...new Array(17).fill(0)]];
  const v = r.jacobian.values!;
  for (let k = 0; k < v.vals.length; k++) J[v.rows[k]!]![v.cols[k]!] = v.vals[k]!;
  // closed forms: ∂y/∂bd = I; ∂y/∂bu = Wd diag(1 − h²) with h = tanh(Wu x + bu)
  const h = Wu.map((row, i) => Math.tanh(row[0]! * x[0]! + row[1]! * x[1]! + bu[i]!));
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) assert.equal(J[i]![15 + j], i === j ? 1 : 0);
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(J[i]![6 + j]! - Wd[i]![j]! * (1 - h[j]! ** 2)) < 1e-12, `∂y${i}/∂bu${j}`);
  }
  assert.equal(r.check?.passed, true);
});

test('a module whose forward is not a straight line is refused at the call, naming the class', () => {
  const s = siteWith(scanDocument(FILE, 'python'), FILE, 'z = self.gate(y)');
  const e = s.error ?? (() => { const r = analyzeProgram(s.program!, FILE, s.notation); return r.ok ? undefined : r.error; })();
  assert.ok(e, 'refused');
  assert.equal(e.message, 'self.gate is a Gate, defined in this file, whose forward is not a straight line of assignments and a return (an if, a loop, a tuple, …): analyse the lines of Gate.forward itself');
  assert.equal(FILE.slice(e.start, e.end), 'self.gate(y)');
});

test('editing the inlined class reads the module using it again (the incremental index)', () => {
  const index = new DocumentIndex(FILE, 'python');
  const jac = (): string => analyzed(index.text, siteWith(index.sites, index.text, 'y = x + self.mlp(x)')).jacobian.unicode;
  assert.match(jac(), /tanh′/);
  const at = FILE.indexOf('nn.Tanh()');
  index.update([{ start: at, end: at + 'nn.Tanh()'.length, text: 'nn.ReLU()' }]);
  assert.match(jac(), /ReLU′/);
  assert.doesNotMatch(jac(), /tanh′/);
});

test('return h, y: each element that computes is a definition at its own range', () => {
  const text = 'import torch\ndef cell(W, x):\n    h = W @ x\n    return torch.tanh(h), torch.sigmoid(h)\n';
  const sites = scanDocument(text, 'python');
  assert.deepEqual(sites.map((s) => text.slice(s.range.start, s.range.end)), ['h = W @ x', 'torch.tanh(h)', 'torch.sigmoid(h)']);
  // the chain through h = W @ x: the Jacobian of tanh(W x) and of σ(W x)
  assert.equal(analyzed(text, sites[1]!).jacobian.unicode, 'diag(tanh′(h)) [xᵀ ⊗ Iₘ, W]');
  assert.equal(analyzed(text, sites[2]!).jacobian.unicode, 'diag(σ′(h)) [xᵀ ⊗ Iₘ, W]');
});

test('Flax: nn.Dense(features)(x) is x @ W + b with the kernel in × features; a dataclass field gives the size', () => {
  const text = `import flax.linen as nn

class Head(nn.Module):
    hidden: int = 5

    @nn.compact
    def __call__(self, x):
        x = nn.Dense(self.hidden)(x)
        x = nn.relu(x)
        return nn.Dense(2)(x)
`;
  const sites = scanDocument(text, 'python');
  assert.deepEqual(sites.map((s) => text.slice(s.range.start, s.range.end)), ['x = nn.Dense(self.hidden)(x)', 'x = nn.relu(x)', 'return nn.Dense(2)(x)']);
  const first = analyzed(text, sites[0]!);
  assert.deepEqual(first.variables.W_Dense!.shape, ['d_in', 5]);
  assert.deepEqual(first.variables.b_Dense!.shape, [1, 5]);
  // x (1 × d_in) @ W: ∂/∂W = I₅ ⊗ x (vec of a row times a matrix), ∂/∂b = I₅
  assert.equal(first.jacobian.unicode, '[I₅ ⊗ x, I₅]');
  const last = analyzed(text, sites[2]!);
  assert.deepEqual(last.wrt, ['W_Dense', 'b_Dense', 'W_Dense_1', 'b_Dense_1']);
  assert.deepEqual(last.variables.W_Dense_1!.shape, [5, 2]);
  assert.deepEqual(last.jacobian.shape, [2, '5d_in + 17']);
  const plain = 'import flax.linen as nn\ndef f(x):\n    return nn.Dense(3, use_bias=False)(x)\n';
  const [s] = scanDocument(plain, 'python');
  assert.deepEqual(Object.keys(analyzed(plain, s!).variables).sort(), ['W_Dense', 'x']);
});

test('a self.… layer that is not read is named as such, not as an unknown method', () => {
  const text = 'import torch.nn as nn\nclass B(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.norm = nn.GroupNorm(2, n)\n        self.fc = nn.Linear(n, n)\n\n    def forward(self, x):\n        return self.fc(self.norm(x))\n';
  const [s] = scanDocument(text, 'python');
  assert.equal(s?.error?.message, 'self.norm is not a layer read here (an nn.Linear, an activation, an nn.Sequential or a module class of this file)');
  assert.equal(text.slice(s.error.start, s.error.end), 'self.norm');
});
