// Bundles the library, the CLI, the extension and the webview with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { webviewBundles } from '../webview/build.mjs';

const common = { bundle: true, minify: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };

const bundles = [
  { ...node, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The VS Code extension host entry (wiring, providers) and its analysis worker (scanner + core).
  { ...node, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/extension/worker/worker.ts'], outfile: 'dist/worker.js' },
  // The panel and the sidebar: browser IIFEs, each with its stylesheet (KaTeX + media/*.css)
  // beside it, KaTeX fonts in dist/webview/fonts (webview/build.mjs).
  ...webviewBundles,
];

// A bundle whose entry is missing is a broken build, never one to skip.
const missing = bundles.flatMap((b) => b.entryPoints).filter((e) => !existsSync(e));
if (missing.length) {
  console.error(`build: missing entry point${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  process.exit(1);
}
await Promise.all(bundles.map((b) => build(b)));
