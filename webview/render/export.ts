// (7) Take it away: the result in its layouts, what it costs other ways, and every export —
// copied to the clipboard or inserted below the definition (one undoable edit, by the host).

import type { AnalysisOk } from '../../src/core/analysis';
import { EXPORT_FORMATS, EXPORT_LABELS, type ExportFormat } from '../../src/core/export/formats';
import type { ExportAction } from '../../src/shared/protocol';
import { h } from '../dom';
import { costLine } from '../../src/core/present';
import { formulaMark } from './check';
import type { PanelContext } from './context';
import { math } from './math';
import { block, section } from './section';

function button(ctx: PanelContext, format: ExportFormat, action: ExportAction): HTMLElement {
  const what = EXPORT_LABELS[format];
  return h('vscode-button', {
    secondary: true,
    'data-focus-key': `export-${format}-${action}`,
    'data-testid': `export-${format}-${action}`,
    title: action === 'copy' ? `Copy ${what} to the clipboard` : `Insert ${what} below the definition (one undo step)`,
    onclick: () => {
      ctx.post({ type: 'export', format, action });
      ctx.status(action === 'copy' ? `Exporting ${what} to the clipboard…` : `Inserting ${what} below the definition…`);
    },
  }, action === 'copy' ? 'Copy' : 'Insert');
}


export function exportSection(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  const l = a.layouts;
  const rows = EXPORT_FORMATS.map((f) => h('tr', { 'data-export': f },
    h('th', { scope: 'row' }, EXPORT_LABELS[f]), h('td', null, button(ctx, f, 'copy')), h('td', null, button(ctx, f, 'insert'))));
  return section(ctx, {
    id: 'export',
    heading: 'Layouts, cost and export',
    description: 'NumPy · PyTorch · JAX · LaTeX · .mtx · CSV',
    defaultOpen: false,
    body: [
      l ? block('Layouts',
        h('div', { 'data-testid': 'layout-numerator' }, h('span', { class: 'kl-muted' }, 'numerator (Jacobian) '), math(l.numerator.latex, false, l.numerator.unicode)),
        h('div', { 'data-testid': 'layout-denominator' }, h('span', { class: 'kl-muted' }, 'denominator (gradient) '), math(l.denominator.latex, false, l.denominator.unicode)),
        h('div', { 'data-testid': 'layout-pytorch' }, h('span', { class: 'kl-muted' }, 'PyTorch '), math(l.pytorch.latex, false, l.pytorch.unicode), formulaMark(l.pytorch.check)),
        h('p', { class: 'kl-muted', 'data-testid': 'layout-relation' }, l.relation)) : null,
      a.cost ? block('Cost', h('p', { 'data-testid': 'cost' }, costLine(a.cost))) : null,
      block('Export', h('table', { class: 'kl-export', 'data-testid': 'export-table' }, ...rows)),
    ],
  });
}
