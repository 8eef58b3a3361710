// Hostile and huge input (issue 10): long, deep and wide expressions, special and huge files,
// names that are Object.prototype keys, non-finite numbers, sizes over the cost budget. Each case
// ends in an answer or a positioned error; the suite's own run time is its time budget.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { analyze, analyzeFile } from '../../../src/core';
import { MAX_BRACKETS, MAX_DEFINITIONS, MAX_DOCUMENT_CHARS, MAX_SYMBOLS } from '../../../src/core/limits';
import { DocumentIndex, scanDocument } from '../../../src/core/scan';
import { findBlocks } from '../../../src/core/scan/blocks';
import { writeJson } from '../../../src/cliJson';
import { readText } from '../../../src/cliArgs';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'kl-hostile-'));

before(() => {
  if (!existsSync(CLI)) execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });

function error(text: string, options = {}): { message: string; start: number; end: number } {
  const a = analyze(text, options);
  assert.ok(!a.ok, `expected an error for ${text.slice(0, 60)}…`);
  return a.error;
}

test('a sum of 3,000 terms: a positioned error at the first symbol past the limit, no stack overflow', () => {
  const text = `y = ${'W*x + '.repeat(3000)}b`;
  const e = error(text);
  assert.equal(e.message, `expression too long: 12,003 names, numbers and operators; the limit is ${MAX_SYMBOLS.toLocaleString('en-US')} — split it into several assignments`);
  // y and = come first, then four symbols a term (W, *, x, +): the first one past the limit is
  // symbol k (0-based) of the terms, at its place in its term.
  const k = MAX_SYMBOLS - 2;
  const inTerm = [0, 1, 2, 4][k % 4] as number;
  assert.equal(e.start, 'y = '.length + Math.floor(k / 4) * 'W*x + '.length + inTerm);
  assert.equal(e.end, text.length);
});

test('every notation and the scanner refuse a 3,000-term line the same way (a file never throws)', () => {
  const line = `y = ${'W*x + '.repeat(3000)}b\n`;
  for (const [path, text] of [['a.txt', line], ['a.md', `$$\n${line}$$\n`], ['a.tex', `\\[${line.replace(/\*/g, ' ')}\\]\n`]] as const) {
    const a = analyzeFile(text, path, undefined, {});
    assert.ok(!a.ok, path);
    assert.ok(a.error.message.startsWith('expression too long: ') && a.error.message.includes(`the limit is ${MAX_SYMBOLS}`), `${path}: ${a.error.message}`);
    assert.ok(a.error.start > 0 && a.error.start < a.error.end, path);
  }
  const py = analyzeFile(`import torch\ny = torch.sigmoid(${'W @ x + '.repeat(3000)}b)\n`, 'a.py', undefined, {});
  assert.ok(!py.ok);
});

test(`at the limit (${MAX_SYMBOLS} symbols) the deepest trees are analysed, numbers and check included`, () => {
  const n = MAX_SYMBOLS;
  // Differentiated by x, the chains of products give a gradient as deep as the input (by A, one
  // quadratic in its length: that is a matter of time, not of depth).
  const cases = {
    negations: [`y = ${'-'.repeat(n - 3)}x`, undefined],
    transposes: [`y = x${"'".repeat(n - 3)}`, undefined],
    products: [`y = ${'A*'.repeat((n - 4) / 2)}x`, ['x']],
    juxtaposed: [`y = ${'A '.repeat(n - 3)}x`, ['x']],
  } as const;
  for (const [name, [text, wrt]] of Object.entries(cases)) {
    const a = analyze(text, { shapes: { A: [2, 2], x: [2, 1] }, numeric: true, ...(wrt ? { wrt: [...wrt] } : {}) });
    assert.ok(a.ok, `${name}: ${a.ok ? '' : a.error.message}`);
    assert.equal(a.check?.passed, true, name);
  }
  assert.ok(!analyze(`y = ${'A '.repeat(n - 2)}x`).ok, 'one more symbol is refused');
});

