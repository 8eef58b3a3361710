// Runs the test files of the given suites (unit, webview, e2e; all by default) in one
// `node --test` process tree, so that CI reads one summary.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTools } from './vscode-tools.mjs';

const suites = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'webview', 'e2e'];
const files = suites.flatMap((s) => {
  try {
    return readdirSync(join('test', s), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => join('test', s, f));
  } catch {
    return [];
  }
});
if (files.length === 0) {
  console.error(`no test files in ${suites.join(', ')}`);
  process.exit(1);
}
// The browser suites need Debian's Chromium and the code-server tools: install what is missing
// (the Debian packages as root), or stop with the exact command to run.
if (suites.some((s) => s === 'webview' || s === 'e2e')) ensureTools();
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(run.status ?? 1);
