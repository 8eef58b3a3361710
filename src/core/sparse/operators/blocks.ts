// Block rows [A₁, A₂, …] (HCat: equal rows, columns side by side) and block columns
// [A₁; A₂; …] (VCat: equal columns, rows stacked). Structure is the disjoint union of the
// blocks', so nnz is the sum of theirs.
import type { CSR, LinOp } from '../linop';
import { checkLength, shapeOf } from '../check';
import { csrAlloc, csrNnz } from '../csr';
import { into } from '../into';

// offsets[k] = Σ_{l<k} sizes[l], with the total last
function offsets(sizes: number[]): number[] {
  const o = [0];
  for (const s of sizes) o.push(o[o.length - 1]! + s);
  return o;
}

function checkBlocks(ops: readonly LinOp[], dim: 'rows' | 'cols', who: string): LinOp {
  const first = ops[0];
  if (!first) throw new Error(`${who}: needs at least one block`);
  for (const [k, op] of ops.entries()) {
    if (op[dim] !== first[dim]) {
      throw new Error(`${who}: block 0 is ${shapeOf(first)} but block ${k} is ${shapeOf(op)} (${dim} must agree)`);
    }
  }
  return first;
}

export class HCat implements LinOp {
  readonly rows: number;
  readonly cols: number;
  readonly ops: readonly LinOp[];
  private readonly off: number[];
  constructor(ops: readonly LinOp[]) {
    this.rows = checkBlocks(ops, 'rows', 'HCat').rows;
    this.ops = ops.slice();
    this.off = offsets(ops.map((op) => op.cols));
    this.cols = this.off[ops.length]!;
  }
  // y = Σ A_k x_k, x = [x₁; x₂; …]
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'HCat.matvec');
    const y = new Float64Array(this.rows);
    this.ops.forEach((op, k) => {
      const yk = op.matvec(x.subarray(this.off[k], this.off[k + 1]));
      for (let i = 0; i < yk.length; i++) y[i]! += yk[i]!;
    });
    return y;
  }
  // x = [A₁ᵀ y; A₂ᵀ y; …]
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'HCat.rmatvec');
    const x = new Float64Array(this.cols);
    for (let k = 0; k < this.ops.length; k++) into(this.ops[k]!, y, x, this.off[k]!, true);
    return x;
  }
  nnz(): number {
    return this.ops.reduce((s, op) => s + op.nnz(), 0);
  }
  bytes(): number {
    return this.ops.reduce((s, op) => s + op.bytes(), 0);
  }
  // row i of C is row i of each block in turn, columns shifted by the block's offset
  toCSR(): CSR {
    const parts = this.ops.map((op) => op.toCSR());
    const C = csrAlloc(this.rows, this.cols, parts.reduce((s, P) => s + csrNnz(P), 0));
    let nz = 0;
    const { Ap: Cp, Ai: Ci, Ax: Cx } = C;
    for (let i = 0; i < this.rows; i++) {
      for (let k = 0; k < parts.length; k++) {
        const { Ap, Ai, Ax } = parts[k]!, o = this.off[k]!, p0 = Ap[i]!, p1 = Ap[i + 1]!;
        Cx.set(Ax.subarray(p0, p1), nz);
        if (o === 0) Ci.set(Ai.subarray(p0, p1), nz);
        else for (let p = p0; p < p1; p++) Ci[nz + p - p0] = Ai[p]! + o;
        nz += p1 - p0;
      }
      Cp[i + 1] = nz;
    }
    return C;
  }
}

export class VCat implements LinOp {
  readonly rows: number;
  readonly cols: number;
  readonly ops: readonly LinOp[];
  private readonly off: number[];
  constructor(ops: readonly LinOp[]) {
    this.cols = checkBlocks(ops, 'cols', 'VCat').cols;
    this.ops = ops.slice();
    this.off = offsets(ops.map((op) => op.rows));
    this.rows = this.off[ops.length]!;
  }
  // y = [A₁ x; A₂ x; …]
  matvec(x: Float64Array): Float64Array {
    checkLength(x, this.cols, 'VCat.matvec');
    const y = new Float64Array(this.rows);
    for (let k = 0; k < this.ops.length; k++) into(this.ops[k]!, x, y, this.off[k]!, false);
    return y;
  }
  // x = Σ A_kᵀ y_k, y = [y₁; y₂; …]
  rmatvec(y: Float64Array): Float64Array {
    checkLength(y, this.rows, 'VCat.rmatvec');
    const x = new Float64Array(this.cols);
    this.ops.forEach((op, k) => {
      const xk = op.rmatvec(y.subarray(this.off[k], this.off[k + 1]));
      for (let j = 0; j < xk.length; j++) x[j]! += xk[j]!;
    });
    return x;
  }
  nnz(): number {
    return this.ops.reduce((s, op) => s + op.nnz(), 0);
  }
  bytes(): number {
    return this.ops.reduce((s, op) => s + op.bytes(), 0);
  }
  // the blocks' rows one after another, row pointers shifted by the entries before
  toCSR(): CSR {
    const parts = this.ops.map((op) => op.toCSR());
    const C = csrAlloc(this.rows, this.cols, parts.reduce((s, P) => s + csrNnz(P), 0));
    let nz = 0;
    parts.forEach((P, k) => {
      const r0 = this.off[k]!;
      C.Ai.set(P.Ai, nz);
      C.Ax.set(P.Ax, nz);
      for (let i = 0; i < P.rows; i++) C.Ap[r0 + i + 1] = nz + P.Ap[i + 1]!;
      nz += csrNnz(P);
    });
    return C;
  }
}
