// The hover's Markdown, from an Analysis: Unicode math only (hovers cannot run KaTeX), every
// piece of user text escaped. No `vscode` import, so unit tests read it directly.

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

/** Over a definition: the Jacobian's shape, its Kronecker form, nnz against dense, and the panel link. */
export function definitionHover(a: AnalysisOk, link: string): string {
  const j = a.jacobian;
  const lines = [
    `**Kronecker Lens** · ${escapeMarkdown(a.definition.unicode)}${a.check ? (a.check.passed ? ' · checked ✔' : ' · check FAILED ✘') : ''}`,
    '',
    escapeMarkdown(jacobianLine(a)) + markText(j),
    '',
    `${escapeMarkdown(wrtText(a))}: ${escapeMarkdown(shapeText(j.shape))} · ${escapeMarkdown(nnzText(j.nnz, j.denseCount))}`,
    '',
    `[Open in Kronecker Lens](${link})`,
  ];
  return lines.join('\n');
}

/** Over a variable: its shape and its Jacobian block. */
export function variableHover(a: AnalysisOk, name: string, block: JacobianBlock | undefined, link: string): string {
  const v = a.variables[name];
  const lines = [`**${escapeMarkdown(name)}** ∈ ${escapeMarkdown(v ? spaceText(v.shape) : '?')}` +
    (v ? ` · ${escapeMarkdown(`${shapeText(v.shape)}, ${v.role}, ${v.shapeSource}`)}` : '')];
  if (block) {
    const d = v && v.shape[1] !== 1 ? `vec ${name}` : name;
    let u = block.unicode.trim();
    if (!/^[^=]{1,40}=/.test(u)) u = `∂${outName(a)}/∂${d} = ${u}`;
    lines.push('', escapeMarkdown(u) + markText(block), '',
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
