// A₁ + ⋯ + A_k (structure: the union of the terms') and α A (structure of A, even for α = 0).
import type { CSR, LinOp } from '../linop';
import { checkLength, shapeOf } from '../check';
import { csrAdd, csrNnz } from '../csr';
import { Zero } from './zero';
import { into, type WritesInto } from '../into';

export class Sum implements LinOp {
  readonly rows: number;
  readonly cols: number;
  readonly ops: readonly LinOp[];
  private nz: number | undefined;
  constructor(ops: readonly LinOp[]) {
    const first = ops[0];
    if (!first) throw new Error('Sum: needs at least one term');
    for (const [k, op] of ops.entries()) {
      if (op.rows !== first.rows || op.cols !== first.cols) {
        throw new Error(`Sum: term 0 is ${shapeOf(first)} but term ${k} is ${shapeOf(op)}`);
      }
    }
    this.ops = ops.slice();
    this.rows = first.rows;
    this.cols = first.cols;
  }
  // y = Σ A_k x
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'Sum.matvec');
    return accumulate(this.ops.map((op) => op.matvec(x)), this.rows);
  }
  // x = Σ A_kᵀ y
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'Sum.rmatvec');
    return accumulate(this.ops.map((op) => op.rmatvec(y)), this.cols);
  }
  nnz(): number {
    const terms = this.ops.filter((op) => !(op instanceof Zero));
    if (terms.length <= 1) return terms[0]?.nnz() ?? 0;
    return (this.nz ??= csrNnz(this.toCSR()));
  }
  bytes(): number {
    return this.ops.reduce((s, op) => s + op.bytes(), 0);
  }
  toCSR(): CSR {
    let C = this.ops[0]!.toCSR();
    for (let k = 1; k < this.ops.length; k++) C = csrAdd(C, this.ops[k]!.toCSR());
    return C;
  }
}

// s = Σ v_k
function accumulate(vs: Float64Array[], n: number): Float64Array {
  const s = new Float64Array(n);
  for (const v of vs) for (let i = 0; i < n; i++) s[i]! += v[i]!;
  return s;
}

export class Scaled implements LinOp, WritesInto {
  readonly rows: number;
  readonly cols: number;
  constructor(readonly alpha: number, readonly op: LinOp) {
    this.rows = op.rows;
    this.cols = op.cols;
  }
  // y = α A x
  matvec(x: Float64Array): Float64Array {
    const y = this.op.matvec(x);
    return scale(this.alpha, y === x ? y.slice() : y);
  }
  // x = α Aᵀ y
  rmatvec(y: Float64Array): Float64Array {
    const x = this.op.rmatvec(y);
    return scale(this.alpha, x === y ? x.slice() : x);
  }
  // out[off …] = α A x
  matvecInto(x: Float64Array, out: Float64Array, off: number): void {
    into(this.op, x, out, off, false);
    scale(this.alpha, out.subarray(off, off + this.rows));
  }
  // out[off …] = α Aᵀ y
  rmatvecInto(y: Float64Array, out: Float64Array, off: number): void {
    into(this.op, y, out, off, true);
    scale(this.alpha, out.subarray(off, off + this.cols));
  }
  nnz(): number {
    return this.op.nnz();
  }
  bytes(): number {
    return this.op.bytes();
  }
  toCSR(): CSR {
    const C = this.op.toCSR();
    return { ...C, Ax: scale(this.alpha, C.Ax.slice()) };
  }
}

// v ← α v
function scale(alpha: number, v: Float64Array): Float64Array {
  for (let i = 0; i < v.length; i++) v[i]! *= alpha;
  return v;
}
