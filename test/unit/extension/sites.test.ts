import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localize, siteAt, siteForSelection, siteJob, withOptions } from '../../../src/extension/editor/sites';
import type { SiteJSON } from '../../../src/extension/worker/protocol';
import { toDocument } from '../../../src/extension/editor/siteSource';
import { analyzeProgram } from '../../../src/core/analyze';
import { scanDocument } from '../../../src/core/scan';

const site = (start: number, end: number, label = `s${start}`): SiteJSON =>
  ({ range: { start, end }, line: 0, notation: 'math', label });
const a = site(0, 10);
const b = site(20, 40);
const inner = site(25, 30);
const sites = [a, b, inner];

test('the site at an offset: the innermost, ends included', () => {
  assert.equal(siteAt(sites, 0), a);
  assert.equal(siteAt(sites, 10), a);
  assert.equal(siteAt(sites, 15), undefined);
  assert.equal(siteAt(sites, 22), b);
  assert.equal(siteAt(sites, 27), inner);
});

test('the site of a selection: one containing it, else the last it overlaps', () => {
  assert.equal(siteForSelection(sites, 21, 39), b);
  assert.equal(siteForSelection(sites, 26, 29), inner);
  assert.equal(siteForSelection(sites, 5, 22), b);
  assert.equal(siteForSelection(sites, 11, 19), undefined);
  assert.equal(siteForSelection(sites, 3, 3), a);
});

const sliceOf = (text: string) => (start: number, end: number): string => text.slice(start, end);

test('a site with a program is analysed over the pieces of the document it points into, not the whole text', () => {
  const filler = `${'Prose that is no definition. '.repeat(2000)}\n`;
  const text = `W: 3x4\n${filler}z = W*b\ny = sigmoid(z)\n`;
  const sites = scanDocument(text, 'plaintext');
  const y = sites.find((s) => s.label === 'y = sigmoid(z)');
  assert.ok(y?.program);
  const job = siteJob(sliceOf(text), { range: y.range, line: y.line, notation: y.notation, label: y.label, program: y.program });
  assert.ok(!('ok' in job) && job.job.op === 'analyzeProgram');
  assert.equal(job.job.source, 'W: 3x4\nz = W*b\ny = sigmoid(z)', 'the declaration and the chain, joined by a line break');
  // The core's error (W 3×4 times b: b must have 4 rows, and σ's argument is z) maps back into the document.
  const a = analyzeProgram(job.job.program, job.job.source, job.job.notation, {});
  assert.equal(a.ok, true, a.ok ? '' : a.error.message);
  const bad = analyzeProgram(job.job.program, job.job.source, job.job.notation, { shapes: { b: [5, 1] } });
  assert.ok(!bad.ok);
  const start = toDocument(job.pieces, bad.error.start);
  const end = toDocument(job.pieces, bad.error.end);
  assert.ok(start >= text.indexOf('z = W*b') && end <= text.indexOf('z = W*b') + 'z = W*b'.length, text.slice(start, end));
  assert.equal(text.slice(start, end), job.job.source.slice(bad.error.start, bad.error.end));
  const t = siteJob(sliceOf(text), { range: y.range, line: y.line, notation: y.notation, label: y.label });
  assert.ok(!('ok' in t));
  assert.deepEqual(t.pieces, [{ at: 0, doc: y.range.start, length: y.range.end - y.range.start }]);
  assert.deepEqual(withOptions(t, { seed: 1 }), { op: 'analyze', input: 'y = sigmoid(z)', options: { notation: 'math', seed: 1 } });
});

test('a site that did not parse is its own error analysis, at its place in the document', () => {
  const err = { message: 'unexpected )', start: 3, end: 4 };
  assert.deepEqual(siteJob(sliceOf('y = )'), { ...site(0, 5), error: err }), { ok: false, input: 'y = )', error: err });
});

test('the panel and the sidebar see the definition, not the document, as the input', () => {
  const text = 'W: 3x4\nq = W*b\n';
  const range = { start: 7, end: 14 };
  const err = { ok: false as const, input: text, error: { message: 'shape mismatch', start: 11, end: 14 } };
  assert.deepEqual(localize(err, text, range), { ok: false, input: 'q = W*b', error: { message: 'shape mismatch', start: 4, end: 7 } });
  const elsewhere = { ...err, error: { message: 'bad declaration', start: 0, end: 6 } };
  assert.deepEqual(localize(elsewhere, text, range).ok ? undefined : localize(elsewhere, text, range), {
    ok: false, input: 'q = W*b', error: { message: 'bad declaration', start: 0, end: 7 },
  });
});
