// The two notations results are written in: LaTeX (for KaTeX) and Unicode (hovers, terminal).
// One printer uses either table, so precedence and parentheses are decided once.
import { dict } from '../keys';


const SUB: Record<string, string> = dict({
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋', '−': '₋',
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
});
const SUP: Record<string, string> = dict({
  0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻', '−': '⁻', '.': '·',
});

const GREEK: Record<string, [string, string]> = dict({
  alpha: ['α', '\\alpha'], beta: ['β', '\\beta'], gamma: ['γ', '\\gamma'], delta: ['δ', '\\delta'], epsilon: ['ε', '\\epsilon'],
  eta: ['η', '\\eta'], theta: ['θ', '\\theta'], lambda: ['λ', '\\lambda'], mu: ['μ', '\\mu'], rho: ['ρ', '\\rho'],
  sigma: ['σ', '\\sigma'], tau: ['τ', '\\tau'], phi: ['φ', '\\phi'], omega: ['ω', '\\omega'],
});
const LATEX_GREEK: Record<string, string> = dict(Object.fromEntries(
  [...Object.values(GREEK), ['ε', '\\varepsilon'], ['ξ', '\\xi'], ['ψ', '\\psi'], ['χ', '\\chi'], ['ν', '\\nu'], ['κ', '\\kappa'], ['ζ', '\\zeta'], ['π', '\\pi']],
));

const toScript = (s: string, table: Record<string, string>): string | undefined =>
  [...s].every((ch) => table[ch]) ? [...s].map((ch) => table[ch]).join('') : undefined;

export const subscript = (s: string): string => toScript(s, SUB) ?? `_${s}`;
export const superscript = (s: string): string => toScript(s, SUP) ?? `^${s.length > 1 ? `{${s}}` : s}`;

/** `W1`, `W_1`, `W_fc` → base and subscript. */
function splitName(name: string): [string, string | undefined] {
  const m = /^([^\d_]+?)_?(\d+)$/.exec(name) ?? /^([^_]+)_\{?([^{}]+)\}?$/.exec(name);
  return m ? [m[1] as string, m[2]] : [name, undefined];
}

const escapeLatexText = (s: string): string =>
  s.replace(/[\\{}$&#^_%~]/g, (c) => (c === '\\' ? '\\backslash ' : c === '~' ? '\\sim ' : c === '^' ? '\\wedge ' : `\\${c}`));

function latexBase(base: string): string {
  const g = GREEK[base]?.[1] ?? LATEX_GREEK[base];
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
  fn(name: string, arg: string): string;
  op: { add: string; sub: string; neg: string; hadamard: string; kron: string; times: string; div: string };
  transpose: string;
  inverse: string;
  inverseTranspose: string;
  ones: string;
  eye: string;
  frac(a: string, b: string): string;
  norm(s: string): string;
}

export const UNICODE: Style = {
  latex: false,
  name(n) {
    const [base, sub] = splitName(n);
    const b = GREEK[base]?.[0] ?? base;
    return sub === undefined ? b : b + subscript(sub);
  },
  number: (v) => (v < 0 ? `−${formatNumber(-v)}` : formatNumber(v)),
  sub: (base, s) => base + subscript(s),
  sup: (base, s) => base + superscript(s),
  paren: (s) => `(${s})`,
  bracketRow: (items) => `[${items.join(', ')}]`,
  fn: (name, arg) => `${name}(${arg})`,
  op: { add: ' + ', sub: ' − ', neg: '−', hadamard: ' ⊙ ', kron: ' ⊗ ', times: ' ', div: ' / ' },
  transpose: 'ᵀ',
  inverse: '⁻¹',
  inverseTranspose: '⁻ᵀ',
  ones: '𝟏',
  eye: 'I',
  frac: (a, b) => `${a} / ${b}`,
  norm: (s) => `‖${s}‖`,
};

export const LATEX: Style = {
  latex: true,
  name(n) {
    const [base, sub] = splitName(n);
    const b = latexBase(base);
    return sub === undefined ? b : `${b}_{${/^\d+$/.test(sub) || /^[A-Za-z]$/.test(sub) ? sub : `\\mathrm{${escapeLatexText(sub)}}`}}`;
  },
  number: (v) => (v < 0 ? `-${formatNumber(-v)}` : formatNumber(v)),
  sub: (base, s) => `${base}_${s.length === 1 ? s : `{${s}}`}`,
  sup: (base, s) => `${base}^${s.length === 1 ? s : `{${s}}`}`,
  paren: (s) => `\\left(${s}\\right)`,
  bracketRow: (items) => `\\begin{bmatrix} ${items.join(' & ')} \\end{bmatrix}`,
  fn: (name, arg) => `${name}\\left(${arg}\\right)`,
  op: { add: ' + ', sub: ' - ', neg: '-', hadamard: ' \\odot ', kron: ' \\otimes ', times: ' ', div: ' / ' },
  transpose: '^\\top',
  inverse: '^{-1}',
  inverseTranspose: '^{-\\top}',
  ones: '\\mathbf{1}',
  eye: 'I',
  frac: (a, b) => `\\frac{${a}}{${b}}`,
  norm: (s) => `\\left\\lVert ${s} \\right\\rVert`,
};

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}
