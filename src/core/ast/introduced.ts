// The symbols the tool introduces — the output y, the loss L, the upstream gradient g, the target
// t, the δ of the gradient forms, the commutation matrix K, the identity I, the ones 𝟏 — and the one rule for
// their names: each takes the first of its spellings that none of the user's names reads as (by the
// letters shown: `delta` and `δ`, `y2` and `y₂` read alike), then that spelling numbered. A symbol the
// tool subscripts itself (δ₁, δ₂ numbered, Iₙ sized) also passes over a spelling that a user's name
// reads as with such a subscript (`delta1`, a declared `I_3`). The user's names are never renamed.

import { readable } from './names';

export type Introduced = 'output' | 'loss' | 'upstream' | 'target' | 'adjoint' | 'commutation' | 'identity' | 'ones';

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
  // beside a variable of the user's called I (declared, or a Python name): Id, the identity map's name;
  // then E (Einheitsmatrix), as a number after I would read as its size (I2₃)
  identity: ['I', 'Id', 'E'],
  // beside a variable of the user's called 𝟏 (declared, or given values): 𝐞, the ones vector of many texts
  ones: ['𝟏', '𝐞'],
};

/** A name as read, with the `_` that makes the rest a subscript (δ_1 for `delta_1`, `I_n`, not `In`). */
const spelled = (name: string): string => readable(name).normalize('NFKC');

/** What a name reads as: δ for `delta`, y2 for `y_2` and `y₂`. */
const shown = (name: string): string => spelled(name).replace(/_/g, '');

/** What follows a symbol the tool subscripts itself: δ₁ … δₙ numbered, Iₙ sized (I₃, I_3, I_n). */
const SUBSCRIPTS: { readonly [K in Introduced]?: RegExp } = { adjoint: /^_?\d+$/, identity: /^(?:_?\d+|_[A-Za-z]\w*)$/ };

/** Does one of the names read as `s` with a subscript the tool gives it (`delta1` as δ₁, `I_n` as Iₙ)? */
const subscriptOf = (names: readonly string[], s: string, subscript: RegExp): boolean =>
  names.some((n) => n.startsWith(s) && subscript.test(n.slice(s.length)));

export type IntroducedNames = { readonly [K in Introduced]: string };

/** The name of every introduced symbol beside the user's names `taken`; an output the user named
 *  (`L = sum(W*x)`) is the loss itself, so its name does not move the loss's. */
export function introducedNames(taken: Iterable<string>, output?: string): IntroducedNames {
  const names = [...taken];
  const all = new Set(names.map(shown));
  const subscripted = names.map(spelled);
  const pick = (k: Introduced): string => {
    const seen = k === 'loss' && output !== undefined ? new Set([...all].filter((n) => n !== shown(output))) : all;
    const spellings = SPELLINGS[k];
    const subscript = SUBSCRIPTS[k];
    const clashes = (s: string): boolean => seen.has(shown(s)) || (!!subscript && subscriptOf(subscripted, shown(s), subscript));
    const free = spellings.find((s) => !clashes(s));
    if (free) return free;
    const base = spellings[0] as string;
    let i = 2;
    while (clashes(`${base}${i}`)) i++;
    return `${base}${i}`;
  };
  return { output: pick('output'), loss: pick('loss'), upstream: pick('upstream'), target: pick('target'), adjoint: pick('adjoint'), commutation: pick('commutation'), identity: pick('identity'), ones: pick('ones') };
}
