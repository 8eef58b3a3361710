// (2) The Jacobian in Kronecker form, each factor under a brace with its shape; its blocks per
// parameter; how much the structure saves over a dense matrix.

import type { AnalysisOk } from '../../src/core/analysis';
import { h } from '../dom';
import { formatBytes, formatCount, formatPercent, formatShape } from '../format';
import { formulaMark } from './check';
import type { PanelContext } from './context';
import { math, texName, texSpace, texUnderbraced, texVec } from './math';
import { section } from './section';

/** `∂ vec y / ∂(vec W, b)`, with each name's own LaTeX. */
export function texJacobianLhs(a: AnalysisOk): string {
  const out = texVec(texName(a.output.name ?? 'f'), a.output.shape);
  const wrt = a.wrt.map((w) => {
    const v = a.variables[w];
    return v ? texVec(v.latex, v.shape) : texName(w);
  });
  const by = wrt.length === 1 ? wrt[0]! : `(${wrt.join(',\\ ')})`;
  return `\\frac{\\partial\\, ${out}}{\\partial\\, ${by}}`;
}

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
  return `${texJacobianLhs(a)} = ${rhs} \\in ${texSpace(j.shape)}`;
}

function stats(a: AnalysisOk): HTMLElement {
  const j = a.jacobian;
  const parts: string[] = [`nnz ${formatCount(j.nnz)} of ${formatCount(j.denseCount)} dense`];
  if (typeof j.nnz === 'number' && typeof j.denseCount === 'number') {
    parts[0] += ` (${formatPercent(j.nnz, j.denseCount)})`;
  }
  if (j.bytes !== undefined && j.denseBytes !== undefined) {
    parts.push(`${formatBytes(j.bytes)} structured vs ${formatBytes(j.denseBytes)} dense`);
  }
  return h('p', { class: 'kl-stats', 'data-testid': 'jacobian-stats' }, parts.join(' · '));
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
        const v = a.variables[b.wrt];
        return h(
          'tr',
          { 'data-block': b.wrt },
          h('th', { scope: 'row' }, math(v ? texVec(v.latex, v.shape) : texName(b.wrt), false, b.wrt)),
          h('td', { class: 'kl-block-formula' }, math(b.latex, false, b.unicode), formulaMark(b.check)),
          h('td', { class: 'kl-shape' }, formatShape(b.shape)),
          h('td', { class: 'kl-num' }, formatCount(b.nnz)),
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
      ctx.post({ type: 'copyLatex', latex: a.jacobian.latex });
      ctx.status('LaTeX of the Jacobian sent to the clipboard');
    },
  }, 'Copy LaTeX');
  return section(ctx, {
    id: 'jacobian',
    heading: 'Jacobian',
    description: `${formatShape(a.jacobian.shape)} · nnz ${formatCount(a.jacobian.nnz)}`,
    body: [
      h('div', { class: 'kl-scroll kl-formula-row', 'data-testid': 'jacobian-formula' }, math(jacobianFormula(a), true, a.jacobian.unicode), formulaMark(a.jacobian.check)),
      h('div', { class: 'kl-row' }, stats(a), h('span', { class: 'kl-spacer' }), copy),
      h('div', { class: 'kl-scroll' }, blocksTable(a)),
    ],
  });
}
