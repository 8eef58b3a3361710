// LayerNorm and RMSNorm, row by row, as composites of existing nodes (PyTorch's definitions: the
// mean and the biased variance over the last axis, ε inside the square root):
//
//   c = X (I − 𝟏𝟏ᵀ/d),   v = (c ⊙ c)𝟏/d + ε,   σ = √v,   x̂ = c ⊘ (σ𝟏ᵀ),   y = x̂ ⊙ (𝟏γ) + 𝟏β
//   RMSNorm: m = (X ⊙ X)𝟏/d + ε,   r = √m,   x̂ = X ⊘ (r𝟏ᵀ),   y = x̂ ⊙ (𝟏γ)
//
// Each step is named by the caller, so a Jacobian reads through c, v, σ and x̂; the chain rule over
// them is the textbook (1/σ)(I − 𝟏𝟏ᵀ/d − x̂x̂ᵀ/d), then diag(γ).

import { NO_RANGE, type Dim, type Expr, type Range } from '../ast';
import { addE, applyE, divE, epowE, eye, hadamardE, mulE, num, ones, subE } from '../ast/build';
import { children, rebuild } from '../ast/walk';

export interface NormSpec {
  readonly rms: boolean;
  /** The size of the normalised (last) axis. */
  readonly d: Dim;
  readonly eps: number;
  /** Rows of the input (1 for one sample): γ and β are repeated over them. */
  readonly rows: Dim;
  readonly gamma?: Expr;
  readonly beta?: Expr;
}

/** d as a scalar: a number, or 𝟏ᵀ𝟏 for a symbolic size (it has no value of its own). */
const sizeE = (d: Dim): Expr => (typeof d === 'number' ? num(d) : mulE(ones(1, d), ones(d, 1)));

/** Nodes built here take the call's range, so that a shape error points at the call. */
function located(e: Expr, range: Range): Expr {
  if (e.range !== NO_RANGE) return e;
  return rebuild(e, children(e).map((k) => located(k, range)), range);
}

/**
 * The normalisation of `x` row by row; `step(base, e)` names an intermediate and returns its
 * reference (the front-end's prelude), so the steps print by name.
 */
export function normalize(x: Expr, s: NormSpec, range: Range, step: (base: string, e: Expr) => Expr): Expr {
  const at = (e: Expr) => located(e, range);
  const d = sizeE(s.d);
  const mean = (e: Expr): Expr => divE(mulE(e, ones(s.d, 1)), d);
  // the centring matrix I − 𝟏𝟏ᵀ/d, so that d(X P) = (Pᵀ ⊗ I) dX prints as the textbook factor
  const centring = subE(eye(s.d), divE(mulE(ones(s.d, 1), ones(1, s.d)), d));
  const centred = s.rms ? x : step('xc', at(mulE(x, centring)));
  const variance = step(s.rms ? 'ms' : 'v', at(addE(mean(epowE(centred, 2)), num(s.eps))));
  const scale = step(s.rms ? 'rms' : 'sigma', at(applyE('sqrt', variance)));
  // one sample: σ is a scalar; a batch: a column, spread over each row as σ𝟏ᵀ
  const xhat = step('xhat', at(divE(centred, s.rows === 1 ? scale : mulE(scale, ones(1, s.d)))));
  const repeat = (p: Expr): Expr => (s.rows === 1 ? p : at(mulE(ones(s.rows, 1), p)));
  const scaled = s.gamma ? at(hadamardE(xhat, repeat(s.gamma))) : xhat;
  return s.beta ? at(addE(scaled, repeat(s.beta))) : scaled;
}
