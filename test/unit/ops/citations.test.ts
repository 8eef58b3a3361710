// Every source a derivation cites names an equation or theorem that says what the identity uses.
// The reference table below was checked against the books, not against the code: the Matrix
// Cookbook (Petersen & Pedersen, version of 15 November 2012) by equation number — (33)–(45) and
// (520) as numbered in the Lean formalisation of the Cookbook (eric-wieser/lean-matrix-cookbook,
// theorems eq_33 … eq_45, eq_520), (49) and (57) counted from (46) in §2.1.2; Magnus & Neudecker,
// Matrix Differential Calculus, 3rd ed. 2019, by chapter, section and theorem. A citation outside
// the table, or one whose identity lacks what the cited equation is about, fails: add an entry only
// after reading the equation in the book.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKWARDS, CHAIN, IDENTITIES, type Identity } from '../../../src/core/calculus/identities';

/** What the cited equation states, and a pattern the citing identity's rule must contain. */
const COOKBOOK: ReadonlyMap<number, { readonly states: string; readonly rule: RegExp }> = new Map([
  [34, { states: '∂(αX) = α∂X', rule: /−|-/ }],
  [35, { states: '∂(X + Y) = ∂X + ∂Y', rule: /\+|−|sum/ }],
  [36, { states: '∂Tr(X) = Tr(∂X)', rule: /tr/ }],
  [37, { states: '∂(XY) = (∂X)Y + X(∂Y)', rule: /d[A-Z]\s*[A-Z]|dX/ }],
  [38, { states: '∂(X ∘ Y) = (∂X) ∘ Y + X ∘ (∂Y)', rule: /⊙/ }],
  [39, { states: '∂(X ⊗ Y) = (∂X) ⊗ Y + X ⊗ (∂Y)', rule: /⊗/ }],
  [40, { states: '∂(X⁻¹) = −X⁻¹(∂X)X⁻¹', rule: /X⁻¹ dX X⁻¹/ }],
  [41, { states: '∂det(X) = Tr(adj(X) ∂X)', rule: /adj/ }],
  [42, { states: '∂det(X) = det(X) Tr(X⁻¹ ∂X)', rule: /det X tr\(X⁻¹ dX\)/ }],
  [43, { states: '∂ln(det(X)) = Tr(X⁻¹ ∂X)', rule: /log det X = tr\(X⁻¹ dX\)/ }],
  [44, { states: '∂Xᵀ = (∂X)ᵀ', rule: /ᵀ/ }],
  [49, { states: '∂det(X)/∂X = det(X)(X⁻¹)ᵀ', rule: /det/ }],
  [57, { states: '∂ln|det(X)|/∂X = (X⁻¹)ᵀ', rule: /log det/ }],
  [520, { states: 'vec(AXB) = (Bᵀ ⊗ A) vec(X)', rule: /vec.*⊗|⊗.*vec/ }],
]);

const MAGNUS_NEUDECKER: ReadonlyMap<string, { readonly states: string; readonly rule: RegExp }> = new Map([
  ['Thm 2.2', { states: 'vec ABC = (Cᵀ ⊗ A) vec B', rule: /vec.*⊗|⊗.*vec/ }],
  ['ch. 2', { states: 'the vec operator and its linearity', rule: /vec/ }],
  ['ch. 3 §7', { states: 'the commutation matrix K_mn: K vec A = vec Aᵀ', rule: /K_/ }],
  ['Thm 3.10', { states: 'vec(A ⊗ B) = (Iₙ ⊗ K_qm ⊗ Iₚ)(vec A ⊗ vec B)', rule: /K_\{q,m\}/ }],
  ['ch. 5 (chain rule)', { states: 'the first differential of a composition', rule: /∘|f′/ }],
]);

/** Every identity a derivation can cite, named by where it is used. */
const cited: readonly (readonly [string, Identity])[] = [
  ...Object.entries(IDENTITIES).map(([k, v]) => [k, v as Identity] as const),
  ['chain', CHAIN], ['backwards', BACKWARDS],
];

/** "Matrix Cookbook (37), (520); Magnus & Neudecker Thm 2.2" → its Cookbook numbers and M&N references. */
function references(source: string): { cookbook: number[]; mn: string[]; other: string[] } {
  const out = { cookbook: [] as number[], mn: [] as string[], other: [] as string[] };
  for (const part of source.split(';').map((s) => s.trim())) {
    if (part.startsWith('Matrix Cookbook ')) {
      out.cookbook.push(...[...part.matchAll(/\((\d+)\)/g)].map((m) => Number(m[1])));
    } else if (part.startsWith('Magnus & Neudecker ')) out.mn.push(part.slice('Magnus & Neudecker '.length));
    else out.other.push(part);
  }
  return out;
}

test('every identity names where it comes from', () => {
  assert.ok(cited.length >= 15, 'the identities are collected');
  for (const [kind, { source }] of cited) assert.ok(source.trim().length > 0, `${kind} cites no source`);
});

test('every Matrix Cookbook equation cited is one read in the book, and says what the identity uses', () => {
  let seen = 0;
  for (const [kind, identity] of cited) {
    for (const n of references(identity.source).cookbook) {
      const eq = COOKBOOK.get(n);
      assert.ok(eq, `${kind} cites Matrix Cookbook (${n}), which is not in the checked table`);
      assert.match(identity.rule.unicode, eq.rule, `${kind} cites (${n}) — ${eq.states} — for ${identity.rule.unicode}`);
      seen++;
    }
  }
  assert.ok(seen >= 10, 'the Cookbook is cited by equation number');
});

test('every Magnus & Neudecker reference cited is one read in the book, and says what the identity uses', () => {
  let seen = 0;
  for (const [kind, identity] of cited) {
    for (const ref of references(identity.source).mn) {
      const entry = MAGNUS_NEUDECKER.get(ref);
      assert.ok(entry, `${kind} cites Magnus & Neudecker "${ref}", which is not in the checked table`);
      assert.match(identity.rule.unicode, entry.rule, `${kind} cites M&N ${ref} — ${entry.states} — for ${identity.rule.unicode}`);
      seen++;
    }
  }
  assert.ok(seen >= 4, 'Magnus & Neudecker is cited');
});

test('a citation that does not state the identity is caught', () => {
  // The check itself: (40) is the inverse, so it cannot justify the determinant's rule.
  const det = IDENTITIES.det as Identity;
  assert.doesNotMatch(det.rule.unicode, (COOKBOOK.get(40) as { rule: RegExp }).rule);
  assert.doesNotMatch((IDENTITIES.inv as Identity).rule.unicode, (COOKBOOK.get(42) as { rule: RegExp }).rule);
});
