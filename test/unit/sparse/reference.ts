// Test oracle for the sparse core: dense matrices built by formula (row-major number[][]),
// never from an operator's own toCSR, plus random operators paired with their reference.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CSR, LinOp } from '../../../src/core/sparse/linop';
import { CSRMatrix, Dense, Diag, Identity, Zero, csrFromTriplets } from '../../../src/core/sparse/index';

export type Mat = number[][];

export function mat(rows: number, cols: number, f: (i: number, j: number) => number): Mat {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i, j)));
}
export const rowsOf = (A: Mat): number => A.length;
export const colsOf = (A: Mat, cols = 0): number => A[0]?.length ?? cols;
export const at = (A: Mat, i: number, j: number): number => A[i]![j]!;

export function matmul(A: Mat, B: Mat, inner = colsOf(A), cols = colsOf(B)): Mat {
  return mat(rowsOf(A), cols, (i, j) => {
    let s = 0;
    for (let k = 0; k < inner; k++) s += at(A, i, k) * at(B, k, j);
    return s;
  });
}
export const transpose = (A: Mat, cols = colsOf(A)): Mat => mat(cols, rowsOf(A), (i, j) => at(A, j, i));
/** (A ⊗ B)(i·p + k, j·q + l) = A(i,j) B(k,l), B p×q: the definition of the Kronecker product. */
export function kronRef(A: Mat, B: Mat): Mat {
  const p = rowsOf(B), q = colsOf(B);
  return mat(rowsOf(A) * p, colsOf(A) * q, (r, c) => at(A, Math.floor(r / p), Math.floor(c / q)) * at(B, r % p, c % q));
}
export const identityRef = (n: number): Mat => mat(n, n, (i, j) => (i === j ? 1 : 0));
/** vec: stack the columns. */
export function vec(A: Mat, cols = colsOf(A)): number[] {
  const v: number[] = [];
  for (let j = 0; j < cols; j++) for (let i = 0; i < rowsOf(A); i++) v.push(at(A, i, j));
  return v;
}
export const unvec = (v: ArrayLike<number>, rows: number, cols: number): Mat => mat(rows, cols, (i, j) => v[i + j * rows]!);

export const refMatvec = (A: Mat, x: ArrayLike<number>): number[] => A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0));
export function refRmatvec(A: Mat, y: ArrayLike<number>, cols: number): number[] {
  return Array.from({ length: cols }, (_, j) => A.reduce((s, row, i) => s + row[j]! * y[i]!, 0));
}

/** CSR expanded entry by entry, asserting canonical form (sorted, unique columns in range). */
export function csrExpand(C: CSR): Mat {
  assert.equal(C.Ap.length, C.rows + 1);
  assert.equal(C.Ai.length, C.Ap[C.rows]);
  const D = mat(C.rows, C.cols, () => 0);
  for (let i = 0; i < C.rows; i++) {
    for (let p = C.Ap[i]!; p < C.Ap[i + 1]!; p++) {
      const j = C.Ai[p]!;
      assert.ok(j >= 0 && j < C.cols && (p === C.Ap[i] || j > C.Ai[p - 1]!), `row ${i}: column ${j} not canonical`);
      D[i]![j] = C.Ax[p]!;
    }
  }
  return D;
}

/** |a − e| ≤ tol·(1 + |e| + scaleᵢ); scale is the magnitude of the terms summed into e (|A||x|). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what = 'vector', tol = 1e-9, scale?: ArrayLike<number>): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    assert.ok(Math.abs(a - e) <= tol * (1 + Math.abs(e) + (scale?.[i] ?? 0)), `${what}[${i}]: got ${a}, expected ${e}`);
  }
}
export function assertMatClose(actual: Mat, expected: Mat, what = 'matrix', tol = 1e-9): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  expected.forEach((row, i) => assertClose(actual[i]!, row, `${what} row ${i}`, tol));
}
const abs = (A: Mat): Mat => A.map((row) => row.map(Math.abs));
const absv = (v: ArrayLike<number>): number[] => Array.from(v, Math.abs);

/** op agrees with ref: shape, matvec, rmatvec on the given vectors, toCSR entry by entry. */
export function checkOp(op: LinOp, ref: Mat, x: ArrayLike<number>, y: ArrayLike<number>, cols = op.cols): void {
  assert.equal(op.rows, rowsOf(ref), 'rows');
  assert.equal(colsOf(ref, cols), op.cols, 'cols');
  // entries come out of sums in a different order than the reference's: scale by |A||x|
  assertClose(op.matvec(Float64Array.from(x)), refMatvec(ref, x), 'matvec', 1e-12, refMatvec(abs(ref), absv(x)));
  assertClose(op.rmatvec(Float64Array.from(y)), refRmatvec(ref, y, op.cols), 'rmatvec', 1e-12, refRmatvec(abs(ref), absv(y), op.cols));
  assertMatClose(csrExpand(op.toCSR()), ref, 'toCSR');
}

