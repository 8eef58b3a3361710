// The numeric half of an Analysis: values, the forward pass, the structured Jacobian, its
// finite-difference check and the gradient as a vector–Jacobian product (never a formed J).

import type { AnalysisOk, AnalyzeOptions, GradientInfo } from '../analysis';
import type { Dim, Expr } from '../ast';
import type { GradientForms } from '../calculus/gradient';
import { differentiate, factorBlocks, type Blocks } from '../calculus/jacobian';
import { checkCost } from '../numeric/cost';
import { evaluator, extended, type EvalCtx } from '../numeric/evaluate';
import { checkKinks } from '../numeric/kinks';
import { toLinOp } from '../numeric/linops';
import { mat, toRowMajor, type Mat } from '../numeric/matrix';
import { needs, nestedValue, randomValue } from '../numeric/values';
import type { Prepared } from '../prepare';
import { constPoly, constValue, poly, substitute, symbolsOf, type Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';
import { HCat, toCOO, type LinOp } from '../sparse';
import { checkShown, type ShownChecks } from './checks';
import type { RowForms } from './rowForm';
import type { GradientPlan } from './gradient';

// The first symbol (rows, by reading order) is the largest, so X m×n has full column rank: XᵀX is
// invertible for least squares and log det(XᵀX).
const DEFAULT_SIZES = [4, 3, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const DEFAULT_DENSE_LIMIT = 1e6;

export interface Numbers {
  readonly numbers: NonNullable<AnalysisOk['numbers']>;
  readonly checks: ShownChecks;
  readonly nnz: number;
  /** Each block's stored entries, counted on its operator (the symbolic count is a bound). */
  readonly blockNnz: readonly number[];
  readonly bytes: number;
  readonly values?: NonNullable<AnalysisOk['jacobian']['values']>;
  readonly gradient: Record<string, GradientInfo['values']>;
  readonly notes: string[];
}

/** Numbers for symbolic sizes: the chosen ones, said in a note. */
export function sizer(p: Prepared, notes: string[]): (d: Dim | Poly) => number {
  const syms = [...new Set([...p.shapes.vars.values()].flatMap((s) => [...symbolsOf(s.rows), ...symbolsOf(s.cols)]))];
  const chosen = new Map(syms.map((s, i) => [s, DEFAULT_SIZES[i % DEFAULT_SIZES.length] as number]));
  if (chosen.size) notes.push(`No sizes were given, so the numbers use ${[...chosen].map(([s, n]) => `${s} = ${n}`).join(', ')}.`);
  return (d) => {
    const v = constValue(substitute(typeof d === 'object' ? d : poly(d), (s) => constPoly(chosen.get(s) ?? 1)));
    if (v === undefined) throw new Error('sizes are numbers once symbols are chosen');
    return v;
  };
}

function inputValues(p: Prepared, plan: GradientPlan, options: AnalyzeOptions, size: (d: Poly) => number): Map<string, Mat> {
  const need = needs([p.linked.output, plan.target]);
  const seed = options.seed ?? 0;
  const values = new Map<string, Mat>();
  const all: Array<[string, Shape]> = [...p.variables.map((v): [string, Shape] => [v, p.shapes.vars.get(v) as Shape]), ...plan.extra];
  for (const [name, s] of all) {
    const user = p.userValues.get(name);
    const random = randomValue(name, size(s.rows), size(s.cols), seed, need.get(name) ?? 'any');
    values.set(name, user ?? (p.indices.has(name) ? oneHotRows(random) : random));
  }
  const target = [...plan.extra.keys()][0];
  if (plan.loss.kind === 'xent' && target && !p.userValues.has(target)) values.set(target, oneHot(values.get(target) as Mat, seed));
  return values;
}

/** The one-hot matrix of indices: each row a 1 where its random row is largest (a seeded index). */
function oneHotRows(r: Mat): Mat {
  const out = mat(r.rows, r.cols);
  for (let i = 0; i < r.rows; i++) {
    let best = 0;
    for (let j = 1; j < r.cols; j++) if ((r.data[i + j * r.rows] as number) > (r.data[i + best * r.rows] as number)) best = j;
    out.data[i + best * r.rows] = 1;
  }
  return out;
}

/** A cross-entropy target is a distribution: one-hot at a seeded class unless given. */
function oneHot(t: Mat, seed: number): Mat {
  const out = mat(t.rows, t.cols);
  out.data[Math.abs(seed) % out.data.length] = 1;
  return out;
}

const joined = (ops: LinOp[]): LinOp => (ops.length === 1 ? (ops[0] as LinOp) : new HCat(ops));

/** Jᵀ seed in vec order, and per wrt variable in its own shape (column-major views of it). */
function gradientValues(p: Prepared, plan: GradientPlan, J: LinOp, ev: EvalCtx): { vec: Float64Array; perVariable: Map<string, Mat> } {
  const targetJ = plan.target === p.linked.output ? J : joined(differentiate(plan.target, p.wrt, p.shapes).blocks.map((o) => toLinOp(o, ev)));
  const g = ev.value(plan.seed).data;
  const upstream = g.length === targetJ.rows ? g : new Float64Array(targetJ.rows).fill(g[0] as number);
  const flat = targetJ.rmatvec(upstream);
  const out = new Map<string, Mat>();
  let at = 0;
  for (const w of p.wrt) {
    const v = ev.variable(w);
    out.set(w, mat(v.rows, v.cols, flat.subarray(at, at + v.data.length)));
    at += v.data.length;
  }
  return { vec: flat, perVariable: out };
}

/** The cost model, before any value is allocated (see numeric/cost.ts). */
function checkBudget(p: Prepared, blocks: Blocks, plan: GradientPlan, forms: GradientForms, options: AnalyzeOptions,
  size: (d: Poly) => number): void {
  const inputs: Array<[string, Shape]> = [...p.variables.map((v): [string, Shape] => [v, p.shapes.vars.get(v) as Shape]), ...plan.extra];
  const describe = (dims: (d: Poly) => number): string =>
    inputs.map(([n, s]) => `${n} ${dims(s.rows)}${dims(s.cols) === 1 ? '' : `×${dims(s.cols)}`}`).join(', ');
  checkCost({
    output: p.linked.output,
    scalar: plan.scalar,
    once: [plan.target, plan.seed],
    formulas: [...forms.perVariable.values(), ...forms.definitions.map((d) => d.expr)],
    deltas: forms.definitions.length,
    reuses: plan.loss.kind === 'output',
    printed: options.printsNumbers === true,
    inputs: inputs.map(([, s]) => s),
    shapeOf: (e: Expr) => p.shapes.shape(e),
    blocks: blocks.blocks,
    ops: blocks.ops,
  }, size, describe, p.linked.output.range);
}

export function computeNumbers(p: Prepared, blocks: Blocks, plan: GradientPlan, forms: GradientForms, rows: RowForms | undefined,
  options: AnalyzeOptions): Numbers {
  const notes: string[] = [];
  const size = sizer(p, notes);
  checkBudget(p, blocks, plan, forms, options, size);
  const values = inputValues(p, plan, options, size);
  const ev = evaluator(values, size);
  notes.push(...checkKinks([p.linked.output, plan.target], p.wrt, ev));
  const output = ev.value(p.linked.output);
  const blockOps = blocks.blocks.map((o) => toLinOp(o, ev));
  const J = joined(blockOps);
  const limit = options.denseLimit ?? DEFAULT_DENSE_LIMIT;
  // when even a dense J would be under the limit, its CSR is formed once and counted
  let coo = J.rows * J.cols <= limit ? toCOO(J, true) : undefined;
  const nnz = coo ? coo.vals.length : J.nnz();
  if (!coo && nnz <= limit) coo = toCOO(J, true);
  else if (!coo) notes.push(`The Jacobian has ${nnz} stored entries, more than the display limit ${limit}: its values are not listed.`);
  const wrtValues = p.wrt.map((w) => values.get(w) as Mat);
  const wrtNames = new Set(p.wrt);
  const forward = (x: Float64Array): Mat => {
    const moved = new Map<string, Mat>();
    let o = 0;
    for (const [i, w] of p.wrt.entries()) {
      const v = wrtValues[i] as Mat;
      moved.set(w, mat(v.rows, v.cols, x.subarray(o, o + v.data.length)));
      o += v.data.length;
    }
    return extended(ev, moved, wrtNames).value(p.linked.output);
  };
  const { common, rest } = factorBlocks(blocks);
  const { vec: gradientVec, perVariable: gradient } = gradientValues(p, plan, J, ev);
  const checks = checkShown({
    wrt: p.wrt, output: p.linked.output, plan, forms, rows, values, ev, blocks: blockOps, gradient, gradientVec, seed: options.seed ?? 0,
    names: { output: p.linked.outputName ?? p.names.output, loss: p.names.loss },
    factored: { common: common.map((o) => toLinOp(o, ev)), rest: rest.map((o) => toLinOp(o, ev)) },
  }, forward);
  const inputs = Object.fromEntries([...values].map(([k, v]) => [k, { shape: [v.rows, v.cols] as [number, number], data: toRowMajor(v) }]));
  return {
    numbers: { seed: options.seed ?? 0, inputs, output: { shape: [output.rows, output.cols], data: toRowMajor(output) } },
    checks,
    nnz,
    blockNnz: blockOps.map((b) => b.nnz()),
    bytes: J.bytes(),
    values: coo,
    gradient: Object.fromEntries([...gradient].map(([w, g]) => [w, nestedValue(g)])),
    notes,
  };
}
