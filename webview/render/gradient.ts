// (3) The gradient of the scalar output (or of the chosen loss), in matrix form.

import type { AnalysisOk } from '../../src/core/analysis';
import { h } from '../dom';
import { formatShape } from '../format';
import type { PanelContext } from './context';
import { formulaMark } from './check';
import { math, texName, texSpace } from './math';
import { section } from './section';

const isScalar = (a: AnalysisOk): boolean => a.output.shape[0] === 1 && a.output.shape[1] === 1;

/** The name differentiated: the scalar output itself, or L for a loss. */
export function lossName(a: AnalysisOk): string {
  return a.loss || !isScalar(a) ? 'L' : texName(a.output.name ?? 'f');
}

export function gradientSection(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  const grads = Object.entries(a.gradient ?? {});
  const L = lossName(a);
  const rows = grads.map(([name, g]) => {
    const v = a.variables[name];
    const tex = `\\frac{\\partial ${L}}{\\partial ${v ? v.latex : texName(name)}} = ${g.latex} \\in ${texSpace(g.shape)}`;
    return h('div', { class: 'kl-gradient', 'data-gradient': name }, math(tex, true, `${name}: ${g.unicode}`), formulaMark(g.check));
  });
  const defs = a.gradientDefinitions ?? [];
  return section(ctx, {
    id: 'gradient',
    heading: 'Gradient',
    description: grads.map(([n, g]) => `${n} ${formatShape(g.shape)}`).join(' · '),
    body: [
      a.loss ? h('div', { class: 'kl-loss', 'data-testid': 'loss' }, h('span', { class: 'kl-muted' }, a.loss.kind === 'generic' ? 'Upstream gradient' : 'Loss'), math(a.loss.latex, false, a.loss.unicode)) : null,
      rows.length ? h('div', { class: 'kl-gradients' }, ...rows) : null,
      grads.length === 0 ? h('p', { class: 'kl-muted' }, 'No gradient: the output is not a scalar. Choose a loss above.') : null,
      defs.length
        ? h(
            'div',
            { class: 'kl-where' },
            h('span', { class: 'kl-muted' }, 'where'),
            h('ul', null, ...defs.map((d) => h('li', { 'data-def': d.name }, math(d.latex, false, d.unicode), formulaMark(d.check)))),
          )
        : null,
    ],
  });
}
