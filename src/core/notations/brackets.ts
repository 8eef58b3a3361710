// Balanced brackets, to any depth, in a written size: `(2(n+1)) x d`, `(2*(3*(n+1)), d)`,
// `{(2(n+1)) \times d}`. Every notation's size reader finds a bracket's partner and splits a list of
// sizes outside brackets here, over its own items (characters or tokens), instead of in a pattern
// that nests only as deep as it was written for.

import { dict } from '../keys';

/** Each opening bracket's closer. */
export const CLOSE = dict({ '(': ')', '[': ']', '{': '}' });
const CLOSERS = new Set(Object.values(CLOSE));

export const isOpener = (v: string): boolean => v in CLOSE;
export const isCloser = (v: string): boolean => CLOSERS.has(v);

/** Where the brackets go wrong: the index of the item, and why. */
export interface Unbalanced {
  readonly at: number;
  readonly why: string;
}

type Spell<T> = (t: T) => string;

export const isUnbalanced = (r: unknown): r is Unbalanced => typeof r === 'object' && r !== null && 'why' in r;

/** The index of the bracket closing the one that opens at `open`, or where the brackets go wrong. */
export function partner<T>(items: ArrayLike<T>, open: number, spell: Spell<T>): number | Unbalanced {
  return walk(items, open, spell, (_, depth) => depth === 0) ?? { at: open, why: `this '${spell(items[open] as T)}' is never closed` };
}

/** `items` cut at each separator outside all brackets, or where the brackets go wrong. */
export function splitOutside<T>(items: readonly T[], spell: Spell<T>, isSep: (t: T) => boolean): T[][] | Unbalanced {
  const parts: T[][] = [[]];
  const r = walk(items, 0, spell, (i, depth) => {
    const t = items[i] as T;
    if (depth === 0 && isSep(t)) parts.push([]);
    else parts[parts.length - 1]?.push(t);
    return false;
  });
  return isUnbalanced(r) ? r : parts;
}

/**
 * Items from `from` with the bracket depth after each, until `stop` says so (its index) or the end
 * (undefined); a closer of the wrong kind, one with no opener, or an opener left open at the end is
 * where the brackets go wrong.
 */
function walk<T>(items: ArrayLike<T>, from: number, spell: Spell<T>, stop: (i: number, depth: number) => boolean): number | Unbalanced | undefined {
  const open: number[] = [];
  for (let i = from; i < items.length; i++) {
    const v = spell(items[i] as T);
    if (isOpener(v)) open.push(i);
    else if (isCloser(v)) {
      const o = open.pop();
      if (o === undefined) return { at: i, why: `this '${v}' closes no bracket` };
      const opener = spell(items[o] as T);
      if (CLOSE[opener] !== v) return { at: i, why: `this '${v}' closes the '${opener}' before it` };
    }
    if (stop(i, open.length)) return i;
  }
  const last = open.pop();
  return last === undefined ? undefined : { at: last, why: `this '${spell(items[last] as T)}' is never closed` };
}
