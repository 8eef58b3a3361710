// `--emit numpy|pytorch|jax|latex|mtx|csv [--out FILE]` and `--explain`, as a user runs them.
// The Matrix Market file is read back by a reader written here from the format's definition
// (banner, size line, 1-based coordinates) and compared with J = diag(σ′(z)) [xᵀ ⊗ I₃, I₃]
// computed by hand; CSV the same; the code is run with /usr/bin/python3.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'kl-emit-'));
const VALUES_FILE = join(dir, 'values.json');
const W = [[0.5, -1, 2, 0.25], [1.5, 0, -0.5, 1], [-2, 0.75, 1, -1]];
const x = [1, -2, 0.5, 3], b = [0.1, -0.2, 0.3];
const SEED = ['--expr', 'sigmoid(W*x + b)', '--values', VALUES_FILE];
const OUT = join(dir, 'J.mtx');

const RUNS = {
  mtx: [...SEED, '--emit', 'mtx'],
  csv: [...SEED, '--emit', 'csv'],
  latex: [...SEED, '--emit', 'latex'],
  numpy: [...SEED, '--emit', 'numpy'],
  out: [...SEED, '--emit', 'mtx', '--out', OUT],
  explain: [...SEED, '--explain'],
  badFormat: [...SEED, '--emit', 'matlab'],
  outAlone: [...SEED, '--out', OUT],
} as const;

interface Run { code: number | null; stdout: string; stderr: string }
const results = new Map<keyof typeof RUNS, Run>();

before(async () => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  writeFileSync(VALUES_FILE, JSON.stringify({ W, x, b }));
  await Promise.all((Object.keys(RUNS) as Array<keyof typeof RUNS>).map((k) => new Promise<void>((done) => {
    execFile(process.execPath, [CLI, 'analyze', ...RUNS[k]], { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
      results.set(k, { code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
      done();
    });
  })));
});

const run = (k: keyof typeof RUNS): Run => results.get(k) as Run;

/** J = diag(σ′(z)) [xᵀ ⊗ I₃, I₃], z = W x + b, by hand: J[i][3j + i] = σ′(zᵢ) xⱼ, J[i][12 + i] = σ′(zᵢ). */
function handJ(): number[][] {
  const z = W.map((row, i) => row.reduce((s, w, j) => s + w * (x[j] as number), b[i] as number));
  const ds = z.map((v) => Math.exp(-v) / (1 + Math.exp(-v)) ** 2);
  const J = z.map(() => new Array<number>(15).fill(0));
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 4; j++) J[i]![3 * j + i] = (ds[i] as number) * (x[j] as number);
    J[i]![12 + i] = ds[i] as number;
  }
  return J;
}

/** A Matrix Market reader for `coordinate real general`, from the format's definition. */
function readMatrixMarket(text: string): number[][] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  assert.match(lines[0] ?? '', /^%%MatrixMarket matrix coordinate real general$/i);
  const body = lines.filter((l) => !l.startsWith('%'));
  const [rows, cols, nnz] = (body[0] as string).trim().split(/\s+/).map(Number) as [number, number, number];
  assert.equal(body.length - 1, nnz, 'as many entry lines as the size line says');
  const M = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (const l of body.slice(1)) {
    const [i, j, v] = l.trim().split(/\s+/).map(Number) as [number, number, number];
    assert.ok(Number.isInteger(i) && i >= 1 && i <= rows && Number.isInteger(j) && j >= 1 && j <= cols, `1-based entry ${l}`);
    M[i - 1]![j - 1]! += v;
  }
  return M;
}

const assertMatrix = (got: number[][], want: number[][], label: string) => {
  assert.equal(got.length, want.length, `${label}: rows`);
  want.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs((got[i]?.[j] ?? NaN) - v) <= 1e-12, `${label}[${i}][${j}]: ${got[i]?.[j]} vs ${v}`)));
};

test('--emit mtx: a Matrix Market file of J (3 × 15, 15 stored entries) that a reader of the format reads as diag(σ′(z)) [xᵀ ⊗ I₃, I₃]', () => {
  const r = run('mtx');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^3 15 15$/m);
  assertMatrix(readMatrixMarket(r.stdout), handJ(), 'J from .mtx');
});

test('--emit mtx --out FILE writes the same file and prints nothing', () => {
  const r = run('out');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(OUT, 'utf8'), run('mtx').stdout);
});

test('--emit csv: 3 lines of 15 comma-separated numbers, J by hand', () => {
  const r = run('csv');
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => l.split(',').map(Number));
  assert.ok(rows.every((row) => row.length === 15));
  assertMatrix(rows, handJ(), 'J from CSV');
});

test('--emit latex: an enumerate of the steps with the vec identity and its source', () => {
  const r = run('latex');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\\begin\{enumerate\}[\s\S]*\\end\{enumerate\}/);
  assert.match(r.stdout, /\\operatorname\{vec\}\(AXB\) = \(B\^\\top \\otimes A\)\\operatorname\{vec\} X/);
  assert.match(r.stdout, /Matrix Cookbook \(37\), \(520\); Magnus \\& Neudecker Thm 2\.2/);
});

test('--emit numpy prints a script that runs: its check passes and ∂L/∂b = σ′(z) ⊙ g', () => {
  const r = run('numpy');
  assert.equal(r.code, 0, r.stderr);
  const path = join(dir, 'g.py');
  writeFileSync(path, r.stdout);
  const out = JSON.parse(execFileSync('/usr/bin/python3', [path], { encoding: 'utf8' }));
  assert.equal(out.finiteDifferences.passed, true);
  assert.equal(out.gradient.b.length, 3);
});

test('--explain prints the derivation after the report, numbered, with sources', () => {
  const r = run('explain');
  assert.equal(r.code, 0, r.stderr);
  const tail = r.stdout.slice(r.stdout.indexOf('\nDerivation\n'));
  assert.match(tail, /\n\s+\d+\. matrix product: product rule, then the vec identity {2}\[Matrix Cookbook \(37\), \(520\); Magnus & Neudecker Thm 2\.2\]\n\s+by d\(AB\) = dA B \+ A dB, {2}vec\(AXB\) = \(Bᵀ ⊗ A\) vec X\n\s+d\(Wx\) = \(xᵀ ⊗ I₃\) d vec W\n/);
  assert.match(tail, /∂L\/∂W = δ xᵀ, {2}∂L\/∂b = δ/);
});

test('--emit with an unknown format, --out without --emit: exit 2 with the reason', () => {
  assert.equal(run('badFormat').code, 2);
  assert.match(run('badFormat').stderr, /--emit matlab: expected numpy, pytorch, jax, latex, mtx, csv/);
  assert.equal(run('outAlone').code, 2);
  assert.match(run('outAlone').stderr, /--out goes with --emit/);
});
