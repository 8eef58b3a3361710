// Bad input by message and position: analyze() returns {ok: false, error: {message, start, end}}
// with the range pointing at the user's own text, and never throws.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import type { AnalysisError, AnalyzeOptions } from '../../../src/core/index';

/** analyze() must fail (not throw) with a user error; returns the error. */
function fails(input: string, options: AnalyzeOptions = {}): AnalysisError['error'] {
  let r;
  try {
    r = analyze(input, options);
  } catch (e) {
    assert.fail(`analyze(${JSON.stringify(input)}) threw ${String(e)}`);
  }
  assert.equal(r.ok, false, `analyze(${JSON.stringify(input)}) should fail`);
  if (r.ok) throw new Error('unreachable');
  assert.equal(r.input, input);
  const { message, start, end } = r.error;
  assert.equal(typeof message, 'string');
  assert.doesNotMatch(message, /internal error/i, 'a user error, not an internal one');
  assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= input.length, `range [${start}, ${end}) inside the input`);
  return r.error;
}

/** The text an error range covers. */
const covered = (input: string, e: { start: number; end: number }): string => input.slice(e.start, e.end);

test('unknown function: the message names it and the range covers exactly its name', () => {
  for (const [input, at] of [['foo(W*x)', 0], ['sigmoid(foo(x))', 8], ['Wᵀ ⊙ foo(x)', 5], ['W: 3x4\nfoo(W*x)', 7]] as const) {
    const e = fails(input);
    assert.match(e.message, /unknown function 'foo'/, input);
    assert.deepEqual([e.start, e.end], [at, at + 3], input);
    assert.equal(covered(input, e), 'foo');
  }
});

test("shape mismatch W*x + x (W 3×4, x a vector): names '+', both shapes 3×1 and 4×1, and covers the sum", () => {
  const input = 'W: 3x4\nx: R^4\nW*x + x';
  const e = fails(input);
  assert.match(e.message, /'\+'/);
  assert.match(e.message, /3×1/);
  assert.match(e.message, /4×1/);
  assert.equal(covered(input, e), 'W*x + x');
});

test("shape mismatch W*x + x with only --shape W=3x4: names '+', the rows 3 and 4, and covers the sum", () => {
  const e = fails('W*x + x', { shapes: { W: [3, 4] } });
  assert.match(e.message, /'\+'/);
  assert.match(e.message, /W\*x is 3×/);
  assert.match(e.message, /x is 4×/);
  assert.deepEqual([e.start, e.end], [0, 7]);
  const inner = fails('sigmoid(W*x + x)', { shapes: { W: [3, 4] } });
  assert.equal(covered('sigmoid(W*x + x)', inner), 'W*x + x', 'the range is the sum inside the call');
});

test('shape messages never show internal placeholders for unknown sizes', () => {
  for (const [input, options] of [['W*x + x', { shapes: { W: [3, 4] } }], ["W: 3x4\nx' * W * x", {}]] as const) {
    const e = fails(input, options);
    assert.doesNotMatch(e.message, /\?/, e.message);
  }
});

test('shape mismatch in a product names both shapes and covers the product', () => {
  const input = 'sigmoid(W*b)';
  const e = fails(input, { shapes: { W: [3, 4], b: [3] } });
  assert.match(e.message, /product/);
  assert.match(e.message, /3×4/);
  assert.match(e.message, /3×1/);
  assert.equal(covered(input, e), 'W*b');
});

test("unbalanced parenthesis: an unclosed '(' is pointed at; a stray ')' is pointed at", () => {
  for (const [input, at] of [['sigmoid(W*x + b', 7], ['tanh(sigmoid(W*x + b)', 4], ['(W*x', 0]] as const) {
    const e = fails(input);
    assert.match(e.message, /unbalanced parenthesis/, input);
    assert.match(e.message, /never closed/, input);
    assert.deepEqual([e.start, e.end], [at, at + 1], input);
    assert.equal(covered(input, e), '(');
  }
  for (const [input, at] of [['W*x)', 3], ['W*x + b)', 7]] as const) {
    const e = fails(input);
    assert.match(e.message, /unbalanced parenthesis/, input);
    assert.match(e.message, /without a matching/, input);
    assert.deepEqual([e.start, e.end], [at, at + 1], input);
    assert.equal(covered(input, e), ')');
  }
});

test('empty input: nothing to analyse, over the whole (blank) input', () => {
  for (const input of ['', '   ', '\n\n', '# only a comment', '// a comment\n\n']) {
    const e = fails(input);
    assert.match(e.message, /empty/, JSON.stringify(input));
    assert.deepEqual([e.start, e.end], [0, input.length], JSON.stringify(input));
  }
  const d = fails('W: 3x4');
  assert.match(d.message, /only declarations/);
  const rhs = fails('a = ');
  assert.match(rhs.message, /empty expression/);
});

