// The two notations results are written in: LaTeX (for KaTeX) and Unicode (hovers, terminal).
// One printer uses either table, so precedence and parentheses are decided once.
import { GREEK_CAPITALS, GREEK_LETTERS } from '../ast/names';
import { dict } from '../keys';


const SUB: Record<string, string> = dict({
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋', '−': '₋',
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
});
const SUP: Record<string, string> = dict({
  0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻', '−': '⁻', '.': '·',
});

const toScript = (s: string, table: Record<string, string>): string | undefined =>
  [...s].every((ch) => table[ch]) ? [...s].map((ch) => table[ch]).join('') : undefined;

export const subscript = (s: string): string => toScript(s, SUB) ?? `_${s}`;
export const superscript = (s: string): string => toScript(s, SUP) ?? `^${s.length > 1 ? `{${s}}` : s}`;

/** Letters by their spelled name (`Sigma`, `lambda`) and as written (`Σ`, `λ`): Unicode and LaTeX. */
const LETTERS: Record<string, readonly [string, string]> = dict(Object.fromEntries([
  ...Object.entries({ ...GREEK_LETTERS, ...GREEK_CAPITALS }).flatMap(([spelled, ch]) => [
    [spelled, [ch, `\\${spelled}`]],
    [ch, [ch, `\\${spelled}`]],
  ]),
  ['ε', ['ε', '\\varepsilon']],
  // the loss's name beside a user's L (ast/introduced.ts)
  ['ℓ', ['ℓ', '\\ell']],
  // the ones vector, and its name beside a user's 𝟏 (ast/introduced.ts)
  ['𝟏', ['𝟏', '\\mathbf{1}']],
  ['𝐞', ['𝐞', '\\mathbf{e}']],
]));

/** Accents as the readers name them (`\hat{y}` → `y_hat`): a combining mark and the LaTeX macro. */
const ACCENTS: Record<string, readonly [string, string]> = dict({
  hat: ['\u0302', '\\hat'], tilde: ['\u0303', '\\tilde'], bar: ['\u0304', '\\bar'], dot: ['\u0307', '\\dot'],
  ddot: ['\u0308', '\\ddot'], check: ['\u030C', '\\check'], breve: ['\u0306', '\\breve'],
});

/** A name in parts: `y_hat_1` → y, [hat], no prime, "1"; `h_prime` → h, one prime; `W_fc` → W, "fc". */
interface NameParts {
  readonly base: string;
  readonly accents: readonly string[];
  readonly primes: number;
  /** `w_star`, the LaTeX front-end's name for a defined optimum w^*. */
  readonly star?: boolean;
  readonly sub: string | undefined;
}

/** Accents and primes sit on one letter (ŷ, Σ̃, h′); on a word (`loss_hat`) the suffix stays a subscript. */
const takesAccent = (base: string): boolean => [...base].length === 1 || LETTERS[base] !== undefined;

function nameParts(name: string): NameParts {
  const digits = /^([^\d_]+?)_?(\d+)$/.exec(name);
  if (digits) return { base: digits[1] as string, accents: [], primes: 0, sub: digits[2] };
  const [base = '', ...rest] = name.split('_');
  if (base === '') return { base: name, accents: [], primes: 0, sub: undefined };
  const accents: string[] = [];
  let primes = 0;
  const star = rest[rest.length - 1] === 'star' && takesAccent(base);
  if (star) rest.pop();
  while (takesAccent(base) && rest.length > 0) {
    if (rest[0] === 'prime') primes++;
    else if (ACCENTS[rest[0] as string] !== undefined && primes === 0) accents.push(rest[0] as string);
    else break;
    rest.shift();
  }
  const sub = rest.join('_').replace(/^\{(.*)\}$/, '$1');
  return { base, accents, primes, star, sub: sub === '' ? undefined : sub };
}

