// (4) The numbers: inputs (editable), the output, J as a table when small and as a sparsity
// plot when large, and the gradient matrices.

import type { AnalysisOk, ShapeJSON } from '../../src/core/analysis';
import { LATEX, UNICODE, nameText, outputName, shapeCompact } from '../../src/core/present';
import { h, type Child } from '../dom';
import { isNumericShape, toNumbers } from '../format';
import { matrixTable, type ColumnGroup } from '../numbersTable';
import { sparsityFigure, type SparseMatrix } from '../sparsityPlot';
import type { PanelContext } from './context';
import { math } from './math';
import { block, section } from './section';

/** Largest input shown as editable cells; larger inputs show their corner. */
const EDIT_ROWS = 16;
const EDIT_COLS = 12;
/** Vectors show their first entries (a long column would push everything else away). */
const VECTOR_ROWS = 10;

function card(titleTex: string, name: string, shape: ShapeJSON, content: Child, testid?: string): HTMLElement {
  return h(
    'div',
    { class: 'kl-card', 'data-testid': testid },
    h('div', { class: 'kl-card-title' }, math(titleTex, false, name), h('span', { class: 'kl-shape' }, shapeCompact(shape))),
    content,
  );
}

/** A row-major matrix as a table (or, beyond the limit, as a plot of its entries). */
function denseView(name: string, shape: [number, number], data: number[], ctx: PanelContext, editable: boolean): HTMLElement {
  const [rows, cols] = shape;
  if (!editable && rows * cols > ctx.config.matrixTableLimit) {
    const r: number[] = [], c: number[] = [];
    for (let k = 0; k < data.length; k++) r.push(Math.floor(k / cols)), c.push(k % cols);
    return sparsityFigure({ rows, cols, r, c, v: data }, name, [], (d) => ctx.onRedraw(d));
  }
  return matrixTable({
    name,
    label: `${name}, ${rows} by ${cols}`,
    rows,
    cols,
    at: (i, j) => data[i * cols + j],
    editable: editable ? ctx : undefined,
    expand: {
      expanded: ctx.recall(`expand:${name}`) === '1',
      toggle: () => {
        ctx.remember(`expand:${name}`, ctx.recall(`expand:${name}`) === '1' ? '' : '1');
        ctx.rerender();
      },
    },
    maxRows: cols === 1 ? VECTOR_ROWS : editable ? EDIT_ROWS : 24,
    maxCols: editable ? EDIT_COLS : 24,
  });
}

/** A shape in numbers: as declared, or (symbolic sizes) the one the numbers were computed with. */
function concrete(shape: ShapeJSON, fallback: ShapeJSON | undefined): [number, number] | undefined {
  return isNumericShape(shape) ? shape : fallback && isNumericShape(fallback) ? fallback : undefined;
}

const entries = (s: [number, number] | undefined): number | undefined => (s ? s[0] * s[1] : undefined);

/** J's size in numbers and the column range of each block, in wrt order. */
export function jacobianLayout(a: AnalysisOk): { rows: number; cols: number; groups: ColumnGroup[] } | undefined {
  const inputs = a.numbers?.inputs ?? {};
  const rows = isNumericShape(a.jacobian.shape) ? a.jacobian.shape[0] : entries(concrete(a.output.shape, a.numbers?.output.shape));
  const groups: ColumnGroup[] = [];
  let start = 0;
  for (const b of a.jacobian.blocks) {
    const w = typeof b.shape[1] === 'number' ? b.shape[1] : entries(concrete(a.variables[b.wrt]?.shape ?? [0, 0], inputs[b.wrt]?.shape));
    if (w === undefined) return undefined;
    groups.push({ label: nameText(b.wrt, UNICODE), start, end: start + w });
    start += w;
  }
  const cols = isNumericShape(a.jacobian.shape) ? a.jacobian.shape[1] : start;
  return rows === undefined ? undefined : { rows, cols, groups: start === cols ? groups : [] };
}

function jacobianView(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  const j = a.jacobian;
  const layout = j.values ? jacobianLayout(a) : undefined;
  if (!j.values || !layout) {
    return h('p', { class: 'kl-muted' }, 'J is not materialised here (beyond the dense limit, or sizes unknown).');
  }
  const { rows, cols, groups } = layout;
  const m: SparseMatrix = { rows, cols, r: toNumbers(j.values.rows), c: toNumbers(j.values.cols), v: toNumbers(j.values.vals) };
  if (rows * cols <= ctx.config.matrixTableLimit) {
    const at = new Map<number, number>();
    for (let k = 0; k < m.v.length; k++) at.set(m.r[k]! * cols + m.c[k]!, m.v[k]!);
    return matrixTable({ name: 'J', label: `J, ${rows} by ${cols}`, rows, cols, at: (r, c) => at.get(r * cols + c), groups, maxRows: rows, maxCols: cols });
  }
  return sparsityFigure(m, 'J', groups, (d) => ctx.onRedraw(d));
}

export function numbersSection(a: AnalysisOk, ctx: PanelContext): HTMLElement | null {
  const n = a.numbers;
  if (!n) return null;
  const inputs = Object.entries(n.inputs).map(([name, mat]) =>
    card(nameText(name, LATEX), nameText(name, UNICODE), mat.shape, denseView(name, mat.shape, toNumbers(mat.data), ctx, true), `input-${name}`),
  );
  const outName = outputName(a);
  const grads = Object.entries(a.gradient ?? {}).flatMap(([name, g]) => {
    const shape = concrete(g.shape, n.inputs[name]?.shape);
    return g.values && shape
      ? [card(`\\nabla_{${nameText(name, LATEX)}}`, `gradient ${nameText(name, UNICODE)}`, shape, denseView(`∇${name}`, shape, toNumbers(g.values), ctx, false), `gradient-${name}`)]
      : [];
  });
  return section(ctx, {
    id: 'numbers',
    heading: 'Numbers',
    description: `seed ${n.seed}`,
    body: [
      block('Inputs — edit a value to recompute', h('div', { class: 'kl-cards' }, ...inputs)),
      block('Output', h('div', { class: 'kl-cards' },
        card(nameText(outName, LATEX), nameText(outName, UNICODE), n.output.shape, denseView(outName, n.output.shape, toNumbers(n.output.data), ctx, false), 'output'))),
      block('Jacobian J', h('div', { class: 'kl-scroll', 'data-testid': 'jacobian-values' }, jacobianView(a, ctx))),
      grads.length ? block('Gradient', h('div', { class: 'kl-cards' }, ...grads)) : null,
    ],
  });
}
