// Dense matrices for forward values: column-major Float64Array, as vec stacks columns.

export interface Mat {
  readonly rows: number;
  readonly cols: number;
  /** Column-major: entry (i, j) at data[i + j·rows]. */
  readonly data: Float64Array;
}

export const mat = (rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Mat => ({ rows, cols, data });

export function mapMat(a: Mat, f: (x: number) => number): Mat {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[i] as number);
  return mat(a.rows, a.cols, out);
}

/** Entrywise f(a, b), broadcasting a scalar, a column across columns or a row across rows. */
export function zipMat(a: Mat, b: Mat, f: (x: number, y: number) => number): Mat {
  const rows = Math.max(a.rows, b.rows);
  const cols = Math.max(a.cols, b.cols);
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const x = a.data[(a.rows === 1 ? 0 : i) + (a.cols === 1 ? 0 : j) * a.rows] as number;
      const y = b.data[(b.rows === 1 ? 0 : i) + (b.cols === 1 ? 0 : j) * b.rows] as number;
      out[i + j * rows] = f(x, y);
    }
  }
  return mat(rows, cols, out);
}

// C = A B
export function matmul(a: Mat, b: Mat): Mat {
  const { rows: m, cols: k } = a;
  const n = b.cols;
  const c = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let p = 0; p < k; p++) {
      const bpj = b.data[p + j * k] as number;
      if (bpj === 0) continue;
      for (let i = 0; i < m; i++) c[i + j * m] = (c[i + j * m] as number) + (a.data[i + p * m] as number) * bpj;
    }
  }
  return mat(m, n, c);
}

// C = A Bᵀ without forming Bᵀ (B n×k): column j of C is Σ_p B(j, p) A(:, p)
export function matmulT(a: Mat, b: Mat): Mat {
  const { rows: m, cols: k } = a;
  const n = b.rows;
  const c = new Float64Array(m * n);
  for (let p = 0; p < k; p++) {
    for (let j = 0; j < n; j++) {
      const bjp = b.data[j + p * n]!;
      if (bjp === 0) continue;
      for (let i = 0; i < m; i++) c[i + j * m]! += a.data[i + p * m]! * bjp;
    }
  }
  return mat(m, n, c);
}

const STRIP = 8;

// Aᵀ in strips of 8 columns of A: each row of the strip is one contiguous write, and the
// strip's 8 columns are read in step (few cache lines and pages live at once)
export function transpose(a: Mat): Mat {
  const { rows, cols, data } = a;
  const out = new Float64Array(data.length);
  for (let j0 = 0; j0 < cols; j0 += STRIP) {
    const j1 = Math.min(cols, j0 + STRIP);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = j0; j < j1; j++) out[o + j] = data[i + j * rows]!;
    }
  }
  return mat(cols, rows, out);
}

export function identity(n: number): Mat {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i + i * n] = 1;
  return mat(n, n, out);
}

/** LU with partial pivoting of a square matrix: the factors in place, the pivots and the sign. */
export function lu(a: Mat): { lu: Float64Array; piv: Int32Array; sign: number } {
  const n = a.rows;
  const m = Float64Array.from(a.data);
  const piv = new Int32Array(n).map((_, i) => i);
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i + k * n] as number) > Math.abs(m[p + k * n] as number)) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) [m[k + j * n], m[p + j * n]] = [m[p + j * n] as number, m[k + j * n] as number];
      [piv[k], piv[p]] = [piv[p] as number, piv[k] as number];
      sign = -sign;
    }
    const d = m[k + k * n] as number;
    if (d === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const l = (m[i + k * n] as number) / d;
      m[i + k * n] = l;
      for (let j = k + 1; j < n; j++) m[i + j * n] = (m[i + j * n] as number) - l * (m[k + j * n] as number);
    }
  }
  return { lu: m, piv, sign };
}