test(`more than ${MAX_BRACKETS} brackets open at once: an error at the bracket`, () => {
  const text = `y = ${'('.repeat(MAX_BRACKETS + 20)}x${')'.repeat(MAX_BRACKETS + 20)}`;
  const e = error(text);
  assert.equal(e.message, `expression nested too deeply: more than ${MAX_BRACKETS} brackets open at once`);
  assert.equal(e.start, 'y = '.length + MAX_BRACKETS);
  assert.ok(!analyze(`y = ${'\\sigma('.repeat(150)}x${')'.repeat(150)}`, { notation: 'latex' }).ok);
});

test('a Markdown text of 200,000 inline formulas: its blocks are found (no spread of them onto the stack)', () => {
  const blocks = findBlocks('$y = W x$ and '.repeat(200_000), 'markdown');
  assert.equal(blocks.length, 200_000);
  assert.equal(blocks[199_999]?.start, 199_999 * '$y = W x$ and '.length + 1);
});

test(`a paragraph of ${MAX_DEFINITIONS} definitions: each site's chain is its own (the scan stays linear)`, () => {
  const many = Array.from({ length: MAX_DEFINITIONS - 2 }, (_, i) => `$y_{${i}} = W x$`);
  const text = [...many, '$z = W x$', '$u = \\sigma(z)$'].join(' and ');
  const sites = scanDocument(text, 'markdown');
  assert.equal(sites.length, MAX_DEFINITIONS);
  assert.deepEqual(sites.map((s) => s.program?.assignments.length), [...many.map(() => 1), 1, 2]);
  assert.deepEqual(sites.at(-1)?.program?.assignments.map((a) => a.name), ['z', 'u']);
  const a = analyzeFile(text, 'many.md', undefined, {});
  assert.ok(a.ok, a.ok ? '' : a.error.message);
});

test(`a Markdown file of 150,000 definitions: the first ${MAX_DEFINITIONS} are read, the rest skipped with a note; a file's line past them is refused`, { timeout: 60_000 }, () => {
  const text = Array.from({ length: 150_000 }, (_, i) => `$y_{${i}} = W x$\n`).join('');
  const index = new DocumentIndex(text, 'markdown');
  assert.equal(index.sites.length, MAX_DEFINITIONS);
  assert.equal(index.sites.at(-1)?.label, `y_{${MAX_DEFINITIONS - 1}} = W x`);
  const first = text.indexOf(`$y_{${MAX_DEFINITIONS}}`) + 1; // an inline block starts inside its $
  assert.deepEqual(index.skipped, {
    start: first,
    line: MAX_DEFINITIONS,
    note: `only the first ${MAX_DEFINITIONS} definitions of a document are read; what follows them, from line ${MAX_DEFINITIONS + 1} on, is skipped`,
  });
  const early = analyzeFile(text, 'many.md', 10, {});
  assert.ok(early.ok && early.definition.unicode.startsWith('y₉'), early.ok ? early.definition.unicode : early.error.message);
  for (const line of [undefined, 100_000]) {
    const a = analyzeFile(text, 'many.md', line, {});
    assert.ok(!a.ok);
    assert.ok(a.error.message.startsWith(`many.md: only the first ${MAX_DEFINITIONS} definitions`), a.error.message);
    assert.deepEqual([a.error.start, a.error.end], [first, first]);
  }
  assert.equal(new DocumentIndex(text.slice(0, first), 'markdown').skipped, undefined);
});

