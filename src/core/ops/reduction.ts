// Sums and means along an axis of a matrix, as products with the ones vector (a composite of
// existing nodes, like the norms):
//
//   each row X𝟏,   each column 𝟏ᵀX,   every entry 𝟏ᵀX𝟏;   a mean divides by the count 𝟏ᵀ𝟏.
//
// They are linear, so the product's rules give the Jacobian, d vec(X𝟏) = (𝟏ᵀ ⊗ I) d vec X and
// d vec(𝟏ᵀX) = (I ⊗ 𝟏ᵀ) d vec X (Magnus & Neudecker ch. 2, vec(ABC) = (Cᵀ ⊗ A) vec B), and the
// gradient, G𝟏ᵀ and 𝟏G. The length of each 𝟏 is left to shape inference (ast: INFERRED_SIZE).

import { INFERRED_SIZE, UserError, type Dim, type Expr, type Range } from '../ast';

/** What is summed: each row (PyTorch's `dim=-1`), each column (`dim=0`), or every entry. */
export type Along = 'row' | 'col' | 'all';

const ones = (rows: Dim, cols: Dim, range: Range): Expr => ({ kind: 'ones', rows, cols, range });
const mul = (left: Expr, right: Expr, range: Range): Expr => ({ kind: 'mul', left, right, range });

/**
 * The sum (or mean) of `x` along `along`; `size()` gives a fresh inferred size for each ones
 * vector; every node takes the call's range, so a shape error points at the call. The result is X𝟏 (a column), 𝟏ᵀX (a row) or 𝟏ᵀX𝟏 (1×1).
 */
export function reduce(x: Expr, along: Along, mean: boolean, size: () => Dim, range: Range): Expr {
  if (along === 'all' && !mean) return { kind: 'sum', arg: x, range };
  const k = along === 'col' ? undefined : size(); // the columns of X, summed over by X𝟏
  const j = along === 'row' ? undefined : size(); // the rows of X, summed over by 𝟏ᵀX
  const count = (n: Dim): Expr => mul(ones(1, n, range), ones(n, 1, range), range);
  let sum = x;
  if (j !== undefined) sum = mul(ones(1, j, range), sum, range);
  if (k !== undefined) sum = mul(sum, ones(k, 1, range), range);
  if (!mean) return sum;
  const n = j !== undefined && k !== undefined ? mul(count(j), count(k), range) : count((j ?? k) as Dim);
  return { kind: 'div', left: sum, right: n, range };
}

/**
 * The math words `sum(X, d)` and `mean(X, d)` with Octave's dimensions: 1 runs down each column (𝟏ᵀX,
 * a row), 2 along each row (X𝟏, a column). Without d, `sum(X)` is every entry, and `mean(X)` their
 * mean — Octave's column sums of a matrix are said in a note (prepare.ts, with `wholeOf`).
 */
export function sumOf(args: readonly Expr[], range: Range): Expr {
  return reduceWord('sum', args, range);
}

export function meanOf(args: readonly Expr[], range: Range): Expr {
  return reduceWord('mean', args, range);
}

function reduceWord(what: 'sum' | 'mean', [x, dim]: readonly Expr[], range: Range): Expr {
  if (!x) throw new Error('arity is checked by the caller');
  let k = 0;
  const size = (): Dim => `${INFERRED_SIZE}_${range.start}_${k++}`;
  return reduce(x, dim ? alongDimension(what, dim) : 'all', what === 'mean', size, range);
}

function alongDimension(what: string, dim: Expr): Along {
  if (dim.kind === 'num' && (dim.value === 1 || dim.value === 2)) return dim.value === 1 ? 'col' : 'row';
  throw UserError.at(`the dimension of ${what} is 1 (down each column: 𝟏ᵀX) or 2 (along each row: X𝟏)`, dim.range);
}

/** X, when `e` is a reduction over every entry of X (sum(X), or 𝟏ᵀX𝟏 of a mean), as `reduce` builds them. */
export function wholeOf(e: Expr): Expr | undefined {
  if (e.kind === 'sum') return e.arg;
  const isOnes = (o: Expr, row: boolean): boolean => o.kind === 'ones' && (row ? o.rows === 1 : o.cols === 1);
  if (e.kind !== 'mul' || !isOnes(e.right, false) || e.left.kind !== 'mul' || !isOnes(e.left.left, true)) return undefined;
  return e.left.right;
}
