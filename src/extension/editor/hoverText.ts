// The hover's Markdown, from an Analysis. Hovers cannot run KaTeX: each formula is a line of
// math with LaTeX (which the host has MathJax draw as an SVG image) and Unicode (the image's
// text alternative for screen readers, and the text shown when there is no image). Every piece
// of user text is escaped. No `vscode` import, so unit tests read it directly.

import type { AnalysisError, AnalysisOk, JacobianBlock } from '../../core/analysis';
import {
  LATEX, UNICODE as U, type Style, blockLine, checkVerdict, count, density, formulaVerdict, gradientLine, jacobianLabel, jacobianLine, nameText, shape, space, whereLines,
} from '../../core/present';

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&$]/g;

/** Text shown literally in Markdown (no emphasis, links, HTML or theme icons). */
export function escapeMarkdown(text: string): string {
  return text.replace(MD_SPECIAL, (c) => `\\${c}`);
}

/** One formula of a hover, in both spellings, with the check of it when numbers were computed. */
export interface MathLine {
  latex: string;
  unicode: string;
  check?: { passed: boolean };
}

/** Rendered formulas by their LaTeX: `data:image/svg+xml;base64,…` URIs. */
export type MathImages = ReadonlyMap<string, string>;

/**
 * An image's text alternative. Markdown keeps backslash escapes in alt text verbatim (a reader
 * would hear `diag\\(`), so the text goes in as is, one line, with balanced brackets: what could
 * end the alt early or start markup becomes a harmless look-alike.
 */
export function altText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\\/g, '∖');
  let depth = 0;
  for (const c of flat) {
    depth += c === '[' ? 1 : c === ']' ? -1 : 0;
    if (depth < 0) break;
  }
  return depth === 0 ? flat : flat.replace(/\[/g, '⟦').replace(/\]/g, '⟧');
}

/** A formula as an image with its Unicode as the alternative text, or as escaped Unicode text. */
export function mathMarkdown(line: MathLine, images: MathImages): string {
  const src = images.get(line.latex);
  return src ? `![${altText(line.unicode)}](${src})` : escapeMarkdown(line.unicode);
}

/** A line of present's in both spellings (`J = … ∈ ℝ^{3×15}`, `∂y/∂vec W = …`, `∂L/∂W = …`). */
const both = (line: (s: Style) => string, check?: { passed: boolean }): MathLine =>
  ({ latex: line(LATEX), unicode: line(U), ...(check ? { check } : {}) });

/** `J = … ∈ ℝ^{r×c}`. */
export const jacobianMath = (a: AnalysisOk): MathLine => both((s) => jacobianLine(a, s), a.jacobian.check);

/** `s = softmax(Vy + c)`, …: the names the Jacobian uses. */
export const whereMath = (a: AnalysisOk): MathLine[] =>
  (a.jacobian.where ?? []).map((_, i) => both((s) => whereLines(a, s)[i] as string));

/** `∂y/∂vec W = …`: a variable's block of the Jacobian. */
export const blockMath = (a: AnalysisOk, block: JacobianBlock): MathLine => both((s) => blockLine(a, block, s), block.check);

/**
 * The gradients by the parameters in wrt order (`∂L/∂W = δ xᵀ`), then the names they use
 * (`δ = σ′(z) ⊙ g`) and, for a loss given only by its gradient, that upstream gradient.
 */
export function gradientMath(a: AnalysisOk): MathLine[] {
  const g = a.gradient ?? {};
  const inWrt = a.wrt.filter((w) => g[w]);
  const names = inWrt.length ? inWrt : Object.keys(g);
  if (!names.length) return [];
  const lines = names.map((n) => both((s) => gradientLine(a, n, s)!, g[n]!.check));
  const defs: MathLine[] = (a.gradientDefinitions ?? []).map(({ latex, unicode, check }) => ({ latex, unicode, ...(check ? { check } : {}) }));
  if (a.loss && a.loss.kind !== 'output' && a.loss.upstream) defs.push({ latex: a.loss.latex, unicode: a.loss.unicode });
  return [...lines, ...defs];
}

