// Real Chromium for the webviews: builds the bundles, serves them from 127.0.0.1 through the
// real HTML template with its real CSP, stubs `acquireVsCodeApi` (recording every message and
// keeping state in sessionStorage, so a reload restores it), and collects CSP violations.

import { build } from 'esbuild';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeNonce, webviewHtml } from '../../src/extension/views/webviewHtml';
import { themeBodyClass, themeCss, type ThemeName } from './themes';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds both bundles into a directory of this process's own (tests run in parallel). */
async function buildInto(dir: string): Promise<void> {
  const { webviewBundles } = (await import(pathToFileURL(join(ROOT, 'webview/build.mjs')).href)) as {
    webviewBundles: Array<Record<string, unknown> & { outfile: string }>;
  };
  await Promise.all(
    webviewBundles.map((b) => build({ ...b, outfile: join(dir, b.outfile.split('/').pop()!), sourcemap: false, logLevel: 'error' })),
  );
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export type View = 'panel' | 'sidebar';

export interface Harness {
  browser: Browser;
  origin: string;
  open(view: View, theme?: ThemeName, size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = join(tmpdir(), `kronecker-lens-webview-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  await buildInto(dir);
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const page = /^\/(panel|sidebar)\.html$/.exec(url.pathname);
    if (page) {
      const view = page[1] as View;
      const theme = (url.searchParams.get('theme') ?? 'dark') as ThemeName;
      const webview = { cspSource: origin, asWebviewUri: (p: string) => `${origin}/${p}` };
      const html = webviewHtml(webview, makeNonce(), `assets/${view}.js`, [`theme/${theme}.css`, `assets/${view}.css`], 'Kronecker Lens');
      res.writeHead(200, { 'content-type': TYPES['.html']! }).end(html);
      return;
    }
    const theme = /^\/theme\/(dark|light|hc)\.css$/.exec(url.pathname);
    if (theme) {
      res.writeHead(200, { 'content-type': TYPES['.css']! }).end(themeCss(theme[1] as ThemeName));
      return;
    }
    if (url.pathname.startsWith('/assets/')) {
      const file = normalize(join(dir, decodeURIComponent(url.pathname.slice('/assets/'.length))));
      if (file.startsWith(dir + sep) && existsSync(file)) {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    origin,
    async open(view, theme = 'dark', size = { width: 1100, height: 900 }) {
      const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
      await context.addInitScript({ content: INIT_SCRIPT.replace('__BODY_CLASS__', JSON.stringify(themeBodyClass(theme))) });
      const page = await context.newPage();
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/${view}.html?theme=${theme}`);
      await page.waitForFunction(() => (window as unknown as Probe).__posted.some((m) => m.type === 'ready'));
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** What the init script leaves on `window` for the tests. */
export interface Probe {
  __posted: Array<{ type: string } & Record<string, unknown>>;
  __csp: Array<{ directive: string; blocked: string; sample: string }>;
  __pwned?: unknown;
}

/**
 * Runs before any page script: the VS Code API stub, the CSP listener, the theme's body class.
 * A string, not a function: the TypeScript loader would add helpers the page does not have.
 */
const INIT_SCRIPT = `(() => {
  const w = window;
  w.__posted = [];
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m) => { w.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null'),
      setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
    };
  };
  const cls = __BODY_CLASS__;
  if (document.body) document.body.classList.add(cls);
  else document.addEventListener('DOMContentLoaded', () => document.body.classList.add(cls));
})();`;

const pageErrors = new WeakMap<Page, string[]>();

/** Uncaught exceptions in the page since it opened. */
export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** Posts a host message the way VS Code delivers it (a `message` event on window). */
export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<Probe['__posted']> {
  return page.evaluate(() => (window as unknown as Probe).__posted);
}

export async function cspViolations(page: Page): Promise<Probe['__csp']> {
  return page.evaluate(() => (window as unknown as Probe).__csp);
}

/** The TeX source of every KaTeX formula inside `selector`, from its MathML annotation. */
export async function texOf(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(`${selector} annotation[encoding="application/x-tex"]`, (els) => els.map((e) => e.textContent ?? ''));
}
