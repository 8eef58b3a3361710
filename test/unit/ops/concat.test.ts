// Concatenation in every spelling: math notation's brackets, LaTeX's bmatrix, torch.cat / torch.concat / torch.hstack,
// np.concatenate / np.hstack / np.vstack, jnp.concatenate, and stacking 1-D tensors (np.stack,
// torch.stack, jnp.stack, np.column_stack) into the rows or columns of a matrix. Each reading's value
// against blocks joined entry by entry here (helpers/dense.ts hcat, vcat), its gradient against central
// differences of that map, and the printed gradient as the block of G where each part sits; 1-D
// tensors joined in either convention; torch.stack's Jacobian against PyTorch autograd; a shape
// mismatch refused at the part, naming both shapes, and a stack of 2-D tensors (three axes) refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, rowMajorOfVec, valuesJSON, type Dense, type Vars } from '../helpers/oracle';
import { torchJacobians } from '../helpers/torch';

const next = D.rng(97);
const A = D.randomM(next, 2, 3);
const B = D.randomM(next, 2, 1);
const C = D.randomM(next, 2, 2);
const R = D.randomM(next, 1, 3);
const a = D.randomM(next, 3, 1);
const b = D.randomM(next, 2, 1);
const W = D.randomM(next, 2, 5);
const c = D.randomM(next, 3, 1);
const V = D.randomM(next, 4, 3);
// 1-D tensors in PyTorch's row convention are rows
const r = D.randomM(next, 1, 3);
const s = D.randomM(next, 1, 3);

interface Case {
  notation: 'math' | 'latex' | 'python';
  source: string;
  shown: string;
  vars: Vars;
  /** The output, joined entry by entry. */
  f: (v: Vars) => D.M;
}

