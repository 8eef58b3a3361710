// Issue 9, Python: a value whose statement is not read is taken as an input with a note, and its
// shape is a guess. A softmax, sum or mean along an axis of it reads differently on a 1-D and a
// 2-D tensor (softmax(dim=-1) of an m×1 column guessed for a matrix would be 1 in every entry), so
// it is refused, naming the statement; declared, the value is read as declared.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/index';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON } from '../helpers/oracle';

const attention = (decl: string, value = '(q @ k.transpose(-2, -1)).masked_fill(mask, 0.0)') => `import torch
import torch.nn.functional as F

def head(q, k, v):
    ${decl}
    att = ${value}
    y = F.softmax(att, dim=-1) @ v
    return y
`;

test('softmax(dim=-1) of a value whose assignment is not read is refused, naming that assignment', () => {
  const src = attention('# v: (T, d)');
  const a = analyze(src, { notation: 'python' });
  assert.equal(a.ok, false);
  if (a.ok) return;
  assert.equal(a.error.message, 'softmax along this axis depends on whether att is 1-D or 2-D, and its shape is a guess: att is assigned by a statement ' +
    'that cannot be read as a matrix expression. Declare it (# att: (T, T)) or write its definition in a form that is read');
  assert.equal(src.slice(a.error.start, a.error.end), 'F.softmax(att, dim=-1)');
});

test('the same when the assignment is a definition that fails: the message quotes its refusal', () => {
  const a = analyze(attention('# v: (T, d)', '(q @ k.transpose(-2, -1)) * k.std()'), { notation: 'python' });
  assert.equal(a.ok, false);
  if (!a.ok) assert.equal(a.error.message, 'softmax along this axis depends on whether att is 1-D or 2-D, and its shape is a guess: the assignment to att cannot be read ' +
    '(the method .std() is not supported). Declare it (# att: (T, T)) or write its definition in a form that is read');
});

test('declared, the unread value is the declared matrix: each row of att₁ is normalised (rows of s sum to 1), J by differences', () => {
  const next = D.rng(5);
  const att = D.mk(3, 3, () => 2 * next() - 1);
  const v = D.mk(3, 2, () => 2 * next() - 1);
  const a = analyzeOk(attention('# att: (T, T), v: (T, d)', '(q @ k.transpose(-2, -1)) * k.std()'), { notation: 'python', values: valuesJSON({ att_1: att, v }), wrt: ['att_1', 'v'], numeric: true });
  assert.ok(a.notes.some((n) => n.startsWith('An earlier assignment to att cannot be read (the method .std() is not supported), so its value is taken as an input here, named att_1')), a.notes.join('\n'));
  const rowSoftmax = (X: D.M): D.M => {
    const e = D.mk(X.rows, X.cols, (i, j) => Math.exp(D.at(X, i, j)));
    return D.mk(X.rows, X.cols, (i, j) => D.at(e, i, j) / Array.from({ length: X.cols }, (_, l) => D.at(e, i, l)).reduce((s, x) => s + x, 0));
  };
  const f = (vars: Record<string, D.M>): D.M => D.mul(rowSoftmax(vars.att_1!), vars.v!);
  assertClose(a.numbers!.output.data, D.rowMajor(f({ att_1: att, v })), 1e-12, 'output');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 6, 15), fdJacobian(f, { att_1: att, v }, ['att_1', 'v']), 1e-7, 'J');
});

test('a mean along the last axis of a value assigned by a statement that is not read is refused', () => {
  const src = 'def pool(x):\n    s = x.view(3, -1, 2)\n    return s.mean(dim=-1)\n';
  const a = analyze(src, { notation: 'python' });
  assert.equal(a.ok, false);
  if (a.ok) return;
  assert.match(a.error.message, /^mean along this axis depends on whether s is 1-D or 2-D, and its shape is a guess: the assignment to s cannot be read \(reshapes are not supported/);
});
