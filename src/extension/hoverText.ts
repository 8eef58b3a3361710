// The hover's Markdown, from an Analysis. Hovers cannot run KaTeX: each formula is a line of
// math with LaTeX (which the host has MathJax draw as an SVG image) and Unicode (the image's
// text alternative for screen readers, and the text shown when there is no image). Every piece
// of user text is escaped. No `vscode` import, so unit tests read it directly.

import type { AnalysisError, AnalysisOk, JacobianBlock, ShapeJSON } from '../core/analysis';

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&$]/g;

/** Text shown literally in Markdown (no emphasis, links, HTML or theme icons). */
export function escapeMarkdown(text: string): string {
  return text.replace(MD_SPECIAL, (c) => `\\${c}`);
}

/** A size for display: symbolic sums get parentheses (`m × (mn + m)`). */
function dim(d: number | string): string {
  return typeof d === 'string' && /[\s+\-*/]/.test(d.trim()) ? `(${d.trim()})` : String(d);
}

/** `3 × 15`. */
export function shapeText(shape: ShapeJSON): string {
  return `${dim(shape[0])} × ${dim(shape[1])}`;
}

/** `ℝ^{3×15}`; `ℝ^{3}` for a column vector; `ℝ` for a scalar. */
export function spaceText(shape: ShapeJSON): string {
  const [r, c] = shape;
  if (r === 1 && c === 1) return 'ℝ';
  if (c === 1) return `ℝ^{${dim(r)}}`;
  return `ℝ^{${dim(r)}×${dim(c)}}`;
}