const CASES: Case[] = [
  { notation: 'math', source: '[A, B]', shown: '[A, B]', vars: { A, B }, f: (v) => D.hcat(v.A!, v.B!) },
  { notation: 'math', source: '[A; R]', shown: '[A; R]', vars: { A, R }, f: (v) => D.vcat(v.A!, v.R!) },
  { notation: 'math', source: '[A, B, C]', shown: '[A, B, C]', vars: { A, B, C }, f: (v) => D.hcat(v.A!, v.B!, v.C!) },
  { notation: 'math', source: "[C, A; 2*A, C']", shown: '[C, A; 2 A, Cᵀ]', vars: { C, A },
    f: (v) => D.vcat(D.hcat(v.C!, v.A!), D.hcat(D.scale(2, v.A!), D.T(v.C!))) },
  { notation: 'latex', source: 'y = \\begin{bmatrix} A & B \\end{bmatrix}', shown: 'y = [A, B]', vars: { A, B }, f: (v) => D.hcat(v.A!, v.B!) },
  { notation: 'latex', source: 'y = \\begin{pmatrix} A \\\\ R \\end{pmatrix}', shown: 'y = [A; R]', vars: { A, R }, f: (v) => D.vcat(v.A!, v.R!) },
  { notation: 'latex', source: 'Y = \\begin{bmatrix} C & A \\\\ 2 A & C^\\top \\\\ \\end{bmatrix}', shown: 'Y = [C, A; 2 A, Cᵀ]', vars: { C, A },
    f: (v) => D.vcat(D.hcat(v.C!, v.A!), D.hcat(D.scale(2, v.A!), D.T(v.C!))) },
  // & and \\ are explicit, so W a inside the brackets is the product
  { notation: 'latex', source: 'y = \\tanh\\left(\\begin{bmatrix} W a \\\\ b \\end{bmatrix}\\right)', shown: 'y = tanh([Wa; b])', vars: { W: D.randomM(next, 3, 3), a, b },
    f: (v) => D.map(D.vcat(D.mul(v.W!, v.a!), v.b!), Math.tanh) },
  { notation: 'python', source: '# A: (2, 3)\n# B: (2, 1)\ny = torch.cat([A, B], dim=-1)', shown: 'y = [A, B]', vars: { A, B }, f: (v) => D.hcat(v.A!, v.B!) },
  { notation: 'python', source: '# A: (2, 3)\n# B: (2, 1)\ny = torch.cat((A, B), 1)', shown: 'y = [A, B]', vars: { A, B }, f: (v) => D.hcat(v.A!, v.B!) },
  { notation: 'python', source: '# A: (2, 3)\n# R: (1, 3)\ny = torch.concat([A, R])', shown: 'y = [A; R]', vars: { A, R }, f: (v) => D.vcat(v.A!, v.R!) },
  { notation: 'python', source: '# A: (2, 3)\n# R: (1, 3)\ny = np.concatenate((A, R), axis=-2)', shown: 'y = [A; R]', vars: { A, R }, f: (v) => D.vcat(v.A!, v.R!) },
  { notation: 'python', source: '# A: (2, 3)\n# B: (2, 1)\n# C: (2, 2)\ny = np.hstack([A, B, C])', shown: 'y = [A, B, C]', vars: { A, B, C }, f: (v) => D.hcat(v.A!, v.B!, v.C!) },
  { notation: 'python', source: '# A: (2, 3)\n# R: (1, 3)\ny = np.vstack([A, R, A])', shown: 'y = [A; R; A]', vars: { A, R }, f: (v) => D.vcat(v.A!, v.R!, v.A!) },
  { notation: 'python', source: '# A: (2, 3)\n# C: (2, 2)\ny = torch.hstack((C, A))', shown: 'y = [C, A]', vars: { C, A }, f: (v) => D.hcat(v.C!, v.A!) },
  { notation: 'python', source: '# A: (2, 3)\n# B: (2, 1)\ny = jnp.concatenate([A, B], axis=1)', shown: 'y = [A, B]', vars: { A, B }, f: (v) => D.hcat(v.A!, v.B!) },
  // 1-D: a longer vector, a column here (as in W @ x)
  { notation: 'python', source: '# a: (3,)\n# b: (2,)\n# W: (2, 5)\ny = np.tanh(W @ np.concatenate([a, b]))', shown: 'y = tanh(W [a; b])', vars: { W, a, b },
    f: (v) => D.map(D.mul(v.W!, D.vcat(v.a!, v.b!)), Math.tanh) },
  // stacked 1-D tensors: axis 0 makes each a row, axis 1 (or -1) each a column; column_stack each a column
  { notation: 'python', source: 'import numpy as np\n# a: (3,)\n# c: (3,)\ny = np.stack([a, c])', shown: 'y = [aᵀ; cᵀ]', vars: { a, c }, f: (v) => D.vcat(D.T(v.a!), D.T(v.c!)) },
  { notation: 'python', source: '# a: (3,)\n# c: (3,)\ny = torch.stack((a, c), dim=1)', shown: 'y = [a, c]', vars: { a, c }, f: (v) => D.hcat(v.a!, v.c!) },
  { notation: 'python', source: '# a: (3,)\n# c: (3,)\n# V: (4, 3)\ny = jnp.tanh(V @ jnp.stack([a, c, a], axis=-1))', shown: 'y = tanh(V [a, c, a])', vars: { V, a, c },
    f: (v) => D.map(D.mul(v.V!, D.hcat(v.a!, v.c!, v.a!)), Math.tanh) },
  { notation: 'python', source: '# a: (3,)\n# c: (3,)\ny = np.column_stack([a, c])', shown: 'y = [a, c]', vars: { a, c }, f: (v) => D.hcat(v.a!, v.c!) },
  { notation: 'python', source: 'import torch\n# r: (3,)\n# s: (3,)\n# V: (4, 3)\ny = torch.tanh(torch.stack([r, s]) @ V.T)', shown: 'y = tanh([r; s] Vᵀ)', vars: { r, s, V },
    f: (v) => D.map(D.mul(D.vcat(v.r!, v.s!), D.T(v.V!)), Math.tanh) },
  { notation: 'python', source: 'import torch\n# r: (3,)\n# s: (3,)\n# V: (4, 3)\ny = torch.tanh(torch.stack([r, s], dim=1).T @ V.T)', shown: 'y = tanh([rᵀ, sᵀ]ᵀ Vᵀ)', vars: { r, s, V },
    f: (v) => D.map(D.mul(D.T(D.hcat(D.T(v.r!), D.T(v.s!))), D.T(v.V!)), Math.tanh) },
];

