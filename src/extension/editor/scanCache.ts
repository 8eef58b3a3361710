// Each document's scan, one per version, shared by every caller (hover, status bar, inspector,
// diagnostics). A scan runs under the token of the caller that started it; when that caller cancels,
// a caller still waiting must not hear of it: it starts the scan again. Before, the diagnostics,
// which wait with no token, took the status bar's cancel for their own and silently set no squiggle
// for that version. No `vscode` import (unit-tested).

import { Cancelled, type CancelToken } from '../worker/analyzer';

export interface Started<T> {
  readonly value: Promise<T>;
  /** The notation files the scan reads (filled in once they are read). */
  readonly files: readonly string[];
}

interface Entry<T> extends Started<T> {
  readonly version: string;
}

export class ScanCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The scan of `key` at `version`: the one already under way, or what `start` begins under `token`. */
  get(key: string, version: string, token: CancelToken | undefined, start: (token?: CancelToken) => Started<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      return hit.value.catch((e: unknown) => {
        // the entry is gone by now (its own handler ran first), so this starts a fresh scan
        if (e instanceof Cancelled && !token?.isCancellationRequested) return this.get(key, version, token, start);
        throw e;
      });
    }
    const entry: Entry<T> = { version, ...start(token) };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  /** Forget the scans that read `file` (a notation file changed); their keys. */
  forgetReaders(file: string): string[] {
    const out: string[] = [];
    for (const [key, e] of this.entries) {
      if (!e.files.includes(file)) continue;
      this.entries.delete(key);
      out.push(key);
    }
    return out;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
