// npm run bench [-- --quick] [-- --case NAME|whole] [-- --dense-limit-gb N]
// Runs every registered case with its competitors side by side in this one process: checks that
// they agree, then reports median times, ratios to the reference competitor, and memory.
// Timings are reported, never asserted; the exit code is 1 only when competitors disagree.
import os from 'node:os';
import { cases } from './cases/index';
import { wholeAnswer } from './whole/section';
import { writeResults } from './whole/results';
import { copiesFor, fmtBytes, fmtMs, fmtRatio, maxDiff, retainedBy, sinkValue, table, timeTogether } from './harness';
import type { BenchOptions, Competitor, Instance } from './harness';

/** Results further apart than this (relative to the reference's largest entry) disagree. */
const AGREE_REL = 1e-9;

interface Row {
  c: Competitor;
  skip?: string;
  buildMs?: number;
  /** Set when the build was timed once only (too slow to repeat). */
  once?: boolean;
  taskMs: Record<string, number>;
  bytes?: number;
  heap?: number;
}

type Results = Record<string, Float64Array>;

function parseArgs(argv: string[]): BenchOptions & { only?: string } {
  const arg = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const gb = Number(arg('--dense-limit-gb') ?? 2);
  return { quick: argv.includes('--quick'), denseLimitBytes: gb * 2 ** 30, ...(arg('--case') ? { only: arg('--case')! } : {}) };
}

/** Compares a competitor's results with the reference's; marks the row and returns false if they disagree. */
function agrees(r: Row, got: Results, ref: Row, expected: Results): boolean {
  let ok = true;
  const parts = Object.entries(expected).map(([t, e]) => {
    const d = maxDiff(got[t] ?? new Float64Array(0), e);
    if (!(d.rel <= AGREE_REL)) { ok = false; r.skip = `DISAGREES on ${t} (max |Δ| ${d.abs.toExponential(2)})`; }
    return `${t} max |Δ| ${d.abs.toExponential(1)}`;
  });
  console.log(`  agreement  ${r.c.name} vs ${ref.c.name}: ${parts.join(', ')}`);
  return ok;
}

interface Live {
  row: Row;
  state: unknown;
  firstMs: number;
  firstBytes: number;
}

/** The first build of a competitor: timed and weighed; its task results kept for the agreement check. */
function firstBuild(row: Row): { live: Live; results: Results } {
  const first = retainedBy(() => row.c.build(), 1);
  const results: Results = Object.fromEntries(Object.entries(row.c.tasks).map(([t, f]) => [t, f(first.value)]));
  if (row.c.bytes) row.bytes = row.c.bytes(first.value);
  return { live: { row, state: first.value, firstMs: first.ms, firstBytes: first.bytes }, results };
}

/** Times the builds side by side, then each task side by side; then weighs small builds again, many at once. */
function measure(lives: Live[], tasks: string[], quick: boolean): void {
  const builds = timeTogether(lives.map((l) => ({ fn: () => l.row.c.build(), knownMs: l.firstMs })), quick);
  lives.forEach((l, k) => { l.row.buildMs = builds[k]!.medianMs; l.row.once = builds[k]!.samples === 1; });
  for (const t of tasks) {
    const times = timeTogether(lives.map((l) => ({ fn: () => l.row.c.tasks[t]!(l.state) })), quick);
    lives.forEach((l, k) => { l.row.taskMs[t] = times[k]!.medianMs; });
  }
  for (const l of lives) {
    const copies = copiesFor(l.firstBytes);
    l.row.heap = copies > 1 ? retainedBy(() => l.row.c.build(), copies).bytes : l.firstBytes;
  }
}

function report(inst: Instance, rows: Row[]): void {
  const ref = rows.find((r) => r.c.name === inst.reference)!;
  const tasks = Object.keys(ref.c.tasks);
  const first = tasks[0]!;
  // no ratio to a reference time below 0.1 µs: that is a clock reading, not a cost
  const cell = (ms: number | undefined, refMs: number | undefined) =>
    ms === undefined ? '' : `${fmtMs(ms)} ${fmtRatio(refMs !== undefined && refMs >= 1e-4 ? ms / refMs : NaN)}`;
  const total = (r: Row) => (r.buildMs === undefined ? undefined : r.buildMs + (r.taskMs[first] ?? NaN));
  const head = ['competitor', 'build', ...tasks, `build + ${first}`, inst.bytesLabel ?? 'bytes', 'heap Δ (build)'];
  const body = rows.map((r) => r.skip
    ? [r.c.name, r.skip, ...tasks.map(() => ''), '', '', '']
    : [r.c.name, cell(r.buildMs, ref.buildMs) + (r.once ? ' (1 run)' : ''), ...tasks.map((t) => cell(r.taskMs[t], ref.taskMs[t])),
      cell(total(r), total(ref)), r.bytes === undefined ? '—' : fmtBytes(r.bytes), fmtBytes(r.heap ?? 0)]);
  console.log(table(head, body).replace(/^/gm, '  '));
}

function runInstance(inst: Instance, opts: BenchOptions): boolean {
  console.log(`\n${inst.title}`);
  for (const f of inst.facts) console.log(`  ${f}`);
  const rows: Row[] = inst.competitors.map((c) => ({ c, ...(c.skip ? { skip: c.skip } : {}), taskMs: {} }));
  const ref = rows.find((r) => r.c.name === inst.reference && !r.skip);
  if (!ref) throw new Error(`bench: reference competitor "${inst.reference}" missing or skipped`);
  const { live: refLive, results: expected } = firstBuild(ref);
  const lives = [refLive];
  let ok = true;
  for (const r of rows) {
    if (r === ref || r.skip) continue;
    const { live, results } = firstBuild(r);
    if (agrees(r, results, ref, expected)) lives.push(live);
    else ok = false;
  }
  measure(lives, Object.keys(ref.c.tasks), opts.quick);
  report(inst, rows);
  return ok;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const startLoad = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  console.log(`Kronecker Lens bench — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
  console.log(`time: median per call (fast calls batched), ${opts.quick ? '3–7' : '5–31'} samples after a warm-up; ×r = time / the reference row's time`);
  console.log('J bytes: what the Jacobian representation holds; heap Δ: JS heap + buffers one build keeps (measured)');
  let ok = true;
  for (const c of cases) {
    if (opts.only && c.name !== opts.only) continue;
    for (const inst of c.instances(opts)) ok = runInstance(inst, opts) && ok;
  }
  if (!opts.only || opts.only === 'whole') writeResults(wholeAnswer(opts.quick), opts.quick, startLoad);
  console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s${sinkValue() === 42.4242 ? ' ' : ''}`);
  if (!ok) process.exitCode = 1;
}

main();
