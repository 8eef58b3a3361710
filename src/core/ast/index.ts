// The one AST every front-end produces: readonly plain data tagged by `kind`.
// Ranges are UTF-16 offsets into the text given to `analyze` ([start, end)).

import type { ElementwiseFn } from '../ops/elementwise';

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Elementwise scalar functions: the catalogue's entries (ops/), whose derivatives are primed names or expressions. */
export type { ElementwiseFn };

type Node<K extends string, T> = { readonly kind: K; readonly range: Range } & { readonly [P in keyof T]: T[P] };

export type Var = Node<'var', { name: string }>;
/** A name bound by an earlier line (`z = W*x + b`): rendered by name, differentiated through `def`. */
export type Ref = Node<'ref', { name: string; def: Expr }>;
export type Num = Node<'num', { value: number }>;
export type Add = Node<'add', { left: Expr; right: Expr }>;
export type Sub = Node<'sub', { left: Expr; right: Expr }>;
export type Neg = Node<'neg', { arg: Expr }>;
/** Matrix product, or a product with a scalar (1×1) on either side. */
export type Mul = Node<'mul', { left: Expr; right: Expr }>;
export type Hadamard = Node<'hadamard', { left: Expr; right: Expr }>;
/**
 * Elementwise division (`./`, or `/` by a scalar). `slash`: written `/` in math notation, which by
 * a matrix means A B⁻¹ (MATLAB's mrdivide, the Matrix Cookbook's reading); once shapes are known
 * such a division becomes that product (shape/division.ts).
 */
export type Div = Node<'div', { left: Expr; right: Expr; slash?: true }>;
/** Elementwise power with a constant exponent (`.^`, or `^` on a scalar). */
export type EPow = Node<'epow', { base: Expr; exponent: number }>;
/** A power whose exponent is an expression, entry by entry (`x.^y`; `a^b` of scalars, `caret`):
 *  the base must be positive where the exponent varies (d(aᵇ) has log a). */
export type Pow = Node<'pow', { left: Expr; right: Expr; caret?: true }>;
/** Integer matrix power `X^k` (k may be negative: `X^-1`). */
export type MPow = Node<'mpow', { base: Expr; exponent: number }>;
export type Transpose = Node<'transpose', { arg: Expr }>;
export type Apply = Node<'apply', { fn: ElementwiseFn; arg: Expr }>;
/** softmax over every entry of a vector; `each: 'row'` normalises each row of a matrix (PyTorch's
 *  `dim=-1`), `each: 'col'` each column (`dim=0`). */
export type Softmax = Node<'softmax', { arg: Expr; each?: SoftmaxAxis }>;
export type SoftmaxAxis = 'row' | 'col';
export type Sum = Node<'sum', { arg: Expr }>;
export type Trace = Node<'trace', { arg: Expr }>;
export type Det = Node<'det', { arg: Expr }>;
export type LogDet = Node<'logdet', { arg: Expr }>;
export type Inv = Node<'inv', { arg: Expr }>;
/** The adjugate adj(X), the transposed cofactors: det(X) X⁻¹ when X is invertible, and defined at any square X. */
export type Adj = Node<'adj', { arg: Expr }>;
/** Frobenius norm ‖X‖_F. */
export type Norm = Node<'norm', { arg: Expr }>;
/** ‖x‖₁ = Σ|xᵢ| of a vector. */
export type Norm1 = Node<'norm1', { arg: Expr }>;
/** ‖·‖₂: of a vector the Euclidean norm, of a matrix the spectral norm σ₁ (by the argument's shape). */
export type Norm2 = Node<'norm2', { arg: Expr }>;
/** ‖x‖∞ = maxᵢ |xᵢ| of a vector. */
export type NormInf = Node<'norminf', { arg: Expr }>;
/** sign(x_k) e_k, k = argmaxᵢ |xᵢ| (unique): ∂‖x‖∞/∂x brings it, as ∂‖X‖₂/∂X brings u₁, v₁. */
export type Peak = Node<'peak', { arg: Expr }>;
/** u₁ or v₁, the singular vectors of X's largest singular value (X v₁ = σ₁ u₁): ∂‖X‖₂/∂X = u₁v₁ᵀ brings them. */
export type Singular = Node<'singular', { arg: Expr; side: 'u' | 'v' }>;
export type Kron = Node<'kron', { left: Expr; right: Expr }>;
/** diag(x) of a vector (a column or a row): the diagonal matrix; diag(X) of a square matrix: its
 *  diagonal, a column. Which one is the argument's inferred shape's call (shape/rules.ts). */
export type Diag = Node<'diag', { arg: Expr }>;
/** Structural constants that derivatives introduce (and `\mathbf{1}` in LaTeX). */
export type Ones = Node<'ones', { rows: Dim; cols: Dim }>;
export type Eye = Node<'eye', { n: Dim }>;
/** vec(X): the columns of X stacked. */
export type Vec = Node<'vec', { arg: Expr }>;
/** vec⁻¹: a column of rows·cols entries as the rows×cols matrix whose vec it is (gradients through vec bring it). */
export type Unvec = Node<'unvec', { arg: Expr; rows: Dim; cols: Dim }>;
/** Which sizes a concatenation joins: `rows`, the parts stacked one above the next ([A; B], NumPy's
 *  axis 0); `cols`, the parts side by side ([A B], axis 1). The other size is the same in every part. */