/** yᵀ(A x) = (Aᵀ y)ᵀ x, up to rounding: both sides are within ‖y‖‖A‖_F‖x‖·(n eps) of the truth. */
export function checkAdjoint(op: LinOp, x: ArrayLike<number>, y: ArrayLike<number>): void {
  const Ax = op.matvec(Float64Array.from(x)), Aty = op.rmatvec(Float64Array.from(y));
  const lhs = Ax.reduce((s, v, i) => s + v * y[i]!, 0), rhs = Aty.reduce((s, v, j) => s + v * x[j]!, 0);
  const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
  const scale = 1 + norm(x) * norm(y) * norm(op.toCSR().Ax);
  assert.ok(Math.abs(lhs - rhs) <= 1e-12 * scale, `adjointness: yᵀ(Ax) = ${lhs}, (Aᵀy)ᵀx = ${rhs}`);
}

// ---- fast-check arbitraries ----
export const dim = fc.integer({ min: 1, max: 6 });
export const value = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });
export const vector = (n: number): fc.Arbitrary<number[]> => fc.array(value, { minLength: n, maxLength: n });

/** An operator with its reference; `pattern` (1 where an entry is stored) and `nnz` by definition. */
export interface Case {
  op: LinOp;
  ref: Mat;
  pattern: Mat;
  nnz: number;
  label: string;
}

/** Stored positions of a product: (i,j) when some pattern A(i,k) and B(k,j) are both set. */
export function patternProduct(A: Mat, B: Mat, inner: number, cols: number): Mat {
  return matmul(A, B, inner, cols).map((row) => row.map((v) => (v > 0 ? 1 : 0)));
}
export const countPattern = (P: Mat): number => P.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0);
const diagonal = (n: number): Mat => identityRef(n);

export function denseCase(rows: number, cols: number, data: number[]): Case {
  const op = new Dense(rows, cols, Float64Array.from(data));
  const ref = mat(rows, cols, (i, j) => data[i + j * rows]!);
  return { op, ref, pattern: mat(rows, cols, () => 1), nnz: rows * cols, label: `Dense ${rows}×${cols}` };
}

/** Triplets may repeat a position (summed) or carry 0 (still stored). */
export function sparseCase(rows: number, cols: number, t: Array<[number, number, number]>): Case {
  const ref = mat(rows, cols, () => 0), pattern = mat(rows, cols, () => 0);
  const seen = new Set<number>();
  for (const [i, j, v] of t) { ref[i]![j]! += v; pattern[i]![j] = 1; seen.add(i * cols + j); }
  const C = csrFromTriplets(rows, cols, Int32Array.from(t, (e) => e[0]), Int32Array.from(t, (e) => e[1]), Float64Array.from(t, (e) => e[2]));
  return { op: new CSRMatrix(C), ref, pattern, nnz: seen.size, label: `CSR ${rows}×${cols} (${seen.size} stored)` };
}

export function triplets(rows: number, cols: number): fc.Arbitrary<Array<[number, number, number]>> {
  const entry = fc.tuple(fc.integer({ min: 0, max: rows - 1 }), fc.integer({ min: 0, max: cols - 1 }), fc.oneof(value, fc.constant(0)));
  return fc.array(entry, { maxLength: rows * cols + 2 });
}

/** Any leaf operator of the given shape (Identity and Diag when square). */
export function leaf(rows: number, cols: number): fc.Arbitrary<Case> {
  const options: Array<fc.Arbitrary<Case>> = [
    vector(rows * cols).map((d) => denseCase(rows, cols, d)),
    triplets(rows, cols).map((t) => sparseCase(rows, cols, t)),
    fc.constant({ op: new Zero(rows, cols), ref: mat(rows, cols, () => 0), pattern: mat(rows, cols, () => 0), nnz: 0, label: `Zero ${rows}×${cols}` }),
  ];
  if (rows === cols) {
    options.push(fc.constant({ op: new Identity(rows), ref: identityRef(rows), pattern: diagonal(rows), nnz: rows, label: `I ${rows}` }));
    options.push(vector(rows).map((d) => ({
      op: new Diag(Float64Array.from(d)), ref: mat(rows, rows, (i, j) => (i === j ? d[i]! : 0)), pattern: diagonal(rows), nnz: rows, label: `Diag ${rows}`,
    })));
  }
  return fc.oneof(...options);
}

/** A leaf of random shape, with vectors x (cols) and y (rows) to apply it to. */
export function withVectors(c: fc.Arbitrary<Case>): fc.Arbitrary<{ c: Case; x: number[]; y: number[] }> {
  return c.chain((k) => fc.record({ c: fc.constant(k), x: vector(k.op.cols), y: vector(k.op.rows) }));
}
export const anyLeaf = fc.tuple(dim, dim).chain(([r, c]) => leaf(r, c));
