// Oracles shared by the core tests: central finite differences of a forward map written in the
// test (dense.ts), the dense matrix behind an Analysis's COO Jacobian, and value conversion.

import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/index';
import type { Analysis, AnalysisOk, AnalyzeOptions, CooJSON } from '../../../src/core/index';
import { mk, type M } from './dense';

export type Vars = Record<string, M>;
export type Dense = number[][];

/** A value as `analyze` takes it: a number (1×1), a flat list (a column), or rows (row-major). */
export function valueJSON(A: M): number | number[] | number[][] {
  if (A.rows === 1 && A.cols === 1) return A.data[0] as number;
  if (A.cols === 1) return Array.from(A.data);
  return Array.from({ length: A.rows }, (_, i) => Array.from({ length: A.cols }, (_, j) => A.data[i + j * A.rows] as number));
}

export const valuesJSON = (vars: Vars): Record<string, unknown> =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, valueJSON(v)]));

export const shapesOf = (vars: Vars): Record<string, [number, number]> =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, [v.rows, v.cols]]));

/**
 * d vec F / d [vec X₁; vec X₂; …] by central differences (F(x + h eₖ) − F(x − h eₖ)) / 2h, one
 * column per entry of the wrt variables in column-major order.
 */
export function fdJacobian(f: (v: Vars) => M, point: Vars, wrt: readonly string[], h = 1e-5): Dense {
  const columns: number[][] = [];
  for (const w of wrt) {
    const X = point[w];
    if (!X) throw new Error(`no value for ${w}`);
    for (let k = 0; k < X.data.length; k++) {
      const moved = (d: number): M => {
        const data = Float64Array.from(X.data);
        data[k] = (data[k] as number) + d;
        return { rows: X.rows, cols: X.cols, data };
      };
      const plus = f({ ...point, [w]: moved(h) }).data;
      const minus = f({ ...point, [w]: moved(-h) }).data;
      columns.push(Array.from(plus, (p, i) => (p - (minus[i] as number)) / (2 * h)));
    }
  }
  const rows = columns[0]?.length ?? f(point).data.length;
  return Array.from({ length: rows }, (_, i) => columns.map((c) => c[i] as number));
}

/** The dense matrix a COO list stands for (duplicates add up). */
export function denseFromCoo(coo: CooJSON, rows: number, cols: number): Dense {
  const J = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  assert.equal(coo.rows.length, coo.vals.length, 'COO rows and vals have one entry each');
  assert.equal(coo.cols.length, coo.vals.length, 'COO cols and vals have one entry each');
  for (let k = 0; k < coo.vals.length; k++) {
    const i = coo.rows[k] as number, j = coo.cols[k] as number;
    assert.ok(Number.isInteger(i) && i >= 0 && i < rows, `COO row ${i} inside 0..${rows - 1}`);
    assert.ok(Number.isInteger(j) && j >= 0 && j < cols, `COO col ${j} inside 0..${cols - 1}`);
    J[i]![j]! += coo.vals[k] as number;
  }
  return J;
}

const maxAbs = (xs: Iterable<number>): number => {
  let m = 0;
  for (const x of xs) m = Math.max(m, Math.abs(x));
  return m;
};

/** Entrywise |got − want| ≤ tol · max(1, max |want|); NaN never passes. */
/** Entries in row-major order, from a flat list or numbers nested as `values` takes them. */
export const flatValues = (v: ArrayLike<number> | number | number[][]): ArrayLike<number> =>
  typeof v === 'number' ? [v] : Array.isArray(v) ? (v as Array<number | number[]>).flat() : v;

export function assertClose(gotIn: ArrayLike<number> | number | number[][], want: ArrayLike<number>, tol: number, label: string): void {
  const got = flatValues(gotIn);
  assert.equal(got.length, want.length, `${label}: ${got.length} entries, expected ${want.length}`);
  const scale = Math.max(1, maxAbs(Array.from(want)));
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as number, w = want[i] as number;
    assert.ok(Number.isFinite(g), `${label}[${i}] = ${g} is not a finite number (expected ${w})`);
    assert.ok(Math.abs(g - w) <= tol * scale, `${label}[${i}]: got ${g}, expected ${w} (tol ${tol * scale})`);
  }
}

export function assertDenseClose(got: Dense, want: Dense, tol: number, label: string): void {
  assert.equal(got.length, want.length, `${label}: rows`);
  assertClose(got.flat(), want.flat(), tol, label);
}

/** `analyze`, asserting success (the message says what went wrong otherwise). */
export function analyzeOk(input: string, options: AnalyzeOptions = {}): AnalysisOk {
  const r: Analysis = analyze(input, options);
  if (!r.ok) assert.fail(`analyze(${JSON.stringify(input)}) failed: ${r.error.message} [${r.error.start}, ${r.error.end})`);
  return r;
}

/** Jᵀ g for a dense J: the vector–Jacobian product, by loops. */
export function vjp(J: Dense, g: ArrayLike<number>): number[] {
  const cols = J[0]?.length ?? 0;
  const out = new Array<number>(cols).fill(0);
  J.forEach((row, i) => row.forEach((v, j) => (out[j]! += v * (g[i] as number))));
  return out;
}

/** A column-major slice of a vector reshaped rows×cols, returned row-major. */
export function rowMajorOfVec(v: readonly number[], rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.push(v[i + j * rows] as number);
  return out;
}

/** Row-major data of a shape → M. */
export const fromRowMajor = (rows: number, cols: number, data: ArrayLike<number>): M => mk(rows, cols, (i, j) => data[i * cols + j] as number);
