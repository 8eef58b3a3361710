// An extended evaluator (numeric/evaluate.ts): values on top of a base evaluator's, sharing the
// base's memoised value for every node that does not mention a moved name. Against closed forms:
// y = W x + b, then y with b moved, and a formula in δ bound after the evaluator was made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addE, hadamardE, mulE, varE } from '../../../src/core/ast/build';
import { evaluator, extended } from '../../../src/core/numeric/evaluate';
import { mat, type Mat } from '../../../src/core/numeric/matrix';

const W = mat(2, 2, Float64Array.of(1, 2, 3, 4)); // [[1, 3], [2, 4]]
const x = mat(2, 1, Float64Array.of(1, -1));
const b = mat(2, 1, Float64Array.of(10, 20));
const size = () => 1;
const Wx = mulE(varE('W'), varE('x'));
const y = addE(Wx, varE('b'));

test('extended: a moved variable changes what mentions it and nothing else is computed again', () => {
  const base = evaluator(new Map([['W', W], ['x', x], ['b', b]]), size);
  const shared = base.value(Wx);
  assert.deepEqual([...base.value(y).data], [8, 18]); // W x = [−2, −2]
  const moved = extended(base, new Map([['b', mat(2, 1, Float64Array.of(0, 1))]]));
  assert.deepEqual([...moved.value(y).data], [-2, -1]);
  assert.equal(moved.value(Wx), shared, 'W x is the base evaluator\'s own value, not a recomputation');
  assert.deepEqual([...base.value(y).data], [8, 18], 'the base is unchanged');
});

test('extended: names bound later are read when first needed, not when the evaluator is made', () => {
  const base = evaluator(new Map([['W', W], ['x', x], ['b', b]]), size);
  const bound = new Map<string, Mat>();
  const ev = extended(base, bound, new Set(['δ']));
  const formula = hadamardE(varE('δ'), y);
  assert.throws(() => ev.value(formula), /no value for δ/);
  bound.set('δ', mat(2, 1, Float64Array.of(2, 0.5)));
  assert.deepEqual([...extended(base, bound, new Set(['δ'])).value(formula).data], [16, 9]);
});