test(`the paragraph of the ${MAX_DEFINITIONS}th definition is read to its end: its declarations apply, and nothing is said skipped`, () => {
  const para = (i: number) => `$$y_{${i}} = \\sigma(W_{${i}} x)$$ where $W_{${i}} \\in \\mathbb{R}^{3 \\times 4}$.\n\n`;
  const text = Array.from({ length: MAX_DEFINITIONS }, (_, i) => para(i)).join('');
  const index = new DocumentIndex(text, 'markdown');
  assert.equal(index.skipped, undefined);
  const last = index.sites.at(-1)?.program;
  assert.deepEqual(last?.declarations.map((d) => d.name), [`W_${MAX_DEFINITIONS - 1}`]);
  const more = new DocumentIndex(text + para(MAX_DEFINITIONS), 'markdown');
  assert.equal(more.sites.length, MAX_DEFINITIONS);
  assert.equal(more.skipped?.line, 2 * MAX_DEFINITIONS);
});

test('--file: a device, a directory, a FIFO and a 50 MB one-line file are refused before reading, exit 2', () => {
  const big = join(dir, 'big.txt');
  writeFileSync(big, 'y = W*x\n');
  truncateSync(big, 50 * 2 ** 20); // 50 MB without writing them (a sparse file): refused by its size

  const fifo = join(dir, 'fifo'); // opening it for reading waited for a writer: a hang
  execFileSync('mkfifo', [fifo]);
  for (const [path, said] of [['/dev/zero', 'not a regular file'], [dir, 'not a regular file'], [fifo, 'not a regular file'], [big, '50.0 MB is over the limit of 4.0 MB']] as const) {
    const r = cli('analyze', '--file', path);
    assert.equal(r.status, 2, path);
    assert.ok(r.stderr.includes(`--file ${path}: `) && r.stderr.includes(said), r.stderr);
  }
});

test('a file one byte over the limit: the size and the limit are told apart (in bytes when MB would print them alike)', () => {
  const over = join(dir, 'over.txt');
  writeFileSync(over, '');
  truncateSync(over, MAX_DOCUMENT_CHARS + 1);
  assert.throws(() => readText(over), { message: `--file ${over}: 4,194,305 bytes is over the limit of 4,194,304 bytes` });
  truncateSync(over, MAX_DOCUMENT_CHARS);
  assert.equal(readText(over).length, MAX_DOCUMENT_CHARS, 'a file at the limit is read');
  truncateSync(over, 2048);
  assert.throws(() => readText(over, 2000, '--values'), { message: `--values ${over}: 2,048 bytes is over the limit of 2,000 bytes` });
  assert.throws(() => readText(over, 1024, '--values'), { message: `--values ${over}: 2.0 KB is over the limit of 1.0 KB` });
});

test('names that are Object.prototype keys are variables like any other, in every notation', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    for (const [text, options] of [
      [`y = sigmoid(${name}*x + b)`, { shapes: { [name]: [3, 4] }, numeric: true }],
      [`y = \\sigma(\\mathrm{${name.replace(/_/g, '\\_')}} x)`, { notation: 'latex' }],
      [`import torch\ny = torch.sigmoid(${name} @ x)`, { notation: 'python' }],
    ] as const) {
      const a = analyze(text, options);
      if (!a.ok && options.notation === 'latex' && name === '__proto__') continue; // `\_` is not a LaTeX name character here
      assert.ok(a.ok, `${name} in ${text}: ${a.ok ? '' : a.error.message}`);
      assert.ok(Object.hasOwn(a.variables, name), `${name} is a variable of ${text}`);
      assert.ok(!/native code|\[object Object\]/.test(a.definition.latex), a.definition.latex);
      assert.ok(a.wrt.includes(name));
      assert.ok(a.gradient && Object.hasOwn(a.gradient, name), `${name} has a gradient`);
    }
  }
});

