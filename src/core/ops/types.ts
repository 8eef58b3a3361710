// What the catalogue says about an operation. Each entry is the one place for everything about it:
// how it is written in each notation, its arity, its value and derivative, its display, and the
// identity it cites; the front-ends' tables, the rules and the docs are derived from the entries.

import type { Formula } from '../analysis';
import type { ElementwiseFn, Expr, Kind, Range } from '../ast';

/**
 * How users write an operation, per notation (the registry in notations/ must have the same keys).
 * `math`: function words in math notation; LaTeX reads them too inside `\operatorname{…}`,
 * `\mathrm{…}` (matched without regard to case). `latex`: macros (`\tanh`). `python`: the last
 * name of a library function or tensor method (`torch.tanh`, `F.gelu`, `jnp.tanh`, `x.tanh()`);
 * `module`: torch.nn classes (`nn.Tanh()`).
 */
export interface Spellings {
  readonly math: readonly string[];
  readonly latex: readonly string[];
  readonly python: readonly string[];
  readonly module?: readonly string[];
}

/** A Python keyword argument that selects another entry: `F.gelu(x, approximate='tanh')`. */
export interface PythonOption {
  readonly kwarg: string;
  /** The argument's values (a string's text, or True/False) that select `then`. */
  readonly values: readonly string[];
  readonly then: ElementwiseFn;
  /** Libraries (the path's first name) where `then` is the default (`jax.nn.gelu` approximates). */
  readonly defaultIn?: readonly string[];
}

/** A parameter the libraries let a caller set (ELU's `alpha`), read at its default only: another
 *  value is refused, never ignored. `position` counts the arguments after the tensor (a module's
 *  constructor takes them from 0: `nn.ELU(0.5)`, `F.elu(x, 0.5)`). */
export interface FixedParameter {
  readonly kwarg: string;
  readonly position: number;
  readonly value: number;
}

/** An elementwise scalar function f, applied to every entry: d f(X) = f′(X) ⊙ dX. */
export interface ElementwiseOp {
  readonly spell: Spellings;
  readonly f: (x: number) => number;
  /**
   * f′ as an expression in X, built from other entries: the forward rule is diag(vec f′(X)) and the
   * reverse rule f′(X) ⊙ G, both read from here. An entry whose derivative users may write primed
   * (σ′(z)) names that entry instead.
   */
  readonly derivative: ((x: Expr) => Expr) | { readonly primed: ElementwiseFn };
  /** What the function is, as an expression in X of other entries (σ′ = σ ⊙ (1 − σ)): shown in a
   *  derivation and checked against `f` by the tests. Absent for the primitives. */
  readonly definition?: (x: Expr) => Expr;
  readonly latex: string;
  readonly unicode: string;
  /** Where the derivative comes from, shown in the docs. */
  readonly cites: string;
  /** The argument must be positive (seeded values respect this). */
  readonly positive?: boolean;
  /** The argument must lie inside (−1, 1) (arcsin, arccos; seeded values respect this). */
  readonly unit?: boolean;
  readonly python?: PythonOption;
  readonly fixed?: readonly FixedParameter[];
}

/** An operation with its own AST node (softmax, trace, det, …): its spellings and the node it builds.
 *  Its shape rule, Jacobian rule, reverse rule and display are the passes' rules for that kind. */
/** An identity as a derivation cites it: in words, in general form, and where it comes from
 *  (Magnus & Neudecker, Matrix Differential Calculus, 3rd ed. 2019; the Matrix Cookbook, 15 Nov 2012). */
export interface Identity {
  readonly note: string;
  readonly rule: Formula;
  readonly source: string;
}

export const identity = (note: string, latex: string, unicode: string, source: string): Identity =>
  ({ note, rule: { latex, unicode }, source });

export interface NodeOp {
  readonly kind: Kind;
  readonly arity: 1 | 2;
  /** Two or more parts, as many as are written (concatenation): `arity` is the fewest. */
  readonly parts?: true;
  /** How it is written where no function word spells it (brackets), for the docs. */
  readonly syntax?: string;
  readonly spell: Spellings;
  /** A constant's constructor (`eye(3)`, `ones(m, 1)`: its arguments are sizes, not operands), or a
   *  composite's (`mean(X, 2)`). */
  readonly construct?: (args: readonly Expr[], range: Range) => Expr;
  /** One more argument may follow, the dimension as Octave numbers it (`sum(X, 2)`), read by `construct`. */
  readonly dimension?: true;
  /** The identity its rule uses, as a derivation shows it and the docs cite it. */
  readonly identity?: Identity;
  /** What the docs say of an operation with no identity to cite (a constant). */
  readonly about?: string;
}
