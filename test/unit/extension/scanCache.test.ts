// The shared per-version scan (editor/scanCache.ts): a caller never hears of a cancel that is not its
// own. The race CI met: the status bar starts the scan under its token, the diagnostics (no token)
// join it, the status bar cancels — the diagnostics must still get the sites.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cancelled, type CancelToken } from '../../../src/extension/worker/analyzer';
import { ScanCache } from '../../../src/extension/editor/scanCache';

class Token implements CancelToken {
  isCancellationRequested = false;
  private listeners: Array<() => void> = [];
  onCancellationRequested(l: () => void) {
    this.listeners.push(l);
    return { dispose: () => undefined };
  }
  cancel(): void {
    this.isCancellationRequested = true;
    for (const l of this.listeners.splice(0)) l();
  }
}

/** A scan that resolves on the next turn unless its token is cancelled first, as the worker lane does. */
function scanner(result: string[]) {
  let started = 0;
  const start = (token?: CancelToken) => {
    started++;
    const value = new Promise<string[]>((resolve, reject) => {
      token?.onCancellationRequested(() => reject(new Cancelled()));
      setTimeout(() => (token?.isCancellationRequested ? reject(new Cancelled()) : resolve(result)), 5);
    });
    return { value, files: ['notation.tex'] };
  };
  return { start, started: () => started };
}

test('a caller without a token that joined a scan gets the sites when the scan\'s starter cancels', async () => {
  const cache = new ScanCache<string[]>();
  const s = scanner(['y = σ(Wx + b)']);
  const statusBar = new Token();
  const first = cache.get('layer.md', '7', statusBar, s.start);
  const diagnostics = cache.get('layer.md', '7', undefined, s.start);
  statusBar.cancel();
  await assert.rejects(first, Cancelled);
  assert.deepEqual(await diagnostics, ['y = σ(Wx + b)']);
  assert.equal(s.started(), 2, 'the scan was started again for the caller still waiting');
});

test('a caller whose own token is cancelled hears of it, and nothing is scanned again for it', async () => {
  const cache = new ScanCache<string[]>();
  const s = scanner(['a']);
  const mine = new Token();
  const p = cache.get('k', '1', mine, s.start);
  const joined = cache.get('k', '1', mine, s.start);
  mine.cancel();
  await assert.rejects(p, Cancelled);
  await assert.rejects(joined, Cancelled);
  assert.equal(s.started(), 1);
});

test('one scan per version is shared; a new version scans again; a notation file forgets its readers', async () => {
  const cache = new ScanCache<string[]>();
  const s = scanner(['a']);
  await Promise.all([cache.get('k', '1', undefined, s.start), cache.get('k', '1', new Token(), s.start)]);
  assert.equal(s.started(), 1);
  await cache.get('k', '2', undefined, s.start);
  assert.equal(s.started(), 2);
  assert.deepEqual(cache.forgetReaders('notation.tex'), ['k']);
  await cache.get('k', '2', undefined, s.start);
  assert.equal(s.started(), 3);
});