test('numbers over the cost budget: the estimate and the largest sizes that fit, before anything is allocated', () => {
  const cases = [
    ['inv(X)', { X: [500, 500] }, /X (\d+)×\1, g \d+×\d+/],
    ['X^32', { X: [2000, 2000] }, /X (\d+)×\1/],
    ["a'*inv(X)*b", { X: [1000, 1000] }, /X (\d+)×\1/],
    ['sigmoid(W*x + b)', { W: [3000, 3000] }, /W (\d+)×\1/],
  ] as const;
  for (const [text, shapes, fits] of cases) {
    const e = error(text, { shapes, numeric: true });
    assert.match(e.message, /^numbers for these sizes \(.+\) would take about [\d.e]+ operations and [\d.]+ [MG]B; the budget is [\d.e]+ operations and \d+ MB\./, text);
    const m = fits.exec(e.message.slice(e.message.indexOf('that fit:')));
    assert.ok(m, `${text}: ${e.message}`);
    assert.ok(Number(m[1]) < (Object.values(shapes)[0] as readonly number[])[0]!, `${text}: a smaller size fits`);
    assert.deepEqual([e.start, e.end], [0, text.length], text);
    assert.equal(analyze(text, { shapes }).ok, true, `${text} without numbers is answered symbolically`);
  }
});

test('non-finite numbers: JSON null with a word on stderr and exit 1; the check failing exits 1', () => {
  const values = join(dir, 'neg.json');
  writeFileSync(values, JSON.stringify({ x: [-1, 2] }));
  const r = cli('analyze', '--expr', 'log(x)', '--values', values, '--numeric', '--json');
  assert.equal(r.status, 1, r.stderr);
  const a = JSON.parse(r.stdout);
  assert.equal(a.numbers.output.data[0], null);
  assert.ok(r.stderr.includes('not finite (an overflow or 0/0) and printed as null'), r.stderr);
});

test('the command line: --help and --version exit 0; --expr --numeric and a repeated --shape are usage errors', () => {
  assert.equal(cli('--help').status, 0);
  assert.match(cli('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  const flag = cli('analyze', '--expr', '--numeric');
  assert.equal(flag.status, 2);
  assert.ok(flag.stderr.startsWith('kronecker-lens: --expr needs a value'), flag.stderr);
  const twice = cli('analyze', '--expr', 'W*x', '--shape', 'W=3x4', '--shape', 'W=5x4');
  assert.equal(twice.status, 2);
  assert.ok(twice.stderr.startsWith('kronecker-lens: --shape W=5x4: W was already given a shape'), twice.stderr);
});

test('--json streams: 300,000 numbers go out in chunks, none of them a giant string, NaN counted', () => {
  const data = new Float64Array(300_000).map((_, i) => i / 7);
  data[5] = NaN;
  data[9] = Infinity;
  const chunks: string[] = [];
  const bad = writeJson({ ok: true, values: { vals: data } }, { write: (s) => void chunks.push(s) });
  assert.equal(bad, 2);
  assert.ok(chunks.length > 30 && chunks.every((c) => c.length < 2 ** 20));
  const back = JSON.parse(chunks.join(''));
  assert.equal(back.values.vals.length, 300_000);
  assert.equal(back.values.vals[5], null);
  assert.equal(back.values.vals[9], null);
  assert.equal(back.values.vals[7], 1);
});

test('an error on a 17 KB line shows the line around the caret only, the caret under the symbol named', () => {
  const file = join(dir, 'long.txt');
  const text = `y = ${'W*x + '.repeat(3000)}b\n`;
  writeFileSync(file, text);
  const r = cli('analyze', '--file', file);
  assert.equal(r.status, 2);
  const e = error(text);
  const lines = r.stderr.split('\n');
  assert.ok(r.stderr.length < 600 && lines.every((l) => l.length < 200), r.stderr.slice(0, 600));
  assert.equal(lines[1], `  at line 1, column ${e.start + 1}`);
  const [src, caret] = [lines[2] as string, lines[3] as string];
  assert.ok(src.startsWith('  …') && src.endsWith('…'), src);
  const at = caret.indexOf('^');
  assert.equal(src[at], text[e.start]);
  assert.equal(src.slice(at, at + 12), text.slice(e.start, e.start + 12));
});
