// KaTeX for every formula: untrusted (no \href, \url, \html…, \includegraphics), never
// throwing, bounded expansion. Names that reach LaTeX from user text go through `texText`.

import katex from 'katex';
import type { ShapeJSON } from '../../src/core/analysis';
import { h } from '../dom';

/** Longer LaTeX than this is shown as source text instead of being typeset. */
const MAX_TEX = 20_000;

const options = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  maxExpand: 500,
  maxSize: 30,
  output: 'htmlAndMathml',
  errorColor: 'currentColor',
} as const;

/** A typeset formula (`display` centres it on its own line). */
export function math(tex: string, display = false, label?: string): HTMLElement {
  const el = h(display ? 'div' : 'span', { class: display ? 'kl-math kl-math-display' : 'kl-math' });
  if (label) el.setAttribute('aria-label', label);
  if (tex.length > MAX_TEX) {
    el.appendChild(h('code', null, tex));
    return el;
  }
  try {
    // A fresh macros table per call: a \gdef in one formula cannot leak into the next.
    katex.render(tex, el, { ...options, displayMode: display, macros: {} });
  } catch {
    el.replaceChildren(h('code', null, tex));
  }
  return el;
}

const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
};

/** Arbitrary text as a LaTeX `\text{…}` argument. */
export function texText(s: string): string {
  return `\\text{${s.replace(/[\\{}$&#^_%~]/g, (c) => TEXT_ESCAPES[c] ?? c)}}`;
}

/** A variable name: plain identifiers as math (`W`, `W_1`, `x2`), anything else as text. */
export function texName(name: string): string {
  const m = /^([A-Za-z])([A-Za-z]*)(?:_?(\d+))?$/.exec(name);
  if (!m) return texText(name);
  const [, head, tail, sub] = m;
  const base = tail ? `\\mathit{${head}${tail}}` : head!;
  return sub ? `${base}_{${sub}}` : base;
}

function texDim(d: number | string): string {
  if (typeof d === 'number') return String(d);
  return /^[A-Za-z0-9 +\-*·()]+$/.test(d) ? (/[\s+*·-]/.test(d) ? `(${d.replace(/·/g, '')})` : d) : texText(d);
}

/** `3 \times 4` */
export function texShape(shape: ShapeJSON): string {
  return `${texDim(shape[0])} \\times ${texDim(shape[1])}`;
}

/** `\mathbb{R}^{3 \times 4}`; a column vector `\mathbb{R}^{3}`, a scalar `\mathbb{R}`. */
export function texSpace(shape: ShapeJSON): string {
  if (shape[0] === 1 && shape[1] === 1) return '\\mathbb{R}';
  return `\\mathbb{R}^{${shape[1] === 1 ? texDim(shape[0]) : texShape(shape)}}`;
}

const underbraced = (f: { latex: string; shape: ShapeJSON }): string => `\\underbrace{${f.latex}}_{${texShape(f.shape)}}`;

/**
 * The factored form with every factor under a brace with its shape: the common left factors,
 * then the block row `[B₁ B₂ …]` (one entry per wrt) —
 * `\underbrace{D}_{3\times 3} \begin{bmatrix} \underbrace{B_1}_{3\times 12} & \underbrace{B_2}_{3\times 3} \end{bmatrix}`.
 */
export function texUnderbraced(factors: ReadonlyArray<{ latex: string; shape: ShapeJSON; part?: 'left' | 'block' }>): string {
  const left = factors.filter((f) => f.part !== 'block').map(underbraced);
  const blocks = factors.filter((f) => f.part === 'block').map(underbraced);
  if (blocks.length > 1) left.push(`\\begin{bmatrix} ${blocks.join(' & ')} \\end{bmatrix}`);
  else left.push(...blocks);
  return left.join('\\,');
}

/** `vec X` for a matrix, `x` for a column vector. */
export function texVec(nameTex: string, shape: ShapeJSON): string {
  return shape[1] === 1 ? nameTex : `\\operatorname{vec} ${nameTex}`;
}