/** Every formula a hover over the definition shows. */
export function definitionMath(a: AnalysisOk): MathLine[] {
  return [jacobianMath(a), ...whereMath(a), ...gradientMath(a)];
}

/** A command link (`command:` URI) for the panel; `args` are JSON-encoded into the query. */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** ` ✔`/` ✘` after a formula evaluated against the numbers; nothing when no numbers were computed. */
function markText(f: { check?: { passed: boolean } }): string {
  const v = formulaVerdict(f.check);
  return !v ? '' : v.passed ? ` ${v.symbol}` : ` ${v.symbol} (${v.label})`;
}

function checkText(check: { passed: boolean } | undefined): string {
  if (!check) return '';
  const v = checkVerdict(check);
  return v.passed ? ` · checked ${v.symbol}` : ` · check ${v.word.toUpperCase()} ${v.symbol}`;
}

/**
 * Over a definition: the Jacobian's Kronecker form, its shape and nnz against dense, the
 * gradients, and the panel link. Formulas with an entry in `images` are shown as images.
 */
export function definitionHover(a: AnalysisOk, link: string, images: MathImages = new Map()): string {
  const j = a.jacobian;
  const lines = [
    `**Kronecker Lens** · ${escapeMarkdown(a.definition.unicode)}${checkText(a.check)}`,
    '',
    mathMarkdown(jacobianMath(a), images) + markText(j),
    ...whereMath(a).flatMap((m) => ['', `where ${mathMarkdown(m, images)}`]),
    '',
    escapeMarkdown(`${jacobianLabel(a, U)}: ${shape(j.shape, U)} · ${density(j)}`),
  ];
  const grads = gradientMath(a);
  if (grads.length) lines.push('', '**Gradient**');
  for (const m of grads) lines.push('', mathMarkdown(m, images) + markText(m));
  lines.push('', `[Open in Kronecker Lens](${link})`);
  return lines.join('\n');
}

/** Over a variable: its shape and its Jacobian block. */
export function variableHover(a: AnalysisOk, name: string, block: JacobianBlock | undefined, link: string,
  images: MathImages = new Map()): string {
  const v = a.variables[name];
  const lines = [`**${escapeMarkdown(nameText(name, U))}** ∈ ${escapeMarkdown(v ? space(v.shape, U) : '?')}` +
    (v ? ` · ${escapeMarkdown(`${shape(v.shape, U)}, ${v.role}, ${v.shapeSource}`)}` : '')];
  if (block) {
    lines.push('', mathMarkdown(blockMath(a, block), images) + markText(block), '',
      escapeMarkdown(`${shape(block.shape, U)} · nnz ${count(block.nnz)}`));
  }
  lines.push('', `in ${escapeMarkdown(a.definition.unicode)} · [Open in Kronecker Lens](${link})`);
  return lines.join('\n');
}

/** A definition the core rejected: its message (the diagnostic shows the same). */
export function errorHover(a: AnalysisError): string {
  return `**Kronecker Lens** · ${escapeMarkdown(a.error.message)}`;
}

/**
 * The variable under the cursor: the identifier around `ch` in `lineText` if it names a
 * variable, else the single character under the cursor (LaTeX juxtaposes: `Wx` is W times x).
 */
export function variableAt(lineText: string, ch: number, names: ReadonlySet<string>): string | undefined {
  const ident = /[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*/g;
  for (let m = ident.exec(lineText); m; m = ident.exec(lineText)) {
    const start = m.index;
    const end = start + m[0].length;
    if (ch < start || ch >= end) continue;
    if (names.has(m[0])) return m[0];
    if (start > 0 && lineText[start - 1] === '\\') return undefined; // a LaTeX command: \sigma
    const c = lineText[ch];
    return c !== undefined && names.has(c) ? c : undefined;
  }
  return undefined;
}
