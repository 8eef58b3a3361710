// What the structured Jacobian costs in time, in the units of numeric/cost.ts: one product J·v
// (or Jᵀ·v) applied without forming J, and the assembly that counting its stored entries or
// listing them does (numbers.ts: J.nnz(), toCOO). Each mirrors the operator in src/core/sparse.

import type { Op, OpAlgebra } from '../calculus/ops';
import { nnzOf } from '../calculus/nnz';
import type { Poly } from '../shape/dim';

type Dims = (p: Poly) => number;

/** Nanoseconds, measured (see cost.ts): a multiply-add over a CSR factor, a pass over an entry,
 *  and an entry of a CSR built (a factor taken as CSR, a term of a sum added in). */
export const NS = { csrFma: 3.5, entry: 5, built: 25 } as const;

const isIdentity = (o: Op): boolean => o.op === 'identity';

/** One J·v: a Kronecker product as vec(B X Aᵀ), its factors in the cheaper order (sparse/operators/kron.ts). */
export function applyCost(o: Op, ops: OpAlgebra, dims: Dims): number {
  const s = ops.shape(o);
  const rows = dims(s.rows);
  switch (o.op) {
    case 'identity': case 'zero': case 'diag': case 'commutation': case 'embed': return NS.entry * rows;
    case 'matrix': return NS.csrFma * rows * dims(s.cols);
    case 'kron': {
      const a = ops.shape(o.left);
      const b = ops.shape(o.right);
      const [aIn, aOut, bIn, bOut] = [dims(a.cols), dims(a.rows), dims(b.cols), dims(b.rows)];
      const nzA = dims(nnzOf(o.left, ops));
      const nzB = dims(nnzOf(o.right, ops));
      if (isIdentity(o.left) && isIdentity(o.right)) return NS.entry * rows;
      if (isIdentity(o.left)) return NS.csrFma * nzB * aIn;
      if (isIdentity(o.right)) return NS.csrFma * nzA * bIn;
      return NS.csrFma * Math.min(nzB * aIn + nzA * bOut, nzA * bIn + nzB * aOut);
    }
    case 'product': return o.factors.reduce((t, f) => t + applyCost(f, ops, dims), 0);
    case 'sum': return o.terms.reduce((t, f) => t + applyCost(f, ops, dims) + NS.entry * rows, 0);
    case 'scale': case 'neg': return applyCost(o.arg, ops, dims) + NS.entry * rows;
  }
}

/** Stored entries of o as the numbers hold them: nnzOf, except that a sum holds the union of its
 *  terms' entries, at most their total (nnzOf calls a sum of I ⊗ X and Xᵀ ⊗ I dense: n⁴, not 2n³). */
export function storedCost(o: Op, ops: OpAlgebra, dims: Dims): number {
  if (o.op === 'scale' || o.op === 'neg') return storedCost(o.arg, ops, dims);
  if (o.op !== 'sum') return dims(nnzOf(o, ops));
  const s = ops.shape(o);
  return Math.min(dims(s.rows) * dims(s.cols), o.terms.reduce((n, t) => n + storedCost(t, ops, dims), 0));
}

/** Diagonal or permutation factors a product skips when it counts (sparse/operators/product.ts). */
const skipped = (o: Op): boolean => o.op === 'identity' || o.op === 'diag';

/**
 * Entries of CSR built once for J: a Kronecker factor that is not an identity is taken as CSR;
 * counting a sum's entries builds it term by term (each term's CSR, then the sum so far plus it);
 * counting a product's builds all its factors but the last (whose product with them is only
 * counted). Time in built entries, and the most held at once.
 */
export function assemblyCost(o: Op, ops: OpAlgebra, dims: Dims): { built: number; peak: number } {
  const nz = (x: Op): number => storedCost(x, ops, dims);
  switch (o.op) {
    case 'identity': case 'zero': case 'diag': case 'commutation': case 'embed': case 'matrix': return { built: 0, peak: 0 };
    case 'kron': {
      const f = [o.left, o.right].filter((x) => !isIdentity(x)).map(nz);
      const built = f.reduce((t, n) => t + n, 0);
      return { built, peak: built };
    }
    case 'scale': case 'neg': return assemblyCost(o.arg, ops, dims);
    case 'sum': {
      const all = nz(o);
      const built = o.terms.reduce((t, x) => t + nz(x) + all, 0);
      // the terms' CSR and the sum; each addition leaves the last sum as garbage, which the
      // collector lets pile up (measured: 2.15·all at X², 6.5·all at X³², X 34–150)
      return { built, peak: all * (2 + 0.15 * (o.terms.length - 1)) };
    }
    case 'product': {
      const rest = o.factors.filter((f) => !skipped(f));
      if (rest.length <= 1) return rest[0] ? assemblyCost(rest[0], ops, dims) : { built: 0, peak: 0 };
      const built = rest.slice(0, -1).reduce((t, f) => t + nz(f), 0);
      return { built, peak: built };
    }
  }
}
