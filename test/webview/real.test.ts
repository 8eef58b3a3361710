// The panel and the sidebar fed by the real engine: every formula the core writes must
// typeset in KaTeX without an error, and the numbers must land where the Analysis says.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AnalysisOk, AnalyzeOptions } from '../../src/core/analysis';
import { analyze } from '../../src/core/index';
import { summarize } from '../../src/extension/views/summary';
import { shapeCell } from '../../src/core/present';
import { ARTIFACTS, cspViolations, errorsOf, send, startHarness, texOf, type Harness } from './harness';

const CASES: Array<[string, AnalyzeOptions]> = [
  ['y = sigmoid(W*x + b)', { shapes: { W: [3, 4], x: [4, 1] }, loss: 'sse' }],
  ['y = sigmoid(W*x + b)', { shapes: { W: [3, 4], x: [4, 1] }, loss: 'xent' }],
  ['y = sigmoid(W*x + b)', {}],
  ['L = 0.5 * norm(W*x - t)^2', { shapes: { W: [3, 4], x: [4, 1] } }],
  ['F = inv(X)', { shapes: { X: [3, 3] } }],
  ['y = softmax(W*x)', { shapes: { W: [5, 4], x: [4, 1] } }],
  ['f = logdet(X)', { shapes: { X: [3, 3] } }],
  ['Y = A*X*B', { shapes: { A: [2, 3], X: [3, 4], B: [4, 2] } }],
  ['y = tanh(W*x + b)', { shapes: { W: [40, 60], x: [60, 1] } }],
  ["L = -t'*log(softmax(V*y + c))", { shapes: { V: [4, 3], y: [3, 1] }, wrt: ['V', 'c'] }],
];

function run(expr: string, options: AnalyzeOptions): AnalysisOk {
  const a = analyze(expr, { ...options, numeric: true, seed: 1 });
  assert.ok(a.ok, `${expr}: ${a.ok ? '' : a.error.message}`);
  return a;
}

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

describe('panel with the real analyze()', () => {
  for (const [expr, options] of CASES) {
    it(`${expr} ${JSON.stringify(options)}`, async () => {
      const a = run(expr, options);
      const page = await harness.open('panel');
      await send(page, { type: 'analysis', analysis: a, options: { wrt: a.wrt, loss: options.loss ?? '', numeric: true } });
      await page.waitForSelector('[data-section=jacobian]');
      assert.deepEqual(errorsOf(page), []);
      assert.deepEqual(await cspViolations(page), []);
      const broken = await page.$$eval('.katex-error', (els) => els.map((e) => e.getAttribute('title')));
      assert.deepEqual(broken, [], 'every formula typesets');
      const [jac] = await texOf(page, '[data-testid=jacobian-formula]');
      for (const f of a.jacobian.factors) assert.ok(jac!.includes(`\\underbrace{${f.latex}}`), f.latex);
      assert.deepEqual(await texOf(page, '[data-testid=jacobian-where]'), (a.jacobian.where ?? []).map((d) => d.latex), 'the names J uses, below it');
      const shapes = await page.$$eval('table.kl-vars tbody tr td:first-of-type', (tds) => tds.map((td) => td.textContent));
      assert.deepEqual(shapes.slice(0, -1), Object.values(a.variables).map((v) => shapeCell(v.shape)));
      if (a.check) assert.equal(await page.textContent('#section-check [data-testid=check-badge]'), a.check.passed ? '✔ passed' : '✘ failed');
      const plot = await page.$('[data-testid=jacobian-values] canvas');
      const table = await page.$('table[data-matrix=J]');
      assert.ok(plot || table, 'J as numbers');
      if (table) {
        const stored = await page.$$eval('table[data-matrix=J] td.kl-num:not([title="not stored"])', (tds) => tds.length);
        assert.equal(stored, a.jacobian.values!.vals.length);
      }
      await page.context().close();
    });
  }

  it('saves screenshots of real output (dark, light, large)', async () => {
    const shots: Array<[string, string, AnalyzeOptions, 'dark' | 'light']> = [
      ['panel-real-dark', 'y = sigmoid(W*x + b)', { shapes: { W: [3, 4], x: [4, 1] }, loss: 'sse' }, 'dark'],
      ['panel-real-light', 'y = sigmoid(W*x + b)', { shapes: { W: [3, 4], x: [4, 1] }, loss: 'sse' }, 'light'],
      ['panel-real-large', 'y = tanh(W*x + b)', { shapes: { W: [40, 60], x: [60, 1] }, loss: 'sse' }, 'dark'],
      ['panel-real-symbolic', 'y = sigmoid(W*x + b)', {}, 'light'],
    ];
    for (const [file, expr, options, theme] of shots) {
      const a = run(expr, options);
      const page = await harness.open('panel', theme);
      await send(page, { type: 'analysis', analysis: a, options: { wrt: a.wrt, loss: options.loss ?? '', numeric: true }, source: { file: 'model.py', line: 6 } });
      await page.waitForSelector('[data-section=jacobian]');
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(ARTIFACTS, `${file}.png`), fullPage: true });
      await page.context().close();
    }
  });
});

describe('sidebar with the real analyze()', () => {
  it('typesets the summary of every case without a KaTeX error', async () => {
    const page = await harness.open('sidebar', 'dark', { width: 340, height: 640 });
    for (const [i, [expr, options]] of CASES.entries()) {
      const a = run(expr, options);
      await send(page, { type: 'inspect', current: summarize(a, i), definitions: CASES.map(([label], line) => ({ label, line, range: { start: { line, character: 0 }, end: { line, character: label.length } }, ok: true })) });
      await page.waitForFunction((n) => document.querySelector('[aria-current=true]')?.closest('li')?.getAttribute('data-index') === String(n), i);
      assert.deepEqual(await page.$$eval('.katex-error', (els) => els.map((e) => e.getAttribute('title'))), [], expr);
    }
    assert.deepEqual(errorsOf(page), []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
