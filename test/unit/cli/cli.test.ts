// The CLI as a user runs it: `node dist/cli.js analyze …` in a child process. The readable
// report, the --json contract of DESIGN.md field by field, exit codes, --values, --wrt, --seed,
// --file/--line. Numbers are checked against σ(Wx + b) and diag(σ′(z)) [xᵀ ⊗ I, I] by hand.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = 'sigmoid(W*x + b)';

interface Run { code: number | null; stdout: string; stderr: string }

const dir = mkdtempSync(join(tmpdir(), 'kl-cli-'));
const VALUES_FILE = join(dir, 'values.json');
const VALUES = { W: [[0.5, -1, 2, 0.25], [1.5, 0, -0.5, 1], [-2, 0.75, 1, -1]], x: [1, -2, 0.5, 3], b: [0.1, -0.2, 0.3] };
const KINK_FILE = join(dir, 'kink.json');
const LAYER_FILE = join(dir, 'layer.txt');
const LAYER_TEXT = 'W: 3x4\nz = W*x + b\ny = sigmoid(z)\nq = foo(y)\n';

/**
 * Every CLI run the tests look at. The bundle takes about a second of CPU to start, so the runs
 * are made once, two at a time, before the tests.
 */
const RUNS = {
  readable: ['--expr', SEED, '--shape', 'W=3x4', '--numeric'],
  doneWhen: ['--expr', SEED, '--shape', 'W=3x4'],
  symbolic: ['--expr', SEED],
  json: ['--expr', SEED, '--shape', 'W=3x4', '--numeric', '--json'],
  jsonSeed3: ['--expr', SEED, '--shape', 'W=3x4', '--numeric', '--json', '--seed', '3'],
  jsonSeed3Again: ['--seed', '3', '--json', '--numeric', '--shape', 'W=3x4', '--expr', SEED],
  jsonSymbolic: ['--expr', SEED, '--json'],
  badJson: ['--expr', 'sigmoid(W*x + b', '--json'],
  badReadable: ['--expr', 'sigmoid(foo(x))'],
  usageFlag: ['--bogus'],
  usageShape: ['--expr', SEED, '--shape', 'W=3by4'],
  values: ['--expr', SEED, '--values', VALUES_FILE, '--numeric', '--json'],
  wrtX: ['--expr', SEED, '--shape', 'W=3x4', '--numeric', '--wrt', 'x', '--json'],
  wrtBW: ['--expr', SEED, '--shape', 'W=3x4', '--numeric', '--wrt', 'b,W', '--json'],
  fileLine3: ['--file', LAYER_FILE, '--line', '3', '--json'],
  fileWhole: ['--file', LAYER_FILE, '--json'],
  // ReLU at its kink: the one-sided derivative 0 against the central difference ½ fails the check
  kink: ['--expr', 'relu(x)', '--values', KINK_FILE, '--numeric'],
} as const satisfies Record<string, readonly string[]>;

const results = new Map<keyof typeof RUNS, Run>();

function spawnCli(args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, 'analyze', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      done({ code, stdout, stderr });
    });
  });
}

before(async () => {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'core.js'))) {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  writeFileSync(VALUES_FILE, JSON.stringify(VALUES));
  writeFileSync(LAYER_FILE, LAYER_TEXT);
  writeFileSync(KINK_FILE, JSON.stringify({ x: [0, 1] }));
  const queue = Object.keys(RUNS) as Array<keyof typeof RUNS>;
  const worker = async () => {
    for (let k = queue.shift(); k !== undefined; k = queue.shift()) results.set(k, await spawnCli(RUNS[k]));
  };
  await Promise.all([worker(), worker()]);
});

function cli(name: keyof typeof RUNS): Run {
  const r = results.get(name);
  assert.ok(r, `run ${name}`);
  return r;
}

function json(name: keyof typeof RUNS): { run: Run; a: Record<string, any> } {
  const run = cli(name);
  let a: Record<string, any>;
  try {
    a = JSON.parse(run.stdout) as Record<string, any>;
  } catch {
    assert.fail(`--json printed no JSON object:\n${run.stdout}\n${run.stderr}`);
  }
  return { run, a };
}

/** No Node stack trace: no "at f (file:line:col)" frames, no node:internal. */
function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /\bat .*\(?[^\s()]+\.(?:js|ts|mjs|cjs):\d+:\d+\)?/, 'no stack frames');
  assert.doesNotMatch(text, /node:internal|Error: .*\n\s+at /, 'no stack trace');
}

const sig = (v: number): number => 1 / (1 + Math.exp(-v));
const dsig = (v: number): number => sig(v) * (1 - sig(v));