for (const c of CASES) {
  test(`${c.notation}: ${c.source.split('\n').at(-1)} is ${c.shown}: value and gradient against blocks joined here`, () => {
    const wrt = Object.keys(c.vars);
    const a = analyzeOk(c.source, { notation: c.notation, wrt, values: valuesJSON(c.vars), numeric: true, loss: 'sum(y .* y)' });
    assert.equal(a.definition.unicode, c.shown);
    const F = c.f(c.vars);
    assertClose(a.numbers?.output.data ?? [], D.rowMajor(F), 1e-12, 'value');
    const loss = (v: Vars): D.M => D.scalar(D.rowMajor(c.f(v)).reduce((s, y) => s + y * y, 0));
    const fd = fdJacobian(loss, c.vars, wrt)[0]!;
    let k = 0;
    for (const w of wrt) {
      const X = c.vars[w]!;
      assertClose(a.gradient![w]!.values!, rowMajorOfVec(fd.slice(k, k + X.data.length), X.rows, X.cols), 1e-7, `∂L/∂${w}`);
      k += X.data.length;
    }
    assert.deepEqual(a.check?.formulas.failed, [], c.source);
    assert.equal(a.check?.passed, true, JSON.stringify(a.check));
  });
}

test('the gradient of each part is the block of G where it sits, counted from 1 (symbolic and concrete sizes)', () => {
  const side = analyzeOk('[A, B]');
  assert.equal(side.gradient?.A?.unicode, 'g(:, 1:n)');
  assert.equal(side.gradient?.B?.unicode, 'g(:, n+1:n+p)');
  assert.equal(side.gradient?.B?.latex, 'g_{:,\\,n+1:n+p}');
  assert.equal(side.jacobian.unicode, '[[Iₙ; 0] ⊗ Iₘ, [0; Iₚ] ⊗ Iₘ]');
  const blocks = analyzeOk('[A, B; C, D]', { shapes: { A: [2, 3], B: [2, 2], C: [1, 3], D: [1, 2] } });
  assert.deepEqual(['A', 'B', 'C', 'D'].map((x) => blocks.gradient?.[x]?.unicode), ['g(1:2, 1:3)', 'g(1:2, 4:5)', 'g(3, 1:3)', 'g(3, 4:5)']);
  const gate = analyzeOk('sigmoid(W*[h; x])', { shapes: { W: [4, 5], h: [3, 1], x: [2, 1] } });
  assert.equal(gate.gradient?.h?.unicode, '(Wᵀ δ)(1:3)');
  assert.equal(gate.gradient?.x?.unicode, '(Wᵀ δ)(4:5)');
  assert.equal(gate.jacobian.unicode, 'diag(σ′(W [h; x])) [[h; x]ᵀ ⊗ I₄, W [I₃; 0], W [0; I₂]]');
});

test('the placing matrices store their ones only: nnz is the parts\' sizes, whatever the output', () => {
  const r = analyzeOk('[A, B, C]', { shapes: { A: [2, 3], B: [2, 1], C: [2, 2] }, numeric: true });
  assert.deepEqual(r.jacobian.blocks.map((x) => x.nnz), [6, 2, 4]);
  assert.equal(r.jacobian.values?.vals.length, 12);
  assert.ok(Array.from(r.jacobian.values?.vals ?? []).every((v) => v === 1));
});

test('1-D tensors joined: a column in W @ x, a row in PyTorch\'s row convention, and np.vstack makes each one a row', () => {
  const col = analyzeOk('# a: (3,)\n# b: (2,)\n# W: (2, 5)\ny = W @ torch.cat([a, b])', { notation: 'python' });
  assert.equal(col.definition.unicode, 'y = W [a; b]');
  assert.ok(col.notes.some((n) => n.startsWith('cat of 1-D tensors joins them into one longer 1-D tensor, and 1-D tensors are columns here')), col.notes.join('\n'));
  const row = analyzeOk('# a: (3,)\n# b: (2,)\n# W: (4, 5)\ny = F.linear(torch.cat([a, b], dim=-1), W)', { notation: 'python' });
  assert.equal(row.definition.unicode, 'y = [a, b] Wᵀ');
  assert.deepEqual(row.output.shape, [1, 4]);
  const turned = analyzeOk('import numpy as np\n# a: (3,)\n# b: (3,)\ny = np.vstack([a, b])', { notation: 'python', numeric: true });
  assert.equal(turned.definition.unicode, 'y = [aᵀ; bᵀ]');
  assert.deepEqual(turned.output.shape, [2, 3]);
  assert.ok(turned.notes.some((n) => n.startsWith('vstack of 1-D tensors makes each one a row of a matrix')), turned.notes.join('\n'));
});

