// The whole-answer table as JSON and Markdown under bench/results/, with the machine and its load.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ResultRow } from './section';

const dir = fileURLToPath(new URL('../results/', import.meta.url));

export function machine(): string {
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  return `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; load average ${load} (1/5/15 min)`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function writeResults(rows: ResultRow[], quick: boolean, startLoad: string): void {
  mkdirSync(dir, { recursive: true });
  const when = new Date().toISOString();
  const name = quick ? 'latest-quick' : 'latest';
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify({ when, machine: machine(), loadAtStart: startLoad, quick, rows }, null, 2)}\n`);
  const md = [
    `# Whole-answer bench (${quick ? 'quick' : 'full'} run)`, '',
    `${when} — ${machine()}; load at start ${startLoad}.`, '',
    'Times are CPU time of the measuring process (wall time in parentheses); ratios and verdicts use CPU time.', '',
    '| | ours | peer | ratio | target | verdict |', '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${[r.what, r.ours, r.peer, r.ratio, r.target, r.verdict].map(cell).join(' | ')} |`), '',
  ];
  writeFileSync(`${dir}${name}.md`, md.join('\n'));
  console.log(`\nwrote bench/results/${name}.json and ${name}.md`);
}