/** z = W x + b from row-major W (m×n). */
function affine(W: number[], m: number, n: number, x: number[], b: number[]): number[] {
  return Array.from({ length: m }, (_, i) => {
    let s = b[i] as number;
    for (let j = 0; j < n; j++) s += (W[i * n + j] as number) * (x[j] as number);
    return s;
  });
}

function dense(values: { rows: number[]; cols: number[]; vals: number[] }, rows: number, cols: number): number[][] {
  const J = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  values.vals.forEach((v, k) => (J[values.rows[k]!]![values.cols[k]!]! += v));
  return J;
}

function close(got: number[][] | number[], want: number[][] | number[], tol: number, label: string): void {
  const g = got.flat(), w = want.flat();
  assert.equal(g.length, w.length, `${label}: size`);
  w.forEach((v, i) => assert.ok(Math.abs((g[i] as number) - v) <= tol * Math.max(1, Math.abs(v)), `${label}[${i}]: ${g[i]} vs ${v}`));
}

test('analyze --expr "sigmoid(W*x + b)" --shape W=3x4 --numeric: 3 × 15, nnz 15, the Kronecker form, the gradient, a passing check', () => {
  const { code, stdout, stderr } = cli('readable');
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  assert.ok(stdout.includes('J = diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃] ∈ ℝ^{3×15}'), stdout);
  assert.ok(stdout.includes('∂y/∂(vec W, b): 3 × 15'), stdout);
  assert.match(stdout, /nnz 15 of 45 dense/);
  assert.ok(stdout.includes('∂y/∂vec W = diag(σ′(Wx + b)) (xᵀ ⊗ I₃)  (3 × 12, nnz 12)'), stdout);
  assert.ok(stdout.includes('∂L/∂W = δ xᵀ (3 × 4)'), stdout);
  assert.ok(stdout.includes('∂L/∂b = δ (3 × 1)'), stdout);
  assert.ok(stdout.includes('δ = σ′(Wx + b) ⊙ g'), stdout);
  const check = /^Check\s+finite differences \(15 columns\): max rel\. error (\S+) ✔$/m.exec(stdout);
  assert.ok(check, `a passing check line:\n${stdout}`);
  assert.ok(Number(check[1]) < 1e-6, `max rel. error ${check[1]}`);
});

test('the Done-when command without --numeric: 3 × 15, nnz 15 and the gradient form', () => {
  const { code, stdout } = cli('doneWhen');
  assert.equal(code, 0);
  assert.ok(stdout.includes('∈ ℝ^{3×15}'), stdout);
  assert.ok(stdout.includes(': 3 × 15'), stdout);
  assert.match(stdout, /nnz 15 of 45 dense/);
  // no numbers without --numeric (issue 11), so no check marks on the forms
  assert.ok(stdout.includes('∂L/∂W = δ xᵀ (3 × 4),  ∂L/∂b = δ (3 × 1)'), stdout);
});