export type ConcatAxis = 'rows' | 'cols';
/** The block matrix of two or more parts joined along `axis`. */
export type Concat = Node<'concat', { parts: readonly Expr[]; axis: ConcatAxis }>;
/** `size` consecutive rows or columns from the 0-based `start` on. */
export interface Span {
  readonly start: Dim;
  readonly size: Dim;
}
/** The rows and columns of `arg` in these spans (all of them along an axis without one): the part of a
 *  concatenation's upstream gradient that falls on one of its parts (gradients through concat bring it). */
export type Block = Node<'block', { arg: Expr; rows?: Span; cols?: Span }>;

export type Expr =
  | Var | Ref | Num | Add | Sub | Neg | Mul | Hadamard | Div | EPow | MPow | Transpose
  | Apply | Softmax | Sum | Trace | Det | LogDet | Inv | Norm | Kron | Ones | Eye | Vec
  | Unvec | Diag | Adj | Norm1 | Norm2 | NormInf | Peak | Singular | Pow | Concat | Block;

export type Kind = Expr['kind'];
export type ExprOf<K extends Kind> = Extract<Expr, { kind: K }>;

/** A size: a concrete number or a symbol (`m`); sums and products appear only in results. */
export type Dim = number | string;

/**
 * A size left to shape inference, in a ones vector a front-end writes (`X.sum(dim=-1)` is X𝟏: the
 * length of 𝟏 is the columns of X, whatever they are). Each spelling starting `?_` is one unknown,
 * so a front-end gives each reduction its own (`?_`, `?__1`, …) and repeats one to tie two sizes
 * (the 𝟏ᵀ𝟏 a mean divides by). Replaced by the size found once shapes are known (shape/ones.ts).
 */
export const INFERRED_SIZE = '?_';
export const isInferredSize = (d: Dim): boolean => typeof d === 'string' && d.startsWith(INFERRED_SIZE);

/** One declaration `W: 3x4`, `x ∈ ℝ^n`; a vector declares `[n, 1]`. */
export interface Declaration {
  readonly name: string;
  readonly shape: readonly [Dim, Dim];
  readonly range: Range;
}

/** `name = expr`; the output line has `name` undefined when it is a bare expression. */
export interface Assignment {
  readonly name?: string;
  readonly expr: Expr;
  readonly range: Range;
}

/** What a front-end hands to the core: declarations and assignments in source order; the last assignment is the output. */
export interface Program {
  readonly declarations: readonly Declaration[];
  readonly assignments: readonly Assignment[];
  /** Notes a front-end wants the user to see, e.g. PyTorch's row-vector convention. */
  readonly notes?: readonly string[];
  /** One-hot matrices of integer indices (an embedding lookup, onehot(idx) E): inputs that are never
   *  differentiated, whose seeded values are one-hot rows. */
  readonly indices?: readonly string[];
  /** Names of a constant's form (`I`, `I_3`) that are the user's variables, whatever their declarations
   *  (a Python identifier is never the identity; np.eye(n) is). */
  readonly ownNames?: readonly string[];
  /** Sizes a front-end names where the text does not give them (an nn.Linear's size that cannot be
   *  read): unknowns that keep their name, which shape inference may bind to their neighbours' sizes
   *  (unlike a declared size, fixed by values and options only). */
  readonly freeSizes?: readonly string[];
  /** Undeclared names a front-end knows to be matrices whatever their case (torch.mm's operands are
   *  2-D): their sizes are unknowns, where a lower-case name would otherwise be guessed a vector. */
  readonly matrices?: readonly string[];
  /** The notation's exp acts entry by entry (NumPy's and PyTorch's), so exp of a matrix is no matrix exponential to warn of. */
  readonly expEntrywise?: true;
  /** The notation is Octave's too (math notation, set from the registry), whose sum(X) and mean(X) of a
   *  matrix are its column sums and means: where such a call is read over every entry, a note says so. */
  readonly octaveSums?: true;
  /** Names the text sets in bold (`\mathbf{m}`, `\boldsymbol{\alpha}`): vectors or matrices by that
   *  convention, never the scalar a letter alone suggests (a size m, a coefficient α). */
  readonly bold?: readonly string[];
}

/** A user-input error: one type, with the place in the source. */
export class UserError extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
    this.name = 'UserError';
  }
  static at(message: string, range: Range): UserError {
    return new UserError(message, range.start, range.end);
  }
}

/** A declaration whose space cannot be read (`W \in \mathbb{R}^{\frac{n}{2}}`): the names it was
 *  for, so that a document's later uses of them can say their size is not the declared one. */
export class UnreadDeclaration extends UserError {
  constructor(e: UserError, readonly names: readonly string[]) {
    super(e.message, e.start, e.end);
  }
}

export const NO_RANGE: Range = { start: 0, end: 0 };
