// The Analysis: the one plain, serialisable object that crosses from the core to the CLI,
// the extension host and the webview. Field names here are a public contract (DESIGN.md).

import type { IntroducedNames } from './ast/introduced';
import type { Notation } from './notations';

/** `[rows, cols]`; a symbolic size is a string such as `"m"` or `"mn + m"`. */
export type ShapeJSON = [number | string, number | string];

/** A matrix of numbers, row-major in its own shape. */
export interface MatrixJSON {
  shape: [number, number];
  data: number[] | Float64Array;
}

export interface Formula {
  latex: string;
  unicode: string;
}

export interface VariableInfo extends Formula {
  shape: ShapeJSON;
  /** `parameter` for what the default wrt picks (W, b of a layer), else `input`. */
  role: 'parameter' | 'input';
  /** Where the shape came from. */
  shapeSource: 'declared' | 'option' | 'values' | 'inferred';
}

/** The mark on a shown formula: its expression tree, evaluated on the numbers' values, against them. */
export interface FormulaCheck {
  passed: boolean;
  /** Largest relative difference between the formula's value and the numbers it stands for. */
  maxRelError: number;
}

/** A formula that carries its check mark once numbers are computed. */
export interface CheckedFormula extends Formula {
  check?: FormulaCheck;
}

export interface JacobianBlock extends CheckedFormula {
  wrt: string;
  shape: ShapeJSON;
  nnz: number | string;
}

/** One factor of the factored Jacobian, for shape annotations (`\underbrace`). */
export interface JacobianFactor extends Formula {
  shape: ShapeJSON;
  /** `left`: a common left factor; `block`: one entry of the block row, in wrt order. */
  part: 'left' | 'block';
}

export interface CooJSON {
  rows: number[] | Int32Array;
  cols: number[] | Int32Array;
  vals: number[] | Float64Array;
}

export interface JacobianInfo extends CheckedFormula {
  /** `[rows, cols]` of d vec(F) / d [vec(wrt₁); vec(wrt₂); …]. */
  shape: ShapeJSON;
  /** Stored entries of the structured Jacobian (never rows·cols unless it is dense). */
  nnz: number | string;
  /** rows·cols: the entries a dense Jacobian would hold. */
  denseCount: number | string;
  /** Bytes of the structured operators, and of a dense Float64 Jacobian (numeric only). */
  bytes?: number;
  denseBytes?: number;
  blocks: JacobianBlock[];
  /** The common left factors, then the block row (the textbook factored form). */
  factors: JacobianFactor[];
  /** Names for sub-expressions its formulas would print more than once (`s = softmax(Vy + c)`), each after the names it reads. */
  where?: Array<Formula & { name: string }>;
  /** With `numeric`: COO, 0-based, rows and columns of the column-major vec. */
  values?: CooJSON;
}

export interface CheckInfo {
  /** Largest relative error of J·v against central differences of F along v. */
  maxRelError: number;
  /** `columns`: every column of J was checked; `directions`: a few random directions. */
  method: 'columns' | 'directions';
  count: number;
  /** Every check below passed (and none produced NaN). */
  passed: boolean;
  tolerance: number;
  /** The gradient's numbers against central differences of the scalar L along random directions. */
  gradient?: FormulaCheck & { count: number };
  /** The printed formulas (Jacobian, its blocks, gradients, δ definitions) evaluated and compared. */
  formulas: { checked: number; failed: string[] };
}

/** Numbers as `--values` takes them: a scalar as a number, a column vector flat, a matrix as rows. */
export type NestedValues = number | number[] | number[][];

export interface GradientInfo extends CheckedFormula {
  shape: ShapeJSON;
  /** Nested in the variable's own shape, exactly as `values` takes them (with `numeric`). */
  values?: NestedValues;
}

/** What the same Jacobian costs other ways (symbolic sizes as strings). */
export interface CostInfo {
  /** A dense Jacobian: rows·cols entries, 8 bytes each. */
  denseEntries: number | string;
  denseBytes: number | string;
  /** Reverse mode (jax.jacrev, torch.func.jacrev) builds J with one VJP per output entry: its rows. */
  vjps: number | string;
  /** Forward mode (jax.jacfwd) builds J with one JVP per parameter entry: its columns. */
  jvps: number | string;
  /** The structured form: its stored entries; a gradient through it is one VJP. */
  structuredEntries: number | string;
  structuredBytes?: number;
}

