// Stored entries of a structured Jacobian, symbolically: I and diag hold n, A ⊗ B holds
// nnz(A)·nnz(B), a product with diagonal or permutation factors keeps the other's count.

import { addPoly, mulPoly, type Poly } from '../shape/dim';
import type { Op, OpAlgebra } from './ops';

/** Diagonal, permutation or selection ([0; I; 0]): multiplying by it moves entries but never fills in. */
function isDiagonalLike(o: Op): boolean {
  if (o.op === 'scale' || o.op === 'neg') return isDiagonalLike(o.arg);
  if (o.op === 'kron') return isDiagonalLike(o.left) && isDiagonalLike(o.right);
  return o.op === 'identity' || o.op === 'diag' || o.op === 'commutation' || o.op === 'embed';
}

/** Which way an operator holding a selection goes: [0; I; 0] `puts` a part in its place, [0, I, 0] `takes` it out. */
function selection(o: Op): 'puts' | 'takes' | undefined {
  if (o.op === 'embed') return o.transposed ? 'takes' : 'puts';
  if (o.op === 'scale' || o.op === 'neg') return selection(o.arg);
  return o.op === 'kron' ? selection(o.left) ?? selection(o.right) : undefined;
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
    case 'embed': return o.part;
    case 'matrix': return dense();
    case 'kron': return mulPoly(nnzOf(o.left, ops), nnzOf(o.right, ops));
    case 'scale': case 'neg': return nnzOf(o.arg, ops);
    case 'product': {
      const others = o.factors.filter((f) => !isDiagonalLike(f));
      // a selection among permutations keeps one entry per column of the part it moves
      // (the innermost one placing a part, or the outermost taking one out)
      if (others.length === 0) {
        const from = [...o.factors].reverse().find((f) => selection(f) === 'puts') ?? o.factors.find((f) => selection(f) === 'takes');
        return nnzOf(from ?? (o.factors[0] as Op), ops);
      }
      if (others.length > 1) return dense();
      // columns taken out of the full factor (A [I; 0]) or rows (Eᵀ A): the product, whole; placed ([I; 0] A), the factor's own
      const at = o.factors.indexOf(others[0] as Op);
      const takes = o.factors.some((f, i) => (i > at && selection(f) === 'puts') || (i < at && selection(f) === 'takes'));
      return takes ? dense() : nnzOf(others[0] as Op, ops);
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
