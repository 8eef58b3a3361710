// Everything shown is checked. The Jacobian's numbers against central differences of F; the
// gradient's numbers against central differences of the scalar L; and every printed formula —
// the factored Jacobian, its blocks, each ∂L/∂X and each δ — evaluated from the very tree that is
// rendered, on the same values, against the numbers it stands for. A NaN never passes.

import type { CheckInfo, FormulaCheck } from '../analysis';
import type { Expr } from '../ast';
import { visitOnce } from '../ast/query';
import { mapChildren } from '../ast/walk';
import type { GradientForms } from '../calculus/gradient';
import {
  CHECK_TOLERANCE, DIRECTIONS, directions, finiteDifferenceCheck, gradientCheck, gradientFromSamples, valueError, type JacobianCheck, type Sample,
} from '../numeric/check';
import { evaluator, extended, type EvalCtx } from '../numeric/evaluate';
import { mat, type Mat } from '../numeric/matrix';
import { matvec, sizeOf, timesRight } from '../numeric/timesVector';
import { HCat, Product, type LinOp } from '../sparse';
import type { GradientPlan } from './gradient';
import type { RowForms } from './rowForm';

export interface ShownChecks {
  readonly check: CheckInfo;
  readonly jacobian: FormulaCheck;
  readonly blocks: readonly FormulaCheck[];
  readonly gradient: Readonly<Record<string, FormulaCheck>>;
  readonly definitions: readonly FormulaCheck[];
  /** PyTorch's row form, when there is one. */
  readonly pytorch?: FormulaCheck;
}

export interface CheckContext {
  readonly wrt: readonly string[];
  readonly output: Expr;
  readonly plan: GradientPlan;
  readonly forms: GradientForms;
  /** The same gradient in PyTorch's row form (activations as rows). */
  readonly rows?: RowForms;
  readonly values: ReadonlyMap<string, Mat>;
  /** The evaluator at `values`: what a formula shares with the forward pass is not computed again. */
  readonly ev: EvalCtx;
  /** J's blocks as evaluated, and the factored form's left factors and block row. */
  readonly blocks: readonly LinOp[];
  readonly factored: { readonly common: readonly LinOp[]; readonly rest: readonly LinOp[] };
  /** The gradient's numbers per wrt variable, column-major: views of `gradientVec`. */
  readonly gradient: ReadonlyMap<string, Mat>;
  /** The same numbers stacked in vec order (the columns of J). */
  readonly gradientVec: Float64Array;
  readonly seed: number;
  /** What the failed formulas are called: the output's and the loss's names as printed (`ℓ` beside the user's L). */
  readonly names: { readonly output: string; readonly loss: string };
}

const mark = (maxRelError: number): FormulaCheck => ({ passed: maxRelError <= CHECK_TOLERANCE, maxRelError });

/** The values of the wrt variables as the parts of one vector, and the values with such a vector put back. */
function packing(c: CheckContext, values: ReadonlyMap<string, Mat>, names: readonly string[]) {
  const parts = names.map((w) => values.get(w) as Mat);
  const at = parts.map((v) => v.data);
  const unpack = (x: Float64Array): Map<string, Mat> => {
    const moved = new Map(values);
    let o = 0;
    names.forEach((w, i) => {
      const v = parts[i] as Mat;
      moved.set(w, mat(v.rows, v.cols, x.subarray(o, o + v.data.length)));
      o += v.data.length;
    });
    return moved;
  };
  const moved = new Set(names);
  return { at, unpack, scalarAt: (root: Expr) => (x: Float64Array) => extended(c.ev, unpack(x), moved).value(root).data[0] as number };
}

/** The printed product L [R₁, R₂, …], an operator like J: never a formed matrix. */
function printedJ(c: CheckContext): LinOp {
  const row = c.factored.rest.length === 1 ? (c.factored.rest[0] as LinOp) : new HCat([...c.factored.rest]);
  return c.factored.common.length ? new Product([...c.factored.common, row]) : row;
}

/**
 * The printed J against the blocks along a few random directions v: P v against J v, the
 * Jacobian check's own when it drew them (at 2048² each v is four million entries). Entry by
 * entry would be a dense J; a direction uniform in [−1, 1]ⁿ misses a nonzero P − J only with
 * probability 0, so even one wrong entry fails, under the same tolerance.
 */
