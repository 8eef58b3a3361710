// The extension host's side of the analysis worker: jobs go to a `worker_threads` Worker, one
// at a time per lane, each under a timeout after which the worker is terminated and replaced,
// so a pathological input can never hang the extension host. No `vscode` import (unit-tested).

import { Worker } from 'node:worker_threads';
import type { Analysis, AnalysisError } from '../../core/analysis';
import type { ExportFormat, Exported } from '../../core/export';
import type { ScanLanguage, SiteJSON, WorkerJob, WorkerReady, WorkerResponse } from './protocol';

/** The part of `vscode.CancellationToken` used here. */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export class AnalysisTimeout extends Error {
  constructor(readonly ms: number) {
    super(`The analysis took longer than ${ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(0)} s`} and was stopped.`);
    this.name = 'AnalysisTimeout';
  }
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

interface Pending {
  id: number;
  job: WorkerJob;
  resolve(res: WorkerResponse): void;
  reject(err: Error): void;
}

/** Memory and stack of a worker: an analysis that needs more ends in an error, not in an
 *  extension host that swaps (the cost model refuses most such jobs before they start). */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };
/** A cancelled job that has run this long is stopped by ending its worker (a fresh one starts);
 *  a shorter one is left to finish, since starting a worker costs more. */
const STOP_AFTER_MS = 100;

/** One worker thread and its queue. */
export class Lane {
  private worker: Worker | undefined;
  /** The worker has loaded the core (its `ready` message): jobs are timed from here on. */
  private ready = false;
  private bootTimer: NodeJS.Timeout | undefined;
  private readonly queue: Pending[] = [];
  private current: { p: Pending; timer: NodeJS.Timeout; since: number } | undefined;
  private nextId = 1;
  private disposed = false;
  /** Workers started so far (a timeout or crash starts a new one). */
  started = 0;

  constructor(private readonly script: string, private readonly timeoutMs: number,
    private readonly bootTimeoutMs = 60_000) {}

  submit(job: WorkerJob, token?: CancelToken): Promise<WorkerResponse> {
    if (this.disposed) return Promise.reject(new Error('the analysis worker is disposed'));
    if (token?.isCancellationRequested) return Promise.reject(new Cancelled());
    return new Promise<WorkerResponse>((resolve, reject) => {
      const p: Pending = { id: this.nextId++, job, resolve, reject };
      this.queue.push(p);
      // Cancelling a queued job drops it; a running one is stopped (its worker ended) unless it is
      // about to finish.
      const sub = token?.onCancellationRequested(() => {
        const i = this.queue.indexOf(p);
        if (i >= 0) {
          this.queue.splice(i, 1);
          reject(new Cancelled());
        } else if (this.current?.p === p && Date.now() - this.current.since >= STOP_AFTER_MS) {
          this.fail(new Cancelled());
        }
      });
      const done = (): void => sub?.dispose();
      p.resolve = (r) => (done(), resolve(r));
      p.reject = (e) => (done(), reject(e));
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.disposed || this.queue.length === 0) return;
    const worker = this.ensureWorker();
    if (!this.ready) return; // its `ready` message pumps again
    const p = this.queue.shift()!;
    const timer = setTimeout(() => this.fail(new AnalysisTimeout(this.timeoutMs)), this.timeoutMs);
    this.current = { p, timer, since: Date.now() };
    worker.postMessage({ ...p.job, id: p.id });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { resourceLimits: RESOURCE_LIMITS });
    this.started++;
    this.ready = false;
    this.bootTimer = setTimeout(() => this.fail(new Error('the analysis worker did not start')), this.bootTimeoutMs);
    w.on('message', (res: WorkerResponse | WorkerReady) => {
      if (w !== this.worker) return;
      if ('ready' in res) {
        clearTimeout(this.bootTimer);
        this.ready = true;
        this.pump();
        return;
      }
      const cur = this.current;
      if (!cur || res.id !== cur.p.id) return;
      clearTimeout(cur.timer);
      this.current = undefined;
      cur.p.resolve(res);
      this.pump();
    });
    w.on('error', (err) => {
      if (w === this.worker) this.fail(err);
    });
    w.on('exit', (code) => {
      if (w === this.worker) this.fail(new Error(`the analysis worker exited (code ${code})`));
    });
    w.unref();
    this.worker = w;
    return w;
  }

  /**
   * The running job failed (timeout, crash), or the worker never started: end the worker, reject
   * that job (or, at start-up, the first one waiting), and go on with a fresh worker.
   */
  private fail(err: Error): void {
    const w = this.worker;
    this.worker = undefined;
    this.ready = false;
    clearTimeout(this.bootTimer);
    void w?.terminate();
    const cur = this.current;
    this.current = undefined;
    if (cur) {
      clearTimeout(cur.timer);
      cur.p.reject(err);
    } else {
      this.queue.shift()?.reject(err);
    }
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.bootTimer);
    for (const p of this.queue.splice(0)) p.reject(new Cancelled());
    const w = this.worker;
    this.worker = undefined;
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.p.reject(new Cancelled());
      this.current = undefined;
    }
    void w?.terminate();
  }
}

export type LaneName = 'interactive' | 'background';

/** A document's definitions, and a note when it has more than are read. */
export interface Scan {
  readonly sites: SiteJSON[];
  readonly note?: string;
}

export interface AnalyzerOptions {
  /** Path of `dist/worker.js`. */
  script: string;
  timeoutMs?: number;
  cacheSize?: number;
}

/** A cached job: dropped from its queue only when every caller waiting for it has cancelled. */
interface Entry {
  promise: Promise<WorkerResponse>;
  /** Callers that may still want the result; `Infinity` once one came without a token. */
  waiters: number;
  source: TokenSource;
}

class TokenSource implements CancelToken {
  private listeners: Array<() => void> = [];
  isCancellationRequested = false;
  onCancellationRequested(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => void (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  cancel(): void {
    if (this.isCancellationRequested) return;
    this.isCancellationRequested = true;
    for (const l of this.listeners.splice(0)) l();
  }
}

/**
 * Scans and analyses in two worker lanes — `interactive` (hover, cursor, panel) and `background`
 * (diagnostics, the inspector's list) — so a long batch never delays what the user waits for.
 * Results are cached by job, so the hover, the sidebar and the diagnostics share them.
 */
export class Analyzer {
  private readonly lanes: Record<LaneName, Lane>;
  private readonly cache = new Map<string, Entry>();
  private readonly cacheSize: number;

  constructor(opts: AnalyzerOptions) {
    const ms = opts.timeoutMs ?? 10_000;
    this.lanes = { interactive: new Lane(opts.script, ms), background: new Lane(opts.script, ms) };
    this.cacheSize = opts.cacheSize ?? 256;
  }

  /** `preamble`: the notation files the document inputs, read for their macros (editor/preamble.ts). */
  async scan(document: string, text: string, language: ScanLanguage, lane: LaneName = 'interactive',
    token?: CancelToken, preamble?: string): Promise<Scan> {
    const res = await this.run({ op: 'scan', document, text, language, ...(preamble ? { preamble } : {}) }, lane, token);
    if (res.ok && res.op === 'scan') return res.note ? { sites: res.sites, note: res.note } : { sites: res.sites };
    throw internal(res);
  }

  async analyze(job: AnalyzeJob, lane: LaneName = 'interactive', token?: CancelToken): Promise<Analysis> {
    const res = await this.run(job, lane, token);
    if (res.ok && (res.op === 'analyze' || res.op === 'analyzeProgram')) return res.analysis;
    throw internal(res);
  }

  /** Code, LaTeX, Matrix Market or CSV for what `job` analyses (in the worker: numbers included). */
  async export(job: AnalyzeJob, format: ExportFormat, token?: CancelToken): Promise<Exported | AnalysisError> {
    const res = await this.run({ op: 'export', format, of: job }, 'interactive', token);
    if (res.ok && res.op === 'export') return res.exported;
    throw internal(res);
  }

  /** Each formula as SVG in `color` (`null` where MathJax failed), rendered in the worker. */
  async svg(latex: string[], color: string, token?: CancelToken): Promise<Array<string | null>> {
    const res = await this.run({ op: 'svg', latex, color }, 'interactive', token);
    if (res.ok && res.op === 'svg') return res.svgs;
    throw internal(res);
  }

  /** Workers started so far, per lane (a timeout or a crash starts a new one). */
  get workersStarted(): number {
    return this.lanes.interactive.started + this.lanes.background.started;
  }

  private run(job: WorkerJob, lane: LaneName, token?: CancelToken): Promise<WorkerResponse> {
    const key = jobKey(job);
    let entry = this.cache.get(key);
    if (entry && !entry.source.isCancellationRequested) {
      this.cache.delete(key); // refresh its place in the LRU order
    } else {
      const source = new TokenSource();
      const promise = this.lanes[lane].submit(job, source);
      entry = { promise, waiters: 0, source };
      const e = entry;
      promise.then((res) => { if (!res.ok) this.forget(key, e); }, () => this.forget(key, e));
    }
    this.cache.set(key, entry);
    this.wait(entry, token);
    this.evict();
    return entry.promise;
  }

  private wait(entry: Entry, token?: CancelToken): void {
    if (!token) {
      entry.waiters = Infinity;
      return;
    }
    entry.waiters++;
    token.onCancellationRequested(() => {
      if (--entry.waiters <= 0) entry.source.cancel();
    });
  }

  private forget(key: string, entry: Entry): void {
    if (this.cache.get(key) === entry) this.cache.delete(key);
  }

  private evict(): void {
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  dispose(): void {
    this.lanes.interactive.dispose();
    this.lanes.background.dispose();
    this.cache.clear();
  }
}

export type AnalyzeJob = Extract<WorkerJob, { op: 'analyze' | 'analyzeProgram' }>;

/** A job's cache key: a stable hash of its JSON (a scan by its document and text's hash). Jobs
 *  carry only the pieces of a document they need (siteSource.ts), so this stays cheap. */
export function jobKey(job: WorkerJob): string {
  if (job.op !== 'scan') return `${job.op} ${hash(JSON.stringify(job))}`;
  // the same text read with another notation file's macros is another scan
  return `scan ${job.document} ${job.language} ${hash(job.text)}${job.preamble === undefined ? '' : ` ${hash(job.preamble)}`}`;
}

/** cyrb53: a fast 53-bit string hash, stable across runs (not cryptographic; a clash would need
 *  two jobs alive in one small cache). */
export function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function internal(res: WorkerResponse): Error {
  const e = new Error(res.ok ? `unexpected worker response ${res.op}` : res.message);
  if (!res.ok && res.stack) e.stack = res.stack;
  return e;
}
