// A sparse matrix as a picture: every stored entry a coloured cell (blue positive, red
// negative, grey a stored zero), shaded by |value|; where a pixel covers several entries it
// shows the largest. Theme colours are read from the --vscode-* variables at each draw.

import { h } from './dom';
import { count, percent } from '../src/core/present';
import { formatNumber } from './format';
import type { ColumnGroup } from './numbersTable';

export interface SparseMatrix {
  rows: number;
  cols: number;
  r: ArrayLike<number>;
  c: ArrayLike<number>;
  v: ArrayLike<number>;
}

interface Palette {
  bg: RGB;
  pos: RGB;
  neg: RGB;
  zero: RGB;
  rule: RGB;
}
type RGB = [number, number, number];

const MAX_CELL = 14;
const MAX_HEIGHT = 360;
const MIN_HEIGHT = 160;

/** The plot's CSS size: square cells when they fit, else squeezed to the width and height. */
export function plotSize(rows: number, cols: number, width: number): { w: number; h: number } {
  const cell = Math.min(MAX_CELL, width / cols);
  const w = Math.max(1, Math.floor(cell * cols));
  const hgt = Math.min(MAX_HEIGHT, Math.max(Math.min(rows * MAX_CELL, MIN_HEIGHT), rows * cell));
  return { w, h: Math.max(1, Math.round(hgt)) };
}

/** Draws `m` into `canvas` at CSS width `width`; the backing store follows devicePixelRatio. */
export function drawSparsity(canvas: HTMLCanvasElement, m: SparseMatrix, width: number, groups: readonly ColumnGroup[] = []): void {
  const { w, h: hgt } = plotSize(m.rows, m.cols, width);
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const pw = Math.round(w * dpr);
  const ph = Math.round(hgt * dpr);
  canvas.width = pw;
  canvas.height = ph;
  canvas.style.width = `${w}px`;
  canvas.style.height = `${hgt}px`;
  const g = canvas.getContext('2d');
  if (!g) return;
  const pal = palette();
  // Largest |v| per pixel, and the sign (or stored-zero mark) of that entry.
  const mag = new Float32Array(pw * ph).fill(-1);
  const sgn = new Int8Array(pw * ph);
  let max = 0;
  for (let k = 0; k < m.v.length; k++) {
    const r = m.r[k]!, c = m.c[k]!, v = m.v[k]!;
    const a = Math.abs(v);
    if (a > max && Number.isFinite(a)) max = a;
    const x0 = Math.floor((c * pw) / m.cols), x1 = Math.max(x0 + 1, Math.floor(((c + 1) * pw) / m.cols));
    const y0 = Math.floor((r * ph) / m.rows), y1 = Math.max(y0 + 1, Math.floor(((r + 1) * ph) / m.rows));
    for (let y = y0; y < y1 && y < ph; y++) {
      for (let x = x0; x < x1 && x < pw; x++) {
        const p = y * pw + x;
        if (a > mag[p]!) {
          mag[p] = a;
          sgn[p] = v > 0 ? 1 : v < 0 ? -1 : 0;
        }
      }
    }
  }
  const img = g.createImageData(pw, ph);
  const d = img.data;
  for (let p = 0; p < pw * ph; p++) {
    let rgb = pal.bg;
    if (mag[p]! >= 0) {
      const s = sgn[p]!;
      const t = s === 0 || max === 0 ? 0.45 : 0.35 + 0.65 * Math.sqrt(Math.min(1, mag[p]! / max));
      rgb = mix(pal.bg, s > 0 ? pal.pos : s < 0 ? pal.neg : pal.zero, t);
    }
    d[4 * p] = rgb[0];
    d[4 * p + 1] = rgb[1];
    d[4 * p + 2] = rgb[2];
    d[4 * p + 3] = 255;
  }
  g.putImageData(img, 0, 0);
  g.fillStyle = `rgb(${pal.rule.join(',')})`;
  for (const grp of groups) {
    if (grp.start === 0) continue;
    g.fillRect(Math.round((grp.start * pw) / m.cols), 0, Math.max(1, Math.round(dpr)), ph);
  }
}

