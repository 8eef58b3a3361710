// KaTeX for every formula: untrusted (no \href, \url, \html…, \includegraphics), never
// throwing, bounded expansion. Names reach LaTeX through src/core/present, which escapes them.

import katex from 'katex';
import type { ShapeJSON } from '../../src/core/analysis';
import { LATEX, shape } from '../../src/core/present';
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

const underbraced = (f: { latex: string; shape: ShapeJSON }): string => `\\underbrace{${f.latex}}_{${shape(f.shape, LATEX)}}`;

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
