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
  // `needs`: built only once these exist (the worker imports the core's entry and the scanner).
  { ...node, entryPoints: ['src/extension/worker.ts'], outfile: 'dist/worker.js',
    needs: ['src/core/index.ts', 'src/core/scan/index.ts'] },
  // The panel and the sidebar: browser IIFEs, each with its stylesheet (KaTeX + media/*.css)
  // beside it, KaTeX fonts in dist/webview/fonts (webview/build.mjs).
  ...webviewBundles,
];

await Promise.all(bundles
  .filter((b) => [...b.entryPoints, ...(b.needs ?? [])].every((e) => existsSync(e)))
  .map(({ needs: _needs, ...b }) => build(b)));
