// The worker client against small stand-in worker scripts: results, the timeout that replaces a
// hung worker, crashes, cancellation of queued jobs and the shared cache.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AnalysisTimeout, Analyzer, Cancelled, jobKey, Lane, type CancelToken } from '../../../src/extension/worker/analyzer';

const dir = mkdtempSync(join(tmpdir(), 'kl-worker-'));
// Answers `analyze` with an analysis naming its input; `hang` never answers; `crash` exits.
const script = join(dir, 'worker.js');
writeFileSync(script, `
const { parentPort } = require('node:worker_threads');
let calls = 0;
parentPort.postMessage({ ready: true });
parentPort.on('message', (m) => {
  calls++;
  if (m.op === 'analyze' && m.input === 'hang') for (;;) {}
  if (m.op === 'analyze' && m.input === 'crash') process.exit(3);
  if (m.op === 'scan') return parentPort.postMessage({ id: m.id, ok: true, op: 'scan', sites: [] });
  if (m.input === 'bug') return parentPort.postMessage({ id: m.id, ok: false, message: 'internal' });
  parentPort.postMessage({ id: m.id, ok: true, op: m.op, analysis: { ok: false, input: m.input, error: { message: 'calls ' + calls, start: 0, end: 0 } } });
});`);

const analyzers: Analyzer[] = [];
const make = (timeoutMs = 2000): Analyzer => {
  const a = new Analyzer({ script, timeoutMs });
  analyzers.push(a);
  return a;
};
after(() => analyzers.forEach((a) => a.dispose()));

function source(): CancelToken & { cancel(): void } {
  const ls: Array<() => void> = [];
  const t = {
    isCancellationRequested: false,
    onCancellationRequested: (l: () => void) => (ls.push(l), { dispose() {} }),
    cancel: () => { t.isCancellationRequested = true; ls.forEach((l) => l()); },
  };
  return t;
}

test('a job runs in the worker and its result is cached by job', async () => {
  const a = make();
  const r1 = await a.analyze({ op: 'analyze', input: 'y', options: {} });
  const r2 = await a.analyze({ op: 'analyze', input: 'y', options: {} }, 'background');
  assert.equal(r1, r2);
  assert.equal(r1.ok ? '' : r1.error.message, 'calls 1');
  assert.deepEqual(await a.scan('doc', 'text', 'markdown'), { sites: [] });
});

test('a scan of the same text with another notation file (preamble) is another job, not a cached one', () => {
  const scan = (preamble?: string) => jobKey({ op: 'scan', document: 'd', text: '$$y = \\vx$$', language: 'markdown', ...(preamble ? { preamble } : {}) });
  assert.notEqual(scan('\\newcommand{\\vx}{x}'), scan());
  assert.notEqual(scan('\\newcommand{\\vx}{x}'), scan('\\newcommand{\\vx}{z}'));
  assert.equal(scan('\\newcommand{\\vx}{x}'), scan('\\newcommand{\\vx}{x}'));
});

test('a hung job times out, its worker is replaced, and the next job runs', async () => {
  const a = make(1000);
  const t = Date.now();
  await assert.rejects(a.analyze({ op: 'analyze', input: 'hang', options: {} }), AnalysisTimeout);
  assert.ok(Date.now() - t < 5000);
  const r = await a.analyze({ op: 'analyze', input: 'after', options: {} });
  assert.equal(r.ok ? '' : r.error.message, 'calls 1'); // a fresh worker
  assert.equal(a.workersStarted, 2);
});

test('a worker that never gets ready fails the first job after the start-up timeout, then the next one starts afresh', async () => {
  const silent = join(dir, 'silent.js');
  writeFileSync(silent, 'setInterval(() => {}, 1000);');
  const lane = new Lane(silent, 100, 300);
  try {
    await assert.rejects(lane.submit({ op: 'scan', document: 'doc', text: '', language: 'markdown' }), /did not start/);
    assert.equal(lane.started, 1);
  } finally {
    lane.dispose();
  }
});

test('a slow start does not count against the timeout of a job', async () => {
  const slow = join(dir, 'slow.js');
  writeFileSync(slow, `const { parentPort } = require('node:worker_threads');
const t = Date.now(); while (Date.now() - t < 600) {}
parentPort.postMessage({ ready: true });
parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, ok: true, op: 'scan', sites: [] }));`);
  const lane = new Lane(slow, 300);
  try {
    const r = await lane.submit({ op: 'scan', document: 'doc', text: '', language: 'markdown' });
    assert.equal(r.ok, true);
  } finally {
    lane.dispose();
  }
});

test('a crash rejects only the running job', async () => {
  const a = make();
  await assert.rejects(a.analyze({ op: 'analyze', input: 'crash', options: {} }), /exited \(code 3\)/);
  assert.equal((await a.analyze({ op: 'analyze', input: 'ok', options: {} })).ok, false);
  await assert.rejects(a.analyze({ op: 'analyze', input: 'bug', options: {} }), /internal/);
});

test('a queued job is dropped when every caller waiting for it cancels', async () => {
  const lane = new Lane(script, 300);
  try {
    const hung = lane.submit({ op: 'analyze', input: 'hang', options: {} });
    const s = source();
    const queued = lane.submit({ op: 'analyze', input: 'q', options: {} }, s);
    s.cancel();
    await assert.rejects(queued, Cancelled);
    await assert.rejects(hung, AnalysisTimeout);
  } finally {
    lane.dispose();
  }
});

test('a shared job survives one caller cancelling while another still waits', async () => {
  const a = make(300);
  const blocker = a.analyze({ op: 'analyze', input: 'hang', options: {} }).catch(() => undefined);
  const s1 = source();
  const p1 = a.analyze({ op: 'analyze', input: 'shared', options: {} }, 'interactive', s1);
  const p2 = a.analyze({ op: 'analyze', input: 'shared', options: {} }, 'interactive', source());
  s1.cancel();
  const r = await p2;
  assert.equal(r.ok, false);
  assert.equal(await p1, r);
  await blocker;
});
