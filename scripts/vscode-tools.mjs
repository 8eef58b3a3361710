// Provisioning and launching of a real VS Code (code-server 4.100.3 = VS Code 1.100.3, a Node
// extension host) for `npm start`, `npm run package` and the end-to-end tests. The tools live in
// `.tools/` (gitignored), outside the project's own dependencies: code-server's install needs the
// environment prepared below, so a plain `npm ci` of a project that listed it would fail.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = process.env.KL_TOOLS ?? join(ROOT, '.tools');
export const VERSIONS = { codeServer: '4.100.3', playwright: '1.65.1', vsce: '3.9.2' };
const APT = ['chromium', 'ripgrep', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev',
  'pkg-config', 'build-essential', 'python3'];
export const PROVISION_COMMAND = 'node scripts/vscode-tools.mjs provision';

const bin = (name) => join(TOOLS, 'node_modules', '.bin', name);
export const CHROMIUM = process.env.KL_CHROMIUM ?? '/usr/bin/chromium';
const log = (msg) => process.stderr.write(`[kronecker-lens] ${msg}\n`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return r;
}
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** The Debian packages that are missing (installing them needs root). */
function missingDebian() {
  const out = [];
  if (!existsSync(CHROMIUM)) out.push('chromium');
  if (!has('rg')) out.push('ripgrep');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) out.push('libkrb5-dev');
  return out;
}

/** What is missing, or [] when everything is in place. */
export function missing() {
  const out = missingDebian();
  for (const b of ['code-server', 'vsce']) if (!existsSync(bin(b))) out.push(b);
  if (!existsSync(join(TOOLS, 'node_modules', 'playwright-core'))) out.push('playwright-core');
  return out;
}

