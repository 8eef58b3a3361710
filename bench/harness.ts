// The benchmark harness: what a case provides, how competitors are checked against each other,
// timed (medians over repeated runs, never asserted) and weighed (bytes, measured heap deltas).
import v8 from 'node:v8';
import vm from 'node:vm';

/** One way of computing the case's results. `build` makes what the tasks then use. */
export interface Competitor<S = any> {
  name: string;
  /** Why it is not run at this size (it is still listed). */
  skip?: string;
  build(): S;
  /** Task name → its result, compared across competitors before anything is timed. */
  tasks: Record<string, (state: S) => Float64Array>;
  /** Bytes of the Jacobian representation `build` made, by construction. */
  bytes?(state: S): number;
}

export interface Instance {
  title: string;
  /** Lines printed under the title (shapes, nnz, …). */
  facts: string[];
  /** Name of the competitor all results and times are compared with. */
  reference: string;
  /** Header of the column showing Competitor.bytes (default `bytes`). */
  bytesLabel?: string;
  competitors: Competitor[];
}

export interface BenchOptions {
  quick: boolean;
  /** Dense Jacobians above this many bytes are skipped. */
  denseLimitBytes: number;
}

/** A case yields its instances lazily, so one size's arrays are freed before the next. */
export interface BenchCase {
  name: string;
  instances(opts: BenchOptions): Iterable<Instance>;
}

// ---- timing ----

let sink = 0;
/** Keeps a result observable so the work producing it cannot be skipped. */
export function consume(v: unknown): void {
  if (v instanceof Float64Array) sink += v.length ? v[0]! : 0;
  else if (v && typeof v === 'object') sink += 1;
}
export const sinkValue = (): number => sink;

/** A call seen to take longer than this is not repeated: its one time is reported. */
const SLOW_MS = 2000;

export interface Timing {
  medianMs: number;
  /** Median CPU time of the process per call (all its threads: the collector's too). On a loaded
   *  machine wall time is mostly waiting for a core; CPU time is near what an idle core takes. */
  medianCpuMs: number;
  samples: number;
}

/** Something to time, with the time of a call already made if there was one. */
export interface Timed {
  fn: () => unknown;
  knownMs?: number;
}

/**
 * Median time of one call of each fn, measured side by side: samples are taken in rounds, one
 * from each fn per round, so load on a shared machine hits every competitor alike. Each fn is
 * warmed up first (up to 200 calls or `warmMs`) so the JIT has optimised it; fast calls are
 * batched so a sample lasts about `sampleMs`. Rounds continue until `minSamples` and `budgetMs`
 * (per fn) are reached, or `maxSamples`.
 */
export function timeTogether(items: Timed[], quick: boolean): Timing[] {
  const minSamples = quick ? 3 : 5, maxSamples = quick ? 7 : 31;
  const budgetMs = quick ? 60 : 300, sampleMs = quick ? 1 : 4, warmMs = quick ? 30 : 150;
  const out: Timing[] = items.map((it) => ({ medianMs: it.knownMs ?? NaN, medianCpuMs: NaN, samples: 1 }));
  const live = items.map((it, k) => ({ k, fn: it.fn, batch: 1, ms: [] as number[], cpu: [] as number[] }))
    .filter(({ k }) => !((items[k]!.knownMs ?? 0) > SLOW_MS));
  for (const t of live) {
    let calls = 0, warm = 0, last = 0;
    while (calls < 200 && warm < warmMs) { last = clock(t.fn, 1).wall; warm += last; calls++; }
    t.batch = Math.max(1, Math.min(10_000, Math.floor(sampleMs / Math.max(last, 1e-4))));
  }
  let spent = 0;
  for (let round = 0; round < maxSamples && (round < minSamples || spent < budgetMs * live.length); round++) {
    for (const t of live) {
      const { wall, cpu } = clock(t.fn, t.batch);
      t.ms.push(wall);
      t.cpu.push(cpu);
      spent += wall * t.batch;
    }
  }
  for (const t of live) out[t.k] = { medianMs: median(t.ms), medianCpuMs: median(t.cpu), samples: t.ms.length };
  return out;
}

/** Median time of one call of fn alone (see timeTogether). */
export function time(fn: () => unknown, quick: boolean): Timing {
  return timeTogether([{ fn }], quick)[0]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b), mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// mean wall and CPU milliseconds per call over `batch` back-to-back calls
function clock(fn: () => unknown, batch: number): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < batch; k++) consume(fn());
  const wall = (performance.now() - t0) / batch;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 / batch };
}

// ---- memory ----

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Bytes (JS heap + typed-array buffers) that `copies` calls of `build` leave held, per call. */
export function retainedBy<S>(build: () => S, copies: number): { bytes: number; value: S; ms: number } {
  const before = settledHeap();
  const t0 = performance.now();
  const kept = Array.from({ length: copies }, build);
  const ms = (performance.now() - t0) / copies;
  return { bytes: (settledHeap() - before) / copies, value: kept[0]!, ms };
}

/** Copies to keep at once so that a result of about `bytes` rises above the heap's noise. */
export const copiesFor = (bytes: number): number => Math.max(1, Math.min(32, Math.floor(2 ** 26 / Math.max(bytes, 4096))));

// a few full collections, so garbage from earlier work (and freed buffers) is not counted
function settledHeap(): number {
  for (let k = 0; k < 3; k++) gc();
  return heapNow();
}
const heapNow = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

// ---- agreement ----

/** max |a − b| and the same relative to max |b|. */
export function maxDiff(a: Float64Array, b: Float64Array): { abs: number; rel: number } {
  if (a.length !== b.length) return { abs: Infinity, rel: Infinity };
  let d = 0, s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return { abs: d, rel: s > 0 ? d / s : d };
}

// ---- formatting ----

export function fmtMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}
export function fmtBytes(b: number): string {
  const a = Math.abs(b), sign = b < 0 ? '−' : '';
  if (a >= 2 ** 30) return `${sign}${(a / 2 ** 30).toFixed(2)} GB`;
  if (a >= 2 ** 20) return `${sign}${(a / 2 ** 20).toFixed(1)} MB`;
  if (a >= 2 ** 10) return `${sign}${(a / 2 ** 10).toFixed(1)} KB`;
  return `${sign}${Math.round(a)} B`;
}
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return '×—';
  return r >= 100 ? `×${Math.round(r).toLocaleString('en-US')}` : `×${r.toFixed(r >= 10 ? 1 : 2)}`;
}

/** A plain text table: first column left-aligned, the rest right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((s, c) => (c === 0 ? s.padEnd(w[c]!) : s.padStart(w[c]!))).join('  ').trimEnd();
  return [line(head), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
