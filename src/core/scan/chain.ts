// The assignments of one paragraph so far, and the chain a definition reads through them
// (`z = Wx + b` then `y = σ(z)`). Each name keeps the places it is bound, so a chain costs its
// own length, not the paragraph's: a paragraph of 100,000 unrelated definitions stays linear.

import type { Assignment } from '../ast';

/** An assignment of the paragraph, with the names its expression reads. */
export interface Pooled {
  readonly a: Assignment;
  readonly uses: ReadonlySet<string>;
}

export class Pool {
  private readonly items: Pooled[] = [];
  /** Where each name is bound, in ascending order (a Map: names are user text). */
  private readonly bound = new Map<string, number[]>();

  push(p: Pooled): void {
    const at = this.items.push(p) - 1;
    if (p.a.name === undefined) return;
    const list = this.bound.get(p.a.name);
    if (list) list.push(at);
    else this.bound.set(p.a.name, [at]);
  }

  /** The assignments the last one pushed depends on, in order, ending with it. */
  chainOfLast(): Pooled[] {
    return this.chain(this.items.length - 1);
  }

  /** Walks back from `at` taking, for each name still needed, its latest binding before the point
   *  reached (the latest binding of a name wins; a link's own uses are looked up before it). */
  private chain(at: number): Pooled[] {
    const target = this.items[at] as Pooled;
    const out = [target];
    const pending = new Map<string, number>();
    const want = (name: string, before: number): void => {
      if (pending.has(name)) return;
      const j = latestBefore(this.bound.get(name), before);
      if (j >= 0) pending.set(name, j);
    };
    for (const n of target.uses) want(n, at);
    while (pending.size) {
      let j = -1;
      for (const k of pending.values()) if (k > j) j = k;
      const p = this.items[j] as Pooled;
      pending.delete(p.a.name as string);
      out.push(p);
      for (const n of p.uses) want(n, j);
    }
    return out.reverse();
  }
}

/** The last entry of an ascending list below `before`, or -1. */
function latestBefore(list: readonly number[] | undefined, before: number): number {
  if (!list) return -1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < before) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? (list[lo - 1] as number) : -1;
}
