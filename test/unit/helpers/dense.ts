// A small dense matrix library for test oracles: plain loops over column-major Float64Arrays.
// It shares no code with src/core (neither its evaluator nor its sparse operators), so the
// forward maps the tests difference and the closed forms they compare with are independent.

/** A dense matrix, column-major: entry (i, j) is data[i + j·rows]. */
export interface M {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export const mk = (rows: number, cols: number, f: (i: number, j: number) => number): M => {
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) data[i + j * rows] = f(i, j);
  return { rows, cols, data };
};

export const at = (A: M, i: number, j: number): number => {
  if (i < 0 || j < 0 || i >= A.rows || j >= A.cols) throw new Error(`index (${i}, ${j}) outside ${A.rows}×${A.cols}`);
  return A.data[i + j * A.rows] as number;
};

export const zeros = (r: number, c: number): M => mk(r, c, () => 0);
export const eye = (n: number): M => mk(n, n, (i, j) => (i === j ? 1 : 0));
export const scalar = (v: number): M => mk(1, 1, () => v);
export const first = (A: M): number => A.data[0] as number;

/** Rows of numbers (row-major) → M. */
export const fromRows = (rows: number[][]): M => mk(rows.length, rows[0]?.length ?? 0, (i, j) => rows[i]![j]!);
/** A column vector. */
export const col = (v: readonly number[]): M => mk(v.length, 1, (i) => v[i]!);
/** Row-major flat list of the entries. */
export const rowMajor = (A: M): number[] => {
  const out: number[] = [];
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out.push(at(A, i, j));
  return out;
};
/** Row-major nested rows. */
export const toRows = (A: M): number[][] => Array.from({ length: A.rows }, (_, i) => Array.from({ length: A.cols }, (_, j) => at(A, i, j)));
/** vec(A): the columns stacked. */
export const vecOf = (A: M): number[] => Array.from(A.data);

function sameShape(A: M, B: M, op: string): void {
  if (A.rows !== B.rows || A.cols !== B.cols) throw new Error(`${op}: ${A.rows}×${A.cols} vs ${B.rows}×${B.cols}`);
}

export const map = (A: M, f: (v: number) => number): M => mk(A.rows, A.cols, (i, j) => f(at(A, i, j)));
export const zip = (A: M, B: M, f: (a: number, b: number) => number, op = 'zip'): M => {
  sameShape(A, B, op);
  return mk(A.rows, A.cols, (i, j) => f(at(A, i, j), at(B, i, j)));
};

/** NumPy-style broadcasting of scalars, columns (m×1) and rows (1×n). */
export const broadcast = (A: M, B: M, f: (a: number, b: number) => number): M => {
  const rows = Math.max(A.rows, B.rows);
  const cols = Math.max(A.cols, B.cols);
  const get = (X: M, i: number, j: number) => at(X, X.rows === 1 ? 0 : i, X.cols === 1 ? 0 : j);
  return mk(rows, cols, (i, j) => f(get(A, i, j), get(B, i, j)));
};

export const add = (A: M, B: M): M => broadcast(A, B, (a, b) => a + b);
export const sub = (A: M, B: M): M => broadcast(A, B, (a, b) => a - b);
export const hadamard = (A: M, B: M): M => broadcast(A, B, (a, b) => a * b);
export const ediv = (A: M, B: M): M => broadcast(A, B, (a, b) => a / b);
export const scale = (s: number, A: M): M => map(A, (v) => s * v);
export const neg = (A: M): M => scale(-1, A);

/** A B, with a 1×1 factor on either side meaning a scalar multiple. */
export const mul = (A: M, B: M): M => {
  if (A.rows === 1 && A.cols === 1) return scale(first(A), B);
  if (B.rows === 1 && B.cols === 1) return scale(first(B), A);
  if (A.cols !== B.rows) throw new Error(`mul: ${A.rows}×${A.cols} times ${B.rows}×${B.cols}`);
  return mk(A.rows, B.cols, (i, j) => {
    let s = 0;
    for (let k = 0; k < A.cols; k++) s += at(A, i, k) * at(B, k, j);
    return s;
  });
};

