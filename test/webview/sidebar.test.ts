// The inspector (sidebar WebviewView) in real Chromium, through the real template and CSP.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { analyze } from '../../src/core';
import { summarize } from '../../src/extension/views/summary';
import type { DefinitionEntry, HostToSidebar } from '../../src/shared/protocol';
import { denseLayer, EVIL_NAME, hostile, shapeError } from './fixtures';
import { ARTIFACTS, cspViolations, errorsOf, posted, send, startHarness, texOf, type Harness } from './harness';

const at = (line: number, label: string) => ({ start: { line, character: 0 }, end: { line, character: label.length } });
const entry = (line: number, label: string, rest: Partial<DefinitionEntry> = {}): DefinitionEntry => ({ label, line, range: at(line, label), ok: true, ...rest });

const DEFINITIONS: DefinitionEntry[] = [
  entry(2, 'z = W*x + b', { shape: [3, 1] }),
  entry(3, 'y = sigmoid(W*x + b)', { shape: [3, 1] }),
  entry(5, 'y = sigmoid(W*x + b)', { ok: false, error: 'Shape mismatch in +: W*x is 3×1 but b is 4×1' }),
  entry(8, 'L = 0.5 * norm(y - t)^2', { shape: [1, 1] }),
];

const SIDEBAR = { width: 340, height: 640 };
let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

async function inspect(message: HostToSidebar, theme: 'dark' | 'light' = 'dark'): Promise<Page> {
  const page = await harness.open('sidebar', theme, SIDEBAR);
  await send(page, message);
  await page.waitForSelector('[data-testid=definitions] h2');
  return page;
}

const sent = async (page: Page) => (await posted(page)).filter((m) => m.type !== 'ready');

