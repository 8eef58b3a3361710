// Optional in-place forms of matvec/rmatvec, beyond the LinOp contract: an operator offering
// them writes its result straight into a zeroed slice of a larger vector, which saves block
// operators ([A, B]ᵀ y, [A; B] x) one allocation and one copy of each block's result.
import type { LinOp } from './linop';

export interface WritesInto {
  /** out[off … off + rows) = A x; that slice of out must be zero on entry. */
  matvecInto(x: Float64Array, out: Float64Array, off: number): void;
  /** out[off … off + cols) = Aᵀ y; that slice of out must be zero on entry. */
  rmatvecInto(y: Float64Array, out: Float64Array, off: number): void;
}

export function writesInto(op: LinOp): op is LinOp & WritesInto {
  const o = op as Partial<WritesInto>;
  return typeof o.matvecInto === 'function' && typeof o.rmatvecInto === 'function';
}

/** out[off …] = A v (or Aᵀ v): in place when A offers it, else through A's own result. */
export function into(op: LinOp, v: Float64Array, out: Float64Array, off: number, transposed: boolean): void {
  if (writesInto(op)) {
    if (transposed) op.rmatvecInto(v, out, off);
    else op.matvecInto(v, out, off);
  } else out.set(transposed ? op.rmatvec(v) : op.matvec(v), off);
}
