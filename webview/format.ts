// How numbers, shapes and sizes read in the webviews (plain text; LaTeX lives in render/math.ts).

import type { ShapeJSON } from '../src/core/analysis';

const MINUS = '\u2212';

/** 4 significant digits, exponent form when very large or small, a true minus sign. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s = a >= 1e5 || a < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(4)));
  return s.replace('-', MINUS).replace('e+', 'e').replace('e-', `e${MINUS}`);
}

/** The value an input cell starts with: exact when short, else 6 significant digits. */
export function editableNumber(x: number): string {
  const s = String(x);
  return s.length <= 9 ? s : String(Number(x.toPrecision(6)));
}

/** Parses what a user typed (accepting `−` and a decimal comma); undefined unless finite. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/\u2212/g, '-').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

export function formatShape(shape: ShapeJSON): string {
  return `${dim(shape[0])}×${dim(shape[1])}`;
}

/** A vector `n×1` reads as `n`, a scalar as `scalar`, a matrix as `m×n`. */
export function formatShapeShort(shape: ShapeJSON): string {
  if (shape[0] === 1 && shape[1] === 1) return 'scalar';
  if (shape[1] === 1) return dim(shape[0]);
  return formatShape(shape);
}

function dim(d: number | string): string {
  return typeof d === 'number' ? String(d) : /[\s+*·]/.test(d) ? `(${d})` : d;
}

export function formatCount(n: number | string): string {
  return typeof n === 'number' ? n.toLocaleString('en-US') : n;
}

export function formatBytes(n: number): string {
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

/** `a / b` as a percentage, for nnz against the dense count. */
export function formatPercent(a: number, b: number): string {
  if (b <= 0) return '';
  const p = (100 * a) / b;
  return p >= 10 ? `${Math.round(p)}%` : p >= 0.1 ? `${p.toFixed(1)}%` : `${p.toExponential(0)}%`;
}

/** Numbers (nested rows read row by row), typed arrays, or a typed array that went through JSON (`{"0": …, "1": …}`). */
export function toNumbers(x: unknown): number[] {
  if (typeof x === 'number') return [x];
  if (Array.isArray(x)) return x.flat(2).map(Number);
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return Array.from(x as unknown as ArrayLike<number>);
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    const n = Object.keys(o).length;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = Number(o[i]);
    return out;
  }
  return [];
}

export function isNumericShape(shape: ShapeJSON): shape is [number, number] {
  return typeof shape[0] === 'number' && typeof shape[1] === 'number';
}
