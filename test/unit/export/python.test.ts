// The exported code RUNS: NumPy and PyTorch scripts for every example and a spread of the core's
// test expressions are executed with Debian's /usr/bin/python3 (python3-numpy, python3-torch).
// Each script's own finite-difference check must pass (and, for PyTorch, its check against
// torch.autograd); the gradient it prints must equal the core's. JAX scripts are compiled.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, analyzeProgram, scanDocument, languageOfPath } from '../../../src/core/index';
import type { AnalysisOk, AnalyzeOptions } from '../../../src/core/index';
import { exportExpression, exportProgram, type ExportFormat } from '../../../src/core/export/index';
import { ELEMENTWISE_NAMES } from '../../../src/core/ops/elementwise';
import { build, CASES } from '../helpers/cases';
import { flatValues, shapesOf, valuesJSON } from '../helpers/oracle';

const PYTHON = '/usr/bin/python3';
const ROOT = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'kl-export-'));

interface Job {
  label: string;
  analysis: AnalysisOk;
  files: Partial<Record<ExportFormat, string>>;
}

const jobs: Job[] = [];

function addJob(label: string, make: (f: ExportFormat) => ReturnType<typeof exportExpression>, analysis: ReturnType<typeof analyze>): void {
  assert.ok(analysis.ok, `${label}: ${analysis.ok ? '' : analysis.error.message}`);
  const files: Job['files'] = {};
  for (const f of ['numpy', 'pytorch', 'jax'] as const) {
    const r = make(f);
    assert.ok(r.ok, `${label} (${f}): ${r.ok ? '' : r.error.message}`);
    const path = join(dir, `job${jobs.length}_${f}.py`);
    writeFileSync(path, r.text);
    files[f] = path;
  }
  jobs.push({ label, analysis, files });
}

const SIZES = { m: 3, n: 2, p: 2, q: 3 };
/** The core's test expressions (⊗ and vec included: their gradients use block sums and vec⁻¹), plus the named losses. */
function coreCases(): void {
  for (const [i, c] of CASES.entries()) {
    const vars = build(c, SIZES, 100 + i);
    const options: AnalyzeOptions = { wrt: Object.keys(vars), shapes: shapesOf(vars), values: valuesJSON(vars), numeric: true };
    addJob(c.expr, (f) => exportExpression(c.expr, f, options), analyze(c.expr, options));
  }
  for (const [expr, loss] of [['sigmoid(W*x + b)', 'sse'], ['W*x + b', 'xent'], ['tanh(W*x + b)', 'sum(y .* y)'],
    ['gelu(W*x + b)', 'sse'], ['gelu_tanh(W*x + b)', 'sse'], ['silu(W*x + b)', 'sse'], ['softplus(W*x + b)', 'sse'], ['leaky_relu(W*x + b)', 'sse'],
    ['elu(W*x + b)', 'sse'], ['selu(W*x + b)', 'sse'], ['mish(W*x + b)', 'sse'], ['hardswish(W*x + b)', 'sse'], ['hardtanh(W*x + b)', 'sse'],
    ['softsign(W*x + b)', 'sse'], ['logsigmoid(W*x + b)', 'sse'], ['norm_inf(W*x)^2 + norm_inf(x)', 'sse']] as const) {
    const options: AnalyzeOptions = { shapes: { W: [3, 4] }, loss, numeric: true };
    addJob(`${expr} with loss ${loss}`, (f) => exportExpression(expr, f, options), analyze(expr, options));
  }
}

/** Softmax along an axis (the helper's axis argument), in PyTorch notation. */
function softmaxAxes(): void {
  for (const source of [
    '# X: (5, 4)\n# W: (3, 4)\n# b: (3,)\ny = F.softmax(X @ W.T + b, dim=-1)',
    '# att: (4, 3)\ny = F.softmax(att, dim=0)',
    '# x: (1, 4)\n# W: (3, 4)\ny = F.softmax(x @ W.T, dim=-1)',
  ]) {
    const options: AnalyzeOptions = { notation: 'python', numeric: true };
    addJob(source, (f) => exportExpression(source, f, options), analyze(source, options));
  }
}

