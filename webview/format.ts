// How numbers read and are typed in the webviews (sizes, shapes, names and ∂-labels come from
// src/core/present, shared with the CLI and the hovers).

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
