// The panel in real Chromium, served through the real HTML template and CSP.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Analysis } from '../../src/core/analysis';
import type { HostToPanel, PanelOptions } from '../../src/shared/protocol';
import { formatNumber } from '../../webview/format';
import { denseLayer, EVIL_NAME, failedCheck, hostile, shapeError } from './fixtures';
import { ARTIFACTS, cspViolations, errorsOf, posted, send, startHarness, texOf, type Harness } from './harness';

const OPTIONS: PanelOptions = { wrt: ['W', 'b'], loss: 'sse', numeric: true };

let harness: Harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(ARTIFACTS, { recursive: true });
});
after(() => harness?.close());

async function show(analysis: Analysis, opts: { theme?: 'dark' | 'light' | 'hc'; options?: PanelOptions } = {}): Promise<Page> {
  const page = await harness.open('panel', opts.theme);
  const message: HostToPanel = { type: 'analysis', analysis, options: opts.options ?? OPTIONS, source: { file: 'layers.py', line: 11 } };
  await send(page, message);
  await page.waitForSelector('main > *');
  return page;
}

const sent = async (page: Page, type: string) => (await posted(page)).filter((m) => m.type === type);
const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));

describe('panel: y = σ(Wx + b), W 3×4', () => {
  let page: Page;
  before(async () => {
    page = await show(denseLayer());
  });

  it('says ready once, and renders without page errors or CSP violations', async () => {
    assert.deepEqual(await sent(page, 'ready'), [{ type: 'ready' }]);
    assert.deepEqual(errorsOf(page), []);
    assert.deepEqual(await cspViolations(page), []);
  });

  it('typesets the definition with KaTeX', async () => {
    const [tex] = await texOf(page, '[data-section=definition] .kl-math-display');
    assert.equal(tex, 'y = \\sigma(Wx + b)');
    assert.ok(await page.$('[data-section=definition] .katex-html'), 'KaTeX HTML output');
  });

  it('lists every variable with its shape and role', async () => {
    const rows = await page.$$eval('table.kl-vars tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-var'), ...Array.from(tr.querySelectorAll('td')).slice(0, 2).map((td) => td.textContent)]));
    assert.deepEqual(rows, [
      ['W', '3×4', 'parameterwrt'],
      ['x', '4', 'input'],
      ['b', '3', 'parameterwrt'],
      ['y', '3', 'output'],
    ]);
  });

  it('shows the Jacobian with every factor under a brace with its shape', async () => {
    const [tex] = await texOf(page, '[data-testid=jacobian-formula]');
    assert.equal(
      tex,
      "\\frac{\\partial y}{\\partial\\, (\\operatorname{vec} W,\\ b)} = " +
        "\\underbrace{\\operatorname{diag}(\\sigma'(Wx + b))}_{3 \\times 3}\\," +
        '\\begin{bmatrix} \\underbrace{x^\\top \\otimes I_{3}}_{3 \\times 12} & \\underbrace{I_{3}}_{3 \\times 3} \\end{bmatrix} ' +
        '\\in \\mathbb{R}^{3 \\times 15}',
    );
    assert.equal(await page.textContent('[data-testid=jacobian-stats]'), 'nnz 15 of 45 dense (33%) · 144 B structured vs 360 B dense');
    const blocks = await page.$$eval('table.kl-blocks tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-block'), ...Array.from(tr.querySelectorAll('td')).slice(1).map((td) => td.textContent)]));
    assert.deepEqual(blocks, [['W', '3×12', '12'], ['b', '3×3', '3']]);
  });

  it('shows the gradient per parameter, the loss and the names the formulas use', async () => {
    assert.deepEqual(await texOf(page, '.kl-gradient'), [
      '\\frac{\\partial L}{\\partial W} = \\delta x^\\top \\in \\mathbb{R}^{3 \\times 4}',
      '\\frac{\\partial L}{\\partial b} = \\delta \\in \\mathbb{R}^{3}',
    ]);
    assert.deepEqual(await texOf(page, '[data-testid=loss]'), ['L = \\tfrac{1}{2}\\lVert y - t \\rVert^2']);
    assert.deepEqual(await texOf(page, '.kl-where'), ["\\delta = \\sigma'(z) \\odot (y - t)", 'z = Wx + b']);
  });

  it('shows J as a table of numbers, with the blocks as column groups', async () => {
    const a = denseLayer();
    const J = a.jacobian.values!;
    const cells = await page.$$eval('table[data-matrix=J] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    assert.equal(cells.length, 3);
    assert.ok(cells.every((r) => r.length === 15));
    for (let k = 0; k < J.vals.length; k++) {
      assert.equal(cells[J.rows[k]!]![J.cols[k]!], formatNumber(J.vals[k]!), `J[${J.rows[k]}, ${J.cols[k]}]`);
    }
    assert.equal(cells.flat().filter((c) => c === '·').length, 45 - 15, 'entries not stored');
    assert.deepEqual(await texts(page, 'table[data-matrix=J] th.kl-group'), ['W', 'b']);
    assert.equal(await page.$('[data-testid=sparsity-canvas]'), null, 'no plot for a small J');
  });

  it('shows the inputs as editable cells, the output and the gradient values', async () => {
    const a = denseLayer();
    const W = await page.$$eval('table[data-matrix=W] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    assert.deepEqual(W.map(Number), a.numbers!.inputs.W!.data);
    const y = await texts(page, '[data-testid=output] td.kl-num');
    assert.deepEqual(y, Array.from(a.numbers!.output.data, formatNumber));
    const gW = await texts(page, '[data-testid=gradient-W] td.kl-num');
    assert.deepEqual(gW, [a.gradient!.W!.values!].flat(2).map(formatNumber));
  });

  it('shows the finite-difference check with a pass badge', async () => {
    assert.equal(await page.textContent('#section-check [data-testid=check-badge]'), '✔ passed');
    assert.match((await page.textContent('[data-testid=check-text]'))!, /all 15 columns of J: max relative error 3\.10e−10 \(tolerance 1\.00e−6\)/);
  });

  it('keeps the derivation collapsed until asked, then shows every step', async () => {
    assert.equal(await page.$eval('#section-derivation', (d) => (d as HTMLDetailsElement).open), false);
    await page.focus('#section-derivation summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('#section-derivation', (d) => (d as HTMLDetailsElement).open), true);
    assert.equal((await texOf(page, '#section-derivation .kl-steps')).length, 7);
  });

  it('saves screenshots in the dark, light and high-contrast themes', async () => {
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header belongs at the top of the picture
    await page.screenshot({ path: join(ARTIFACTS, 'panel-dark.png'), fullPage: true });
    for (const theme of ['light', 'hc'] as const) {
      const p = await show(denseLayer(), { theme });
      await p.screenshot({ path: join(ARTIFACTS, `panel-${theme}.png`), fullPage: true });
      assert.deepEqual(await cspViolations(p), []);
      await p.context().close();
    }
  });
});

describe('panel: interaction', () => {
  it('posts setValue after a pause in typing, and at once on Enter', async () => {
    const page = await show(denseLayer());
    const cell = 'input[data-focus-key="cell:W:1:2"]';
    await page.fill(cell, '0.5');
    assert.deepEqual(await sent(page, 'setValue'), [], 'debounced');
    await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'setValue'));
    assert.deepEqual(await sent(page, 'setValue'), [{ type: 'setValue', name: 'W', row: 1, col: 2, value: 0.5 }]);
    await page.fill('input[data-focus-key="cell:x:3:0"]', '−2.5e-1');
    await page.press('input[data-focus-key="cell:x:3:0"]', 'Enter');
    assert.deepEqual((await sent(page, 'setValue')).at(-1), { type: 'setValue', name: 'x', row: 3, col: 0, value: -0.25 });
  });

  it('marks a cell that is not a number and posts nothing for it', async () => {
    const page = await show(denseLayer());
    const cell = 'input[data-focus-key="cell:b:0:0"]';
    await page.fill(cell, '1.2.3');
    await page.press(cell, 'Enter');
    assert.equal(await page.getAttribute(cell, 'aria-invalid'), 'true');
    await page.waitForTimeout(500);
    assert.deepEqual(await sent(page, 'setValue'), []);
    assert.match((await page.textContent('[data-testid=status]'))!, /is not a number/);
  });

  it('keeps the focus and the typed text in a cell while the host recomputes', async () => {
    const page = await show(denseLayer());
    const cell = 'input[data-focus-key="cell:W:0:0"]';
    await page.fill(cell, '0.75');
    await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'setValue'));
    await send(page, { type: 'busy' });
    assert.equal(await page.getAttribute('#root', 'aria-busy'), 'true');
    assert.equal(await page.$eval('.kl-progress', (e) => (e as HTMLElement).hidden), false);
    await page.press(cell, 'End');
    await page.keyboard.type('5');
    const next = denseLayer();
    (next.numbers!.inputs.W!.data as number[])[0] = 0.75;
    await send(page, { type: 'analysis', analysis: next, options: OPTIONS });
    await page.waitForFunction(() => document.getElementById('root')!.getAttribute('aria-busy') === 'false');
    assert.equal(await page.$eval('.kl-progress', (e) => (e as HTMLElement).hidden), true);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-focus-key')), 'cell:W:0:0');
    assert.equal(await page.inputValue(cell), '0.755', 'the text typed during the recompute survives');
  });

  it('posts setWrt from the checkboxes (mouse and keyboard), never an empty wrt', async () => {
    const page = await show(denseLayer());
    await page.click('vscode-checkbox[data-wrt="x"]');
    await page.focus('vscode-checkbox[data-wrt="W"]');
    await page.keyboard.press('Space');
    assert.deepEqual(await sent(page, 'setWrt'), [
      { type: 'setWrt', wrt: ['W', 'b', 'x'] },
      { type: 'setWrt', wrt: ['b', 'x'] },
    ]);
    await page.click('vscode-checkbox[data-wrt="b"]');
    await page.click('vscode-checkbox[data-wrt="x"]');
    assert.equal((await sent(page, 'setWrt')).length, 3, 'the last variable cannot be unchecked');
    assert.equal(await page.$eval('vscode-checkbox[data-wrt="x"]', (e) => (e as any).checked), true);
  });

  it('posts setLoss from the loss picker, and a custom expression on Enter', async () => {
    const page = await show(denseLayer());
    await page.click('vscode-single-select');
    await page.click('vscode-single-select li[role=option]:has-text("Softmax")');
    await page.click('vscode-single-select');
    await page.click('vscode-single-select li[role=option]:has-text("Custom")');
    await page.fill('vscode-textfield[data-testid=custom-loss] input', 'sum((y - t).^4)');
    await page.press('vscode-textfield[data-testid=custom-loss] input', 'Enter');
    assert.deepEqual(await sent(page, 'setLoss'), [
      { type: 'setLoss', loss: 'xent' },
      { type: 'setLoss', loss: 'sum((y - t).^4)' },
    ]);
  });

  it('names the loss choices and the gradient check with the analysis\'s symbols (ℓ when the user has an L)', async () => {
    const symbols = { output: 'y', loss: 'ℓ', upstream: 'g', target: 't2', adjoint: 'δ', commutation: 'K', identity: 'I', ones: '𝟏' };
    const layer = denseLayer();
    const page = await show({ ...layer, symbols, check: { ...layer.check!, gradient: { passed: true, maxRelError: 1e-9, count: 2 } } });
    const labels = await texts(page, 'vscode-single-select vscode-option');
    assert.ok(labels.includes('Upstream gradient ∂ℓ/∂y'), labels.join(' | '));
    assert.ok(labels.includes('Sum of squares ½‖y − t₂‖²'), labels.join(' | '));
    assert.match(await page.textContent('[data-testid=check-gradient]') ?? '', /^The gradient against central differences of ℓ along /);
  });

  it('posts recompute, newValues, copyLatex and revealDefinition from their controls', async () => {
    const page = await show(denseLayer());
    await page.click('[data-testid=recompute]');
    await page.click('[data-testid=new-values]');
    await page.click('[data-testid=copy-latex]');
    await page.click('button.kl-link:has-text("layers.py:12")');
    const msgs = (await posted(page)).filter((m) => m.type !== 'ready');
    assert.deepEqual(msgs, [
      { type: 'recompute' },
      { type: 'newValues' },
      { type: 'copyLatex', latex: denseLayer().jacobian.latex },
      { type: 'revealDefinition' },
    ]);
    await send(page, { type: 'copied' });
    assert.equal(await page.textContent('[data-testid=status]'), 'Copied LaTeX to the clipboard.');
  });

  it('exports: each format has Copy and Insert, which post {export, format, action}; the host’s "copied" names the format', async () => {
    const page = await show(denseLayer());
    await page.click('#section-export summary');
    const formats = await page.$$eval('[data-testid=export-table] tr', (trs) => trs.map((tr) => tr.getAttribute('data-export')));
    assert.deepEqual(formats, ['numpy', 'pytorch', 'jax', 'latex', 'mtx', 'csv']);
    await page.click('[data-testid=export-pytorch-copy]');
    await page.click('[data-testid=export-mtx-insert]');
    assert.deepEqual(await sent(page, 'export'), [
      { type: 'export', format: 'pytorch', action: 'copy' },
      { type: 'export', format: 'mtx', action: 'insert' },
    ]);
    await send(page, { type: 'copied', what: 'PyTorch' });
    assert.equal(await page.textContent('[data-testid=status]'), 'Copied PyTorch to the clipboard.');
  });

  it('shows the layouts and the cost when the analysis has them', async () => {
    const a = denseLayer();
    const page = await show({
      ...a,
      layouts: {
        numerator: { latex: 'J', unicode: 'J' }, denominator: { latex: '\\nabla L = J^\\top g', unicode: '∇L = Jᵀ g' },
        pytorch: { latex: 'W.\\mathrm{grad} = \\delta x^\\top', unicode: 'W.grad = δ xᵀ' }, relation: 'J is 3 × 15.',
      },
      cost: { denseEntries: 45, denseBytes: 360, vjps: 3, jvps: 15, structuredEntries: 15, structuredBytes: 80 },
    });
    await page.click('#section-export summary');
    assert.equal(await page.textContent('[data-testid=cost]'), 'dense J: 45 entries, 360 B · jacrev: 3 VJPs · jacfwd: 15 JVPs · structured: 15 stored entries in 80 B, a gradient is 1 VJP');
    assert.equal(await page.textContent('[data-testid=layout-relation]'), 'J is 3 × 15.');
    assert.deepEqual(await texOf(page, '[data-testid=layout-pytorch] .kl-math'), ['W.\\mathrm{grad} = \\delta x^\\top']);
  });

  it('restores what it showed after a reload from small state (no numbers), says ready, and shows the numbers the host sends again', async () => {
    const page = await show(denseLayer());
    await page.click('#section-numbers summary');
    // <details> fires 'toggle' in a later task: reload only once the state has been saved
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('vscode-state') ?? '{}')?.open?.numbers === false);
    const saved = await page.evaluate(() => JSON.parse(sessionStorage.getItem('vscode-state') ?? '{}'));
    assert.equal(saved.last.analysis.numbers, undefined, 'the inputs are not kept in webview state');
    assert.equal(saved.last.analysis.jacobian.values, undefined, 'nor the Jacobian entries');
    assert.ok(Object.values(saved.last.analysis.gradient as Record<string, object>).every((g) => !('values' in g)), 'nor the gradient values');
    await page.reload();
    await page.waitForSelector('[data-section=jacobian]');
    assert.equal((await texOf(page, '[data-testid=jacobian-formula]')).length, 1);
    assert.equal(await page.$('#section-numbers'), null, 'no numbers until the host sends them');
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    await send(page, { type: 'analysis', analysis: denseLayer(), options: OPTIONS, source: { file: 'layers.py', line: 11 } });
    await page.waitForSelector('#section-numbers');
    assert.equal(await page.$eval('#section-numbers', (d) => (d as HTMLDetailsElement).open), false, 'collapsed state kept');
  });
});