/** Debian packages (when missing), then code-server, playwright-core and vsce into TOOLS. Idempotent. */
export function provision() {
  if (missingDebian().length) {
    log(`installing Debian packages: ${APT.join(' ')}`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...APT], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (missing().length === 0) return;
  log(`installing code-server ${VERSIONS.codeServer}, playwright-core, vsce into ${TOOLS} (about a minute)`);
  const tmp = join(TOOLS, 'tmp');
  mkdirSync(tmp, { recursive: true });
  if (!existsSync(join(TOOLS, 'package.json'))) {
    writeFileSync(join(TOOLS, 'package.json'), JSON.stringify({ name: 'kronecker-lens-tools', private: true }, null, 2));
  }
  // @vscode/ripgrep's postinstall downloads rg from GitHub unless this cache file exists: seed it with Debian's rg.
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(cache, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  const stage = mkdtempSync(join(tmp, 'rg-'));
  copyFileSync(rg, join(stage, 'rg'));
  run('tar', ['czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', stage, 'rg']);
  rmSync(stage, { recursive: true, force: true });
  // unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty runs `npx node-gyp`.
  run('npm', ['i', '--no-audit', '--no-fund', `code-server@${VERSIONS.codeServer}`,
    `playwright-core@${VERSIONS.playwright}`, `@vscode/vsce@${VERSIONS.vsce}`], {
    cwd: TOOLS,
    env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  const left = missing();
  if (left.length) throw new Error(`provisioning left these missing: ${left.join(', ')}`);
}

/**
 * `provision()` when something is missing, saying what it installs. The Debian packages need root:
 * without it, stop with the exact command instead of a failing apt-get.
 */
export function ensureTools() {
  const debs = missingDebian();
  if (debs.length && process.getuid?.() !== 0) {
    log(`missing Debian packages (${debs.join(', ')}); installing them needs root. Run:\n` +
      `    sudo apt-get install -y ${APT.join(' ')}\nor, as root: ${PROVISION_COMMAND}`);
    process.exit(1);
  }
  provision();
}

/** Only vsce (for `npm run package`), when the full provisioning has not run. */
export function ensureVsce() {
  if (existsSync(bin('vsce'))) return;
  mkdirSync(TOOLS, { recursive: true });
  if (!existsSync(join(TOOLS, 'package.json'))) {
    writeFileSync(join(TOOLS, 'package.json'), JSON.stringify({ name: 'kronecker-lens-tools', private: true }, null, 2));
  }
  log(`installing @vscode/vsce ${VERSIONS.vsce} into ${TOOLS}`);
  run('npm', ['i', '--no-audit', '--no-fund', `@vscode/vsce@${VERSIONS.vsce}`], { cwd: TOOLS });
}

/** `vsce package` of the built extension into `out` (default: kronecker-lens-VERSION.vsix in ROOT). */
export function packageVsix(out) {
  ensureVsce();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const file = out ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  const args = ['package', '--no-dependencies', '-o', file];
  // The README's relative links (its screenshots) resolve against the packaged files: keep them
  // relative rather than pointing them at a repository's default branch.
  args.push('--no-rewrite-relative-links');
  if (!pkg.repository) args.push('--allow-missing-repository');
  if (!existsSync(join(ROOT, 'LICENSE')) && !existsSync(join(ROOT, 'LICENSE.md'))) args.push('--skip-license');
  run(bin('vsce'), args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return file;
}

export function listVsix() {
  ensureVsce();
  return spawnSync(bin('vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).stdout;
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'chat.commandCenter.enabled': false,
};

/**
 * A fresh profile in `dir` (user data, extensions, config) with the .vsix installed, and
 * code-server started in its own process group on 127.0.0.1:port with `folder` open.
 * Returns `{url, dir, log, stop(), exited}`; `stop` ends the whole group (extension host, watchers, ptys).
 */
export async function startCodeServer({ port, folder, vsix, dir, settings = {}, quiet = false }) {
  const runDir = dir ?? mkdtempSync(join(TOOLS, 'tmp', 'run-'));
  for (const d of ['ud/User', 'ext', 'cfg']) mkdirSync(join(runDir, d), { recursive: true });
  writeFileSync(join(runDir, 'ud/User/settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const env = { ...process.env, XDG_CONFIG_HOME: join(runDir, 'cfg'), TMPDIR: join(TOOLS, 'tmp') };
  const base = ['--config', join(runDir, 'cfg/config.yaml'), '--user-data-dir', join(runDir, 'ud'),
    '--extensions-dir', join(runDir, 'ext')];
  if (vsix) run(bin('code-server'), [...base, '--install-extension', vsix, '--force'], { env, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  const logFile = join(runDir, 'code-server.log');
  const fd = openSync(logFile, 'a');
  // detached = setsid(): code-server forks the extension host, file watcher and ptys, which outlive a
  // plain kill <pid>; as the leader of its own process group they all end with kill(-pgid).
  const child = spawn(bin('code-server'), [...base,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', folder],
  { env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const pgid = child.pid;
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((r) => setTimeout(r, 500));
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(`${url}/healthz`)).ok) return { url, dir: runDir, log: logFile, pgid, stop, exited }; } catch { /* not yet */ }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`code-server did not start on ${url}; see ${logFile}`);
}

/** The extension host's log files of a run (errors from activation land there). */
export function extensionHostLogs(runDir) {
  const out = [];
  const logs = join(runDir, 'ud', 'logs');
  if (!existsSync(logs)) return out;
  for (const session of readdirSync(logs)) {
    const s = join(logs, session);
    for (const sub of readdirSync(s)) {
      if (sub.startsWith('exthost')) {
        const f = join(s, sub, 'remoteexthost.log');
        if (existsSync(f)) out.push(f);
      }
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  if (cmd === 'provision') provision();
  else if (cmd === 'missing') console.log(missing().join(' ') || 'nothing');
  else if (cmd === 'package') console.log(packageVsix(process.argv[3]));
  else if (cmd === 'ls') process.stdout.write(listVsix());
  else { console.error('usage: node scripts/vscode-tools.mjs provision|missing|package [OUT]|ls'); process.exit(2); }
}
