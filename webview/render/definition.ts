// (1) The definition as parsed, and every variable's shape and role.

import type { AnalysisOk, ShapeJSON } from '../../src/core/analysis';
import { LATEX, UNICODE, nameText, outputName, shapeCell, shapeCompact } from '../../src/core/present';
import { h } from '../dom';
import type { PanelContext } from './context';
import { math } from './math';
import { section } from './section';

const SOURCE: Record<string, string> = {
  declared: 'declared',
  option: 'option',
  values: 'from values',
  inferred: 'inferred',
};

export function definitionSection(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  const wrt = new Set(a.wrt);
  const row = (nameTex: string, name: string, shape: ShapeJSON, role: string, source: string) =>
    h(
      'tr',
      { 'data-var': name },
      h('th', { scope: 'row', class: 'kl-var-name' }, math(nameTex, false, nameText(name, UNICODE))),
      h('td', { class: 'kl-shape', title: shapeCompact(shape) }, shapeCell(shape)),
      h('td', null, role, wrt.has(name) ? h('span', { class: 'kl-tag' }, 'wrt') : null),
      h('td', { class: 'kl-muted' }, source),
    );
  const outName = outputName(a);
  const table = h(
    'table',
    { class: 'kl-table kl-vars', 'aria-label': 'Variables' },
    h('thead', null, h('tr', null, ...['Name', 'Shape', 'Role', 'Shape from'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...Object.entries(a.variables).map(([name, v]) => row(v.latex, name, v.shape, v.role, SOURCE[v.shapeSource] ?? v.shapeSource)),
      row(nameText(outName, LATEX), outName, a.output.shape, 'output', 'inferred'),
    ),
  );
  const dims = Object.entries(a.dims);
  return section(ctx, {
    id: 'definition',
    heading: 'Definition',
    description: `${Object.keys(a.variables).length} variables → ${nameText(outName, UNICODE)} ${shapeCompact(a.output.shape)}`,
    body: [
      math(a.definition.latex, true, a.definition.unicode),
      h('div', { class: 'kl-input' }, h('span', { class: 'kl-muted' }, `${a.notation} · `), h('code', null, a.input)),
      h('div', { class: 'kl-scroll' }, table),
      dims.length
        ? h('dl', { class: 'kl-dims' }, ...dims.flatMap(([d, meaning]) => [h('dt', null, d), h('dd', null, meaning)]))
        : null,
      a.notes.length ? h('ul', { class: 'kl-notes' }, ...a.notes.map((n) => h('li', null, n))) : null,
    ],
  });
}