/** Every definition in every example file, with the declarations in scope there. */
function examples(): void {
  for (const file of ['layer.md', 'layer.tex', 'model.py', 'cookbook.txt']) {
    const path = join(ROOT, 'examples', file);
    const text = readFileSync(path, 'utf8');
    for (const site of scanDocument(text, languageOfPath(path))) {
      if (!site.program) continue;
      const a = analyzeProgram(site.program, text, site.notation, { numeric: true });
      assert.ok(a.ok, `${file}: ${a.ok ? '' : a.error.message}`);
      const line = text.slice(0, site.range.start).split('\n').length;
      addJob(`examples/${file}:${line}`, (f) => exportProgram(site.program!, text, site.notation, f, {}), a);
    }
  }
}

const DRIVER = `import contextlib, io, json, runpy, sys, traceback
out = []
for path in sys.argv[1:]:
    buf, code, err = io.StringIO(), 0, None
    try:
        with contextlib.redirect_stdout(buf):
            runpy.run_path(path, run_name="__main__")
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except Exception:
        code, err = 99, traceback.format_exc()
    out.append({"path": path, "code": code, "stdout": buf.getvalue(), "error": err})
print(json.dumps(out))
`;

interface Ran { code: number; stdout: string; error: string | null }
const ran = new Map<string, Ran>();

