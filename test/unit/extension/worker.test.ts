// The built analysis worker (dist/worker.js, from `npm run build`) with the real scanner and core:
// the examples' seed layer through the same client the extension host uses.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Analyzer } from '../../../src/extension/worker/analyzer';
import { siteJob, withOptions } from '../../../src/extension/editor/sites';
import { MAX_DEFINITIONS } from '../../../src/core/limits';

const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'dist', 'worker.js');
const skip = existsSync(script) ? false : 'dist/worker.js is not built (npm run build)';
const analyzer = new Analyzer({ script, timeoutMs: 30_000 });
after(() => analyzer.dispose());

test('examples/layer.md: the seed layer is found and analysed in the worker: J ∈ ℝ^{3×15}, check passed', { skip }, async () => {
  const text = readFileSync(join(root, 'examples', 'layer.md'), 'utf8');
  const sites = (await analyzer.scan('layer.md', text, 'markdown')).sites;
  const site = sites.find((s) => s.label === 'y = \\sigma(Wx + b)');
  assert.ok(site?.program, 'the layer is a definition');
  const job = siteJob((a, b) => text.slice(a, b), site);
  assert.ok(!('ok' in job));
  const a = await analyzer.analyze(withOptions(job, { numeric: true }));
  assert.ok(a.ok, a.ok ? '' : a.error.message);
  assert.deepEqual(a.jacobian.shape, [3, 15]);
  assert.deepEqual(a.wrt, ['W', 'b']);
  assert.equal(a.jacobian.nnz, 15);
  assert.equal(a.check?.passed, true);
  assert.ok(a.jacobian.values?.vals instanceof Float64Array, 'typed arrays cross the thread boundary');
});

test('every definition of the examples analyses without an error', { skip }, async () => {
  const langs = { 'layer.md': 'markdown', 'layer.tex': 'latex', 'model.py': 'python', 'cookbook.txt': 'plaintext' } as const;
  for (const [file, language] of Object.entries(langs)) {
    const text = readFileSync(join(root, 'examples', file), 'utf8');
    const defs = (await analyzer.scan(file, text, language)).sites.filter((s) => s.program);
    assert.ok(defs.length > 0, `${file} has definitions`);
    for (const s of defs) {
      const job = siteJob((a, b) => text.slice(a, b), s);
      assert.ok(!('ok' in job));
      const a = await analyzer.analyze(withOptions(job, {}), 'background');
      assert.ok(a.ok, `${file}:${s.line + 1} ${s.label}: ${a.ok ? '' : a.error.message}`);
    }
  }
});

test('a document scanned again after an edit gives the sites of its new text (the worker keeps an incremental index)', { skip }, async () => {
  const before = 'Shapes: $W \\in \\mathbb{R}^{3 \\times 4}$\n\n$$y = \\sigma(Wx + b)$$\n';
  const after = `${before}\n$$z = \\tanh(Wx)$$\n`;
  const first = (await analyzer.scan('edited.md', before, 'markdown')).sites;
  const second = (await analyzer.scan('edited.md', after, 'markdown')).sites;
  const fresh = (await analyzer.scan('fresh.md', after, 'markdown')).sites;
  assert.deepEqual(first.map((s) => s.label), ['y = \\sigma(Wx + b)']);
  assert.deepEqual(second.map((s) => s.label), ['y = \\sigma(Wx + b)', 'z = \\tanh(Wx)']);
  assert.deepEqual(second, fresh);
});

test('the worker draws a hover\'s formulas with MathJax: one SVG per formula, null for LaTeX it cannot read', { skip }, async () => {
  const [ok, bad] = await analyzer.svg(['\\frac{\\partial L}{\\partial W} = \\delta x^\\top', '\\frac{'], '#3b3b3b');
  assert.ok(ok?.startsWith('<svg') && ok.includes('fill="#3b3b3b"'), ok ?? 'null');
  assert.equal(bad, null);
});

test(`a document with more than ${MAX_DEFINITIONS} definitions: the worker lists its first ${MAX_DEFINITIONS}, with a note from where it skipped`, { skip }, async () => {
  const text = Array.from({ length: MAX_DEFINITIONS + 3 }, (_, i) => `$$\ny_{${i}} = \\sigma(W x + b)\n$$\n`).join('\n');
  const { sites, note } = await analyzer.scan('many.md', text, 'markdown');
  assert.equal(sites.length, MAX_DEFINITIONS);
  assert.equal(sites.at(-1)?.label, `y_{${MAX_DEFINITIONS - 1}} = \\sigma(W x + b)`);
  // each definition takes 4 lines (with the blank one between): the first skipped starts on line 4·500 + 1
  assert.equal(note, `only the first ${MAX_DEFINITIONS} definitions of a document are read; what follows them, from line ${4 * MAX_DEFINITIONS + 1} on, is skipped`);
  assert.equal((await analyzer.scan('few.md', text.slice(0, 100), 'markdown')).note, undefined);
});

test('a scan with the preamble of an \\input notation file expands its macros; a changed preamble re-reads the document', { skip }, async () => {
  const doc = '\\input{math_commands}\n$$y = \\sigma(\\mW \\vx + b)$$\n';
  const preamble = '\\newcommand{\\vx}{\\mathbf{x}}\n\\newcommand{\\mW}{\\mathbf{W}}\n';
  const shapes = { W: [3, 4], x: [4, 1], b: [3, 1] } as const;
  const jacobian = async (pre?: string): Promise<string> => {
    const sites = (await analyzer.scan('notation.tex', doc, 'latex', 'interactive', undefined, pre)).sites;
    const site = sites.find((s) => s.program);
    if (!site) return `no definition: ${sites.map((s) => s.error?.message).join('; ')}`;
    const job = siteJob((a, b) => doc.slice(a, b), site);
    assert.ok(!('ok' in job));
    const a = await analyzer.analyze(withOptions(job, { shapes: { ...shapes } as never }));
    return a.ok ? a.jacobian.shape.join('×') : `error: ${a.error.message}`;
  };
  assert.equal(await jacobian(preamble), '3×15');
  assert.equal(await jacobian(undefined), 'no definition: unknown LaTeX command \\mW');
  assert.equal(await jacobian(preamble), '3×15');
});
