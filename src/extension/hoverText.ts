// The hover's Markdown, from an Analysis: Unicode math only (hovers cannot run KaTeX), every
// piece of user text escaped. No `vscode` import, so unit tests read it directly.

import type { AnalysisError, AnalysisOk, JacobianBlock } from '../core/analysis';
import { UNICODE as U, blockLine, count, density, jacobianLabel, jacobianLine, nameText, shape, space } from '../core/present';

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&$]/g;

/** Text shown literally in Markdown (no emphasis, links, HTML or theme icons). */
export function escapeMarkdown(text: string): string {
  return text.replace(MD_SPECIAL, (c) => `\\${c}`);
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
    escapeMarkdown(jacobianLine(a, U)) + markText(j),
    '',
    escapeMarkdown(`${jacobianLabel(a, U)}: ${shape(j.shape, U)} · ${density(j)}`),
    '',
    `[Open in Kronecker Lens](${link})`,
  ];
  return lines.join('\n');
}

/** Over a variable: its shape and its Jacobian block. */
export function variableHover(a: AnalysisOk, name: string, block: JacobianBlock | undefined, link: string): string {
  const v = a.variables[name];
  const lines = [`**${escapeMarkdown(nameText(name, U))}** ∈ ${escapeMarkdown(v ? space(v.shape, U) : '?')}` +
    (v ? ` · ${escapeMarkdown(`${shape(v.shape, U)}, ${v.role}, ${v.shapeSource}`)}` : '')];
  if (block) {
    lines.push('', escapeMarkdown(blockLine(a, block, U)) + markText(block), '', escapeMarkdown(`${shape(block.shape, U)} · nnz ${count(block.nnz)}`));
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
