// Input values: the user's (row-major JSON) or seeded random ones. The generator is
// mulberry32 seeded by (seed, variable name), uniform in [−1, 1]; arguments of log, sqrt and
// denominators are drawn from [0.5, 1.5]; square matrices that are inverted are I + U/n (U
// uniform in [−1, 1]): diagonally dominant, so well conditioned, with a determinant near 1.

import type { NestedValues } from '../analysis';
import { UserError, type Expr } from '../ast';
import { elementwise } from '../ops/elementwise';
import { children } from '../ast/walk';
import { mat, toRowMajor, type Mat } from './matrix';

/** A small seeded generator, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export type Need = 'any' | 'positive' | 'unit' | 'invertible';

/** The interval seeded values are drawn from, per need. */
const RANGE: { readonly [N in Need]: readonly [number, number] } = { any: [-1, 1], positive: [0.5, 1.5], unit: [-0.8, 0.8], invertible: [-1, 1] };

// out[i] = lo + (hi − lo)·u_i, u the mulberry32 stream from `seed` (the generator above, inlined:
// a call per entry cost more than the arithmetic); returns the state that continues the stream
export function fillUniform(out: Float64Array, seed: number, lo: number, hi: number): number {
  let a = seed >>> 0;
  const w = (hi - lo) / 4294967296;
  for (let i = 0; i < out.length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + ((t ^ (t >>> 14)) >>> 0) * w;
  }
  return a;
}

export function randomValue(name: string, rows: number, cols: number, seed: number, need: Need): Mat {
  const m = mat(rows, cols);
  fillUniform(m.data, hash(name) ^ Math.imul(seed, 2654435761), ...RANGE[need]);
  // (U + n·I)/n: as well conditioned as U + n·I, whose det, about nⁿ, is past the largest double from n ≈ 144 on
  if (need === 'invertible' && rows === cols) {
    for (let i = 0; i < m.data.length; i++) m.data[i] = (m.data[i] as number) / rows;
    for (let i = 0; i < rows; i++) m.data[i + i * rows] = (m.data[i + i * rows] as number) + 1;
  }
  return m;
}

/** What each variable's random values must satisfy, from where it is used. */
export function needs(roots: readonly Expr[]): Map<string, Need> {
  const out = new Map<string, Need>();
  const seen = new Set<Expr>();
  const mark = (e: Expr, need: Need) => {
    if (e.kind === 'var' && need !== 'any') out.set(e.name, need);
  };
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.kind === 'apply' && elementwise(e.fn).positive) mark(e.arg, 'positive');
    if (e.kind === 'apply' && elementwise(e.fn).unit) mark(e.arg, 'unit');
    if (e.kind === 'div') mark(e.right, 'positive');
    if (e.kind === 'pow') mark(e.left, 'positive'); // d(aᵇ) has log a
    if ((e.kind === 'epow' || e.kind === 'mpow') && (!Number.isInteger(e.exponent) || e.exponent < 0)) mark(e.base, 'positive');
    if (e.kind === 'inv' || e.kind === 'det' || e.kind === 'logdet' || e.kind === 'adj') mark(e.arg, 'invertible');
    children(e).forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A user value: a number, a flat array (a column vector) or rows of numbers (row-major). */
export function parseValue(name: string, raw: unknown): Mat {
  if (isNumber(raw)) return mat(1, 1, Float64Array.of(raw));
  if (Array.isArray(raw) && raw.length === 0) throw new UserError(`values of ${name}: an empty list has no entries`, 0, 0);
  if (Array.isArray(raw) && raw.every(isNumber)) return mat(raw.length, 1, Float64Array.from(raw));
  if (Array.isArray(raw) && raw.length > 0 && raw.every((r) => Array.isArray(r) && r.every(isNumber))) {
    const rows = raw as number[][];
    const cols = (rows[0] as number[]).length;
    if (cols === 0 || rows.some((r) => r.length !== cols)) throw new UserError(`values of ${name}: every row must have ${cols} numbers`, 0, 0);
    const m = mat(rows.length, cols);
    rows.forEach((r, i) => r.forEach((v, j) => (m.data[i + j * rows.length] = v)));
    return m;
  }
  throw new UserError(`values of ${name}: expected a number, a list of numbers, or a list of rows of numbers`, 0, 0);
}

/** The inverse of `parseValue`: a scalar as a number, a column vector flat, anything else as rows.
 *  Rows are read from the row-major copy and filled by a plain loop: at 4096² (a gradient ∂L/∂W)
 *  a callback per entry over the column-major data took 1.5 s, this a fifth of it. */
export function nestedValue(m: Mat): NestedValues {
  if (m.rows === 1 && m.cols === 1) return m.data[0] as number;
  if (m.cols === 1) return rowOf(m.data, 0, m.rows);
  const t = toRowMajor(m);
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = rowOf(t, i * m.cols, m.cols);
  return out;
}

function rowOf(data: Float64Array, start: number, length: number): number[] {
  const row: number[] = new Array(length);
  for (let j = 0; j < length; j++) row[j] = data[start + j] as number;
  return row;
}