function factoredError(c: CheckContext, samples: readonly Sample[]): number {
  const J = c.blocks.length === 1 ? (c.blocks[0] as LinOp) : new HCat([...c.blocks]);
  const error = (jv: Float64Array, pv: Float64Array) => valueError(mat(jv.length, 1, jv), mat(pv.length, 1, pv));
  if (samples.length) return samples.reduce((m, { jv, pv }) => Math.max(m, pv ? error(jv, pv) : Infinity), 0);
  const printed = printedJ(c);
  let worst = 0;
  for (const v of directions(J.cols, DIRECTIONS, c.seed)) worst = Math.max(worst, error(J.matvec(v), printed.matvec(v)));
  return worst;
}

/** Above this many entries a gradient formula is compared along random directions, not whole. */
const WHOLE_ENTRIES = 1 << 16;

/**
 * A printed gradient formula against the numbers G it stands for: whole when G is small; else F v
 * against G v along the check's random directions, F applied product by product (timesVector.ts)
 * so that δxᵀ is never formed. A direction uniform in [−1, 1]ⁿ misses a nonzero F − G only with
 * probability 0, so one wrong entry still fails. A formula that cannot be evaluated (a singular
 * inverse) or has another size is a failed one.
 */
export function formulaError(e: Expr, ev: EvalCtx, G: Mat, seed: number): number {
  try {
    if (G.rows * G.cols <= WHOLE_ENTRIES) return valueError(ev.value(e), G);
    const s = sizeOf(e, ev);
    if (s.rows === 1 && s.cols === 1) return valueError(ev.value(e), G);
    if (s.rows !== G.rows || s.cols !== G.cols) return Infinity;
    let worst = 0;
    for (const v of directions(G.cols, DIRECTIONS, seed)) worst = Math.max(worst, valueError(timesRight(e, mat(v.length, 1, v), ev), matvec(G, v)));
    return worst;
  } catch {
    return Infinity;
  }
}

/** The evaluator of the gradient formulas: each δ bound to the value of its own formula first. */
function formulaValues(c: CheckContext): { ev: EvalCtx; bound: Map<string, Mat> } {
  const bound = new Map<string, Mat>();
  const ev = extended(c.ev, bound, new Set(c.forms.definitions.map((d) => d.name)));
  for (const d of c.forms.definitions) {
    try {
      bound.set(d.name, ev.value(d.expr));
    } catch {
      // a δ that cannot be evaluated fails its own check, and the formulas that use it theirs
    }
  }
  return { ev, bound };
}

/** Each δ against central differences of L with the argument of its nonlinearity set free. */
function deltaErrors(c: CheckContext, bound: ReadonlyMap<string, Mat>): number[] {
  return c.forms.definitions.map((d, k) => {
    const delta = bound.get(d.name);
    if (!delta) return Infinity;
    const free = '\u0000δ';
    const z = c.ev.value(d.at.arg);
    const cut = replaceNode(c.plan.scalar, d.at, { ...d.at, arg: { kind: 'var', name: free, range: d.at.range } } as Expr);
    const values = new Map(c.values).set(free, z);
    const { at, scalarAt } = packing(c, values, [free]);
    if (delta.rows !== z.rows || delta.cols !== z.cols) return Infinity;
    return gradientCheck(scalarAt(cut), at, delta.data, c.seed + 17 * k);
  });
}

/** L as a function of F's values when L reaches the variables through F alone (½‖y − t‖²,
 *  −tᵀ log softmax(y), ⟨g, y⟩, a loss written in y and t); undefined when it mentions them elsewhere. */
function lossOfOutput(c: CheckContext): ((F: ArrayLike<number>) => number) | undefined {
  if (c.plan.loss.kind === 'output') return undefined;
  const F = '\u0000F';
  const cut = replaceNode(c.plan.scalar, c.output, { kind: 'var', name: F, range: c.output.range });
  const reads = new Set<string>();
  visitOnce([cut], (e) => e.kind === 'var' && reads.add(e.name)); // through definitions
  if (c.wrt.some((w) => reads.has(w))) return undefined;
  const y = c.ev.value(c.output);
  const bound = new Set([F]);
  return (values) => extended(c.ev, new Map([[F, mat(y.rows, y.cols, Float64Array.from(values))]]), bound).value(cut).data[0] as number;
}

