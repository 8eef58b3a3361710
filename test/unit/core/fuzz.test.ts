// Fuzz: thousands of random token soups and mutated valid definitions, with random options.
// analyze() never throws, always returns ok: true or a user error whose range lies inside the
// input, never an internal error, and answers each input within 100 ms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { analyze } from '../../../src/core/index';
import type { AnalyzeOptions } from '../../../src/core/index';
import { readArgs } from '../../../src/cliArgs';
import { writeJson } from '../../../src/cliJson';

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

// ---- names that are JavaScript object keys, through the command line's options ------------------

/** Keys every object inherits (`constructor`, `__proto__`, …): a lookup in a plain object finds them. */
const OBJECT_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'toLocaleString', '__defineGetter__'];

/** Expressions in three names (a R×C matrix `a`, then `b`, `c`) with every variable's shape from R and C.
 *  Each name is given its size (by --shape or by --values): otherwise its columns are free (`a*b`
 *  may be a matrix, `a*b + c` broadcasts) or a name such as x would be read as a vector. */
interface Keyed {
  expr: (a: string, b: string, c: string) => string;
  shapes: (R: number, C: number) => Record<'a' | 'b' | 'c', [number, number] | undefined>;
}
const KEYED: readonly Keyed[] = [
  { expr: (a, b) => `${a}*${b}`, shapes: (R, C) => ({ a: [R, C], b: [C, 1], c: undefined }) },
  { expr: (a, b, c) => `sigmoid(${a}*${b} + ${c})`, shapes: (R, C) => ({ a: [R, C], b: [C, 1], c: [R, 1] }) },
  { expr: (a, b) => `sum((${a} - ${b}).^2)/2`, shapes: (R, C) => ({ a: [R, C], b: [R, C], c: undefined }) },
  // c names a definition, not a variable
  { expr: (a, b, c) => `${c} = ${a}*${b}\ny = tanh(${c})`, shapes: (R, C) => ({ a: [R, C], b: [C, 1], c: undefined }) },
];

const keyedCase = fc.record({
  template: fc.nat(KEYED.length - 1),
  names: fc.uniqueArray(fc.constantFrom(...OBJECT_KEYS, 'W', 'x'), { minLength: 3, maxLength: 3 }),
  // 1×1 is a scalar, which multiplies anything: no size would follow from it
  R: fc.integer({ min: 2, max: 4 }),
  C: fc.integer({ min: 2, max: 4 }),
  by: fc.record({ a: fc.constantFrom('shape', 'values'), b: fc.constantFrom('shape', 'values'), c: fc.constantFrom('shape', 'values') }),
  wrt: fc.subarray([0, 1, 2]),
  stranger: fc.option(fc.constantFrom(...OBJECT_KEYS), { nil: undefined }),
  seed: fc.nat(1000),
});

const rowMajor = (rows: number, cols: number, seed: number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => ((seed + 7 * i + 3 * j) % 11) / 4 - 1.2));

test('fuzz: names that are object keys in --expr, --shape, --values and --wrt get their own shapes, values and gradients', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-keys-'));
  const file = join(dir, 'values.json');
  fc.assert(fc.property(keyedCase, (k) => {
    const t = KEYED[k.template]!;
    const [a, b, c] = k.names as [string, string, string];
    const name = { a, b, c };
    const input = t.expr(a, b, c);
    const shapes = t.shapes(k.R, k.C);
    const variables = (['a', 'b', 'c'] as const).filter((v) => shapes[v]);
    // JSON text, so that "__proto__" is a key of the file as a user writes it
    const values = new Map<string, number[][] | number[]>(); // a plain object's ['__proto__'] = … sets its prototype
    const given = (v: 'a' | 'b' | 'c'): boolean => k.by[v] === 'values';
    for (const v of variables) {
      if (!given(v)) continue;
      const [r, cols] = shapes[v]!;
      const m = rowMajor(r, cols, k.seed + v.charCodeAt(0));
      values.set(name[v], cols === 1 ? m.map((row) => row[0]!) : m);
    }
    writeFileSync(file, `{${[...values].map(([n, v]) => `${JSON.stringify(n)}: ${JSON.stringify(v)}`).join(', ')}}`);
    const wrt = [...k.wrt.filter((i) => i < variables.length).map((i) => name[variables[i]!]), ...(k.stranger && !k.names.includes(k.stranger) ? [k.stranger] : [])];
    const argv = ['analyze', '--expr', input, '--values', file, '--seed', String(k.seed), '--numeric'];
    for (const v of variables.filter((v) => k.by[v] === 'shape')) argv.push('--shape', `${name[v]}=${shapes[v]![0]}${shapes[v]![1] === 1 ? '' : `x${shapes[v]![1]}`}`);
    if (wrt.length) argv.push('--wrt', wrt.join(','));
    const args = readArgs(argv);
    assert.equal(args.kind, 'analyze');
    if (args.kind !== 'analyze') return;
    const r = analyze(input, args.options);
    const stranger = wrt.find((w) => !variables.some((v) => name[v] === w));
    if (stranger) {
      assert.ok(!r.ok, `${input} --wrt ${wrt}: ${stranger} is no variable`);
      assert.ok(r.error.message.startsWith(`cannot differentiate by '${stranger}': it is not a variable`), r.error.message);
      assert.ok(inside(input, r.error), `${r.error.start}, ${r.error.end}`);
      return;
    }
    assert.ok(r.ok, `${input} (${argv.join(' ')}): ${r.ok ? '' : r.error.message}`);
    assert.deepEqual(Object.keys(r.variables).sort(), variables.map((v) => name[v]).sort(), input);
    for (const v of variables) {
      const n = name[v];
      assert.ok(Object.hasOwn(r.variables, n), `${n} is a variable of ${input}`);
      assert.deepEqual(r.variables[n]!.shape, shapes[v], `${n} in ${input}`);
      if (given(v)) assert.deepEqual(Array.from(r.numbers!.inputs[n]!.data), [values.get(n)].flat(2), `${n}'s values`);
    }
    const differentiated = wrt.length ? wrt : r.wrt;
    assert.deepEqual(Object.keys(r.gradient ?? {}).sort(), [...differentiated].sort());
    for (const w of differentiated) assert.deepEqual(r.gradient![w]!.shape, r.variables[w]!.shape, `∂L/∂${w} has ${w}'s shape`);
    assert.equal(r.check?.passed, true, `${input}: the finite-difference check`);
    let json = '';
    writeJson(r, { write: (s) => void (json += s) });
    const back = JSON.parse(json) as { variables: Record<string, { shape: number[] }> };
    for (const v of variables) assert.deepEqual(back.variables[name[v]]?.shape, shapes[v], `--json keeps ${name[v]}`);
  }), { numRuns: 150, seed: BASE_SEED + 5 });
});