test('stacked 1-D tensors are the rows (axis 0) or the columns (axis 1, -1) of a matrix, turned where 1-D tensors are the other way here', () => {
  const rows = analyzeOk('import numpy as np\n# a: (3,)\n# b: (3,)\n# c: (3,)\ny = np.stack([a, b, c])', { notation: 'python' });
  assert.deepEqual(rows.output.shape, [3, 3]);
  assert.equal(rows.definition.unicode, 'y = [aᵀ; bᵀ; cᵀ]');
  assert.ok(rows.notes.includes('stack of 1-D tensors makes each one a row of a matrix, and 1-D tensors are columns here: written [aᵀ; bᵀ].'), rows.notes.join('\n'));
  const cols = analyzeOk('import numpy as np\n# a: (3,)\n# b: (3,)\ny = np.stack([a, b], axis=1)', { notation: 'python' });
  assert.deepEqual(cols.output.shape, [3, 2]);
  assert.ok(!cols.notes.some((n) => n.startsWith('stack of 1-D tensors')), cols.notes.join('\n'));
  // in PyTorch's row convention a 1-D tensor is a row: stacked along dim=1 each is turned into a column
  const turned = analyzeOk('import torch\n# r: (3,)\n# s: (3,)\n# V: (4, 3)\ny = torch.stack([r, s], dim=-1).T @ V.T', { notation: 'python' });
  assert.equal(turned.definition.unicode, 'y = [rᵀ, sᵀ]ᵀ Vᵀ');
  assert.deepEqual(turned.output.shape, [2, 4]);
  assert.ok(turned.notes.includes('stack of 1-D tensors makes each one a column of a matrix, and 1-D tensors are rows here: written [aᵀ bᵀ].'), turned.notes.join('\n'));
  // the result is 2-D: a 1-D bias beside it is repeated over its rows, not added as a column
  const biased = analyzeOk('import numpy as np\n# a: (3,)\n# b: (3,)\n# d: (3,)\ny = np.stack([a, b]) + d', { notation: 'python' });
  assert.deepEqual(biased.output.shape, [2, 3]);
  // one 1-D tensor stacked (or vstacked) is a matrix of one row, not the tensor itself
  for (const call of ['torch.stack([a])', 'np.vstack([a])']) {
    const one = analyzeOk(`import numpy as np\n# a: (3,)\ny = ${call}`, { notation: 'python' });
    assert.deepEqual(one.output.shape, [1, 3], call);
  }
});

test('torch.stack of 1-D tensors is PyTorch\'s: value and Jacobian against autograd', () => {
  const vars = { a, c };
  const calls = ['torch.stack([a, c])', 'torch.stack([a, c], dim=1)', 'torch.column_stack([c, a])'];
  const want = torchJacobians(calls.map((torch) => ({ torch: `torch.tanh(${torch})`, vars, wrt: ['a', 'c'], oneD: ['a', 'c'], g: D.mk(6, 1, () => 0.5) })));
  calls.forEach((call, i) => {
    const got = analyzeOk(`import torch\n# a: (3,)\n# c: (3,)\ny = torch.tanh(${call})`, { notation: 'python', wrt: ['a', 'c'], values: valuesJSON(vars), numeric: true });
    assertClose(got.numbers?.output.data ?? [], want[i]!.y, 1e-12, `${call}: value`);
    assertDenseClose(denseFromCoo(got.jacobian.values!, 6, 6), want[i]!.J as Dense, 1e-12, `${call}: Jacobian`);
  });
});

