// Driving the VS Code workbench (code-server in Debian's Chromium) with playwright-core:
// files, the command palette, hovers (and their images), themes, and the content of webviews.

import type { Frame, Page } from 'playwright-core';

type Box = { x: number; y: number; width: number; height: number };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The frame of a webview whose document has `selector`. Webviews are nested iframes attached to
 * the top page (`iframe.webview.ready` › `iframe#active-frame`); page.frames() lists them all.
 */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (!f.parentFrame()) continue;
      try {
        if (await f.$(selector)) return f;
      } catch {
        /* detached while navigating: try again */
      }
    }
    await sleep(250);
  }
  throw new Error(`no webview contains ${selector} after ${timeoutMs} ms`);
}

/** Text of `selector` in the first webview that has it, once it matches `expected`. */
export async function webviewText(page: Page, selector: string, expected: RegExp, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (!f.parentFrame()) continue;
      try {
        const el = await f.$(selector);
        if (!el) continue;
        last = ((await el.textContent()) ?? '').trim();
        if (expected.test(last)) return last;
      } catch {
        /* detached while navigating: try again */
      }
    }
    await sleep(250);
  }
  throw new Error(`${selector} never matched ${expected} in ${timeoutMs} ms; last text: ${JSON.stringify(last.slice(0, 500))}`);
}

export async function openFromExplorer(page: Page, name: string, firstLine: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click();
  await page.locator('.monaco-editor .view-line', { hasText: firstLine }).first().waitFor({ timeout: 30_000 });
}

/** Run a command by its title from the Command Palette; `timeoutMs` for it to be listed (an extension's
 *  commands are listed once the window has read the extension, which a loaded machine delays). */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Go to a line (1-based) of the text editor with Ctrl+G, after focusing it (the panel may have the focus). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+1'); // focus the first editor group: the text editor
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Hover at points of the editor until a hover shows SVG images drawn in `ink`. A hover shown
 * while the extension still activates stays empty and is not asked again while the mouse stays
 * put: move between two points so each move asks the providers again.
 */
export async function hoverUntilImages(page: Page, points: Array<{ x: number; y: number }>, ink: string,
  tries = 20): Promise<{ text: string; images: Array<{ alt: string; svg: string }>; box: Box | null }> {
  for (let i = 0; i < tries; i++) {
    const p = points[i % points.length]!;
    await page.mouse.move(p.x, p.y);
    const hover = page.locator('.monaco-hover-content').filter({ has: page.locator('img[src^="data:image/svg+xml"]') }).first();
    try {
      await hover.waitFor({ timeout: 1500 });
      const images = await hoverImages(page);
      if (images.length && images.every((im) => im.svg.includes(`fill="${ink}"`))) {
        return { text: (await hover.innerText()).trim(), images, box: await hover.boundingBox() };
      }
    } catch {
      /* no hover yet */
    }
    await page.mouse.move(0, 0);
    await sleep(200);
  }
  throw new Error(`no hover with SVG images in ${ink}`);
}

/** The theme kinds a hover's images must follow: the theme's label in the picker and the workbench's class for it. */
export const THEMES = [
  { kind: 'light', label: 'Light Modern', cls: 'vs', ink: '#3b3b3b' },
  { kind: 'dark', label: 'Dark Modern', cls: 'vs-dark', ink: '#cccccc' },
  { kind: 'high-contrast', label: 'Dark High Contrast', cls: 'hc-black', ink: '#ffffff' },
] as const;

/**
 * Switch the colour theme as a user does, in the picker (Ctrl+K Ctrl+T), and wait until it
 * applies. (Writing workbench.colorTheme to the settings file did not apply a dark theme.)
 */
export async function setTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  if (await page.locator(`.monaco-workbench.${theme.cls}`).count()) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+1'); // out of a webview
      await page.keyboard.press('Control+k');
      await page.keyboard.press('Control+t');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 8_000 });
      await input.fill(theme.label);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: theme.label }).first().waitFor({ timeout: 8_000 });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await page.locator(`.monaco-workbench.${theme.cls}`).waitFor({ timeout: 8_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await sleep(500);
    }
  }
}

/** The SVG images of the hover that matched: each image's text alternative and the SVG it shows. */
export async function hoverImages(page: Page): Promise<Array<{ alt: string; svg: string }>> {
  const imgs = page.locator('.monaco-hover-content img[src^="data:image/svg+xml"]');
  const out: Array<{ alt: string; svg: string }> = [];
  for (const img of await imgs.all()) {
    const src = (await img.getAttribute('src')) ?? '';
    const b64 = src.slice(src.indexOf(',') + 1);
    out.push({ alt: (await img.getAttribute('alt')) ?? '', svg: Buffer.from(b64, 'base64').toString('utf8') });
  }
  return out;
}