/** [A B …] entry by entry: column j of the result is column j − (widths before) of the part it falls in. */
export const hcat = (...parts: M[]): M => {
  const cols = parts.reduce((n, p) => n + p.cols, 0);
  return mk(parts[0]!.rows, cols, (i, j) => {
    let k = 0;
    while (j >= parts[k]!.cols) j -= parts[k++]!.cols;
    return at(parts[k]!, i, j);
  });
};
/** [A; B; …] as the transpose of [Aᵀ Bᵀ …]. */
export const vcat = (...parts: M[]): M => T(hcat(...parts.map((p) => T(p))));
export const T = (A: M): M => mk(A.cols, A.rows, (i, j) => at(A, j, i));

export const kron = (A: M, B: M): M =>
  mk(A.rows * B.rows, A.cols * B.cols, (i, j) => at(A, Math.floor(i / B.rows), Math.floor(j / B.cols)) * at(B, i % B.rows, j % B.cols));

export const trace = (A: M): number => {
  let s = 0;
  for (let i = 0; i < Math.min(A.rows, A.cols); i++) s += at(A, i, i);
  return s;
};

export const sumAll = (A: M): number => A.data.reduce((s, v) => s + v, 0);
export const frob = (A: M): number => Math.sqrt(A.data.reduce((s, v) => s + v * v, 0));

/** Gaussian elimination with partial pivoting: the LU factors' sign and diagonal give det. */
export const det = (A: M): number => {
  const n = A.rows;
  const a = toRows(A);
  let d = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[p]![k]!)) p = i;
    if (a[p]![k] === 0) return 0;
    if (p !== k) {
      [a[p], a[k]] = [a[k]!, a[p]!];
      d = -d;
    }
    d *= a[k]![k]!;
    for (let i = k + 1; i < n; i++) {
      const f = a[i]![k]! / a[k]![k]!;
      for (let j = k; j < n; j++) a[i]![j]! -= f * a[k]![j]!;
    }
  }
  return d;
};

/** Gauss–Jordan on [A | I] with partial pivoting. */
export const inv = (A: M): M => {
  const n = A.rows;
  const a = toRows(A).map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[p]![k]!)) p = i;
    [a[p], a[k]] = [a[k]!, a[p]!];
    const piv = a[k]![k]!;
    for (let j = 0; j < 2 * n; j++) a[k]![j]! /= piv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = a[i]![k]!;
      for (let j = 0; j < 2 * n; j++) a[i]![j]! -= f * a[k]![j]!;
    }
  }
  return mk(n, n, (i, j) => a[i]![n + j]!);
};

export const mpow = (A: M, k: number): M => {
  let out = eye(A.rows);
  for (let i = 0; i < k; i++) out = mul(out, A);
  return out;
};

export const softmax = (z: M): M => {
  const mx = Math.max(...z.data);
  const e = map(z, (v) => Math.exp(v - mx));
  const s = sumAll(e);
  return map(e, (v) => v / s);
};

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
export const dsigmoid = (v: number): number => sigmoid(v) * (1 - sigmoid(v));
export const softplus = (v: number): number => Math.log(1 + Math.exp(v));
export const relu = (v: number): number => (v > 0 ? v : 0);
export const leakyRelu = (v: number): number => (v > 0 ? v : 0.01 * v);

/** A seeded generator (splitmix32), different from the core's, for values the tests choose. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

/** What a test variable's values must satisfy. */
export type Kind = 'any' | 'positive' | 'awayFromZero' | 'invertible';

export function randomM(next: () => number, rows: number, cols: number, kind: Kind = 'any'): M {
  const A = mk(rows, cols, () => {
    const u = next();
    if (kind === 'positive') return 0.5 + u;
    if (kind === 'awayFromZero') return (next() < 0.5 ? -1 : 1) * (0.2 + 0.8 * u);
    return 2 * u - 1;
  });
  // diagonally dominated: well conditioned, det far from 0
  return kind === 'invertible' && rows === cols ? add(A, scale(rows + 1, eye(rows))) : A;
}
