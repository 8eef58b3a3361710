// The inspector's two parts: the definition under the cursor, and every definition in the
// document (a list of buttons: click or Enter reveals, the icon opens the panel).

import type { FormulaCheck } from '../src/core/analysis';
import { EXPORT_FORMATS, EXPORT_LABELS, isExportFormat, type ExportFormat } from '../src/core/export/formats';
import type { DefinitionEntry, ExportAction, InspectSummary, NamedShape, SidebarToHost } from '../src/shared/protocol';
import { h } from './dom';
import { LATEX, UNICODE, density, formulaVerdict, lossGradientLabel, nameText, shapeCell, shapeCompact } from '../src/core/present';
import { math } from './render/math';

type Post = (m: SidebarToHost) => void;

function shapes(list: readonly NamedShape[]): HTMLElement {
  return h(
    'ul',
    { class: 'ks-shapes', 'aria-label': 'Shapes' },
    ...list.map((v) =>
      h('li', { 'data-var': v.name, class: v.role === 'output' ? 'ks-out' : undefined },
        h('span', { class: 'ks-name' }, nameText(v.name, UNICODE)),
        h('span', { class: 'ks-shape', title: shapeCompact(v.shape) }, shapeCell(v.shape)),
        v.role === 'parameter' ? h('span', { class: 'ks-role' }, 'param') : null),
    ),
  );
}

export function currentView(s: InspectSummary | undefined, post: Post): HTMLElement {
  const body = !s
    ? [h('p', { class: 'ks-muted' }, 'Put the cursor on a definition such as y = sigmoid(W*x + b).')]
    : s.ok
      ? okView(s)
      : [
          h('p', { class: 'ks-error', role: 'alert' }, s.error.message),
          h('pre', { class: 'ks-source' }, h('code', null, s.input.slice(0, s.error.start),
            h('mark', null, s.input.slice(s.error.start, s.error.end) || ' '), s.input.slice(s.error.end))),
        ];
  const open = s && s.index >= 0
    ? h('vscode-button', { class: 'ks-open-current', 'data-testid': 'open-current', onclick: () => post({ type: 'openPanel', index: s.index }) }, 'Open in panel')
    : null;
  return h('section', { class: 'ks-current', 'aria-labelledby': 'ks-current-h', 'data-testid': 'current' },
    h('h2', { class: 'ks-heading', id: 'ks-current-h' }, 'At the cursor'), ...body, open,
    s?.ok && s.index >= 0 ? exportRow(s.index, post) : null);
}

/** The format last chosen: the view is rebuilt as the cursor moves, the choice stays. */
let chosen: ExportFormat = 'numpy';

/** Export the definition at the cursor: a format, then Copy or Insert below it (one undo step). */
function exportRow(index: number, post: Post): HTMLElement {
  const select = h('select', {
    class: 'ks-format', id: 'ks-format', 'data-focus-key': 'export-format', 'data-testid': 'export-format',
    onchange: (e: Event) => {
      const v = (e.target as HTMLSelectElement).value;
      if (isExportFormat(v)) chosen = v;
    },
  }, ...EXPORT_FORMATS.map((f) => h('option', { value: f, selected: f === chosen ? true : undefined }, EXPORT_LABELS[f]))) as HTMLSelectElement;
  const send = (action: ExportAction) => () => {
    if (isExportFormat(select.value)) post({ type: 'export', index, format: select.value, action });
  };
  return h('div', { class: 'ks-export', role: 'group', 'aria-label': 'Export' },
    h('label', { for: 'ks-format' }, 'Export '), select,
    h('vscode-button', { secondary: true, 'data-focus-key': 'export-copy', 'data-testid': 'export-copy', title: 'Copy to the clipboard', onclick: send('copy') }, 'Copy'),
    h('vscode-button', { secondary: true, 'data-focus-key': 'export-insert', 'data-testid': 'export-insert', title: 'Insert below the definition (one undo step)', onclick: send('insert') }, 'Insert'));
}

/** ✔/✘ once a formula has been evaluated against the numbers. */
function mark(c: FormulaCheck | undefined): HTMLElement | null {
  const v = formulaVerdict(c);
  if (!v) return null;
  return h('span', { class: `ks-mark ${v.passed ? 'ks-pass' : 'ks-fail'}`, role: 'img', 'aria-label': v.label, title: v.label }, v.symbol);
}

