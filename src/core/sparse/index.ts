// The sparse core: structured linear operators over Float64Array vectors, and CSR kernels.
// Operators are immutable once built; CSR arrays handed out by toCSR are read-only.
export type { CSR, LinOp } from './linop';
export { Identity } from './operators/identity';
export { Zero } from './operators/zero';
export { Diag } from './operators/diag';
export { Dense } from './operators/dense';
export {
  CSRMatrix, csrAdd, csrAlloc, csrCheck, csrFromTriplets, csrGaxpy, csrGaxpyT, csrMultiply, csrNnz,
  csrToDense, csrTranspose,
} from './csr';
export { Kron, kronCSR } from './operators/kron';
export { Commutation } from './operators/commutation';
export { Product } from './operators/product';
export { Sum, Scaled } from './operators/sum';
export { HCat, VCat } from './operators/blocks';
export { toCOO, toDense } from './materialize';
export { writesInto } from './into';
export type { WritesInto } from './into';
export type { COO } from './materialize';