describe('panel: large, failing and broken analyses', () => {
  it('plots a large J on a canvas instead of a table', async () => {
    const page = await show(denseLayer(48, 64));
    const canvas = await page.waitForSelector('[data-testid=jacobian-values] canvas');
    const stats = await canvas.evaluate((c: HTMLCanvasElement) => {
      const g = c.getContext('2d')!;
      const { data } = g.getImageData(0, 0, c.width, c.height);
      // The background is the commonest colour; everything else was drawn.
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
      }
      const bg = Math.max(...counts.values());
      const fg = data.length / 4 - bg;
      return { fg, total: data.length / 4, w: c.width, h: c.height, label: c.getAttribute('aria-label') };
    });
    assert.ok(stats.fg > 0.02 * stats.total, `${stats.fg} of ${stats.total} pixels drawn`);
    assert.ok(stats.fg < 0.5 * stats.total, 'mostly background: J is sparse');
    assert.equal(stats.label, 'J: 48 × 3,120, 3,120 stored entries (2.1%)');
    assert.equal(await page.$('table[data-matrix=J]'), null);
    assert.deepEqual(await cspViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'panel-large.png'), fullPage: true });
  });

  it('shows a failed check with a fail badge', async () => {
    const page = await show(failedCheck());
    assert.equal(await page.textContent('#section-check [data-testid=check-badge]'), '✘ failed');
    assert.match((await page.textContent('[data-testid=check-text]'))!, /8 random directions/);
  });

  it('shows an analysis error with the offending slice of the source', async () => {
    const page = await show(shapeError());
    assert.equal(await page.textContent('.kl-error-message'), 'Shape mismatch in +: W*x is 3×1 but b is 4×1');
    assert.equal(await page.textContent('[data-testid=error-slice]'), 'W*x + b');
    assert.equal(await page.textContent('.kl-error-source code'), 'y = sigmoid(W*x + b)');
    assert.equal(await page.$('[data-section=jacobian]'), null);
  });

  it('shows a host error above the last analysis, and guidance when there is none', async () => {
    const page = await harness.open('panel');
    await send(page, { type: 'error', message: 'Select a definition and run “Kronecker Lens: Show Jacobian”.' });
    await page.waitForSelector('[data-testid=empty]');
    assert.match((await page.textContent('[data-testid=empty]'))!, /^Select a definition/);
    await send(page, { type: 'analysis', analysis: denseLayer(), options: OPTIONS });
    await send(page, { type: 'error', message: 'The analysis worker stopped', detail: 'exit code 1' });
    await page.waitForSelector('[data-testid=host-error]');
    assert.equal(await page.textContent('[data-testid=host-error] strong'), 'The analysis worker stopped');
    assert.ok(await page.$('[data-section=jacobian]'), 'the last analysis stays');
  });

  it('ignores malformed host messages', async () => {
    const page = await harness.open('panel');
    for (const m of [null, 42, 'analysis', { type: 'nope' }, { type: 'analysis' }, { type: 'analysis', analysis: { ok: true } }, { type: 'error' }]) {
      await send(page, m);
    }
    await page.waitForTimeout(100);
    assert.deepEqual(errorsOf(page), []);
    assert.ok(await page.$('[data-testid=empty]'));
  });
});

