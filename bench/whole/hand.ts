// The hand-written whole answer for L = ½‖σ(Wx + b) − t‖², W n×n, by (vec W, b): the same inputs
// (the core's seeded generator), and the same outputs an Analysis carries — the loss, the
// gradient (row-major, as the Analysis gives it), the Jacobian's stored entries (one row: the
// gradient in vec order), the inputs row-major, and a two-direction finite-difference check
// with the same ±1 directions. This is the lower bound the library is measured against.
import { mulberry32, randomValue } from '../../src/core/numeric/values';

export interface WholeAnswer {
  loss: number;
  gradW: Float64Array; // row-major
  gradB: Float64Array;
  coo: { rows: Int32Array; cols: Int32Array; vals: Float64Array };
  inputW: Float64Array; // row-major
  maxRelError: number;
}

export interface Inputs { n: number; W: Float64Array; x: Float64Array; b: Float64Array; t: Float64Array }

// L at (W + s·V, b + s·v_b), V the first n² entries of dir (column-major), v_b the rest
function loss({ n, W, x, b, t }: Inputs, s = 0, dir?: Float64Array): number {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = b[i]! + (dir ? s * dir[n * n + i]! : 0);
  for (let j = 0; j < n; j++) {
    const xj = x[j]!, o = j * n;
    if (dir) for (let i = 0; i < n; i++) z[i]! += (W[o + i]! + s * dir[o + i]!) * xj;
    else for (let i = 0; i < n; i++) z[i]! += W[o + i]! * xj;
  }
  let L = 0;
  for (let i = 0; i < n; i++) {
    const r = 1 / (1 + Math.exp(-z[i]!)) - t[i]!;
    L += r * r;
  }
  return L / 2;
}

// δ = (σ(z) − t) ⊙ σ(z)(1 − σ(z))
function delta({ n, W, x, b, t }: Inputs): Float64Array {
  const z = b.slice();
  for (let j = 0; j < n; j++) {
    const xj = x[j]!, o = j * n;
    for (let i = 0; i < n; i++) z[i]! += W[o + i]! * xj;
  }
  for (let i = 0; i < n; i++) {
    const s = 1 / (1 + Math.exp(-z[i]!));
    z[i] = (s - t[i]!) * s * (1 - s);
  }
  return z;
}

function check(inp: Inputs, flat: Float64Array, seed: number): number {
  const { n, W, b } = inp;
  let scale = 1;
  for (let k = 0; k < W.length; k++) scale = Math.max(scale, Math.abs(W[k]!));
  for (let k = 0; k < n; k++) scale = Math.max(scale, Math.abs(b[k]!));
  const P = flat.length, next = mulberry32(seed >>> 0 || 1), v = new Float64Array(P);
  const h = (1e-5 * scale) / Math.sqrt(Math.max(1, Math.sqrt(P) / 32));
  let worst = 0;
  for (let d = 0; d < 2; d++) {
    for (let i = 0; i < v.length; i += 32) {
      const bits = (next() * 4294967296) >>> 0;
      for (let k = 0; k < 32 && i + k < v.length; k++) v[i + k] = (((bits >>> k) & 1) << 1) - 1;
    }
    let jv = 0;
    for (let k = 0; k < v.length; k++) jv += flat[k]! * v[k]!;
    const fd = (loss(inp, h, v) - loss(inp, -h, v)) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - jv) / Math.max(1, Math.abs(fd), Math.abs(jv)));
  }
  return worst;
}

// out(i, j) = a(j, i) for a n×n column-major, in strips of 8 columns (contiguous writes)
function rowMajor(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let j0 = 0; j0 < n; j0 += 8) {
    for (let i = 0; i < n; i++) for (let j = j0; j < Math.min(n, j0 + 8); j++) out[i * n + j] = a[i + j * n]!;
  }
  return out;
}

export function handWritten(n: number, seed = 0): WholeAnswer {
  const inp: Inputs = {
    n,
    W: randomValue('W', n, n, seed, 'any').data,
    x: randomValue('x', n, 1, seed, 'any').data,
    b: randomValue('b', n, 1, seed, 'any').data,
    t: randomValue('t', n, 1, seed, 'any').data,
  };
  const d = delta(inp);
  // [vec(δ xᵀ); δ] in vec order for J, and δ xᵀ row-major for the gradient
  const flat = new Float64Array(n * n + n);
  const gradW = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const xj = inp.x[j]!, o = j * n;
    for (let i = 0; i < n; i++) flat[o + i] = d[i]! * xj;
  }
  for (let i = 0; i < n; i++) {
    const di = d[i]!, o = i * n;
    for (let j = 0; j < n; j++) gradW[o + j] = di * inp.x[j]!;
  }
  flat.set(d, n * n);
  const cols = new Int32Array(flat.length);
  for (let k = 0; k < cols.length; k++) cols[k] = k;
  return {
    loss: loss(inp),
    gradW,
    gradB: d,
    coo: { rows: new Int32Array(flat.length), cols, vals: flat },
    inputW: rowMajor(inp.W, n),
    maxRelError: check(inp, flat, seed),
  };
}

/** The fixed inputs of the gradient-only rows (the same for each competitor there). */
export function gradientInputs(n: number): Inputs {
  return { n, W: new Float64Array(n * n).fill(0.01), x: new Float64Array(n).fill(0.5), b: new Float64Array(n), t: new Float64Array(n).fill(0.2) };
}

/** Forward and Jᵀ(σ − t) ⊙ σ′ by hand: [vec(δ xᵀ); δ], the lower bound of the gradient-only rows. */
export function gradientByHand(inp: Inputs): Float64Array {
  const { n, x } = inp;
  const d = delta(inp);
  const g = new Float64Array(n * n + n);
  for (let j = 0; j < n; j++) {
    const xj = x[j]!, o = j * n;
    for (let i = 0; i < n; i++) g[o + i] = d[i]! * xj;
  }
  g.set(d, n * n);
  return g;
}
