// The two webview bundles (panel, sidebar): browser IIFEs, each with one stylesheet beside it
// (`dist/webview/panel.css`: KaTeX's css + media/panel.css) and the KaTeX fonts in
// `dist/webview/fonts/`. Imported by scripts/build.mjs and by the Chromium tests.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const browser = {
  bundle: true,
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
  legalComments: 'none',
  platform: 'browser',
  format: 'iife',
  target: ['chrome114'],
  absWorkingDir: root,
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  assetNames: 'fonts/[name]',
};

export const webviewBundles = [
  { ...browser, entryPoints: ['webview/panel.ts'], outfile: 'dist/webview/panel.js' },
  { ...browser, entryPoints: ['webview/sidebar.ts'], outfile: 'dist/webview/sidebar.js' },
];