describe('sidebar: the definition under the cursor', () => {
  let page: Page;
  before(async () => {
    page = await inspect({ type: 'inspect', document: 'layers.py', current: summarize(denseLayer(), 1), definitions: DEFINITIONS });
  });

  it('renders its formula, shapes, Jacobian and gradient shapes', async () => {
    assert.deepEqual(await texOf(page, '[data-testid=current] .ks-formula'), [
      'y = \\sigma(Wx + b)',
      "J = \\operatorname{diag}(\\sigma'(Wx + b)) \\begin{bmatrix} x^\\top \\otimes I_{3} & I_{3} \\end{bmatrix}",
    ]);
    const shapes = await page.$$eval('.ks-shapes li', (lis) => lis.map((li) => [li.querySelector('.ks-name')!.textContent, li.querySelector('.ks-shape')!.textContent]));
    assert.deepEqual(shapes, [['W', '3×4'], ['x', '4'], ['b', '3'], ['y', '3']]);
    assert.deepEqual(await page.$$eval('.ks-grads li', (lis) => lis.map((li) => [li.getAttribute('data-gradient'), li.querySelector('.ks-shape')!.textContent])),
      [['W', '3×4'], ['b', '3']]);
    assert.deepEqual(errorsOf(page), []);
    assert.deepEqual(await cspViolations(page), []);
  });

  it('lists every definition, marking the current one and the broken one', async () => {
    const rows = await page.$$eval('button.ks-def', (bs) => bs.map((b) => [b.querySelector('.ks-line')!.textContent, b.querySelector('.ks-label')!.textContent, b.querySelector('.ks-meta')!.textContent, b.getAttribute('aria-current')]));
    assert.deepEqual(rows, [
      ['3', 'z = W*x + b', '3', null],
      ['4', 'y = sigmoid(W*x + b)', '3', 'true'],
      ['6', 'y = sigmoid(W*x + b)', '✗', null],
      ['9', 'L = 0.5 * norm(y - t)^2', 'scalar', null],
    ]);
    assert.equal(await page.getAttribute('button.ks-def >> nth=2', 'title'), 'Shape mismatch in +: W*x is 3×1 but b is 4×1');
  });

  it('reveals on click and on Enter, moves with the arrow keys, opens the panel from the icon', async () => {
    await page.click('button.ks-def >> nth=0');
    await page.focus('button.ks-def >> nth=0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.click('[data-testid=open-current]');
    assert.deepEqual(await sent(page), [
      { type: 'reveal', index: 0 },
      { type: 'reveal', index: 2 },
      { type: 'reveal', index: 3 },
      { type: 'openPanel', index: 3 },
      { type: 'openPanel', index: 1 },
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-dark.png'), fullPage: true });
  });

  it('keeps the listed buttons when only the cursor moves, so a click during a refresh is not lost', async () => {
    await page.evaluate(() => document.querySelector('li[data-index="1"] button.ks-open')!.setAttribute('data-probe', 'kept'));
    await send(page, { type: 'inspect', document: 'layers.py', current: summarize(denseLayer(), 3), definitions: DEFINITIONS });
    await page.waitForSelector('li[data-index="3"] button.ks-def[aria-current="true"]');
    assert.deepEqual(await page.$$eval('button.ks-def', (bs) => bs.map((b) => b.getAttribute('aria-current'))), [null, null, null, 'true']);
    assert.equal(await page.$$eval('[data-probe="kept"]', (els) => els.length), 1);
    // A changed list is rebuilt.
    await send(page, { type: 'inspect', document: 'layers.py', current: summarize(denseLayer(), 0), definitions: DEFINITIONS.slice(0, 2) });
    await page.waitForFunction(() => document.querySelectorAll('button.ks-def').length === 2);
    assert.equal(await page.$$eval('[data-probe="kept"]', (els) => els.length), 0);
    await send(page, { type: 'inspect', document: 'layers.py', current: summarize(denseLayer(), 1), definitions: DEFINITIONS });
    await page.waitForFunction(() => document.querySelectorAll('button.ks-def').length === 4);
  });

  it('exports the definition at the cursor: a format, then Copy or Insert; the choice outlives a cursor move', async () => {
    const before = (await sent(page)).length;
    await page.selectOption('[data-testid=export-format]', 'pytorch');
    await page.click('[data-testid=export-copy]');
    await send(page, { type: 'inspect', document: 'layers.py', current: summarize(denseLayer(), 0), definitions: DEFINITIONS });
    await page.waitForSelector('li[data-index="0"] button.ks-def[aria-current="true"]');
    assert.equal(await page.inputValue('[data-testid=export-format]'), 'pytorch');
    await page.focus('[data-testid=export-format]');
    await page.keyboard.press('ArrowDown'); // JAX, from the keyboard
    await page.click('[data-testid=export-insert]');
    assert.deepEqual((await sent(page)).slice(before), [
      { type: 'export', index: 1, format: 'pytorch', action: 'copy' },
      { type: 'export', index: 0, format: 'jax', action: 'insert' },
    ]);
    await send(page, { type: 'inspect', document: 'layers.py', current: summarize(denseLayer(), 1), definitions: DEFINITIONS });
  });

  it('shows the names the Jacobian uses below it', async () => {
    const a = analyze("L = -t'*log(softmax(V*y + c))", { wrt: ['V', 'c'] });
    assert.ok(a.ok);
    await send(page, { type: 'inspect', document: 'layers.py', current: summarize(a, 3), definitions: DEFINITIONS });
    await page.waitForSelector('[data-testid=jacobian-where]');
    assert.deepEqual(await texOf(page, '[data-testid=jacobian-where]'), ['s = \\operatorname{softmax}\\left(V y + c\\right)']);
    await send(page, { type: 'inspect', document: 'layers.py', current: summarize(denseLayer(), 1), definitions: DEFINITIONS });
    await page.waitForFunction(() => !document.querySelector('[data-testid=jacobian-where]'));
  });

  it('restores the last view after a reload', async () => {
    await page.reload();
    await page.waitForSelector('button.ks-def');
    assert.equal(await page.$$eval('button.ks-def', (bs) => bs.length), 4);
    assert.equal((await texOf(page, '[data-testid=current] .ks-formula')).length, 2);
  });
});

describe('sidebar: errors, emptiness and hostile input', () => {
  it('shows the error of the definition under the cursor with its source slice', async () => {
    const page = await inspect({ type: 'inspect', current: summarize(shapeError(), 2), definitions: DEFINITIONS }, 'light');
    assert.equal(await page.textContent('.ks-error'), 'Shape mismatch in +: W*x is 3×1 but b is 4×1');
    assert.equal(await page.textContent('.ks-source mark'), 'W*x + b');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-light-error.png'), fullPage: true });
  });

  it('says what to do when there is nothing to show', async () => {
    const page = await inspect({ type: 'inspect', definitions: [] });
    assert.match((await page.textContent('[data-testid=current]'))!, /Put the cursor on a definition/);
    assert.match((await page.textContent('[data-testid=definitions]'))!, /No definitions found/);
  });

  it('keeps hostile labels and formulas inert', async () => {
    const page = await inspect({
      type: 'inspect',
      document: EVIL_NAME,
      current: summarize(hostile(), 0),
      definitions: [entry(0, EVIL_NAME, { ok: false, error: `<img src=x onerror=window.__pwned=1>` })],
    });
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    assert.equal(await page.$$eval('img, iframe, a[href], [src^="javascript"]', (els) => els.length), 0);
    assert.equal(await page.textContent('.ks-label'), EVIL_NAME);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(errorsOf(page), []);
  });
});
