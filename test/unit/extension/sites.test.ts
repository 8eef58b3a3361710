import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localize, siteAt, siteForSelection, siteJob, withOptions } from '../../../src/extension/editor/sites';
import type { SiteJSON } from '../../../src/extension/worker/protocol';

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

test('a site with a program is analysed as a program over the document; one without, as its text', () => {
  const text = 'W: 3x4\ny = W*x\n';
  const program = { declarations: [], assignments: [] };
  const p = siteJob(text, { ...site(7, 14), program });
  assert.ok(!('ok' in p));
  assert.deepEqual(withOptions(p, { numeric: true }),
    { op: 'analyzeProgram', program, source: text, notation: 'math', options: { numeric: true } });
  const t = siteJob(text, site(7, 14));
  assert.ok(!('ok' in t));
  assert.equal(t.base, 7);
  assert.deepEqual(withOptions(t, { seed: 1 }), { op: 'analyze', input: 'y = W*x', options: { notation: 'math', seed: 1 } });
});

test('a site that did not parse is its own error analysis, at its place in the document', () => {
  const err = { message: 'unexpected )', start: 3, end: 4 };
  assert.deepEqual(siteJob('y = )', { ...site(0, 5), error: err }), { ok: false, input: 'y = )', error: err });
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