/** One formula of a hover, in both spellings. */
export interface MathLine {
  latex: string;
  unicode: string;
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

/** `\mathbb{R}^{3 \times 15}`, as `spaceText` reads. */
function spaceLatex(shape: ShapeJSON): string {
  const [r, c] = shape;
  if (r === 1 && c === 1) return '\\mathbb{R}';
  if (c === 1) return `\\mathbb{R}^{${dim(r)}}`;
  return `\\mathbb{R}^{${dim(r)} \\times ${dim(c)}}`;
}

/** `J = … ∈ ℝ^{r×c}` in LaTeX and Unicode. */
export function jacobianMath(a: AnalysisOk): MathLine {
  const j = a.jacobian;
  let latex = j.latex.trim();
  if (!/^[^=]{1,40}=/.test(j.unicode.trim())) latex = `J = ${latex}`;
  if (!j.unicode.includes('∈')) latex = `${latex} \\in ${spaceLatex(j.shape)}`;
  return { latex, unicode: jacobianLine(a) };
}

/** The gradients by the parameters (`∂L/∂W = δ xᵀ`) and the names they use (`δ = σ′(z) ⊙ g`). */
export function gradientMath(a: AnalysisOk): MathLine[] {
  const g = a.gradient ?? {};
  const names = a.wrt.filter((w) => g[w]).length ? a.wrt.filter((w) => g[w]) : Object.keys(g);
  const of = a.loss && a.loss.kind !== 'output' ? { u: 'L', l: 'L' } : { u: outName(a), l: a.output.name ?? 'f' };
  const lines = names.map((n) => {
    const v = a.variables[n];
    return {
      latex: `\\frac{\\partial ${of.l}}{\\partial ${v?.latex ?? n}} = ${g[n]!.latex}`,
      unicode: `∂${of.u}/∂${n} = ${g[n]!.unicode}`,
    };
  });
  const defs: MathLine[] = [...(a.gradientDefinitions ?? [])];
  if (a.loss && a.loss.kind !== 'output' && a.loss.upstream) defs.push(a.loss);
  return lines.length ? [...lines, ...defs] : [];
}

/** Every formula a hover over the definition shows. */
export function definitionMath(a: AnalysisOk): MathLine[] {
  return [jacobianMath(a), ...gradientMath(a)];
}

/** `J = … ∈ ℝ^{r×c}` whether or not the core's Unicode already names J and its space. */
export function jacobianLine(a: AnalysisOk): string {
  let u = a.jacobian.unicode.trim();
  if (!/^[^=]{1,40}=/.test(u)) u = `J = ${u}`;
  if (!u.includes('∈')) u = `${u} ∈ ${spaceText(a.jacobian.shape)}`;
  return u;
}

function nnzText(nnz: number | string, dense: number | string): string {
  if (typeof nnz === 'number' && typeof dense === 'number' && dense > 0) {
    const pct = (100 * nnz) / dense;
    return `nnz ${nnz} of ${dense} dense (${pct < 1 ? pct.toPrecision(1) : pct.toFixed(0)} %)`;
  }
  return `nnz ${nnz} of ${dense} dense`;
}

const outName = (a: AnalysisOk): string => a.output.name ?? 'f';

/** `∂y/∂(vec W, b)`. */
function wrtText(a: AnalysisOk): string {
  const parts = a.wrt.map((w) => {
    const s = a.variables[w]?.shape;
    return s && (s[1] !== 1) ? `vec ${w}` : w;
  });
  return parts.length === 1 ? `∂${outName(a)}/∂${parts[0]}` : `∂${outName(a)}/∂(${parts.join(', ')})`;
}

/** A command link (`command:` URI) for the panel; `args` are JSON-encoded into the query. */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** ` ✔`/` ✘` after a formula evaluated against the numbers; nothing when no numbers were computed. */
const markText = (f: { check?: { passed: boolean } }): string => (f.check ? (f.check.passed ? ' ✔' : ' ✘ (disagrees with the numbers)') : '');

/**
 * Over a definition: the Jacobian's Kronecker form, its shape and nnz against dense, the
 * gradients, and the panel link. Formulas with an entry in `images` are shown as images.
 */
export function definitionHover(a: AnalysisOk, link: string, images: MathImages = new Map()): string {
  const j = a.jacobian;
  const lines = [
    `**Kronecker Lens** · ${escapeMarkdown(a.definition.unicode)}${a.check ? (a.check.passed ? ' · checked ✔' : ' · check FAILED ✘') : ''}`,
    '',
    mathMarkdown(jacobianMath(a), images) + markText(j),
    '',
    `${escapeMarkdown(wrtText(a))}: ${escapeMarkdown(shapeText(j.shape))} · ${escapeMarkdown(nnzText(j.nnz, j.denseCount))}`,
  ];
  const grads = gradientMath(a);
  if (grads.length) lines.push('', '**Gradient**');
  for (const m of grads) lines.push('', mathMarkdown(m, images));
  lines.push('', `[Open in Kronecker Lens](${link})`);
  return lines.join('\n');
}

/** `∂y/∂vec W = …`: a variable's block of the Jacobian. */
export function blockMath(a: AnalysisOk, name: string, block: JacobianBlock): MathLine {
  const v = a.variables[name];
  const isVec = v !== undefined && v.shape[1] !== 1;
  const u = block.unicode.trim();
  if (/^[^=]{1,40}=/.test(u)) return { latex: block.latex, unicode: u };
  const out = a.output.name ?? 'f';
  const by = `${isVec ? '\\operatorname{vec} ' : ''}${v?.latex ?? name}`;
  return {
    latex: `\\frac{\\partial ${out}}{\\partial ${by}} = ${block.latex}`,
    unicode: `∂${outName(a)}/∂${isVec ? `vec ${name}` : name} = ${u}`,
  };
}

/** Over a variable: its shape and its Jacobian block. */
export function variableHover(a: AnalysisOk, name: string, block: JacobianBlock | undefined, link: string,
  images: MathImages = new Map()): string {
  const v = a.variables[name];
  const lines = [`**${escapeMarkdown(name)}** ∈ ${escapeMarkdown(v ? spaceText(v.shape) : '?')}` +
    (v ? ` · ${escapeMarkdown(`${shapeText(v.shape)}, ${v.role}, ${v.shapeSource}`)}` : '')];
  if (block) {
    lines.push('', mathMarkdown(blockMath(a, name, block), images) + markText(block), '',
      `${escapeMarkdown(shapeText(block.shape))} · nnz ${escapeMarkdown(String(block.nnz))}`);
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