test('a name used inconsistently: x declared a column but used on the left of W, or as both W*x and x*W', () => {
  const input = 'W: 3x4\nx: R^4\nx*W';
  const e = fails(input);
  assert.match(e.message, /shape mismatch in the product x\*W/);
  assert.match(e.message, /4×1/);
  assert.match(e.message, /3×4/);
  assert.equal(covered(input, e), 'x*W', 'the range is on the third line');
  const both = 'W: 3x4\nW*x + x*W';
  const s = fails(both);
  assert.match(s.message, /'\+'/);
  assert.equal(covered(both, s), 'W*x + x*W');
});

test('sizes that disagree: --shape against declarations or values, and bad sizes', () => {
  assert.match(fails('W: 2x2\nsigmoid(W*x + b)', { shapes: { W: [3, 4] } }).message, /W/);
  assert.match(fails('sigmoid(W*x + b)', { shapes: { W: [3, 4] }, values: { W: [[1, 2], [3, 4]] } }).message, /3×4/);
  assert.match(fails('sigmoid(W*x + b)', { shapes: { W: [0, 3] } }).message, /shape of W/);
  assert.match(fails('sigmoid(W*x + b)', { shapes: { W: [2.5] } }).message, /shape of W/);
});

test('a wrt name that is not a variable: the message names it and lists the variables', () => {
  const e = fails('sigmoid(W*x + b)', { wrt: ['q'] });
  assert.match(e.message, /'q'/);
  assert.match(e.message, /W, x, b/);
  assert.deepEqual([e.start, e.end], [0, 16]);
});

test('values of the wrong form: not numbers, ragged rows, NaN, the wrong size', () => {
  for (const bad of ['abc', [[1, 2], [3]], [[1, 2], [3, 'a']], NaN, null, { a: 1 }, [1, [2]]]) {
    const e = fails('sigmoid(W*x + b)', { values: { W: bad } });
    assert.match(e.message, /values of W/, JSON.stringify(bad));
  }
  const size = fails('sigmoid(W*x + b)', { values: { W: [[1, 2], [3, 4]], x: [1, 2, 3] } });
  assert.match(size.message, /x|W/);
});

test('empty values are rejected (a 0×1 variable is not a vector)', () => {
  fails('sigmoid(W*x + b)', { values: { W: [] } });
});

test('wrong arity, non-square det / power, non-constant exponent, %, strings, arrays: user errors with ranges', () => {
  const cases: Array<[string, AnalyzeOptions, RegExp, string]> = [
    ['kron(A)', {}, /kron takes 2 arguments, not 1/, 'kron(A)'],
    ['det(A)', { shapes: { A: [2, 3] } }, /square/, 'det(A)'],
    ['X^2', { shapes: { X: [2, 3] } }, /square/, 'X^2'],
    ['X^0.5', { shapes: { X: [2, 2] } }, /whole exponent/, 'X^0.5'],
    ['X^B', {}, /a power with an exponent that is not a number is a power of scalars/, 'X^B'],
    ['A % B', {}, /'%'/, '%'],
    ['"abc"', {}, /constants/, 'abc'],
    ['A[1]', {}, /unsupported syntax/, 'A[1]'],
  ];
  for (const [input, options, message, text] of cases) {
    const e = fails(input, options);
    assert.match(e.message, message, input);
    assert.equal(covered(input, e), text, input);
  }
});

test('a loss that is not a scalar or does not parse is a user error', () => {
  assert.match(fails('W*x', { loss: 'y' }).message, /the loss must be a scalar/);
  assert.match(fails('W*x', { loss: 'foo(y)' }).message, /in the loss: unknown function 'foo'/);
});

test('analyze never throws on odd arguments from JavaScript callers', () => {
  const odd: Array<[unknown, unknown]> = [
    [null, {}], [undefined, {}], [42, {}], ['W*x', undefined], ['W*x', { shapes: 5 }], ['W*x', { values: [1, 2] }],
    ['W*x', { numeric: true, seed: -1 }], ['W*x', { numeric: true, seed: 1.5 }], ['W*x', { numeric: true, denseLimit: 0 }],
  ];
  for (const [input, options] of odd) {
    const r = analyze(input as string, options as AnalyzeOptions);
    assert.equal(typeof r.ok, 'boolean', `${String(input)} ${JSON.stringify(options)}`);
    if (!r.ok) assert.doesNotMatch(r.error.message, /internal error/);
  }
});

test('malformed options (null options, a string wrt) give a user error, not a throw or an internal error', () => {
  for (const options of [null, { wrt: 'W' }]) {
    let r;
    try {
      r = analyze('W*x', options as unknown as AnalyzeOptions);
    } catch (e) {
      assert.fail(`threw ${String(e)} for options ${JSON.stringify(options)}`);
    }
    if (!r.ok) assert.doesNotMatch(r.error.message, /internal error/);
  }
});

test('a name declared twice with different shapes is an error naming both', () => {
  const input = 'W: 3x4\nW: 2x2\nsigmoid(W*x + b)';
  const e = fails(input);
  assert.match(e.message, /3×4/);
  assert.match(e.message, /2×2/);
  assert.equal(covered(input, e), 'W: 2x2');
});
