// The one cost model for numbers: entries held, bytes and time, estimated from the shapes
// before anything is allocated, counting every pass numbers.ts makes (the value, the check's
// evaluations and products J·v, the printed formulas, the assembly of J's entries, the writing). The library, the CLI and the extension all go
// through `computeNumbers`, which refuses an analysis over budget with the estimate and the
// largest sizes that fit, instead of running out of memory or time.

import { UserError, type Expr, type ExprOf, type Kind, type Range } from '../ast';
import { opExprs, type Op, type OpAlgebra } from '../calculus/ops';
import { children } from '../ast/walk';
import { DIRECTIONS } from './check';
import { applyCost, assemblyCost, NS, storedCost } from './costOps';
import type { Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';

export interface Cost {
  /** Numbers held at once (inputs, every intermediate value, the Jacobian's stored entries). */
  readonly entries: number;
  /** The process's peak resident memory, its baseline included. */
  readonly bytes: number;
  /** Operations of about a nanosecond each on the machine measured (below). */
  readonly flops: number;
}

/**
 * What a numeric analysis may use: under 5 s and 1 GB for the whole process on a machine of 2
 * cores shared with other work. The weights are CPU nanoseconds measured there under the load
 * of other agents (load average 5–9), best of three, taking the larger sizes' rates (past the
 * caches: LU at n = 456 ran 2.5 ns per n³, at 300 0.9); the budget, 3 s of them, leaves room
 * for node's start (0.5 s) and the noise:
 *   dense multiply-add (matmul, n = 300)    3.1–4.8    X⁻¹ by LU, per n³       5.8–11.3
 *   LU (det, log|det|), per n³              0.9–2.5    σ₁ (Jacobi), per n³     39–55
 *   entrywise + − ⊙ (zipMat)                7–43       a function (σ, exp)     19–22
 *   (the larger when its callback has seen several functions, as in a real run)
 *   seeded random value                     3–8        row-major copy          5–9
 *   CSR multiply-add (J·v through A ⊗ B)    3.0–3.7    a term of a sum built   37–52
 *   one number written as JSON              380–830    a row of ∂L/∂W nested   33–37
 * End to end, the CLI's CPU time at the largest sizes admitted was 2.5–4.4 s under load average
 * 7–11 (the commit that set these lists them); peak memory was within about 15% of `bytes`.
 */
export const BUDGET = { bytes: 900 * 2 ** 20, flops: 3e9 } as const;

/** Per entry of an input: its seeded values and the row-major copy the Analysis carries. */
const PER_INPUT_ENTRY = 20;
/** Per column of J (an entry of the wrt variables): the check's shifted copies, directions and
 *  dot products, the gradient's vectors and its nested rows (measured at W 4096², 16.8M columns). */
const PER_COLUMN = 250;
/** Per row of J (an entry of F): the differences F(x ± hv), J·v and the printed product along each
 *  direction, and their comparison (measured with F = W, W .* W at 2214–2669²). */
const PER_ROW = 250;
/** Per number written out as text (the CLI's --json). */
const PER_NUMBER_WRITTEN = 700;
/** Resident memory of node with the bundle loaded, before any number. */
const BASELINE_BYTES = 90 * 2 ** 20;
/** Vectors as long as J has columns held at the check's peak: the values packed, the shifted
 *  copy, two directions, the gradient (flat, per variable, nested) and a formula's value; as
 *  long as it has rows: F's differences along the two directions, F(x + hv), J·v. */
const COLUMN_COPIES = 6;
const ROW_COPIES = 4;
/** Directions of the finite-difference check (every column when there are at most 64). */
const checkDirections = (cols: number): number => (cols <= 64 ? cols : DIRECTIONS);
/** Stored entries of J listed as COO (report/numbers.ts lists J when dense or stored under this). */
const LISTED = 1e6;

type Dims = (p: Poly) => number;
interface Sized { rows: number; cols: number }
type FlopRule<K extends Kind = Kind> = (out: Sized, arg: (i: number) => Sized, e: ExprOf<K>) => number;

/** The kernels' nanoseconds (measured, see BUDGET): an entry of two operands (zipMat, its callback
 *  megamorphic as in a real run: 43 ns at 2214², 16 with one callback), of one (mapMat), of a sum. */
const FMA = 4.5;
const ENTRY = 40;
const FUNCTION = 35;
const REDUCE = 10;

const cube = (s: Sized): number => s.rows * s.rows * s.rows;
const entries = (s: Sized): number => s.rows * s.cols;
const each = (ns: number) => (o: Sized): number => ns * entries(o);
const ofArg = (ns: number) => (_o: Sized, a: (i: number) => Sized): number => ns * entries(a(0));
const singular = (_o: Sized, a: (i: number) => Sized): number => {
  const s = a(0);
  const k = Math.min(s.rows, s.cols);
  return FMA * entries(s) * k + 60 * k ** 3;
};

/** Time per node, keyed by kind: products and factorisations by their dense cost, the rest per entry. */
const FLOPS: { readonly [K in Kind]: FlopRule<K> } = {
  var: () => 0, ref: () => 0, num: () => 0, vec: () => 0, unvec: () => 0,
  add: each(ENTRY), sub: each(ENTRY), hadamard: each(ENTRY), div: each(ENTRY), pow: each(ENTRY),
  neg: each(FUNCTION), epow: each(FUNCTION), apply: each(FUNCTION), softmax: each(FUNCTION),
  transpose: each(REDUCE), ones: each(REDUCE), eye: each(REDUCE), kron: each(REDUCE), diag: each(REDUCE),
  sum: ofArg(REDUCE), norm: ofArg(FUNCTION + REDUCE), norm1: ofArg(FUNCTION + REDUCE), norminf: ofArg(REDUCE), peak: ofArg(REDUCE),
  trace: (_o, a) => REDUCE * a(0).rows,
  // copies: each entry of the result once
  concat: each(ENTRY), block: each(ENTRY),
  mul: (o, a) => (entries(a(0)) === 1 || entries(a(1)) === 1 ? ENTRY * entries(o) : FMA * a(0).rows * a(0).cols * a(1).cols),
  // X^k by k products; each power is evaluated on its own (the Jacobian's terms hold X, X², …)
  mpow: (_o, a, e) => FMA * Math.abs(e.exponent) * cube(a(0)),
  inv: (_o, a) => 11.5 * cube(a(0)),
  adj: (_o, a) => 16.5 * cube(a(0)),
  norm2: singular,
  singular,
  det: (_o, a) => 2.5 * cube(a(0)) + REDUCE * entries(a(0)),
  logdet: (_o, a) => 2.5 * cube(a(0)) + REDUCE * entries(a(0)),
};
/** Kinds whose value is another's entries (an input, a definition, a reshape): nothing new held. */
const VIEWS: ReadonlySet<Kind> = new Set(['var', 'ref', 'vec', 'unvec']);

/** Every node of the expressions once (definitions behind `ref`s included), without recursion. */
function nodes(roots: readonly Expr[]): Expr[] {
  const seen = new Set<Expr>();
  const stack = [...roots];
  for (let e = stack.pop(); e; e = stack.pop()) {
    if (seen.has(e)) continue;
    seen.add(e);
    stack.push(...children(e));
    if (e.kind === 'ref') stack.push(e.def);
  }
  return [...seen];
}

export interface CostInput {
  /** F: evaluated once for the numbers, then twice per direction (or column) of J's check. */
  readonly output: Expr;
  /** L: evaluated twice per direction of the gradient's check and of each δ's. */
  readonly scalar: Expr;
  /** Evaluated once with F (memoised alike): the gradient's target and seed. */
  readonly once: readonly Expr[];
  /** The printed formulas (each ∂L/∂X, each δ), evaluated one by one; their row forms alike. */
  readonly formulas: readonly Expr[];
  /** δ definitions, each checked against differences of L. */
  readonly deltas: number;
  /** L is F: with many columns, the gradient's check reuses J's differences. */
  readonly reuses: boolean;
  /** Every number is written out as text (the CLI's --json). */
  readonly printed: boolean;
  readonly inputs: readonly Shape[];
  readonly shapeOf: (e: Expr) => Shape;
  readonly blocks: readonly Op[];
  readonly ops: OpAlgebra;
}

export function estimate(c: CostInput, dims: Dims): Cost {
  const sized = (s: Shape): Sized => ({ rows: dims(s.rows), cols: dims(s.cols) });
  /** Time and entries held of one evaluation of the roots (nodes shared among them once). */
  // a formula whose sizes the shape table cannot tell counts as much as L (none was seen to)
  const formulaTime = (f: Expr, fallback: number): number => {
    try {
      return pass([f]).time;
    } catch {
      return fallback;
    }
  };
  const pass = (roots: readonly Expr[]): { time: number; held: number } => {
    let time = 0;
    let held = 0;
    for (const e of nodes(roots)) {
      const out = sized(c.shapeOf(e));
      const kids = e.kind === 'ref' ? [] : children(e);
      if (!VIEWS.has(e.kind)) held += entries(out);
      time += (FLOPS[e.kind] as FlopRule)(out, (i) => sized(c.shapeOf(kids[i] as Expr)), e);
    }
    return { time, held };
  };
  const inputs = c.inputs.map(sized);
  const inputEntries = inputs.reduce((n, s) => n + entries(s), 0);
  const copied = inputs.filter((s) => s.rows > 1 && s.cols > 1).reduce((n, s) => n + entries(s), 0);
  const value = pass([c.output, ...c.once, ...c.blocks.flatMap(opExprs)]);
  const F = pass([c.output]);
  const L = pass([c.scalar]);
  const formulas = c.formulas.reduce((t, f) => t + formulaTime(f, L.time), 0);
  const J = { rows: dims(c.ops.shape(c.blocks[0] as Op).rows), cols: c.blocks.reduce((n, b) => n + dims(c.ops.shape(b).cols), 0) };
  const nnz = c.blocks.reduce((n, b) => n + storedCost(b, c.ops, dims), 0);
  const listed = J.rows * J.cols <= LISTED || nnz <= LISTED ? Math.min(nnz, LISTED) : 0;
  const assembly = c.blocks.map((b) => assemblyCost(b, c.ops, dims)).reduce((a, b) => ({ built: a.built + b.built, peak: Math.max(a.peak, b.peak) }), { built: 0, peak: 0 });
  const directions = checkDirections(J.cols);
  // F twice per direction; L twice per direction for the gradient (unless reused) and for each δ;
  // J·v per direction, then J and its printed factors along the same directions, and one Jᵀv.
  const ownGradientCheck = !(c.reuses && J.cols > 64);
  const evaluationsOfL = 2 * DIRECTIONS * ((ownGradientCheck ? 1 : 0) + c.deltas);
  const products = directions + 2 * DIRECTIONS + 1;
  const written = inputEntries + entries(sized(c.shapeOf(c.output))) + J.cols + 2 * listed;
  // the gradient's own check shifts its own copy along its own directions, J's still held
  const held = inputEntries + copied + value.held + F.held + (COLUMN_COPIES + (ownGradientCheck ? 2 : 0)) * J.cols + ROW_COPIES * J.rows;
  return {
    entries: held + assembly.peak + listed,
    // a CSR entry is 12 bytes, a listed one 16
    bytes: BASELINE_BYTES + 8 * held + 12 * assembly.peak + 16 * listed,
    flops: value.time + 2 * directions * F.time + evaluationsOfL * L.time + 2 * formulas +
      products * c.blocks.reduce((t, b) => t + applyCost(b, c.ops, dims), 0) + NS.built * (assembly.built + listed) +
      PER_INPUT_ENTRY * inputEntries + PER_COLUMN * J.cols + PER_ROW * J.rows + (c.printed ? PER_NUMBER_WRITTEN * written : 0),
  };
}

const over = (k: Cost): boolean => k.bytes > BUDGET.bytes || k.flops > BUDGET.flops;

/** Throws when the numbers would not fit; the message gives the estimate and the largest sizes
 *  (these scaled down alike) that do. `describe` names the inputs at a given scale. */
export function checkCost(c: CostInput, dims: Dims, describe: (dims: Dims) => string, range: Range): Cost {
  const cost = estimate(c, dims);
  if (!over(cost)) return cost;
  // Sizes are concrete here, so a product of sizes (an nnz such as n²) is one number: it is
  // scaled by t to the power of its degree in the largest input size N.
  const N = Math.max(2, ...c.inputs.flatMap((s) => [dims(s.rows), dims(s.cols)]));
  const scaled = (t: number): Dims => (p) => {
    const n = dims(p);
    const degree = Math.max(1, Math.round(Math.log(n) / Math.log(N)));
    return n <= 1 ? n : Math.max(1, Math.floor(n * t ** degree));
  };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (over(estimate(c, scaled(mid)))) hi = mid;
    else lo = mid;
  }
  const fits = lo > 0 && !over(estimate(c, scaled(lo))) ? ` The largest sizes of this shape that fit: ${describe(scaled(lo))}.` : '';
  throw new UserError(
    `numbers for these sizes (${describe(dims)}) would take about ${amount(cost.flops)} operations and ${megabytes(cost.bytes)}; ` +
      `the budget is ${amount(BUDGET.flops)} operations and ${megabytes(BUDGET.bytes)}.${fits} Give smaller sizes, or leave numbers off for the symbolic answer.`,
    range.start,
    range.end,
  );
}

const amount = (n: number): string => (n < 1e6 ? String(Math.round(n)) : n.toExponential(1).replace('e+', 'e'));
const megabytes = (b: number): string => (b < 2 ** 30 ? `${Math.ceil(b / 2 ** 20)} MB` : `${(b / 2 ** 30).toFixed(1)} GB`);
