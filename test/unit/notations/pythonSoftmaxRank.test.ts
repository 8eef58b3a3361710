// Issue 9: softmax along an axis (`F.softmax(z, dim=-1)`) of a value whose rank the file does not
// say. PyTorch normalises all of a 1-D tensor along dim=-1 but each row of a 2-D one; a lower-case
// name nobody declares is read as a column vector, so the softmax is over all of it. That choice is
// said in a note naming what to declare; declared inputs read as declared, without the note.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, valuesJSON } from '../helpers/oracle';

const HEAD = 'import torch\nimport torch.nn.functional as F\n';
const isRankNote = (n: string): boolean => n.includes('is not declared') && n.includes('all of') && n.includes('declare');

for (const call of ['F.softmax(z, dim=-1)', 'torch.softmax(z, -1)', 'z.softmax(-1)', 'F.softmax(z)']) {
  test(`${call} of an undeclared z: read as the softmax of all of z, and a note says so and what to declare`, () => {
    const a = analyzeOk(`${HEAD}y = ${call}\n`, { notation: 'python' });
    assert.equal(a.output.shape[1], 1, 'a column, as z');
    const note = a.notes.find(isRankNote);
    assert.ok(note, a.notes.join('\n'));
    assert.match(note, /\bz\b/);
    assert.match(note, /each row/);
    assert.match(note, /# z: \(N, d\)/);
  });
}

test('the note of an undeclared input names it inside an expression (W declared, x not)', () => {
  const a = analyzeOk(`${HEAD}def f(x):\n    # W: (4, 3)\n    return F.softmax(W @ x, dim=-1)\n`, { notation: 'python' });
  const note = a.notes.find(isRankNote);
  assert.ok(note, a.notes.join('\n'));
  assert.match(note, /\bx\b is not declared/);
  assert.doesNotMatch(note, /\bW\b is not declared/);
});

test('the numbers of the undeclared reading are the softmax of the whole vector', () => {
  const z = D.mk(4, 1, (i) => [0.3, -1.2, 0.7, 2.0][i] as number);
  const a = analyzeOk(`${HEAD}def f(W, z):\n    # W: (4, 4)\n    return F.softmax(W @ z, dim=-1)\n`, { notation: 'python', values: valuesJSON({ W: D.eye(4), z }), numeric: true });
  const e = [0.3, -1.2, 0.7, 2.0].map(Math.exp);
  const total = e.reduce((s, v) => s + v, 0);
  assertClose(a.numbers!.output.data, e.map((v) => v / total), 1e-12, 'softmax over all of z');
});

test('declared inputs read as declared, with no note: z (d,) over all of it, Z (N, d) each row', () => {
  const vec = analyzeOk(`${HEAD}def f(z):\n    # z: (4,)\n    return F.softmax(z, dim=-1)\n`, { notation: 'python' });
  assert.deepEqual(vec.output.shape, [4, 1]);
  assert.ok(!vec.notes.some(isRankNote), vec.notes.join('\n'));
  const Z = D.mk(2, 3, (i, j) => i - j * 0.5);
  const mat = analyzeOk(`${HEAD}def f(z):\n    # z: (2, 3)\n    return F.softmax(z, dim=-1)\n`, { notation: 'python', values: valuesJSON({ z: Z }), numeric: true });
  assert.deepEqual(mat.output.shape, [2, 3]);
  assert.ok(!mat.notes.some(isRankNote), mat.notes.join('\n'));
  const rows = [0, 1].flatMap((i) => {
    const e = [0, 1, 2].map((j) => Math.exp(D.at(Z, i, j)));
    const s = e.reduce((p, v) => p + v, 0);
    return e.map((v) => v / s);
  });
  assertClose(mat.numbers!.output.data, rows, 1e-12, 'each row');
});

test('with vectors as rows (an nn.Linear), dim=-1 of an undeclared x reads the same for 1-D and a batch: no note', () => {
  const src = `${HEAD}import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(3, 4)\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=-1)\n`;
  const a = analyzeOk(src, { notation: 'python' });
  assert.ok(!a.notes.some(isRankNote), a.notes.join('\n'));
});

test('through an assignment: h = W @ x, then F.softmax(h, dim=-1), names x', () => {
  const a = analyzeOk(`${HEAD}def f(x):\n    # W: (4, 3)\n    h = W @ x\n    return F.softmax(h, dim=-1)\n`, { notation: 'python' });
  const note = a.notes.find(isRankNote);
  assert.ok(note, a.notes.join('\n'));
  assert.match(note, /\bx\b is not declared/);
});