/** [source, notation, message, the text the error points at]. */
const REFUSALS: Array<[string, 'math' | 'latex' | 'python', RegExp, string]> = [
  ['A: 2x3\nB: 3x2\ny = [A, B]', 'math', /shape mismatch in a concatenation side by side: A is 2×3 but B is 3×2, and the parts need the same number of rows/, 'B'],
  ['A: 2x3\nR: 1x2\ny = [A; R]', 'math', /shape mismatch in a concatenation stacked one above the other: A is 2×3 but R is 1×2, and the parts need the same number of columns/, 'R'],
  ['# A: (2, 3)\n# B: (3, 3)\ny = torch.cat([A, B], dim=1)', 'python', /side by side: A is 2×3 but B is 3×3/, 'B'],
  ['# A: (2, 3)\n# b: (3,)\ny = torch.cat([A, b], dim=0)', 'python', /cat needs parts with the same number of axes \(as NumPy and PyTorch do\), but this part has 1 and an earlier one 2/, 'b'],
  ['# a: (3,)\n# b: (2,)\ny = torch.cat([a, b], dim=1)', 'python', /cat of 1-D tensors has axis 0 \(or -1\) only, not 1/, 'torch.cat([a, b], dim=1)'],
  // in PyTorch's row convention a 1-D x is a row, joined side by side, a 2-D one stacked: unknown here
  ['# W: (4, 5)\nh = F.linear(torch.cat([x, c], dim=0), W)', 'python', /cat along this axis depends on whether its parts are 1-D or 2-D/, 'torch.cat([x, c], dim=0)'],
  ['y = np.hstack([A, B], axis=0)', 'python', /hstack takes no axis: it joins columns/, '0'],
  ['# A: (2, 3)\n# B: (2, 3)\ny = torch.stack([A, B])', 'python',
    /^stack of 2-D tensors makes a tensor of 3 axes, which has no matrix form: join them along an axis they have \(cat, concatenate\), or stack 1-D tensors$/, 'torch.stack([A, B])'],
  // 1-D parts make a matrix, 2-D ones a tensor of three axes: unknown parts are refused
  ['y = np.stack([x, c], axis=1)', 'python', /^stack along this axis depends on whether its parts are 1-D or 2-D, which is not known here: declare them/, 'np.stack([x, c], axis=1)'],
  ['# a: (3,)\n# b: (3,)\ny = torch.stack([a, b], dim=2)', 'python', /^stack of 1-D tensors has axis 0 or 1 \(or -2 or -1\) only, not 2$/, 'torch.stack([a, b], dim=2)'],
  ['# A: (2, 3)\n# b: (3,)\ny = torch.stack([b, A])', 'python', /^stack needs parts with the same number of axes \(as NumPy and PyTorch do\), but this part has 2 and an earlier one 1$/, 'A'],
  ['# a: (3,)\n# b: (3,)\ny = torch.stack([a.sum(), b.sum()])', 'python', /^stack is read for tensors of one or two axes only, but this part is a scalar$/, 'a.sum()'],
  ['# a: (3,)\n# b: (3,)\ny = np.column_stack([a, b], axis=0)', 'python', /^column_stack takes no axis: it puts its parts side by side as columns$/, '0'],
  ['y = [W x; b]', 'math', /inside brackets, a product written without \* could be two blocks side by side/, 'W x'],
  ['y = [A]', 'math', /brackets around one block/, '[A]'],
  ['y = [A, B; C]', 'math', /the rows of a block matrix need as many blocks each in math notation/, ']'],
  ['A \\in \\mathbb{R}^{2 \\times 3},\\; B \\in \\mathbb{R}^{3 \\times 3},\\; y = \\begin{bmatrix} A & B \\end{bmatrix}', 'latex', /side by side: A is 2×3 but B is 3×3/, 'B'],
  ['y = \\begin{bmatrix} A & B', 'latex', /this \\begin\{bmatrix\} is never closed/, '\\begin{bmatrix}'],
  ['y = \\begin{bmatrix} A & B \\end{pmatrix}', 'latex', /expected & between blocks, \\\\ between rows or \\end\{bmatrix\}/, '\\end{pmatrix}'],
];

test('blocks whose sizes are not given are read aligned, each as wide as the one above it, and said so', () => {
  const r = analyzeOk('[A, B; C, D]');
  assert.deepEqual(r.output.shape, ['m + q', 'n + p']);
  assert.deepEqual(['A', 'B', 'C', 'D'].map((x) => r.variables[x]?.shape), [['m', 'n'], ['m', 'p'], ['q', 'n'], ['q', 'p']]);
  assert.ok(r.notes.some((n) => n.startsWith('In the block rows A, B and C, D, the blocks\' sizes are not all given: each block is read as wide as the one above it')), r.notes.join('\n'));
  // given sizes need only the totals to agree: C spans both columns
  const spanning = analyzeOk('# A: (2, 3)\n# B: (2, 1)\n# C: (1, 4)\ny = np.vstack([np.hstack([A, B]), C])', { notation: 'python' });
  assert.equal(spanning.definition.unicode, 'y = [A, B; C]');
  assert.deepEqual(spanning.notes, []);
});

for (const [source, notation, message, at] of REFUSALS) {
  test(`refused at its place: ${source.split('\n').at(-1)} (${notation})`, () => {
    const r = analyze(source, { notation });
    assert.equal(r.ok, false, source);
    if (r.ok) return;
    assert.match(r.error.message, message);
    assert.equal(source.slice(r.error.start, r.error.end), at);
  });
}
