// Which notation a piece of text is written in: Python (a library call, `@`, `def`, `self.`),
// LaTeX (a `\command`, `^{…}`, `_{…}`), else math notation.

export type Notation = 'math' | 'latex' | 'python';

const PYTHON_STRONG = /\b(?:torch|np|numpy|jnp|jax|F|nn|scipy)\.[A-Za-z_]|(?:^|\n)\s*(?:def|class|import|from|return)\b|\bself\.|[\w)\]]\s*@\s*[\w(]/;
const LATEX = /\\[A-Za-z]+|\$/;
/** `x_{1}`, `ℝ^{3×4}`: LaTeX, unless the text also uses math notation (`*`, `'`, `W: 3x4`). */
const LATEX_WEAK = /[_^]\s*\{/;
const MATH = /[*']|(?:^|\n)\s*[A-Za-z_]\w*\s*:/;
const PYTHON_WEAK = /\.T\b|\*\*|\.(?:dot|sum|t|transpose|matmul)\(/;

export function detectNotation(text: string): Notation {
  if (PYTHON_STRONG.test(text)) return 'python';
  if (LATEX.test(text) || (LATEX_WEAK.test(text) && !MATH.test(text))) return 'latex';
  if (PYTHON_WEAK.test(text)) return 'python';
  return 'math';
}