/** The result in the layouts people use, and how they relate. */
export interface LayoutsInfo {
  /** Numerator (Jacobian) layout: J = ∂ vec y / ∂[vec W; b], a row per output entry. */
  numerator: Formula;
  /** Denominator (gradient) layout: ∇L = Jᵀ g, a column with one entry per parameter entry. */
  denominator: Formula;
  /** As PyTorch writes it, activations as rows (x Wᵀ + b): each .grad in the parameter's own shape, a vector's as a row. */
  pytorch: CheckedFormula;
  relation: string;
}

export interface LossInfo extends Formula {
  kind: 'output' | 'generic' | 'sse' | 'xent' | 'custom';
  /** For `generic`: the name of the upstream gradient ∂L/∂y used in the formulas. */
  upstream?: string;
}

export interface DerivationStep extends Formula {
  /** What the step does, in words (no formulas). */
  note: string;
  /** The identity applied, in general form (`vec(AXB) = (Bᵀ ⊗ A) vec X`). */
  rule?: Formula;
  /** Where the identity comes from: Magnus & Neudecker, the Matrix Cookbook by equation number. */
  source?: string;
}

export interface NumbersInfo {
  seed: number;
  /** Every input's value, row-major. */
  inputs: Record<string, MatrixJSON>;
  output: MatrixJSON;
}

export interface SourceError {
  message: string;
  start: number;
  end: number;
}

export interface AnalysisOk {
  ok: true;
  input: string;
  notation: string;
  /** The definition as parsed. */
  definition: Formula;
  output: Formula & { name?: string; shape: ShapeJSON };
  /** What the symbols the tool introduces are called beside the user's names (y, L, g, t, δ, K; y2 when the user has a y). */
  symbols?: IntroducedNames;
  variables: Record<string, VariableInfo>;
  wrt: string[];
  /** Symbolic sizes in use and what they stand for, e.g. `{m: "rows of W"}`. */
  dims: Record<string, string>;
  jacobian: JacobianInfo;
  /** For a scalar output: its gradient; otherwise the gradient of the loss in `loss`. */
  gradient?: Record<string, GradientInfo>;
  /**
   * Names used in the gradient formulas, in the order they are computed: backpropagated errors
   * (`δ = σ′(z) ⊙ g`) and, marked `shared`, a sub-expression the formulas repeat (`s = softmax(Vy + c)`).
   */
  gradientDefinitions?: Array<CheckedFormula & { name: string; shared?: boolean }>;
  loss?: LossInfo;
  derivation: DerivationStep[];
  cost?: CostInfo;
  layouts?: LayoutsInfo;
  numbers?: NumbersInfo;
  check?: CheckInfo;
  notes: string[];
}

export interface AnalysisError {
  ok: false;
  input: string;
  error: SourceError;
}

export type Analysis = AnalysisOk | AnalysisError;

export interface AnalyzeOptions {
  /** Variables to differentiate by, in this column order. */
  wrt?: string[];
  /** Sizes, e.g. `{W: [3, 4], x: [4, 1]}`; a vector may be `[4]`. */
  shapes?: Record<string, readonly number[]>;
  /** Values: a matrix row-major as nested arrays, a vector as a flat array, a scalar as a number. */
  values?: Record<string, unknown>;
  seed?: number;
  numeric?: boolean;
  /** Notation of `input`: one of the registry's (`math`, `latex`, `python`), or `auto` (the default: detected from the text). */
  notation?: Notation | 'auto';
  /**
   * The scalar whose gradient is reported: `sse` (½‖y − t‖²), `xent` (softmax cross-entropy), or an
   * expression in `y` (the output) and `t`. Default: the output itself when it is a scalar, else a
   * generic loss with upstream gradient `g = ∂L/∂y`.
   */
  loss?: string;
  /**
   * The loss for an output that is not a scalar, when `loss` is not given; a scalar output is
   * its own loss. Lets a caller with a preferred loss analyse once, before it knows the shape.
   */
  defaultLoss?: string;
  /** Entries above which J is not materialised densely (default 1e6). */
  denseLimit?: number;
  /** Every number of the Analysis will be written out as text (the CLI's `--json`): the cost
   *  model counts the writing, about half a microsecond a number. */
  printsNumbers?: boolean;
}
