// Which notation a piece of text is written in: Python (a library call, `@`, `def`, `self.`),
// LaTeX (a `\command`, `^{…}`, `_{…}`), else math notation.

import type { Notation } from './index';

const PYTHON_STRONG = /\b(?:torch|np|numpy|jnp|jax|F|nn|scipy)\.[A-Za-z_]|(?:^|\n)\s*(?:def|class|import|from|return)\b|\bself\.|[\w)\]]\s*@\s*[\w(]/;
const LATEX = /\\[A-Za-z]+|\$/;
/** `x_{1}`, `ℝ^{3×4}`: LaTeX, unless the text also uses math notation (`*`, `'`, `W: 3x4`). */
const LATEX_WEAK = /[_^]\s*\{/;
const MATH = /[*']|(?:^|\n)\s*[A-Za-z_]\w*\s*:/;
const PYTHON_WEAK = /\.T\b|\*\*|\.(?:dot|sum|t|transpose|matmul)\(/;

/** The evidence for each notation, strong and weak; the one without any is the fallback. */
const EVIDENCE: { readonly [N in Notation]: { strong(t: string): boolean; weak(t: string): boolean } } = {
  math: { strong: () => false, weak: () => false },
  latex: { strong: (t) => LATEX.test(t) || (LATEX_WEAK.test(t) && !MATH.test(t)), weak: () => false },
  python: { strong: (t) => PYTHON_STRONG.test(t), weak: (t) => PYTHON_WEAK.test(t) },
};

/** Strong evidence first (Python's before LaTeX's: a docstring may hold `\alpha`), then weak; else math. */
const ORDER: readonly Notation[] = ['python', 'latex'];

export function detectNotation(text: string): Notation {
  return ORDER.find((n) => EVIDENCE[n].strong(text)) ?? ORDER.find((n) => EVIDENCE[n].weak(text)) ?? 'math';
}