function okView(s: Extract<InspectSummary, { ok: true }>): HTMLElement[] {
  const j = s.jacobian;
  return [
    h('div', { class: 'ks-formula' }, math(s.definition.latex, true, s.definition.unicode)),
    shapes([...s.variables, s.output]),
    h('h3', { class: 'ks-sub' }, 'Jacobian', h('span', { class: 'ks-muted' }, ` ${shapeCompact(j.shape)}`)),
    h('div', { class: 'ks-formula', 'data-testid': 'jacobian' }, math(`J = ${j.latex}`, true, j.unicode), mark(j.check)),
    ...(j.where ?? []).map((d) => h('div', { class: 'ks-where', 'data-testid': 'jacobian-where' }, 'where ', math(d.latex, false, d.unicode))),
    h('p', { class: 'ks-muted ks-small' }, `wrt ${s.wrt.map((w) => nameText(w, UNICODE)).join(', ')} · ${density(j)}`),
    s.gradient.length
      ? h('div', null,
          h('h3', { class: 'ks-sub' }, 'Gradient'),
          h('ul', { class: 'ks-grads' }, ...s.gradient.map((g) =>
            h('li', { 'data-gradient': g.name },
              math(`${lossGradientLabel(s.loss, g.name, LATEX)} = ${g.latex}`, false, `${lossGradientLabel(s.loss, g.name, UNICODE)} = ${g.unicode}`),
              h('span', { class: 'ks-shape' }, shapeCell(g.shape)), mark(g.check)))))
      : h('span'),
  ];
}

const SVG = 'http://www.w3.org/2000/svg';

/** A "show in panel" glyph: a window with a split. */
function panelIcon(): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const rect = document.createElementNS(SVG, 'path');
  rect.setAttribute('d', 'M2.5 2.5h11v11h-11z M8.5 2.5v11 M10 6h2 M10 8h2');
  rect.setAttribute('fill', 'none');
  rect.setAttribute('stroke', 'currentColor');
  svg.appendChild(rect);
  return svg;
}

export function definitionsView(defs: readonly DefinitionEntry[], current: number, document: string | undefined, post: Post): HTMLElement {
  const items = defs.map((d, i) =>
    h('li', { class: 'ks-item', 'data-index': i },
      h('button', {
        type: 'button',
        class: `ks-def${d.ok ? '' : ' ks-bad'}`,
        'data-focus-key': `def:${i}`,
        'aria-current': i === current ? 'true' : undefined,
        title: d.ok ? `Line ${d.line + 1}: go to the definition` : d.error ?? 'Error',
        onclick: () => post({ type: 'reveal', index: i }),
        onkeydown: (e: KeyboardEvent) => moveFocus(e, i),
      },
        h('span', { class: 'ks-line' }, d.line + 1),
        h('span', { class: 'ks-label' }, d.label),
        h('span', { class: 'ks-meta' }, d.ok ? (d.shape ? shapeCell(d.shape) : '') : '✗')),
      h('button', {
        type: 'button',
        class: 'ks-open',
        'data-focus-key': `open:${i}`,
        'aria-label': `Open line ${d.line + 1} in the panel`,
        title: 'Open in the Kronecker Lens panel',
        onclick: () => post({ type: 'openPanel', index: i }),
      }, panelIcon())),
  );
  return h('section', { class: 'ks-list', 'aria-labelledby': 'ks-list-h', 'data-testid': 'definitions' },
    h('h2', { class: 'ks-heading', id: 'ks-list-h' }, 'Definitions', document ? h('span', { class: 'ks-muted' }, ` in ${document}`) : null,
      h('span', { class: 'ks-count' }, defs.length)),
    defs.length ? h('ul', { class: 'ks-defs' }, ...items) : h('p', { class: 'ks-muted' }, 'No definitions found in this document.'));
}

/** Up/Down move between the definitions; Home/End to the first/last. */
function moveFocus(e: KeyboardEvent, i: number): void {
  const list = (e.currentTarget as HTMLElement).closest('ul');
  const buttons = list ? Array.from(list.querySelectorAll<HTMLButtonElement>('button.ks-def')) : [];
  const target =
    e.key === 'ArrowDown' ? buttons[i + 1] : e.key === 'ArrowUp' ? buttons[i - 1]
    : e.key === 'Home' ? buttons[0] : e.key === 'End' ? buttons[buttons.length - 1] : undefined;
  if (target) {
    e.preventDefault();
    target.focus();
  }
}
