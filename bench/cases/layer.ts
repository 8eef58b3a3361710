// The dense layer y = σ(Wx + b), W m×n, differentiated by p = [vec W; b] (J is m × (mn + m)),
// three ways side by side:
//   ours        diag(σ′(z))·[xᵀ ⊗ I_m, I_m] as LinOps; gradient Jᵀg by rmatvec, J·v by matvec
//   dense AD    an imitation of jax.jacfwd in plain JS (not JAX): the dense J column by column,
//               then Jᵀg and J·v from it; the real peer is PyTorch (bench/whole)
//   by hand     backprop: δ = σ′(z) ⊙ g, ∂W = δxᵀ, ∂b = δ — the lower bound
import { Dense, Diag, HCat, Identity, Kron, Product } from '../../src/core/sparse/index';
import type { LinOp } from '../../src/core/sparse/index';
import { denseMatvec, denseTmatvec, jacfwd } from '../dense-ad';
import { fmtBytes } from '../harness';
import type { BenchCase, BenchOptions, Competitor, Instance } from '../harness';
import { mulberry32 } from '../../src/core/numeric/values';

const SIZES: Array<[number, number]> = [[64, 64], [256, 256], [1024, 1024], [2048, 4096]];
const QUICK_SIZES: Array<[number, number]> = [[16, 16], [64, 64]];
/** Dense jacfwd costs mn·(mn + m) multiply-adds; above this (256² is 4e9: 20–40 s) it is skipped to keep the bench short. */
const DENSE_MAX_FLOPS = 1e9;

export const layerCase: BenchCase = {
  name: 'layer',
  *instances(opts: BenchOptions): Iterable<Instance> {
    for (const [m, n] of opts.quick ? QUICK_SIZES : SIZES) yield layerInstance(m, n, opts);
  },
};

interface Layer {
  m: number;
  n: number;
  W: Float64Array; // column-major m×n
  x: Float64Array;
  b: Float64Array;
  g: Float64Array; // upstream gradient ∂L/∂y
  v: Float64Array; // a direction in p-space, for J·v
}

/** σ′(z) at z = Wx + b, with σ the logistic sigmoid: the forward pass every competitor needs. */
function forward({ m, n, W, x, b }: Layer): Float64Array {
  const z = b.slice();
  for (let j = 0; j < n; j++) {
    const xj = x[j]!, o = j * m;
    for (let i = 0; i < m; i++) z[i]! += W[o + i]! * xj;
  }
  for (let i = 0; i < m; i++) {
    const s = 1 / (1 + Math.exp(-z[i]!));
    z[i] = s * (1 - s);
  }
  return z;
}

function layerInstance(m: number, n: number, opts: BenchOptions): Instance {
  const L = randomLayer(m, n);
  const P = m * n + m;
  const denseBytes = m * P * 8;
  const ours = structured(L);
  return {
    title: `layer y = σ(Wx + b), W ${m}×${n}: J = ∂y/∂(vec W, b) is ${m} × ${P}`,
    facts: [
      `nnz(J) = mn + m = ${ours.nnz()} of ${m * P} dense entries (${((100 * ours.nnz()) / (m * P)).toPrecision(2)}%)`,
      `J held as operators: ${fmtBytes(ours.bytes())}; as a dense Float64 matrix: ${fmtBytes(denseBytes)}`,
    ],
    reference: 'by hand (δxᵀ)',
    bytesLabel: 'J bytes',
    competitors: [byHand(L), oursCompetitor(L), denseAD(L, denseBytes, opts)],
  };
}

// J = diag(σ′(z)) [xᵀ ⊗ I_m, I_m]
function structured(L: Layer, ds: Float64Array = new Float64Array(L.m)): LinOp {
  const { m, n, x } = L;
  return new Product([new Diag(ds), new HCat([new Kron(new Dense(1, n, x), new Identity(m)), new Identity(m)])]);
}

function oursCompetitor(L: Layer): Competitor<LinOp> {
  return {
    name: 'ours (Kronecker LinOps)',
    build: () => structured(L, forward(L)),
    tasks: { 'VJP Jᵀg': (J) => J.rmatvec(L.g), 'JVP J·v': (J) => J.matvec(L.v) },
    bytes: (J) => J.bytes(),
  };
}

function byHand(L: Layer): Competitor<Float64Array> {
  const { m, n, x, g, v } = L;
  return {
    name: 'by hand (δxᵀ)',
    build: () => forward(L),
    tasks: {
      // [vec ∂W; ∂b] = [vec(δ xᵀ); δ], δ = σ′(z) ⊙ g
      'VJP Jᵀg': (ds) => {
        const out = new Float64Array(m * n + m);
        const delta = out.subarray(m * n);
        for (let i = 0; i < m; i++) delta[i] = ds[i]! * g[i]!;
        for (let j = 0; j < n; j++) {
          const xj = x[j]!, o = j * m;
          for (let i = 0; i < m; i++) out[o + i] = delta[i]! * xj;
        }
        return out;
      },
      // σ′(z) ⊙ (dW x + db), v = [vec dW; db]
      'JVP J·v': (ds) => {
        const y = v.slice(m * n);
        for (let j = 0; j < n; j++) {
          const xj = x[j]!, o = j * m;
          for (let i = 0; i < m; i++) y[i]! += v[o + i]! * xj;
        }
        for (let i = 0; i < m; i++) y[i]! *= ds[i]!;
        return y;
      },
    },
  };
}

function denseAD(L: Layer, denseBytes: number, opts: BenchOptions): Competitor<Float64Array> {
  const { m, n, x } = L;
  const P = m * n + m, flops = m * n * P;
  const skip = denseBytes > opts.denseLimitBytes ? `skipped (would need ${fmtBytes(denseBytes)})`
    : flops > DENSE_MAX_FLOPS ? `skipped (${flops.toExponential(1)} multiply-adds)` : undefined;
  return {
    name: 'dense AD (jacfwd imitation, plain JS)',
    ...(skip ? { skip } : {}),
    build: () => {
      const ds = forward(L);
      // the JVP at the primal: (dW, db) ↦ σ′(z) ⊙ (dW x + db), with dW a dense tangent
      return jacfwd((dp, out) => {
        out.set(dp.subarray(m * n));
        for (let j = 0; j < n; j++) {
          const xj = x[j]!, o = j * m;
          for (let i = 0; i < m; i++) out[i]! += dp[o + i]! * xj;
        }
        for (let i = 0; i < m; i++) out[i]! *= ds[i]!;
      }, P, m);
    },
    tasks: { 'VJP Jᵀg': (J) => denseTmatvec(J, m, P, L.g), 'JVP J·v': (J) => denseMatvec(J, m, P, L.v) },
    bytes: (J) => J.byteLength,
  };
}

function randomLayer(m: number, n: number): Layer {
  const rnd = mulberry32(m * 7919 + n);
  const vec = (len: number, scale: number) => Float64Array.from({ length: len }, () => (2 * rnd() - 1) * scale);
  return { m, n, W: vec(m * n, 1 / Math.sqrt(n)), x: vec(n, 1), b: vec(m, 0.1), g: vec(m, 1), v: vec(m * n + m, 1) };
}

