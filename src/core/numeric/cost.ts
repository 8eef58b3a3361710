// The one cost model for numbers: entries held, bytes and floating-point operations, estimated
// from the shapes before anything is allocated. The library, the CLI and the extension all go
// through `computeNumbers`, which refuses an analysis over budget with the estimate and the
// largest sizes that fit, instead of running out of memory or time.

import { UserError, type Expr, type Kind, type Range } from '../ast';
import type { Op, OpAlgebra } from '../calculus/ops';
import { nnzOf } from '../calculus/nnz';
import { children } from '../ast/walk';
import type { Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';

export interface Cost {
  /** Numbers held at once (inputs, every intermediate value, the Jacobian's stored entries). */
  readonly entries: number;
  readonly bytes: number;
  readonly flops: number;
}

/** What a numeric analysis may use: a few seconds of this core (measured on a loaded 2-core
 *  machine, about 2·10⁸ operations a second) and, with the process around it, under 1 GB. */
export const BUDGET = { bytes: 640 * 2 ** 20, flops: 1e9 } as const;

/** Work per input entry besides arithmetic: seeded random values, row-major copies (measured). */
const PER_INPUT_ENTRY = 40;
/** Directions of the finite-difference check (every column when there are at most 64). */
const checkDirections = (cols: number): number => (cols <= 64 ? cols : 4);
/** Stored entries of J listed as COO (report/numbers.ts lists at most this many). */
const LISTED = 1e6;

type Dims = (p: Poly) => number;
interface Sized { rows: number; cols: number }
type FlopRule = (out: Sized, arg: (i: number) => Sized) => number;

const cube = (s: Sized): number => s.rows * s.rows * s.rows;
const entries = (s: Sized): number => s.rows * s.cols;

/** Work per node, keyed by kind: products and factorisations by their dense cost, the rest per entry. */
const FLOPS: { readonly [K in Kind]: FlopRule } = {
  var: () => 0, ref: () => 0, num: () => 0,
  add: entries, sub: entries, neg: entries, hadamard: entries, div: entries, epow: entries,
  transpose: entries, vec: () => 0, unvec: () => 0, ones: entries, eye: entries, kron: entries, diag: entries,
  apply: (o) => 10 * entries(o), softmax: (o) => 10 * entries(o),
  sum: (_o, a) => entries(a(0)), trace: (_o, a) => a(0).rows, norm: (_o, a) => entries(a(0)),
  mul: (o, a) => (entries(a(0)) === 1 || entries(a(1)) === 1 ? entries(o) : 2 * a(0).rows * a(0).cols * a(1).cols),
  mpow: (_o, a) => 2 * 32 * cube(a(0)),
  inv: (_o, a) => 4 * cube(a(0)),
  adj: (_o, a) => 6 * cube(a(0)),
  norm1: (_o, a) => entries(a(0)),
  norminf: (_o, a) => entries(a(0)),
  peak: (_o, a) => entries(a(0)),
  // copies: each entry of the result once
  concat: entries, block: entries,
  pow: (o) => 10 * entries(o),
  // the Gram matrix, then Jacobi sweeps (about 10, each 3 rotations of n columns per pair)
  norm2: (_o, a) => entries(a(0)) * Math.min(a(0).rows, a(0).cols) + 30 * Math.min(a(0).rows, a(0).cols) ** 3,
  singular: (_o, a) => entries(a(0)) * Math.min(a(0).rows, a(0).cols) + 30 * Math.min(a(0).rows, a(0).cols) ** 3,
  det: (_o, a) => cube(a(0)),
  logdet: (_o, a) => cube(a(0)),
};

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

/** The operators assembled as CSR: counting the entries of a sum or a product of operators
 *  builds it from its terms (a Kronecker product, a diagonal or an identity is counted from its
 *  structure and never assembled by itself). */
function assembled(blocks: readonly Op[]): Op[] {
  const out: Op[] = [];
  const stack = blocks.map((b) => [b, false] as [Op, boolean]);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [o, inside] = top;
    const builds = inside || o.op === 'sum' || o.op === 'product';
    if (builds) out.push(o);
    if (o.op === 'kron') stack.push([o.left, builds], [o.right, builds]);
    else if (o.op === 'product') stack.push(...o.factors.map((f): [Op, boolean] => [f, true]));
    else if (o.op === 'sum') stack.push(...o.terms.map((t): [Op, boolean] => [t, true]));
    else if (o.op === 'scale' || o.op === 'neg') stack.push([o.arg, builds]);
  }
  return out;
}

export interface CostInput {
  readonly roots: readonly Expr[];
  readonly inputs: readonly Shape[];
  readonly shapeOf: (e: Expr) => Shape;
  readonly blocks: readonly Op[];
  readonly ops: OpAlgebra;
}

export function estimate(c: CostInput, dims: Dims): Cost {
  const sized = (s: Shape): Sized => ({ rows: dims(s.rows), cols: dims(s.cols) });
  const inputs = c.inputs.reduce((n, s) => n + entries(sized(s)), 0);
  let held = inputs;
  let forward = 0;
  for (const e of nodes(c.roots)) {
    const out = sized(c.shapeOf(e));
    const kids = e.kind === 'ref' ? [] : children(e);
    held += entries(out);
    forward += (FLOPS[e.kind] as FlopRule)(out, (i) => sized(c.shapeOf(kids[i] as Expr)));
  }
  // CSR holds 12 bytes an entry; J's entries are listed (COO, 16 bytes) up to LISTED.
  const nnz = c.blocks.reduce((n, b) => n + dims(nnzOf(b, c.ops)), 0);
  const stored = assembled(c.blocks).reduce((n, o) => n + dims(nnzOf(o, c.ops)), 0) + Math.min(nnz, LISTED);
  const cols = c.blocks.reduce((n, b) => n + dims(c.ops.shape(b).cols), 0);
  const directions = checkDirections(cols);
  // One forward pass for the value, two per direction, and the gradient's pass back.
  const passes = 2 + 2 * directions;
  return {
    entries: held + stored,
    bytes: 8 * held * 2 + 12 * stored,
    flops: forward * passes + PER_INPUT_ENTRY * (inputs + directions * cols) + 2 * stored,
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
