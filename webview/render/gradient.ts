// (3) The gradient of the scalar output (or of the chosen loss), in matrix form.

import type { AnalysisOk } from '../../src/core/analysis';
import { LATEX, UNICODE, gradientLine, nameText, shapeCompact, space } from '../../src/core/present';
import { h } from '../dom';
import type { PanelContext } from './context';
import { formulaMark } from './check';
import { math } from './math';
import { section } from './section';

export function gradientSection(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  const grads = Object.entries(a.gradient ?? {});
  const rows = grads.map(([name, g]) => {
    const tex = `${gradientLine(a, name, LATEX)} \\in ${space(g.shape, LATEX)}`;
    return h('div', { class: 'kl-gradient', 'data-gradient': name }, math(tex, true, gradientLine(a, name, UNICODE)), formulaMark(g.check));
  });
  const defs = a.gradientDefinitions ?? [];
  return section(ctx, {
    id: 'gradient',
    heading: 'Gradient',
    description: grads.map(([n, g]) => `${nameText(n, UNICODE)} ${shapeCompact(g.shape)}`).join(' · '),
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
