import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setValue, toOptionValues } from '../../../src/extension/values';

const inputs = {
  W: { shape: [2, 3] as [number, number], data: new Float64Array([1, 2, 3, 4, 5, 6]) },
  x: { shape: [3, 1] as [number, number], data: [7, 8, 9] },
};

test('an edit starts from the numbers shown and changes one entry (row-major)', () => {
  const v = setValue({}, inputs, 'W', 1, 0, -4);
  assert.deepEqual(v, { W: { shape: [2, 3], data: [1, 2, 3, -4, 5, 6] } });
  const v2 = setValue(v!, inputs, 'W', 0, 2, 0);
  assert.deepEqual(v2?.W?.data, [1, 2, 0, -4, 5, 6]);
});

test('edits outside an input, or of an unknown or inherited name, are refused', () => {
  assert.equal(setValue({}, inputs, 'W', 2, 0, 1), undefined);
  assert.equal(setValue({}, inputs, 'W', 0, 3, 1), undefined);
  assert.equal(setValue({}, inputs, 'V', 0, 0, 1), undefined);
  assert.equal(setValue({}, inputs, '__proto__', 0, 0, 1), undefined);
  assert.equal(setValue({}, inputs, 'constructor', 0, 0, 1), undefined);
  assert.equal(setValue({}, undefined, 'W', 0, 0, 1), undefined);
});

test('values reach the core as numbers, flat column vectors and nested rows', () => {
  const v = { s: { shape: [1, 1] as [number, number], data: [2] }, ...setValue({}, inputs, 'x', 0, 0, 1), ...setValue({}, inputs, 'W', 0, 0, 0) };
  assert.deepEqual(toOptionValues(v), { s: 2, x: [1, 8, 9], W: [[0, 2, 3], [4, 5, 6]] });
  assert.equal(toOptionValues({}), undefined);
});
