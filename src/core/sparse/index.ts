// The sparse core: structured linear operators over Float64Array vectors, and CSR kernels.
// Operators are immutable once built; CSR arrays handed out by toCSR are read-only.
export type { CSR, LinOp } from './linop';
export { Identity } from './identity';
export { Zero } from './zero';
export { Diag } from './diag';
export { Dense } from './dense';
export {
  CSRMatrix, csrAdd, csrAlloc, csrCheck, csrFromTriplets, csrGaxpy, csrGaxpyT, csrMultiply, csrNnz,
  csrToDense, csrTranspose,
} from './csr';
export { Kron, kronCSR } from './kron';
export { Commutation } from './commutation';
export { Product } from './product';
export { Sum, Scaled } from './sum';
export { HCat, VCat } from './blocks';
export { toCOO, toDense } from './materialize';
export { writesInto } from './into';
export type { WritesInto } from './into';
export type { COO } from './materialize';
