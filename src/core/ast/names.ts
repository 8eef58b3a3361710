// What a bare name suggests about its role, for every front-end and the shape guess alike:
// Greek letters spelled (`lambda`) or written (`λ`) are read the same way.
import { dict } from '../keys';

import type { Dim } from './index';

/** Greek letters by their spelled name. */
export const GREEK_LETTERS: Readonly<Record<string, string>> = dict({
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ',
  tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
});

/** Capital Greek letters that differ from Latin ones (`\\Sigma` is read as the name `Sigma`, printed Σ). */
export const GREEK_CAPITALS: Readonly<Record<string, string>> = dict({
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
});

const GREEK_CHARS = new Set(Object.values(GREEK_LETTERS));

/** The Greek letter a name starts with (`lambda_1` → λ), if any. */
export function greekOf(name: string): string | undefined {
  const base = /^([^\d_]+)/.exec(name)?.[1] ?? name;
  return GREEK_LETTERS[base] ?? (GREEK_CHARS.has(base) ? base : undefined);
}

/** `d(XY)`, `dX`, `\\frac{d}{dx}`: the differential, which is what the tool computes, never a name. */
export const DIFFERENTIAL = 'd';
export const DIFFERENTIAL_MESSAGE = 'd here is a differential (dX, d(…), d/dx): write the expression itself, and Kronecker Lens differentiates it';

/** Letters that stand for coefficients: `λ(x + y)` is a product, not a function λ. */
const COEFFICIENTS = new Set(['α', 'β', 'γ', 'ε', 'η', 'λ', 'μ', 'ν', 'τ', 'κ']);

/**
 * Is `name(…)` a function applied, when `name` is not declared? Upper-case names are matrices
 * by convention (`W(x + b)`) and coefficient letters scale (`λ(x + y)`); other lower-case and
 * Greek names (`f`, `g`, `φ`, `σ₁`) name a function.
 */
export function appliesAsFunction(name: string): boolean {
  if (name === DIFFERENTIAL) return true;
  const g = greekOf(name);
  if (g) return !COEFFICIENTS.has(g);
  return /^[a-z]/.test(name);
}

/** A name as a reader writes it in a message: `sigma_1` → `σ_1`. */
export function readable(name: string): string {
  const m = /^([^\d_]+)(.*)$/.exec(name);
  return m ? (GREEK_LETTERS[m[1] as string] ?? m[1]) + (m[2] as string) : name;
}

/** Letters read as scalars when nothing says otherwise (σ too: `\\sigma^2` is a variance). */
const SCALAR_LETTERS = new Set([...COEFFICIENTS, 'σ', 'ρ']);

/**
 * Is an undeclared `name` guessed to be a scalar? Coefficient letters, σ and ρ, and the usual names
 * of a size (`d`, `d_k`, `m`, `n`, `N`: `\\sqrt{d}`, Octave's `X' * (h - y) / m`). Added to a vector, such a name becomes a vector (with a note).
 */
export function guessedScalar(name: string): boolean {
  const g = greekOf(name);
  return g ? SCALAR_LETTERS.has(g) : /^(?:d|m|n|N)(?:_\w+)?$/.test(name);
}

/** A weight by its name: `W`, `W_1`, `W_q`, `Wq`, `weight`. */
export function looksLikeWeight(name: string): boolean {
  return /^(?:W(?:[_\d].*|[a-z])?|weights?(?:_\w+)?)$/.test(name);
}

/** A bias or intercept by its name: `b`, `b_1`, `b2`, `bias`, `bias_h`. */
export function looksLikeBias(name: string): boolean {
  return /^(?:b(?:_?\d+|_\w+)?|bias(?:_\w+)?)$/.test(name);
}

/** Data by its name: `X`, `X_1`, `H`, `H_2` (a batch of inputs or of hidden states). */
export function looksLikeData(name: string): boolean {
  return /^[XH](?:_?\d+|_\w+)?$/.test(name);
}

/** A name that stands for a constant, not a variable: `I` and `I_n` the identity, `𝟏` the ones. */
export interface NamedConstant {
  readonly kind: 'eye' | 'ones';
  /** The size the name gives (`I_3`, `I_n`, `eye(n)`, `ones(m, 1)`); inferred from its use when absent. */
  readonly shape?: readonly [Dim, Dim];
}

export const IDENTITY_NAME = 'I';
/** 𝟏, the all-ones column (its size inferred), as the math notation writes it. */
export const ONES_NAME = '\u{1D7CF}';

const sizeOf = (s: string): Dim => (/^\d+$/.test(s) ? Number(s) : s);

/** The name a sized constant goes by until its size is known: `I_n,n`, `𝟏_m,1` (prepare reads it
 *  back). The comma makes it a name no notation can write, so `eye(n)` never becomes a user's own `I_n`. */
export const identityName = (n: Dim): string => `${IDENTITY_NAME}_${n},${n}`;
export const onesName = (rows: Dim, cols: Dim): string => `${ONES_NAME}_${rows},${cols}`;

/** What `name` stands for when it is a constant's (a declaration, values or a size make it the user's own variable instead). */
export function constantNamed(name: string): NamedConstant | undefined {
  if (name === IDENTITY_NAME) return { kind: 'eye' };
  if (name === ONES_NAME) return { kind: 'ones' };
  const eye = /^I_(\d+|[A-Za-z]\w*)(?:,\1)?$/.exec(name);
  if (eye) return { kind: 'eye', shape: [sizeOf(eye[1] as string), sizeOf(eye[1] as string)] };
  const ones = new RegExp(`^${ONES_NAME}_(\\d+|[A-Za-z]\\w*),(\\d+|[A-Za-z]\\w*)$`, 'u').exec(name);
  if (ones) return { kind: 'ones', shape: [sizeOf(ones[1] as string), sizeOf(ones[2] as string)] };
  return undefined;
}
