// Bundles the library, the CLI, the extension and the webview with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };

const bundles = [
  { ...node, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

await Promise.all(bundles.filter((b) => b.entryPoints.every((e) => existsSync(e))).map((b) => build(b)));