/** All scripts in one interpreter (importing torch once), each as `__main__`. */
function runAll(paths: string[]): void {
  const driver = join(dir, 'driver.py');
  writeFileSync(driver, DRIVER);
  const out = execFileSync(PYTHON, [driver, ...paths], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  for (const r of JSON.parse(out) as Array<Ran & { path: string }>) ran.set(r.path, r);
}

/** Inputs named as the tool's own symbols: the output y, the commutation K, the upstream g, the loss L,
 *  the target t, δ. The code must name what the tool introduces otherwise (an input y was overwritten
 *  by the output y = …, and δ = … by the backpropagated error). */
const USER_NAMES: Array<[string, AnalyzeOptions]> = [
  ["tanh(K'*y + L*g) .* delta", { wrt: ['K', 'L', 'delta'] }],
  ['0.5*norm(K*x - y)^2', { wrt: ['K'] }],
  ['sigmoid(K*x + y) + L*t', { loss: 'sse', wrt: ['K', 'L'] }],
];

function userNames(): void {
  for (const [expr, o] of USER_NAMES) {
    const options: AnalyzeOptions = { ...o, numeric: true };
    addJob(`names: ${expr}`, (f) => exportExpression(expr, f, options), analyze(expr, options));
  }
}

before(() => {
  coreCases();
  userNames();
  softmaxAxes();
  examples();
  runAll(jobs.flatMap((j) => [j.files.numpy as string, j.files.pytorch as string]));
});

function checkRun(job: Job, target: 'numpy' | 'pytorch'): void {
  const path = job.files[target] as string;
  const r = ran.get(path);
  assert.ok(r, `${path} was run`);
  assert.equal(r.error, null, `${job.label} (${target}) raised:\n${r.error}`);
  assert.equal(r.code, 0, `${job.label} (${target}) exited ${r.code}: ${r.stdout}`);
  const report = JSON.parse(r.stdout.trim().split('\n').pop() as string);
  assert.equal(report.finiteDifferences.passed, true, `${job.label} (${target}): ${JSON.stringify(report.finiteDifferences)}`);
  if (target === 'pytorch') assert.equal(report.autograd.passed, true, `${job.label}: autograd ${JSON.stringify(report.autograd)}`);
  for (const [w, g] of Object.entries(job.analysis.gradient ?? {})) {
    const want = Array.from(flatValues(g.values ?? []));
    const got = Array.from(flatValues(report.gradient[w]));
    assert.equal(got.length, want.length, `${job.label} (${target}) ∂L/∂${w}: ${got.length} entries, the core has ${want.length}`);
    want.forEach((v, i) => assert.ok(Math.abs((got[i] as number) - v) <= 1e-9 * Math.max(1, Math.abs(v)), `${job.label} (${target}) ∂L/∂${w}[${i}]: ${got[i]} vs the core's ${v}`));
  }
  // VJP form: a Kronecker product is never formed for an expression that has none
  if (!/kron|⊗/.test(job.analysis.input)) assert.ok(!/\bkron\(/.test(readFileSync(path, 'utf8')), `${job.label}: no kron in the code`);
}

test('the exported NumPy code runs: its gradient check passes and its gradient equals the core\'s, for every example and core expression', () => {
  assert.ok(jobs.length >= 60, `${jobs.length} jobs`);
  assert.ok(jobs.some((j) => j.label.startsWith('examples/model.py')) && jobs.some((j) => j.label.startsWith('examples/layer.tex')), 'examples of every notation');
  for (const j of jobs) checkRun(j, 'numpy');
});

test('the exported PyTorch code runs: finite differences and torch.autograd both agree with its formula, and with the core', () => {
  for (const j of jobs) checkRun(j, 'pytorch');
});

test('inputs named y, K, g, L, t, δ: the generated code names the output, upstream, target and δ otherwise, and runs', () => {
  const named = jobs.filter((j) => j.label.startsWith('names: '));
  assert.equal(named.length, USER_NAMES.length);
  for (const j of named) {
    const code = readFileSync(j.files.numpy as string, 'utf8');
    assert.doesNotMatch(code, /^ {4}y = /m, `${j.label}: the input y is never assigned`);
    if (j.label.includes('delta')) assert.doesNotMatch(code, /^ {4}delta = /m, `${j.label}: the input delta is never assigned`);
    for (const t of ['numpy', 'pytorch'] as const) checkRun(j, t);
  }
});

test('the exported JAX code compiles (python3 -m py_compile)', () => {
  execFileSync(PYTHON, ['-m', 'py_compile', ...jobs.map((j) => j.files.jax as string)], { stdio: 'pipe' });
});

test('the generated check fails a wrong gradient: ∂L/∂W doubled exits 1 with passed false', () => {
  const r = exportExpression('sigmoid(W*x + b)', 'numpy', { shapes: { W: [3, 4] } });
  assert.ok(r.ok);
  assert.match(r.text, /"W": delta @ x\.T,/);
  const path = join(dir, 'wrong.py');
  writeFileSync(path, r.text.replace('"W": delta @ x.T,', '"W": 2.0 * (delta @ x.T),'));
  let code = 0, stdout = '';
  try {
    execFileSync(PYTHON, [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    code = (e as { status: number }).status;
    stdout = String((e as { stdout: string }).stdout);
  }
  assert.equal(code, 1);
  assert.equal(JSON.parse(stdout).finiteDifferences.passed, false);
});

test('run as a program (python3 gradient_torch.py): the seed layer\'s PyTorch script exits 0', () => {
  const r = exportExpression('sigmoid(W*x + b)', 'pytorch', { shapes: { W: [3, 4] } });
  assert.ok(r.ok);
  const path = join(dir, r.filename);
  writeFileSync(path, r.text);
  const out = JSON.parse(execFileSync(PYTHON, [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  assert.equal(out.autograd.passed, true);
  assert.ok(out.autograd.maxRelError <= 1e-9);
});

test('every elementwise function of the catalogue prints: a primitive, or its definition in others', () => {
  for (const fn of ELEMENTWISE_NAMES) {
    const r = exportExpression(`sum(${fn === "sigmoid'" ? 'sigmoid' : fn}(X))`, 'numpy', { shapes: { X: [2, 2] }, values: { X: [[0.5, 0.25], [0.75, 1.5]] } });
    if (!r.ok && /unknown function|not a function/.test(r.error.message)) continue; // entries users cannot write (σ′) print through the rules
    assert.ok(r.ok, `${fn}: ${r.ok ? '' : r.error.message}`);
  }
});
