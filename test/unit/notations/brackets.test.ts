// The one balanced-bracket scan every notation's size reader uses: a bracket's partner at any depth,
// a list split outside brackets, and where brackets go wrong, by index and in words.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { partner, splitOutside } from '../../../src/core/notations/brackets';

const id = (c: string): string => c;

test('the partner of a bracket, at any depth', () => {
  assert.equal(partner('(2(n+1)) x d', 0, id), 7);
  assert.equal(partner('(2*(3*(2*(n+1))), d)', 0, id), 19);
  assert.equal(partner('(2*(3*(2*(n+1))), d)', 3, id), 15);
  assert.equal(partner('[a, (b)]', 0, id), 7);
});

test('brackets that go wrong are named where they do', () => {
  assert.deepEqual(partner('(2*(n+1, d', 0, id), { at: 3, why: "this '(' is never closed" });
  assert.deepEqual(partner('(n, d]', 0, id), { at: 5, why: "this ']' closes the '(' before it" });
  assert.deepEqual(splitOutside([...'n) x d'], id, (c) => c === 'x'), { at: 1, why: "this ')' closes no bracket" });
});

test('a list split outside brackets only', () => {
  const parts = splitOutside([...'(2(n+1)),d,{a,b}'], id, (c) => c === ',');
  assert.deepEqual(parts, [[...'(2(n+1))'], ['d'], [...'{a,b}']]);
});

test('a name that is a property of every object is no bracket', () => {
  assert.deepEqual(splitOutside(['constructor', ',', 'toString'], id, (t) => t === ','), [['constructor'], ['toString']]);
});