export function checkShown(c: CheckContext, forward: (x: Float64Array) => Mat): ShownChecks {
  const { at, scalarAt } = packing(c, c.values, c.wrt);
  const loss = lossOfOutput(c);
  const flat = c.gradientVec;
  const jac: JacobianCheck = finiteDifferenceCheck({ blocks: c.blocks, forward, at, seed: c.seed, gradient: flat, printed: printedJ(c), ...(loss ? { loss } : {}) });
  // the evaluations of F along the Jacobian's random directions give L's differences as well:
  // L = F (a scalar output), or a loss of F alone
  const reused = jac.method !== 'directions' ? Infinity : gradientFromSamples(jac.samples, c.plan.loss.kind === 'output' ? 'F' : 'loss');
  // a disagreement there is settled by the check that refines its differences
  const gradientError = reused <= CHECK_TOLERANCE ? reused : gradientCheck(scalarAt(c.plan.scalar), at, flat, c.seed);
  const { ev, bound } = formulaValues(c);
  const gradient = Object.fromEntries(c.wrt.map((w, i) => {
    const error = formulaError(c.forms.perVariable.get(w) as Expr, ev, c.gradient.get(w) as Mat, c.seed + 31 * i);
    return [w, mark(Math.max(error, gradientError))];
  }));
  const definitions = deltaErrors(c, bound).map(mark);
  const blocks = jac.perBlock.map(mark);
  const jacobian = mark(Math.max(factoredError(c, jac.samples), jac.maxRelError));
  const named: Array<[string, FormulaCheck]> = [
    ['J', jacobian], ...blocks.map((b, i): [string, FormulaCheck] => [`∂${c.names.output}/∂${c.wrt[i]}`, b]),
    ...Object.entries(gradient).map(([w, g]): [string, FormulaCheck] => [`∂${c.names.loss}/∂${w}`, g]),
    ...definitions.map((d, i): [string, FormulaCheck] => [c.forms.definitions[i]?.name ?? 'δ', d]),
  ];
  const pytorch = c.rows && rowFormCheck(c, c.rows);
  if (pytorch) named.push(['PyTorch .grad', pytorch]);
  const failed = named.filter(([, f]) => !f.passed).map(([n]) => n);
  const gradientMark = mark(gradientError);
  return {
    check: {
      maxRelError: jac.maxRelError,
      method: jac.method,
      count: jac.count,
      passed: jac.maxRelError <= CHECK_TOLERANCE && gradientMark.passed && failed.length === 0,
      tolerance: CHECK_TOLERANCE,
      gradient: { ...gradientMark, count: reused <= CHECK_TOLERANCE ? jac.samples.length : DIRECTIONS },
      formulas: { checked: named.length, failed },
    },
    jacobian, blocks, gradient, definitions, ...(pytorch ? { pytorch } : {}),
  };
}

/**
 * The row form on the rows' values (a column vector's numbers are its row's), each δ bound from
 * its own row formula, against the gradient's numbers (a vector parameter's as a row).
 */
function rowFormCheck(c: CheckContext, rows: RowForms): FormulaCheck {
  const asRow = (m: Mat): Mat => (m.cols === 1 && m.rows !== 1 ? mat(1, m.rows, m.data) : m);
  const bound = new Map([...c.values].map(([k, v]) => [k, asRow(v)]));
  try {
    for (const d of rows.definitions) if (!d.shared) bound.set(d.name, evaluator(bound, c.ev.size).value(d.expr));
    return mark(c.wrt.reduce((worst, w, i) => {
      const e = rows.perVariable.get(w);
      return e ? Math.max(worst, formulaError(e, evaluator(bound, c.ev.size), asRow(c.gradient.get(w) as Mat), c.seed + 31 * i)) : worst;
    }, 0));
  } catch {
    return mark(Infinity); // a row formula that does not evaluate is a wrong one
  }
}

/** `root` with the node `from` replaced by `to`, through definitions (refs); shared nodes stay shared. */
export function replaceNode(root: Expr, from: Expr, to: Expr): Expr {
  const memo = new Map<Expr, Expr>();
  const go = (e: Expr): Expr => {
    if (e === from) return to;
    let out = memo.get(e);
    if (!out) {
      out = mapChildren(e, go);
      memo.set(e, out);
    }
    return out;
  };
  return go(root);
}
