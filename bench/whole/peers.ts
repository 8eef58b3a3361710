// Processes the whole-answer bench starts: the measurement child (bench/whole/child.ts) and the
// PyTorch peer (bench/whole/torch_peer.py, run by Debian's python3 when it can import torch).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
export const PYTHON = '/usr/bin/python3';
export const TORCH_INSTALL = 'apt-get install python3-torch';

/** One JSON line from a child process, or the reason there is none. */
function jsonOf(cmd: string, args: string[], input?: string): Record<string, unknown> | string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 2 ** 28, timeout: 300_000 });
  if (r.status !== 0) return `failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

export const child = (task: string, arg: string) => jsonOf(process.execPath, ['--import', 'tsx', here('./child.ts'), task, arg]);
/** The extension's load and activate() times (bench/whole/activation.cjs; needs dist/). */
export const activation = () => jsonOf(process.execPath, [here('./activation.cjs')]);

/** The host's diagnostics pass over a 1 MB, 500-definition document (bench/whole/host/host.ts,
 *  bundled here with its stand-in `vscode`), against the built worker; needs dist/. */
export function hostPass(worker: string): Record<string, unknown> | string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'kl-host-')), 'host.cjs');
  buildSync({ entryPoints: [here('./host/host.ts')], bundle: true, platform: 'node', outfile, alias: { vscode: here('./host/vscode.ts') }, logLevel: 'warning' });
  return jsonOf(process.execPath, [outfile, worker]);
}

/** The torch version when the peer can run, else the reason it cannot. */
export function torchAvailable(): { ok: true; version: string } | { ok: false; why: string } {
  try {
    const v = execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { ok: true, version: v.trim() };
  } catch {
    return { ok: false, why: `${PYTHON} cannot import torch; install it with: ${TORCH_INSTALL}` };
  }
}

export const torchPeer = (task: string, arg?: string, input?: string) =>
  jsonOf(PYTHON, [here('./torch_peer.py'), task, ...(arg ? [arg] : [])], input);

/** Median wall time of a whole process (start-up included), over `runs` runs. */
export function processMs(cmd: string, args: string[], runs = 5): number {
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.status !== 0) return NaN;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[ms.length >> 1]!;
}
