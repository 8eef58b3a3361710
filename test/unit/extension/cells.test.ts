// A notebook read as one document: cells of one language joined, sites moved to their cell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeProgram, DocumentIndex } from '../../../src/core/index';
import { joinCells, siteInJoined, sitesOfCell } from '../../../src/extension/editor/cells';
import { siteJob } from '../../../src/extension/editor/sites';
import type { SiteJSON } from '../../../src/extension/worker/protocol';

/** Three cells as a reader writes them: imports, a layer, then its use. */
const CELLS = [
  'import torch\nimport torch.nn as nn',
  'fc = nn.Linear(4, 3)',
  'x = torch.randn(4)\ny = torch.sigmoid(fc(x))',
];

function scan(text: string): SiteJSON[] {
  return new DocumentIndex(text, 'python').sites.map((s) => ({
    range: { start: s.range.start, end: s.range.end }, line: s.line, notation: s.notation, label: s.label,
    ...(s.program ? { program: s.program } : {}), ...(s.error ? { error: s.error } : {}),
  }));
}

test('the joined text holds each cell at its recorded offset and line', () => {
  const j = joinCells(CELLS);
  CELLS.forEach((c, i) => {
    assert.equal(j.text.slice(j.starts[i], j.starts[i]! + c.length), c);
    assert.equal(j.text.split('\n')[j.lines[i]!], c.split('\n')[0]);
  });
});

test('an nn.Linear in an earlier cell applies to the definition in a later one: J is 3 × (12 + 3)', () => {
  assert.ok(!scan(CELLS[2]!).some((s) => s.program), 'alone, the last cell does not know fc');
  const j = joinCells(CELLS);
  const sites = sitesOfCell(scan(j.text), j, 2);
  assert.equal(sites.length, 1);
  const site = sites[0]!;
  assert.equal(CELLS[2]!.slice(site.range.start, site.range.end), 'y = torch.sigmoid(fc(x))');
  assert.equal(site.line, 1, 'the line within its cell');
  assert.deepEqual(sitesOfCell(scan(j.text), j, 1), [], 'no definition in the cell that only builds the layer');
  const job = siteJob((start, end) => j.text.slice(start, end), siteInJoined(site, j, 2));
  assert.ok(!('ok' in job) && job.job.op === 'analyzeProgram');
  const a = analyzeProgram(job.job.program, job.job.source, job.job.notation, {});
  assert.ok(a.ok, a.ok ? '' : a.error.message);
  assert.equal(Number(a.output.shape[0]) * Number(a.output.shape[1]), 3, 'y has the 3 outputs of nn.Linear(4, 3)');
  assert.deepEqual(a.jacobian.shape, [3, 15]);
});
