// The whole derivation as LaTeX for a paper: one display per step, the identity applied and
// its source beside it (amsmath; the notes are plain text).

import type { AnalysisOk } from '../analysis';

const TEXT_ESCAPES: Record<string, string> = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '^': '\\^{}', _: '\\_', '%': '\\%', '~': '\\~{}' };
export const latexText = (s: string): string => s.replace(/[\\{}$&#^_%~]/g, (c) => TEXT_ESCAPES[c] as string);

export function derivationLatex(a: AnalysisOk): string {
  const steps = a.derivation.map((s, i) => {
    const lines = [`% step ${i + 1}: ${s.note}`, `\\item ${latexText(s.note)}${s.source ? ` \\hfill {\\small ${latexText(s.source)}}` : ''}`];
    if (s.rule) lines.push(`  \\[ ${s.rule.latex} \\]`, '  so');
    lines.push(`  \\[ ${s.latex} \\]`);
    return lines.join('\n');
  });
  return [
    `% The derivation of the Jacobian and gradient of ${a.definition.unicode}, by Kronecker Lens.`,
    '% Needs amsmath and amssymb. vec stacks columns; J is in numerator (Jacobian) layout.',
    '\\begin{enumerate}',
    ...steps,
    '\\end{enumerate}',
    '',
  ].join('\n');
}