export function det(a: Mat): number {
  const { lu: m, sign } = lu(a);
  let d = sign;
  for (let i = 0; i < a.rows; i++) d *= m[i + i * a.rows] as number;
  return d;
}

/** log |det X| from the pivots, Σ log |uᵢᵢ|: finite where det X itself over- or underflows. */
export function logAbsDet(a: Mat): number {
  const { lu: m } = lu(a);
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += Math.log(Math.abs(m[i + i * a.rows] as number));
  return s;
}

/** X⁻¹ by LU; a singular matrix is reported, not silently inverted. */
export function inverse(a: Mat): Mat {
  const n = a.rows;
  const { lu: m, piv } = lu(a);
  for (let i = 0; i < n; i++) if (Math.abs(m[i + i * n] as number) < 1e-300) throw new Error('singular matrix');
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = piv[i] === j ? 1 : 0;
    for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) x[i] = (x[i] as number) - (m[i + k * n] as number) * (x[k] as number);
    for (let i = n - 1; i >= 0; i--) {
      for (let k = i + 1; k < n; k++) x[i] = (x[i] as number) - (m[i + k * n] as number) * (x[k] as number);
      x[i] = (x[i] as number) / (m[i + i * n] as number);
    }
    out.set(x, j * n);
  }
  return mat(n, n, out);
}

export function kron(a: Mat, b: Mat): Mat {
  const rows = a.rows * b.rows;
  const cols = a.cols * b.cols;
  const out = new Float64Array(rows * cols);
  for (let ja = 0; ja < a.cols; ja++) for (let ia = 0; ia < a.rows; ia++) {
    const x = a.data[ia + ja * a.rows] as number;
    for (let jb = 0; jb < b.cols; jb++) for (let ib = 0; ib < b.rows; ib++) {
      out[ia * b.rows + ib + (ja * b.cols + jb) * rows] = x * (b.data[ib + jb * b.rows] as number);
    }
  }
  return mat(rows, cols, out);
}

/** Row-major nested arrays (what users write and JSON carries) ↔ column-major: the row-major
 *  form of A is the column-major form of Aᵀ. A vector is its own row-major form (copied when it
 *  is a view into a larger buffer, which a message would carry whole). */
export function toRowMajor(a: Mat): Float64Array {
  if (a.rows === 1 || a.cols === 1) return a.data.byteLength === a.data.buffer.byteLength ? a.data : a.data.slice();
  return transpose(a).data;
}

/** [A₁ A₂ …] (`cols`) or [A₁; A₂; …] (`rows`); column-major, so side by side the parts' data follow one another. */
export function concat(parts: readonly Mat[], axis: 'rows' | 'cols'): Mat {
  const [first] = parts;
  if (!first) throw new Error('concat: no parts');
  const keep = axis === 'rows' ? 'cols' : 'rows';
  if (parts.some((p) => p[keep] !== first[keep])) throw new Error(`concat: parts differ in ${keep}`);
  const total = parts.reduce((n, p) => n + p[axis], 0);
  const out = axis === 'rows' ? mat(total, first.cols) : mat(first.rows, total);
  let off = 0;
  for (const p of parts) {
    if (axis === 'cols') out.data.set(p.data, off * p.rows);
    else for (let j = 0; j < p.cols; j++) out.data.set(p.data.subarray(j * p.rows, (j + 1) * p.rows), j * total + off);
    off += p[axis];
  }
  return out;
}

/** The `size` rows (or columns) of A from `start` on. */
export function block(a: Mat, axis: 'rows' | 'cols', start: number, size: number): Mat {
  if (start < 0 || start + size > a[axis]) throw new Error(`block: ${start}+${size} past ${a[axis]} ${axis}`);
  if (axis === 'cols') return mat(a.rows, size, a.data.slice(start * a.rows, (start + size) * a.rows));
  const out = mat(size, a.cols);
  for (let j = 0; j < a.cols; j++) out.data.set(a.data.subarray(j * a.rows + start, j * a.rows + start + size), j * size);
  return out;
}