describe('panel: hostile input is inert', () => {
  let page: Page;
  before(async () => {
    page = await show(hostile(), { options: { wrt: [EVIL_NAME, 'b'], loss: 'sse', numeric: true } });
    await page.waitForTimeout(300);
  });

  it('runs no injected script and creates no injected element', async () => {
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    assert.equal(await page.$$eval('img, script:not([nonce]), iframe, object, embed', (els) => els.length), 0);
    assert.equal(await page.$$eval('a[href], [href^="javascript"], [src^="javascript"]', (els) => els.length), 0);
    const handlers = await page.$$eval('*', (els) => els.flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))));
    assert.deepEqual(handlers, []);
    assert.equal(await page.$('#pwn'), null);
    assert.deepEqual(errorsOf(page), []);
  });

  it('shows the hostile names as text', async () => {
    assert.equal(await page.textContent('[data-testid=title]'), `${EVIL_NAME} y`);
    assert.ok((await page.textContent('.kl-input code'))!.includes('<script>'));
    assert.ok((await texts(page, '.kl-notes li')).includes(EVIL_NAME));
    assert.ok(await page.$(`vscode-checkbox[data-wrt="${EVIL_NAME.replace(/"/g, '\\"')}"]`));
  });

  it('reports no CSP violation', async () => {
    assert.deepEqual(await cspViolations(page), []);
  });

  it('survives an expansion bomb and an oversized box in a formula', async () => {
    await page.click('#section-derivation summary');
    const steps = await page.$$eval('#section-derivation .kl-steps li', (lis) => lis.length);
    assert.equal(steps, 2);
    const box = await page.$eval('#section-derivation', (d) => d.getBoundingClientRect().height);
    assert.ok(box < 2000, `derivation height ${box}px`);
    assert.deepEqual(errorsOf(page), []);
  });
});
