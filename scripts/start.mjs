// `npm start` (after scripts/setup.mjs has run `npm ci` if needed): build everything, provision code-server (once), package the .vsix, install it into
// a fresh profile and open the examples workspace in a real VS Code on 127.0.0.1. Keeps running
// until Ctrl-C, which ends code-server's whole process group.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TOOLS, VERSIONS, ensureTools, packageVsix, startCodeServer } from './vscode-tools.mjs';

const port = Number(process.env.KL_PORT ?? process.env.PORT ?? 8080);
const folder = join(ROOT, 'examples');

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
ensureTools();
const vsix = packageVsix(join(TOOLS, 'tmp', 'kronecker-lens-start.vsix'));
const dir = join(TOOLS, 'tmp', 'start');
rmSync(dir, { recursive: true, force: true });
const server = await startCodeServer({ port, folder, vsix, dir, quiet: true });

const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
console.log(`
Kronecker Lens in VS Code ${VERSIONS.codeServer.replace(/^4\./, '1.')} (code-server ${VERSIONS.codeServer}):

    ${url}

Open layer.md, select  y = σ(Wx + b)  and press Ctrl+K J or the ⊗ button in the title bar (or F1 → "Kronecker Lens: Show Jacobian").
Log: ${server.log}
Ctrl-C stops it.`);

let stopping = false;
const stop = async () => {
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const code = await server.exited;
if (!stopping) {
  console.error(`code-server exited (${code}); see ${server.log}`);
  process.exit(1);
}
