// scripts/setup.mjs decides whether `npm start` / `npm test` must run `npm ci` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleReason } from '../../../scripts/setup.mjs';

const lock = {
  '': { name: 'p' },
  'node_modules/katex': { version: '0.19.1' },
  'node_modules/@esbuild/win32-x64': { version: '0.28.2', optional: true },
};

function project(installed?: Record<string, unknown>, withNodeModules = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'kl-setup-'));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ packages: lock }));
  if (withNodeModules) mkdirSync(join(dir, 'node_modules'));
  if (installed) writeFileSync(join(dir, 'node_modules', '.package-lock.json'), JSON.stringify({ packages: installed }));
  return dir;
}

test('a fresh clone (no node_modules) needs npm ci', () => {
  assert.equal(staleReason(project(undefined, false)), 'node_modules is missing');
});

test('node_modules that npm did not install from the lock file needs npm ci', () => {
  assert.equal(staleReason(project()), 'node_modules was not installed by npm from package-lock.json');
});

test('an install matching the lock file needs nothing; another platform\'s optional binary may be absent', () => {
  assert.equal(staleReason(project({ 'node_modules/katex': { version: '0.19.1' } })), undefined);
});

test('a package missing or at another version than the lock file pins needs npm ci', () => {
  assert.equal(staleReason(project({})), 'katex is not installed');
  assert.equal(staleReason(project({ 'node_modules/katex': { version: '0.16.0' } })),
    'katex is 0.16.0, package-lock.json pins 0.19.1');
});