/** The figure: block labels, the canvas, a legend, and a readout of the entry under the pointer. */
export function sparsityFigure(
  m: SparseMatrix,
  label: string,
  groups: readonly ColumnGroup[],
  onRedraw: (draw: () => void) => void,
): HTMLElement {
  const canvas = h('canvas', { class: 'kl-sparsity', role: 'img', 'data-testid': 'sparsity-canvas' });
  const dense = m.rows * m.cols;
  const summary = `${label}: ${count(m.rows)} × ${count(m.cols)}, ${count(m.v.length)} stored entries (${percent(m.v.length, dense)})`;
  canvas.setAttribute('aria-label', summary);
  const readout = h('div', { class: 'kl-readout kl-muted', 'aria-hidden': 'true' }, '\u00a0');
  const labels = h('div', { class: 'kl-plot-groups', 'aria-hidden': 'true' });
  const fig = h('figure', { class: 'kl-plot' }, labels, canvas, readout,
    h('figcaption', { class: 'kl-legend' },
      swatch('kl-sw-pos', 'positive'), swatch('kl-sw-neg', 'negative'), swatch('kl-sw-zero', 'stored zero'),
      h('span', { class: 'kl-muted' }, summary)));
  let cssWidth = 0;
  const draw = () => {
    const width = Math.max(120, Math.min(960, (fig.parentElement?.clientWidth ?? 600) - 8));
    drawSparsity(canvas, m, width, groups);
    cssWidth = plotSize(m.rows, m.cols, width).w;
    labels.style.width = `${cssWidth}px`;
    labels.replaceChildren(...groups.map((g) => {
      const el = h('span', { class: 'kl-plot-group' }, g.label);
      el.style.width = `${(100 * (g.end - g.start)) / m.cols}%`;
      return el;
    }));
  };
  onRedraw(draw);
  let lookup: Map<number, number> | undefined;
  canvas.addEventListener('mousemove', (e) => {
    const rect = canvas.getBoundingClientRect();
    const i = Math.min(m.rows - 1, Math.floor(((e.clientY - rect.top) / rect.height) * m.rows));
    const j = Math.min(m.cols - 1, Math.floor(((e.clientX - rect.left) / rect.width) * m.cols));
    lookup ??= index(m);
    const v = lookup.get(i * m.cols + j);
    const block = groups.find((g) => j >= g.start && j < g.end);
    readout.textContent = `row ${i + 1}, column ${j + 1}${block ? ` (${block.label})` : ''}: ${v === undefined ? 'not stored' : formatNumber(v)}`;
  });
  canvas.addEventListener('mouseleave', () => (readout.textContent = '\u00a0'));
  return fig;
}

function index(m: SparseMatrix): Map<number, number> {
  const map = new Map<number, number>();
  for (let k = 0; k < m.v.length; k++) map.set(m.r[k]! * m.cols + m.c[k]!, m.v[k]!);
  return map;
}

function swatch(cls: string, text: string): HTMLElement {
  return h('span', { class: 'kl-swatch-item' }, h('span', { class: `kl-swatch ${cls}` }), text);
}

function palette(): Palette {
  const css = getComputedStyle(document.body);
  const get = (name: string, fallback: string): RGB => parseColor(css.getPropertyValue(name).trim() || fallback);
  return {
    bg: get('--vscode-editor-background', '#1e1e1e'),
    pos: get('--vscode-charts-blue', '#3794ff'),
    neg: get('--vscode-charts-red', '#f14c4c'),
    zero: get('--vscode-descriptionForeground', '#9d9d9d'),
    rule: get('--vscode-editorRuler-foreground', '#5a5a5a'),
  };
}

let probe: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour, resolved by the canvas itself, composited over black. */
function parseColor(color: string): RGB {
  probe ??= h('canvas', { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true });
  if (!probe) return [128, 128, 128];
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#000';
  probe.fillRect(0, 0, 1, 1);
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  return [r ?? 0, g ?? 0, b ?? 0];
}

function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
