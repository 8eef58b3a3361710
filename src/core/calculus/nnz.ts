// Stored entries of a structured Jacobian, symbolically: I and diag hold n, A ⊗ B holds
// nnz(A)·nnz(B), a product with diagonal or permutation factors keeps the other's count.

import { addPoly, mulPoly, type Poly } from '../shape/dim';
import type { Op, OpAlgebra } from './ops';

/** Diagonal or permutation: multiplying by it moves entries but never fills in. */
function isDiagonalLike(o: Op): boolean {
  if (o.op === 'scale' || o.op === 'neg') return isDiagonalLike(o.arg);
  if (o.op === 'kron') return isDiagonalLike(o.left) && isDiagonalLike(o.right);
  return o.op === 'identity' || o.op === 'diag' || o.op === 'commutation';
}

/** Every diagonal entry stored, when square (a matrix is stored dense; a commutation matrix keeps only some). */
function storesDiagonal(o: Op): boolean {
  switch (o.op) {
    case 'identity': case 'diag': case 'matrix': return true;
    case 'scale': case 'neg': return storesDiagonal(o.arg);
    case 'kron': return storesDiagonal(o.left) && storesDiagonal(o.right);
    case 'product': return o.factors.every(storesDiagonal);
    default: return false;
  }
}

export function nnzOf(o: Op, ops: OpAlgebra): Poly {
  const dense = () => {
    const s = ops.shape(o);
    return mulPoly(s.rows, s.cols);
  };
  switch (o.op) {
    case 'identity': return o.n;
    case 'zero': return new Map();
    case 'diag': return ops.shape(o).rows;
    case 'commutation': return mulPoly(o.rows, o.cols);
    case 'matrix': return dense();
    case 'kron': return mulPoly(nnzOf(o.left, ops), nnzOf(o.right, ops));
    case 'scale': case 'neg': return nnzOf(o.arg, ops);
    case 'product': {
      const others = o.factors.filter((f) => !isDiagonalLike(f));
      if (others.length === 0) return nnzOf(o.factors[0] as Op, ops);
      return others.length === 1 ? nnzOf(others[0] as Op, ops) : dense();
    }
    case 'sum': {
      // diagonal terms add nothing to one that stores its whole diagonal: diag(s) − diag(s)(𝟏𝟏ᵀ ⊗ I)diag(s)
      const others = o.terms.filter((t) => !(isDiagonalLike(t) && storesDiagonal(t)));
      if (others.length === 0) return ops.shape(o).rows;
      return others.length === 1 && storesDiagonal(others[0] as Op) ? nnzOf(others[0] as Op, ops) : dense();
    }
  }
}

export const nnzOfBlocks = (blocks: readonly Op[], ops: OpAlgebra): Poly =>
  blocks.reduce<Poly>((acc, b) => addPoly(acc, nnzOf(b, ops)), new Map());
