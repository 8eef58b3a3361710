// A₁ A₂ ⋯ A_k as written: matvec applies A_k first, rmatvec applies A₁ᵀ first. nnz is the
// structural nnz of the CSR product; factors with a full stored diagonal (Identity, Diag)
// leave the structure unchanged, so they are skipped when counting.
import type { CSR, LinOp } from '../linop';
import { checkLength, shapeOf } from '../check';
import { csrMultiply, csrProductNnz, csrScale } from '../csr';
import { Diag } from './diag';
import { Identity } from './identity';
import { Kron } from './kron';
import { csrDenseMultiply, csrDenseProductNnz, csrKronMultiply, csrKronProductNnz } from './timesStructured';
import { Dense } from './dense';
import { Zero } from './zero';
import { into, type WritesInto } from '../into';

export class Product implements LinOp, WritesInto {
  readonly rows: number;
  readonly cols: number;
  readonly ops: readonly LinOp[];
  private nz: number | undefined;
  constructor(ops: readonly LinOp[]) {
    const first = ops[0], last = ops[ops.length - 1];
    if (!first || !last) throw new Error('Product: needs at least one factor');
    for (let k = 0; k + 1 < ops.length; k++) {
      const a = ops[k]!, b = ops[k + 1]!;
      if (a.cols !== b.rows) {
        throw new Error(`Product: factor ${k} is ${shapeOf(a)} but factor ${k + 1} is ${shapeOf(b)}`);
      }
    }
    this.ops = ops.slice();
    this.rows = first.rows;
    this.cols = last.cols;
  }
  // y = A₁(A₂(⋯(A_k x)))
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'Product.matvec');
    let v = x;
    for (let k = this.ops.length - 1; k >= 0; k--) v = this.ops[k]!.matvec(v);
    return v === x ? x.slice() : v;
  }
  // x = A_kᵀ(⋯(A₁ᵀ y))
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'Product.rmatvec');
    let v = y;
    for (const op of this.ops) v = op.rmatvec(v);
    return v === y ? y.slice() : v;
  }
  // out[off …] = A₁(⋯(A_k x)): the last operator applied (A₁) writes straight into out
  matvecInto(x: Float64Array, out: Float64Array, off: number): void {
    checkLength(x, this.cols, 'Product.matvecInto');
    let v = x;
    for (let k = this.ops.length - 1; k > 0; k--) v = this.ops[k]!.matvec(v);
    into(this.ops[0]!, v, out, off, false);
  }
  // out[off …] = A_kᵀ(⋯(A₁ᵀ y)): A_kᵀ writes straight into out
  rmatvecInto(y: Float64Array, out: Float64Array, off: number): void {
    checkLength(y, this.rows, 'Product.rmatvecInto');
    let v = y;
    for (let k = 0; k + 1 < this.ops.length; k++) v = this.ops[k]!.rmatvec(v);
    into(this.ops[this.ops.length - 1]!, v, out, off, true);
  }
  nnz(): number {
    return (this.nz ??= this.structuralNnz());
  }
  bytes(): number {
    return this.ops.reduce((s, op) => s + op.bytes(), 0);
  }
  // C = A₁ ⋯ A_k left to right: identities skipped, a diagonal scales the rows of what follows
  // it (when it leads) or the columns of what precedes it, a Kronecker factor is multiplied
  // without being formed, the rest by CSR products
  toCSR(): CSR {
    let C: CSR | null = null;
    let lead: Float64Array | null = null;
    for (const op of this.ops) {
      if (op instanceof Identity) continue;
      if (op instanceof Diag) {
        if (C) C = csrScale(C, null, op.d);
        else lead = lead ? lead.map((v, i) => v * op.d[i]!) : op.d;
        continue;
      }
      if (C) { C = timesFactor(C, op); continue; }
      const F = op.toCSR();
      C = lead ? csrScale(F, lead, null) : F;
    }
    return C ?? (lead ? new Diag(lead) : this.ops[0]!).toCSR();
  }
  private structuralNnz(): number {
    if (this.ops.some((op) => op instanceof Zero)) return 0;
    const rest = this.ops.filter((op) => !(op instanceof Identity || op instanceof Diag));
    const only = rest[0];
    if (!only) return this.rows; // all factors diagonal: the diagonal
    if (rest.length === 1) return only.nnz();
    let C = only.toCSR();
    for (let k = 1; k + 1 < rest.length; k++) C = timesFactor(C, rest[k]!);
    const last = rest[rest.length - 1]!;
    if (last instanceof Kron) return csrKronProductNnz(C, last.A.toCSR(), last.B.toCSR());
    return last instanceof Dense ? csrDenseProductNnz(C, last) : csrProductNnz(C, last.toCSR());
  }
}

// C F, F's CSR formed only when it has no structure to exploit
function timesFactor(C: CSR, F: LinOp): CSR {
  if (F instanceof Kron) return csrKronMultiply(C, F.A.toCSR(), F.B.toCSR());
  if (F instanceof Dense) return csrDenseMultiply(C, F);
  return csrMultiply(C, F.toCSR());
}