test('without --numeric the report computes no numbers: no check is run, and it says how to get one (issue 11)', () => {
  const { stdout } = cli('doneWhen');
  assert.doesNotMatch(stdout, /finite differences \(/);
  assert.doesNotMatch(stdout, /^Numbers/m);
  assert.match(stdout, /^Check\s+not run \(symbolic answer\); --numeric computes numbers/m);
});

test('without --shape: the symbolic m × (mn + m) with Iₘ', () => {
  const { code, stdout } = cli('symbolic');
  assert.equal(code, 0);
  assert.ok(stdout.includes('J = diag(σ′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ] ∈ ℝ^{m×(mn + m)}'), stdout);
  assert.ok(stdout.includes('∂y/∂(vec W, b): m × (mn + m)'), stdout);
  assert.ok(stdout.includes('W m × n · x n × 1 · b m × 1 · output m × 1'), stdout);
  assert.match(stdout, /nnz mn \+ m of/);
});

test('--json --numeric: the stable fields of DESIGN.md, field by field, and the numbers by hand', () => {
  const { run, a } = json('json');
  assert.equal(run.code, 0);
  assert.equal(a.ok, true);
  assert.deepEqual(a.output.shape, [3, 1]);
  assert.deepEqual(a.variables.W.shape, [3, 4]);
  assert.deepEqual(a.variables.x.shape, [4, 1]);
  assert.deepEqual(a.variables.b.shape, [3, 1]);
  assert.deepEqual(a.wrt, ['W', 'b']);
  const J = a.jacobian;
  assert.deepEqual(J.shape, [3, 15]);
  assert.equal(J.latex, String.raw`\operatorname{diag}\left(\sigma'\left(W x + b\right)\right) \begin{bmatrix} x^\top \otimes I_3 & I_3 \end{bmatrix}`);
  assert.equal(J.unicode, 'diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃]');
  assert.equal(J.nnz, 15);
  assert.deepEqual(J.blocks.map((b: any) => [b.wrt, b.shape]), [['W', [3, 12]], ['b', [3, 3]]]);
  assert.equal(J.blocks[0].latex, String.raw`\operatorname{diag}\left(\sigma'\left(W x + b\right)\right) \left(x^\top \otimes I_3\right)`);
  assert.equal(J.blocks[1].latex, String.raw`\operatorname{diag}\left(\sigma'\left(W x + b\right)\right)`);
  // values: COO as plain JSON arrays, 0-based, column-major vec
  for (const k of ['rows', 'cols', 'vals']) {
    assert.ok(Array.isArray(J.values[k]), `jacobian.values.${k} is an array`);
    assert.equal(J.values[k].length, 15);
  }
  const inp = a.numbers.inputs;
  const [W, x, b] = [inp.W.data as number[], inp.x.data as number[], inp.b.data as number[]];
  const z = affine(W, 3, 4, x, b);
  const want = Array.from({ length: 3 }, (_, i) => Array.from({ length: 15 }, (_, c) => {
    if (c < 12) return c % 3 === i ? dsig(z[i]!) * x[Math.floor(c / 3)]! : 0; // (xᵀ ⊗ I₃)
    return c - 12 === i ? dsig(z[i]!) : 0; // I₃
  }));
  close(dense(J.values, 3, 15), want, 1e-12, 'J = diag(σ′(z)) [xᵀ ⊗ I₃, I₃]');
  close(a.numbers.output.data, z.map(sig), 1e-12, 'y');
  assert.equal(typeof a.check.maxRelError, 'number');
  assert.ok(a.check.maxRelError < 1e-6);
  assert.equal(a.check.passed, true);
  // gradient: {shape, latex, values}, values row-major; δ = σ′(z) ⊙ g
  const g = inp.g.data as number[];
  const delta = z.map((v, i) => dsig(v) * g[i]!);
  assert.deepEqual(a.gradient.W.shape, [3, 4]);
  assert.equal(a.gradient.W.latex, String.raw`\delta x^\top`);
  close(a.gradient.W.values, delta.flatMap((d) => x.map((xj) => d * xj)), 1e-12, '∂L/∂W = δ xᵀ');
  assert.deepEqual(a.gradient.b.shape, [3, 1]);
  assert.equal(a.gradient.b.latex, String.raw`\delta`);
  close(a.gradient.b.values, delta, 1e-12, '∂L/∂b = δ');
});

test('--json is the library’s analyze() object (dist/core.js), typed arrays as plain arrays', () => {
  const { a } = json('jsonSeed3');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(join(ROOT, 'dist', 'core.js')) as { analyze: (i: string, o: object) => unknown };
  const lib = JSON.parse(JSON.stringify(core.analyze(SEED, { shapes: { W: [3, 4] }, numeric: true, seed: 3 }), (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
  assert.deepEqual(a, lib);
});

test('--json without --numeric or sizes: symbolic shapes as strings, no values, no check', () => {
  const { run, a } = json('jsonSymbolic');
  assert.equal(run.code, 0);
  assert.deepEqual(a.jacobian.shape, ['m', 'mn + m']);
  assert.equal(a.jacobian.nnz, 'mn + m');
  assert.deepEqual(a.variables.W.shape, ['m', 'n']);
  assert.deepEqual(a.jacobian.blocks.map((b: any) => [b.wrt, b.shape]), [['W', ['m', 'mn']], ['b', ['m', 'm']]]);
  assert.equal(a.jacobian.values, undefined);
  assert.equal(a.check, undefined);
  assert.deepEqual(a.gradient.W, { shape: ['m', 'n'], latex: String.raw`\delta x^\top`, unicode: 'δ xᵀ' });
});

test('bad input: exit code 2, JSON ok:false with error {message, start, end}, no stack trace', () => {
  const { run, a } = json('badJson');
  assert.equal(run.code, 2);
  assert.equal(a.ok, false);
  assert.deepEqual(a.error, { message: "unbalanced parenthesis: this '(' is never closed", start: 7, end: 8 });
  assertNoStack(run.stdout + run.stderr);

});

test('bad input, readable: the message and the place on stderr, exit 2, nothing on stdout, no stack', () => {
  const { code, stdout, stderr } = cli('badReadable');
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.ok(stderr.includes("error: unknown function 'foo'"), stderr);
  assert.ok(stderr.includes('line 1, column 9'), stderr);
  assert.ok(stderr.includes('  sigmoid(foo(x))\n          ^^^'), stderr);
  assertNoStack(stderr);
});

test('usage errors: exit 2 with the usage, no stack trace', () => {
  for (const name of ['usageFlag', 'usageShape'] as const) {
    const r = cli(name);
    assert.equal(r.code, 2, name);
    assert.equal(r.stdout, '', name);
    assert.match(r.stderr, /usage: kronecker-lens analyze/, name);
    assertNoStack(r.stderr);
  }
  assert.match(cli('usageFlag').stderr, /unknown flag '--bogus'/);
  assert.match(cli('usageShape').stderr, /--shape W=3by4: expected NAME=RxC/);
});

test('--values FILE.json: row-major W and a column vector x are honoured (inputs and σ(Wx + b) by hand)', () => {
  const { W: rows, x, b } = VALUES;
  const { run, a } = json('values');
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(a.variables.W.shape, [3, 4], 'the sizes come from the values');
  assert.equal(a.variables.W.shapeSource, 'values');
  assert.deepEqual(a.numbers.inputs.W, { shape: [3, 4], data: rows.flat() });
  assert.deepEqual(a.numbers.inputs.x, { shape: [4, 1], data: x });
  assert.deepEqual(a.numbers.inputs.b, { shape: [3, 1], data: b });
  // y_i = σ(Σ_j W_ij x_j + b_i), written out
  const y = rows.map((r, i) => sig(r.reduce((s, w, j) => s + w * x[j]!, b[i]!)));
  close(a.numbers.output.data, y, 1e-14, 'σ(Wx + b)');
  assert.deepEqual(a.numbers.output.shape, [3, 1]);
});

test('--wrt x and --wrt b,W: the columns follow the given order', () => {
  const onlyX = json('wrtX').a;
  assert.deepEqual(onlyX.wrt, ['x']);
  assert.deepEqual(onlyX.jacobian.shape, [3, 4]);
  assert.equal(onlyX.jacobian.unicode, 'diag(σ′(Wx + b)) W');
  const inp = onlyX.numbers.inputs;
  const z = affine(inp.W.data, 3, 4, inp.x.data, inp.b.data);
  const want = Array.from({ length: 3 }, (_, i) => Array.from({ length: 4 }, (_, j) => dsig(z[i]!) * inp.W.data[i * 4 + j]));
  close(dense(onlyX.jacobian.values, 3, 4), want, 1e-12, 'diag(σ′(z)) W');

  const bw = json('wrtBW').a;
  const wb = json('json').a; // the default wrt is W, b
  assert.deepEqual(bw.wrt, ['b', 'W']);
  assert.deepEqual(bw.jacobian.blocks.map((b: any) => b.wrt), ['b', 'W']);
  const Jbw = dense(bw.jacobian.values, 3, 15), Jwb = dense(wb.jacobian.values, 3, 15);
  // [J_b, J_W] is [J_W, J_b] with its column blocks swapped
  close(Jbw.map((r) => [...r.slice(3), ...r.slice(0, 3)]), Jwb, 0, 'columns of b first, then W');
  close(Jbw.map((r) => r.slice(0, 3)), Array.from({ length: 3 }, (_, i) => [0, 1, 2].map((k) => (k === i ? dsig(z[i]!) : 0))), 1e-12, 'J_b = diag(σ′(z))');
});

test('--seed: the same seed gives the same numbers, another seed other numbers', () => {
  const a1 = cli('jsonSeed3'), a2 = cli('jsonSeed3Again'), a0 = cli('json');
  assert.equal(a1.stdout, a2.stdout, 'seed 3 twice (flags in another order): the same output');
  const w = (r: Run) => (JSON.parse(r.stdout) as any).numbers.inputs.W.data as number[];
  assert.notDeepEqual(w(a1), w(a0), 'seed 3 and the default seed 0 differ');
  assert.equal((JSON.parse(a1.stdout) as any).numbers.seed, 3);
  assert.equal((JSON.parse(a0.stdout) as any).numbers.seed, 0);
});

test('--file and --line: lines up to N are analysed; errors point into the file', () => {
  const text = LAYER_TEXT;
  const upTo3 = json('fileLine3').a;
  assert.equal(upTo3.ok, true);
  assert.deepEqual(upTo3.jacobian.shape, [3, 15]);
  assert.equal(upTo3.jacobian.unicode, 'diag(σ′(z)) [xᵀ ⊗ I₃, I₃]');
  const whole = json('fileWhole');
  assert.equal(whole.run.code, 2);
  assert.match(whole.a.error.message, /unknown function 'foo'/);
  assert.equal(text.slice(whole.a.error.start, whole.a.error.end), 'foo');
});

test('a failed check is never a success: ✘ in the report, exit 1', () => {
  const r = cli('kink');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /max rel\. error 5\.0e-1 ✘/);
});
