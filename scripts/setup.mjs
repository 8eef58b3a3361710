// First step of `npm start` and `npm test`: install the project's npm dependencies (`npm ci`) when
// `node_modules` is missing or does not hold what package-lock.json pins. Imports nothing but Node's
// own modules, because it runs before any dependency exists.
//
// "Out of date" is judged by content, not by modification time: git sets a file's mtime when it
// checks it out, so a fresh checkout of the same lock file would look newer than a good install.
// npm records what it installed in node_modules/.package-lock.json; every package the lock file
// pins must be there at the same version (optional ones, such as other platforms' esbuild
// binaries, may be absent).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const say = (msg) => process.stderr.write(`[kronecker-lens] ${msg}\n`);

/** Why `npm ci` is needed, or undefined when node_modules matches package-lock.json. */
export function staleReason(root = ROOT) {
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  const installedFile = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installedFile)) return 'node_modules was not installed by npm from package-lock.json';
  const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {};
  for (const [path, pkg] of Object.entries(wanted)) {
    if (path === '' || pkg.link) continue;
    const have = installed[path];
    if (!have && (pkg.optional || pkg.devOptional)) continue;
    if (!have) return `${path.replace(/^node_modules\//, '')} is not installed`;
    if (have.version !== pkg.version) {
      return `${path.replace(/^node_modules\//, '')} is ${have.version}, package-lock.json pins ${pkg.version}`;
    }
  }
  return undefined;
}

export function setup(root = ROOT) {
  const reason = staleReason(root);
  if (!reason) return;
  say(`${reason}: running npm ci (installs the npm dependencies pinned in package-lock.json)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`npm ci failed (exit ${r.status ?? r.signal}); fix the error above and run the command again`);
    process.exit(r.status ?? 1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) setup();
