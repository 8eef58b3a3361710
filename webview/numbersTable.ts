// A matrix as a table of numbers; optionally every cell is an input whose edits go to the host.
// Long matrices show their top-left corner and say how much is hidden.

import { h } from './dom';
import { editableNumber, formatNumber, parseNumber } from './format';
import { cellKey, type PanelContext } from './render/context';

export interface ColumnGroup {
  label: string;
  start: number;
  end: number;
}

export interface MatrixSpec {
  /** The variable's name (cell keys, `setValue`). */
  name: string;
  /** Read by screen readers: `W, 3 by 4`. */
  label: string;
  rows: number;
  cols: number;
  at(row: number, col: number): number | undefined;
  /** Post edits as `setValue`. */
  editable?: PanelContext;
  maxRows?: number;
  maxCols?: number;
  /** Headings over ranges of columns (the blocks of J). */
  groups?: readonly ColumnGroup[];
  /** Offered when the matrix is cut: show every entry (up to `SHOW_ALL_LIMIT`). */
  expand?: { expanded: boolean; toggle(): void };
}

/** Entries above which a matrix is never shown whole as a table. */
export const SHOW_ALL_LIMIT = 4096;

export function matrixTable(spec: MatrixSpec): HTMLElement {
  const whole = spec.expand?.expanded && spec.rows * spec.cols <= SHOW_ALL_LIMIT;
  const nr = whole ? spec.rows : Math.min(spec.rows, spec.maxRows ?? 24);
  const nc = whole ? spec.cols : Math.min(spec.cols, spec.maxCols ?? 24);
  const starts = new Set((spec.groups ?? []).filter((g) => g.start > 0).map((g) => g.start));
  const gcls = (j: number): string => (starts.has(j) ? ' kl-gstart' : '');
  const head: HTMLElement[] = [];
  if (spec.groups && spec.groups.length > 1) head.push(groupRow(spec.groups, nc));
  head.push(
    h('tr', null, h('td', { class: 'kl-corner' }), ...range(nc).map((j) => h('th', { scope: 'col', class: `kl-idx${gcls(j)}` }, j + 1)),
      nc < spec.cols ? h('th', { class: 'kl-idx' }, '…') : null),
  );
  const body = range(nr).map((i) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row', class: 'kl-idx' }, i + 1),
      ...range(nc).map((j) => {
        const td = cell(spec, i, j);
        if (starts.has(j)) td.classList.add('kl-gstart');
        return td;
      }),
      nc < spec.cols ? h('td', { class: 'kl-more' }, '⋯') : null,
    ),
  );
  const hidden = hiddenNote(spec, nr, nc);
  const canToggle = spec.expand && spec.rows * spec.cols <= SHOW_ALL_LIMIT && (hidden || whole);
  const toggle = canToggle
    ? h('button', { type: 'button', class: 'kl-link kl-expand', 'data-focus-key': `expand:${spec.name}`,
        onclick: () => spec.expand!.toggle() }, whole ? 'Show fewer' : 'Show all')
    : null;
  return h(
    'div',
    { class: 'kl-matrix-wrap' },
    h(
      'table',
      { class: `kl-matrix${spec.editable ? ' kl-editable' : ''}${nc > 10 ? ' kl-wide' : ''}`, 'aria-label': spec.label, 'data-matrix': spec.name },
      h('thead', null, ...head),
      h('tbody', null, ...body),
    ),
    hidden || toggle ? h('div', { class: 'kl-muted kl-hidden-note' }, hidden, hidden && toggle ? ' · ' : null, toggle) : null,
  );
}

function groupRow(groups: readonly ColumnGroup[], nc: number): HTMLElement {
  const cells = groups
    .filter((g) => g.start < nc)
    .map((g) => h('th', { scope: 'colgroup', colspan: Math.min(g.end, nc) - g.start, class: 'kl-group' }, g.label));
  return h('tr', null, h('td', { class: 'kl-corner' }), ...cells);
}

function cell(spec: MatrixSpec, i: number, j: number): HTMLElement {
  const v = spec.at(i, j);
  if (!spec.editable) {
    if (v === undefined) return h('td', { class: 'kl-num kl-zero', title: 'not stored' }, '·');
    return h('td', { class: `kl-num${v === 0 ? ' kl-zero' : ''}`, title: String(v) }, formatNumber(v));
  }
  return h('td', { class: 'kl-num' }, cellInput(spec.editable, spec.name, i, j, v ?? 0));
}

function cellInput(ctx: PanelContext, name: string, i: number, j: number, v: number): HTMLInputElement {
  const original = editableNumber(v);
  const draft = ctx.draft(name, i, j);
  const input = h('input', {
    class: 'kl-cell',
    type: 'text',
    inputmode: 'decimal',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-label': `${name} row ${i + 1} column ${j + 1}`,
    'data-focus-key': cellKey(name, i, j),
    'data-row': i,
    'data-col': j,
    size: 7,
  });
  input.value = draft ?? original;
  const validate = () => input.setAttribute('aria-invalid', String(parseNumber(input.value) === undefined));
  validate();
  input.addEventListener('input', () => {
    validate();
    ctx.edit(name, i, j, input.value, 'typing');
  });
  input.addEventListener('change', () => ctx.edit(name, i, j, input.value, 'commit'));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      input.value = original;
      validate();
      ctx.edit(name, i, j, original, 'cancel');
    } else if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (e.key === 'Enter') ctx.edit(name, i, j, input.value, 'commit');
      const next = e.key === 'ArrowUp' ? i - 1 : i + 1;
      const table = input.closest('table');
      const target = table?.querySelector<HTMLInputElement>(`input[data-row="${next}"][data-col="${j}"]`);
      if (target) {
        e.preventDefault();
        target.focus();
        target.select();
      }
    }
  });
  return input;
}

function hiddenNote(spec: MatrixSpec, nr: number, nc: number): string {
  const parts: string[] = [];
  if (nr < spec.rows) parts.push(`${nr} of ${spec.rows} rows`);
  if (nc < spec.cols) parts.push(`${nc} of ${spec.cols} columns`);
  return parts.length ? `Showing ${parts.join(', ')}` : '';
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
