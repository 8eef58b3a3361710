// A linear operator over Float64Array vectors. Structured operators (Identity, Diag, Kron, …)
// implement it without expanding their zeros; CSR is the one explicit sparse format.

export interface CSR {
  readonly rows: number;
  readonly cols: number;
  /** Row pointers (length rows + 1), column indices, values: the usual compressed-row layout. */
  readonly Ap: Int32Array;
  readonly Ai: Int32Array;
  readonly Ax: Float64Array;
}

export interface LinOp {
  readonly rows: number;
  readonly cols: number;
  /** y = A x */
  matvec(x: Float64Array): Float64Array;
  /** x = Aᵀ y: the vector–Jacobian product when A is a Jacobian. */
  rmatvec(y: Float64Array): Float64Array;
  /** Stored entries of the explicit sparse matrix this operator equals (structural, exact). */
  nnz(): number;
  /** Bytes this structured operator holds (its typed arrays), not those of its expansion. */
  bytes(): number;
  toCSR(): CSR;
}
