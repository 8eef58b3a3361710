// Sizes and values given for a name the expression does not have are not used, and the answer
// says so: a typo (W2 for W_2) must not pass for an answer with those sizes. A loss's target and
// upstream gradient may be given without being in the expression.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';

const notes = (input: string, options: Parameters<typeof analyze>[1]): string[] => {
  const a = analyze(input, options);
  assert.ok(a.ok, a.ok ? '' : a.error.message);
  return a.ok ? a.notes ?? [] : [];
};
const unused = (ns: string[]) => ns.filter((n) => n.includes('not used'));

test('sizes for a name not in the expression are said to be unused, naming it and the names there are', () => {
  const [note, ...more] = unused(notes('sigmoid(W_2*x + b)', { shapes: { W2: [3, 4] } }));
  assert.equal(more.length, 0);
  assert.match(note!, /^The sizes given for W2 are not used: not a name of the expression \(/);
  for (const n of ['W_2', 'x', 'b']) assert.ok(note!.includes(n), `${n} listed in: ${note}`);
});

test('values for a name not in the expression are said to be unused; those in it are used silently', () => {
  const ns = unused(notes('A*x', { values: { A: [[1, 2], [3, 4]], q: 1 }, numeric: true }));
  assert.deepEqual(ns.length, 1);
  assert.match(ns[0]!, /^The values given for q are not used/);
});

test('sizes for the loss target t or the upstream g, and for every name of the expression, get no note', () => {
  assert.deepEqual(unused(notes('sigmoid(W*x + b)', { loss: 'sse', shapes: { W: [3, 4], t: [3, 1] } })), []);
  assert.deepEqual(unused(notes('sigmoid(W*x + b)', { shapes: { g: [3, 1], x: [4, 1] } })), []);
});
