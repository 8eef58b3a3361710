// (2) The Jacobian in Kronecker form, each factor under a brace with its shape; its blocks per
// parameter; how much the structure saves over a dense matrix.

import type { AnalysisOk } from '../../src/core/analysis';
import { LATEX, UNICODE, count, density, jacobianLabel, jacobianWithWhere, memory, shapeCompact, space, vecText } from '../../src/core/present';
import { h } from '../dom';
import { formulaMark } from './check';
import type { PanelContext } from './context';
import { math, texUnderbraced } from './math';
import { section } from './section';

/** Braces fit only around balanced groups; anything else is shown without them. */
function balanced(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

export function jacobianFormula(a: AnalysisOk): string {
  const j = a.jacobian;
  const rhs = j.factors.length > 0 && j.factors.every((f) => balanced(f.latex)) ? texUnderbraced(j.factors) : j.latex;
  return `${jacobianLabel(a, LATEX)} = ${rhs} \\in ${space(j.shape, LATEX)}`;
}

function stats(a: AnalysisOk): HTMLElement {
  const mem = memory(a.jacobian);
  return h('p', { class: 'kl-stats', 'data-testid': 'jacobian-stats' }, [density(a.jacobian), ...(mem ? [mem] : [])].join(' · '));
}

function blocksTable(a: AnalysisOk): HTMLElement {
  return h(
    'table',
    { class: 'kl-table kl-blocks', 'aria-label': 'Jacobian blocks' },
    h('thead', null, h('tr', null, ...['With respect to', 'Block', 'Shape', 'nnz'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...a.jacobian.blocks.map((b) => {
        const shape = a.variables[b.wrt]?.shape;
        return h(
          'tr',
          { 'data-block': b.wrt },
          h('th', { scope: 'row' }, math(vecText(b.wrt, shape, LATEX), false, vecText(b.wrt, shape, UNICODE))),
          h('td', { class: 'kl-block-formula' }, math(b.latex, false, b.unicode), formulaMark(b.check)),
          h('td', { class: 'kl-shape' }, shapeCompact(b.shape)),
          h('td', { class: 'kl-num' }, count(b.nnz)),
        );
      }),
    ),
  );
}

export function jacobianSection(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  const copy = h('vscode-button', {
    secondary: true,
    'data-focus-key': 'copy-jacobian',
    'data-testid': 'copy-latex',
    title: 'Copy the Jacobian as LaTeX',
    onclick: () => {
      ctx.post({ type: 'copyLatex', latex: jacobianWithWhere(a, LATEX) });
      ctx.status('LaTeX of the Jacobian sent to the clipboard');
    },
  }, 'Copy LaTeX');
  return section(ctx, {
    id: 'jacobian',
    heading: 'Jacobian',
    description: `${shapeCompact(a.jacobian.shape)} · nnz ${count(a.jacobian.nnz)}`,
    body: [
      h('div', { class: 'kl-scroll kl-formula-row', 'data-testid': 'jacobian-formula' }, math(jacobianFormula(a), true, a.jacobian.unicode), formulaMark(a.jacobian.check)),
      ...(a.jacobian.where ?? []).map((d) => h('div', { class: 'kl-scroll kl-where', 'data-testid': 'jacobian-where' }, 'where ', math(d.latex, false, d.unicode))),
      h('div', { class: 'kl-row' }, stats(a), h('span', { class: 'kl-spacer' }), copy),
      h('div', { class: 'kl-scroll' }, blocksTable(a)),
    ],
  });
}
