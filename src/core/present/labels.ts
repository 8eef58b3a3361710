// Names and ∂-labels: what a variable, the output and the loss are called on every surface
// (`W₁` in Unicode, `W_{1}` in LaTeX, from the one name table in style.ts), and the left-hand
// sides `∂y/∂(vec W, b)`, `∂y/∂vec W`, `∂L/∂W` with the lines they start.

import type { AnalysisOk, JacobianBlock, ShapeJSON } from '../analysis';
import { space } from './size';
import type { Style } from './style';
import { introducedNames, type IntroducedNames } from '../ast/introduced';

/** The names of the symbols the tool introduced (the output y, the loss L, …): the analysis's, or by
 *  the same rule from its variables (ast/introduced.ts) for an analysis made without them. */
export const symbolsOf = (a: AnalysisOk): IntroducedNames => a.symbols ?? introducedNames(Object.keys(a.variables));

/** The output's name, before display (`y`, `h1`; `y2` beside the user's y). */
export const outputName = (a: AnalysisOk): string => a.output.name ?? symbolsOf(a).output;

/** A name as displayed: `W1` and `W_1` both read `W₁` (Unicode) and `W_{1}` (LaTeX). */
export const nameText = (raw: string, style: Style): string => style.name(raw);

const isColumn = (s: ShapeJSON): boolean => s[1] === 1;

/** `vec W` for a matrix, `b` for a column vector (what a Jacobian differentiates by). */
export function vecText(raw: string, s: ShapeJSON | undefined, style: Style): string {
  const n = nameText(raw, style);
  if (s && isColumn(s)) return n;
  return style.latex ? `\\operatorname{vec} ${n}` : `vec ${n}`;
}

/** `∂y/∂x`; in LaTeX a fraction, with a thin space before an operand of several symbols. */
export function partial(of: string, by: string, style: Style): string {
  if (!style.latex) return `∂${of}/∂${by}`;
  const d = (x: string): string => `\\partial${x.includes(' ') ? '\\, ' : ' '}${x}`;
  return `\\frac{${d(of)}}{${d(by)}}`;
}

const outputVec = (a: AnalysisOk, style: Style): string => vecText(outputName(a), a.output.shape, style);
const wrtVec = (a: AnalysisOk, w: string, style: Style): string => vecText(w, a.variables[w]?.shape, style);

/** `∂y/∂(vec W, b)`: the whole Jacobian, by every wrt in column order. */
export function jacobianLabel(a: AnalysisOk, style: Style): string {
  const by = a.wrt.map((w) => wrtVec(a, w, style));
  return partial(outputVec(a, style), by.length === 1 ? (by[0] as string) : `(${by.join(style.latex ? ',\\ ' : ', ')})`, style);
}

/** `∂y/∂vec W`: one block of the Jacobian. */
export const blockLabel = (a: AnalysisOk, w: string, style: Style): string => partial(outputVec(a, style), wrtVec(a, w, style), style);

/** `∂L/∂W`: the gradient by one variable, in that variable's shape (`∂ℓ/∂L` when the user has an L). */
export const gradientLabel = (a: AnalysisOk, w: string, style: Style): string => lossGradientLabel(symbolsOf(a).loss, w, style);

/** `∂L/∂W` for the loss named `loss` (a surface that holds the name, not the analysis). */
export const lossGradientLabel = (loss: string, w: string, style: Style): string => partial(nameText(loss, style), nameText(w, style), style);

/** The loss picker's choices, in the analysis's own symbols: `½‖y − t‖²`, `∂L/∂y` (`y2`, `ℓ`, `t2` beside
 *  the user's y, L, t; the output's name when the user named it). */
export function lossChoices(a: AnalysisOk, style: Style): ReadonlyArray<readonly [value: string, label: string]> {
  const s = symbolsOf(a);
  const [y, t, loss] = [outputName(a), s.target, s.loss].map((n) => nameText(n, style)) as [string, string, string];
  return [
    ['sse', `Sum of squares ½‖${y} − ${t}‖²`],
    ['xent', 'Softmax cross-entropy'],
    ['', `Upstream gradient ${partial(loss, y, style)}`],
    ['custom', 'Custom expression…'],
  ];
}

const formula = (f: { latex: string; unicode: string }, style: Style): string => (style.latex ? f.latex : f.unicode);

/** `J = diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃] ∈ ℝ^{3×15}`. */
export function jacobianLine(a: AnalysisOk, style: Style): string {
  return `J = ${formula(a.jacobian, style)} ${style.latex ? '\\in' : '∈'} ${space(a.jacobian.shape, style)}`;
}

/** `s = softmax(Vy + c)`, …: the names the Jacobian's formulas use, each after the names it reads. */
export const whereLines = (a: AnalysisOk, style: Style): string[] => (a.jacobian.where ?? []).map((d) => formula(d, style));

/** The Jacobian's formula followed by the names it uses, for a copy or a file header. */
export function jacobianWithWhere(a: AnalysisOk, style: Style): string {
  const where = whereLines(a, style);
  if (!where.length) return formula(a.jacobian, style);
  return style.latex ? `${a.jacobian.latex},\quad\text{where } ${where.join(',\ ')}` : `${a.jacobian.unicode},  where ${where.join(',  ')}`;
}

/** `∂y/∂vec W = diag(σ′(Wx + b)) (xᵀ ⊗ I₃)`. */
export const blockLine = (a: AnalysisOk, b: JacobianBlock, style: Style): string => `${blockLabel(a, b.wrt, style)} = ${formula(b, style)}`;

/** `∂L/∂W = δ xᵀ`, or undefined when there is no gradient by `w`. */
export function gradientLine(a: AnalysisOk, w: string, style: Style): string | undefined {
  const g = a.gradient?.[w];
  return g && `${gradientLabel(a, w, style)} = ${formula(g, style)}`;
}