const escapeLatexText = (s: string): string =>
  s.replace(/[\\{}$&#^_%~]/g, (c) => (c === '\\' ? '\\backslash ' : c === '~' ? '\\sim ' : c === '^' ? '\\wedge ' : `\\${c}`));

function latexBase(base: string): string {
  const g = LETTERS[base]?.[1];
  if (g) return g;
  if (/^[A-Za-z]$/.test(base)) return base;
  if (/^[A-Za-z]+$/.test(base)) return `\\mathrm{${base}}`;
  return `\\text{${escapeLatexText(base)}}`;
}

export interface Style {
  readonly latex: boolean;
  name(n: string): string;
  number(v: number): string;
  /** Subscript a symbol with a size or index: I₃, I_m. */
  sub(base: string, s: string): string;
  sup(base: string, s: string): string;
  paren(s: string): string;
  bracketRow(items: string[]): string;
  /** Rows of blocks: [A, B; C, D], and [A; B] one above the next. */
  blocks(rows: string[][]): string;
  fn(name: string, arg: string): string;
  op: { add: string; sub: string; neg: string; hadamard: string; kron: string; times: string; div: string };
  transpose: string;
  inverse: string;
  inverseTranspose: string;
  frac(a: string, b: string): string;
  norm(s: string): string;
}

export const UNICODE: Style = {
  latex: false,
  name(n) {
    const { base, accents, primes, star, sub } = nameParts(n);
    // NFC: ŷ as one character where Unicode has one, so terminals draw it whole
    const b = ((LETTERS[base]?.[0] ?? base) + accents.map((a) => ACCENTS[a]?.[0]).join('')).normalize('NFC') + '′'.repeat(primes);
    return (sub === undefined ? b : b + subscript(sub)) + (star ? '*' : '');
  },
  number: (v) => (v < 0 ? `−${namedNumber(-v, 'unicode') ?? formatNumber(-v)}` : namedNumber(v, 'unicode') ?? formatNumber(v)),
  sub: (base, s) => base + subscript(s),
  sup: (base, s) => base + superscript(s),
  paren: (s) => `(${s})`,
  bracketRow: (items) => `[${items.join(', ')}]`,
  blocks: (rows) => `[${rows.map((r) => r.join(', ')).join('; ')}]`,
  fn: (name, arg) => `${name}(${arg})`,
  op: { add: ' + ', sub: ' − ', neg: '−', hadamard: ' ⊙ ', kron: ' ⊗ ', times: ' ', div: ' / ' },
  transpose: 'ᵀ',
  inverse: '⁻¹',
  inverseTranspose: '⁻ᵀ',
  frac: (a, b) => `${a} / ${b}`,
  norm: (s) => `‖${s}‖`,
};

export const LATEX: Style = {
  latex: true,
  name(n) {
    const { base, accents, primes, star, sub } = nameParts(n);
    const b = accents.reduce((inner, a) => `${ACCENTS[a]?.[1]}{${inner}}`, latexBase(base)) + "'".repeat(primes);
    return (sub === undefined ? b : `${b}_{${/^\d+$/.test(sub) || /^[A-Za-z]$/.test(sub) ? sub : `\\mathrm{${escapeLatexText(sub)}}`}}`) + (star ? '^{*}' : '');
  },
  number: (v) => (v < 0 ? `-${namedNumber(-v, 'latex') ?? formatNumber(-v)}` : namedNumber(v, 'latex') ?? formatNumber(v)),
  sub: (base, s) => `${base}_${s.length === 1 ? s : `{${s}}`}`,
  sup: (base, s) => `${base}^${s.length === 1 ? s : `{${s}}`}`,
  paren: (s) => `\\left(${s}\\right)`,
  bracketRow: (items) => `\\begin{bmatrix} ${items.join(' & ')} \\end{bmatrix}`,
  blocks: (rows) => `\\begin{bmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{bmatrix}`,
  fn: (name, arg) => `${name}\\left(${arg}\\right)`,
  op: { add: ' + ', sub: ' - ', neg: '-', hadamard: ' \\odot ', kron: ' \\otimes ', times: ' ', div: ' / ' },
  transpose: '^\\top',
  inverse: '^{-1}',
  inverseTranspose: '^{-\\top}',
  frac: (a, b) => `\\frac{${a}}{${b}}`,
  norm: (s) => `\\left\\lVert ${s} \\right\\rVert`,
};

/** Numbers the reader wrote as a symbol (\\pi, np.pi, 2π folded to a value) print as that symbol, not 3.14159. */
const NAMED_NUMBERS: readonly { value: number; unicode: string; latex: string }[] = [
  { value: Math.PI, unicode: 'π', latex: '\\pi' },
  { value: 2 * Math.PI, unicode: '2π', latex: '2\\pi' },
];

const namedNumber = (v: number, notation: 'unicode' | 'latex'): string | undefined => NAMED_NUMBERS.find((n) => n.value === v)?.[notation];

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}
