// Sizes as people read them: a size (parenthesised when it is a sum), a shape `3 × 15`, the
// space `ℝ^{3×15}`, counts, bytes and the share of a dense matrix. Every surface takes these
// from here, so a size reads the same in the terminal, a hover, the sidebar and the panel.

import type { CostInfo, JacobianInfo, ShapeJSON } from '../analysis';
import { UNICODE, type Style } from './style';

type Size = number | string;

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A symbolic size is a sum when a `+` or `−` joins two terms (`mn + m`, `n − 1`). */
const isSum = (d: string): boolean => /\S\s*[+\-−]\s*\S/.test(d.trim());

/** A symbolic size (`mn + m`, `m²`, `d·k`) in LaTeX. */
function latexPoly(d: string): string {
  return d
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (p) => `^{${[...p].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).join('')}}`)
    .replace(/−/g, '-')
    .replace(/·/g, ' ')
    .replace(/_/g, '\\_');
}

const SAFE_LATEX_SIZE = /^[A-Za-z0-9 +\-−·⁰¹²³⁴⁵⁶⁷⁸⁹_]+$/;

/** One size: `3`, `m`, `(mn + m)` where it stands next to a `×`. */
export function size(d: Size, style: Style): string {
  if (typeof d === 'number') return String(d);
  const t = d.trim();
  if (style.latex && !SAFE_LATEX_SIZE.test(t)) return `\\text{${t.replace(/[\\{}$&#^_%~]/g, '')}}`;
  const body = style.latex ? latexPoly(t) : t;
  return isSum(t) ? `(${body})` : body;
}

/** `3 × 15` (in running text). */
export function shape(s: ShapeJSON, style: Style): string {
  return `${size(s[0], style)}${style.latex ? ' \\times ' : ' × '}${size(s[1], style)}`;
}

/** The compact form for table cells and short labels: `3×4`; a column `3`; a 1×1 `scalar`. */
export function shapeCell(s: ShapeJSON): string {
  if (s[0] === 1 && s[1] === 1) return 'scalar';
  if (s[1] === 1) return size(s[0], UNICODE);
  return shapeCompact(s);
}

/** `3×4`: rows and columns without spaces. */
export function shapeCompact(s: ShapeJSON): string {
  return `${size(s[0], UNICODE)}×${size(s[1], UNICODE)}`;
}

/** `ℝ^{3×15}`; a column vector `ℝ^{3}`; a scalar `ℝ`. */
export function space(s: ShapeJSON, style: Style): string {
  const [r, c] = s;
  const reals = style.latex ? '\\mathbb{R}' : 'ℝ';
  if (r === 1 && c === 1) return reals;
  if (c === 1) return `${reals}^{${size(r, style)}}`;
  return `${reals}^{${size(r, style)}${style.latex ? ' \\times ' : '×'}${size(c, style)}}`;
}

/** A count with thousands separators (`3,120`); a symbolic count as it is. */
export function count(n: Size): string {
  return typeof n === 'number' ? n.toLocaleString('en-US') : n;
}

/** `144 B`, `1.2 KB`, `12 KB`, `3.4 MB`. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** `a / b` as a percentage: whole above 10 %, else two significant digits (`2.1%`, `0.021%`). */
export function percent(a: number, b: number): string {
  if (b <= 0) return '';
  const p = (100 * a) / b;
  return `${p >= 10 ? Math.round(p) : Number(p.toPrecision(2))}%`;
}

/** `nnz 15 of 45 dense (33%)`; without the share when a count is symbolic. */
export function density(j: Pick<JacobianInfo, 'nnz' | 'denseCount'>): string {
  const base = `nnz ${count(j.nnz)} of ${count(j.denseCount)} dense`;
  return typeof j.nnz === 'number' && typeof j.denseCount === 'number' && j.denseCount > 0
    ? `${base} (${percent(j.nnz, j.denseCount)})`
    : base;
}

/** `144 B structured vs 360 B dense`, when the numbers were computed. */
export function memory(j: Pick<JacobianInfo, 'bytes' | 'denseBytes'>): string | undefined {
  return j.bytes !== undefined && j.denseBytes !== undefined ? `${bytes(j.bytes)} structured vs ${bytes(j.denseBytes)} dense` : undefined;
}

/** What the Jacobian costs other ways: dense entries and bytes; jacrev's VJPs and jacfwd's JVPs;
 *  what the structure stores. One sentence for the CLI and the panel. */
export function costLine(c: CostInfo): string {
  const dense = typeof c.denseBytes === 'number' ? bytes(c.denseBytes) : `${c.denseBytes} B`;
  const held = c.structuredBytes !== undefined ? ` in ${bytes(c.structuredBytes)}` : '';
  return `dense J: ${count(c.denseEntries)} entries, ${dense} · jacrev: ${count(c.vjps)} VJPs · jacfwd: ${count(c.jvps)} JVPs · `
    + `structured: ${count(c.structuredEntries)} stored entries${held}, a gradient is 1 VJP`;
}
