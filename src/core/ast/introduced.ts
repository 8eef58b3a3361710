// The symbols the tool introduces — the output y, the loss L, the upstream gradient g, the target
// t, the δ of the gradient forms, the commutation matrix K — and the one rule for their names: each
// takes the first of its spellings that none of the user's names reads as (by the letters shown:
// `delta` and `δ`, `y2` and `y₂` read alike), then that spelling numbered. A symbol the tool numbers
// itself (δ₁, δ₂, …) also passes over a spelling whose numbered forms a user's name reads as (`delta1`).
// The user's names are never renamed.

import { readable } from './names';

export type Introduced = 'output' | 'loss' | 'upstream' | 'target' | 'adjoint' | 'commutation';

/** The spellings each symbol may take, the usual one first. */
const SPELLINGS: { readonly [K in Introduced]: readonly string[] } = {
  output: ['y'],
  loss: ['L', 'ℓ'],
  upstream: ['g'],
  target: ['t'],
  // numbered δ₁ … δₙ when there are several, so other letters, not numbers
  adjoint: ['δ', 'ε', 'ζ'],
  // a subscript is taken by its sizes (K_{m,n}), so other letters, not numbers
  commutation: ['K', 'P', 'T', 'Q'],
};

/** What a name reads as: δ for `delta`, y2 for `y_2` and `y₂`. */
const shown = (name: string): string => readable(name).replace(/_/g, '').normalize('NFKC');

/** The symbols printed with a number of the tool's (δ₁ … δₙ for several adjoints). */
const NUMBERED: ReadonlySet<Introduced> = new Set(['adjoint']);

/** Does one of the names read as `s`, or, for a symbol the tool numbers, as `s` numbered (`delta1` as δ₁)? */
const readsAs = (names: ReadonlySet<string>, s: string, numbered: boolean): boolean =>
  names.has(s) || (numbered && [...names].some((n) => n.startsWith(s) && /^\d+$/.test(n.slice(s.length))));

export type IntroducedNames = { readonly [K in Introduced]: string };

/** The name of every introduced symbol beside the user's names `taken`; an output the user named
 *  (`L = sum(W*x)`) is the loss itself, so its name does not move the loss's. */
export function introducedNames(taken: Iterable<string>, output?: string): IntroducedNames {
  const all = new Set([...taken].map(shown));
  const pick = (k: Introduced): string => {
    const seen = k === 'loss' && output !== undefined ? new Set([...all].filter((n) => n !== shown(output))) : all;
    const spellings = SPELLINGS[k];
    const clashes = (s: string): boolean => readsAs(seen, shown(s), NUMBERED.has(k));
    const free = spellings.find((s) => !clashes(s));
    if (free) return free;
    const base = spellings[0] as string;
    let i = 2;
    while (clashes(`${base}${i}`)) i++;
    return `${base}${i}`;
  };
  return { output: pick('output'), loss: pick('loss'), upstream: pick('upstream'), target: pick('target'), adjoint: pick('adjoint'), commutation: pick('commutation') };
}
