// The result in the layouts people use (numerator, denominator, PyTorch's .grad) and what the
// same Jacobian costs other ways: dense entries and bytes, reverse- and forward-mode passes.

import type { AnalysisOk, CostInfo, Formula, LayoutsInfo } from '../analysis';
import { factorBlocks, type Blocks } from '../calculus/jacobian';
import type { Op } from '../calculus/ops';
import type { Prepared } from '../prepare';
import { EQ, Renderer } from '../present/renderer';
import { constPoly, jsonDim, mulPoly, poly } from '../shape/dim';
import type { GradientPlan } from './gradient';
import type { RowForms } from './rowForm';

const join = (fs: readonly Formula[], latexSep: string, unicodeSep: string): Formula => ({
  latex: fs.map((f) => f.latex).join(latexSep), unicode: fs.map((f) => f.unicode).join(unicodeSep),
});

/** Jᵀ g = [R₁ᵀ; R₂ᵀ] Lᵀ g for J = L [R₁, R₂]: the block row stands up, the left factors move right. */
export function transposedJacobian(b: Blocks, g: Formula, r: Renderer): Formula {
  const { common, rest } = factorBlocks(b);
  const T = (o: Op) => b.ops.transpose(o);
  const column = rest.map((o) => r.op(T(o)));
  const stack = column.length === 1
    ? column[0] as Formula
    : { latex: `\\begin{bmatrix} ${column.map((c) => c.latex).join(' \\\\ ')} \\end{bmatrix}`, unicode: `[${column.map((c) => c.unicode).join('; ')}]` };
  const wrap = (f: Formula, o: Op): Formula => (needsParens(o) ? { latex: `\\left(${f.latex}\\right)`, unicode: `(${f.unicode})` } : f);
  // a factor alone needs no parentheses: Jᵀ = −(A ⊗ B), not (−(A ⊗ B))
  const alone = common.length === 0 && column.length === 1 && g.unicode === '';
  const parts = [column.length === 1 && !alone ? wrap(stack, T(rest[0] as Op)) : stack, ...[...common].reverse().map((o) => wrap(r.op(T(o)), T(o))), g];
  return join(parts.filter((f) => f.unicode !== ''), '\\, ', ' ');
}

/** A factor that is a sum, a Kronecker product or a negation reads wrongly unbracketed in a product (A −t). */
const needsParens = (o: Op): boolean =>
  o.op === 'sum' || o.op === 'kron' || o.op === 'neg' || (o.op === 'matrix' && (o.expr.kind === 'neg' || o.expr.kind === 'add' || o.expr.kind === 'sub'));

/** The upstream vector of ∇L = Jᵀ g: g, y − t, softmax(y) − t; none for a scalar output or a custom loss. */
export function upstream(plan: GradientPlan, r: Renderer): Formula {
  if (plan.loss.kind === 'output' || plan.loss.kind === 'custom') return { latex: '', unicode: '' };
  const g = r.expr(plan.seed);
  // It follows Jᵀ as a factor: a sum or difference needs parentheses (Jᵀ (y − t), not Jᵀ y − t).
  const k = plan.seed.kind;
  return k === 'add' || k === 'sub' || k === 'neg' ? { latex: `\\left(${g.latex}\\right)`, unicode: `(${g.unicode})` } : g;
}

export function costOf(a: Pick<AnalysisOk, 'jacobian'>): CostInfo {
  const [rows, cols] = a.jacobian.shape;
  const bytes = mulPoly(poly(a.jacobian.denseCount), constPoly(8));
  return { denseEntries: a.jacobian.denseCount, denseBytes: jsonDim(bytes), vjps: rows, jvps: cols, structuredEntries: a.jacobian.nnz };
}

/** `pytorch`: the gradient in PyTorch's row form and a renderer whose shapes are the rows'. */
export function layoutsOf(p: Prepared, b: Blocks, a: Pick<AnalysisOk, 'jacobian' | 'gradient' | 'output'>, plan: GradientPlan, r: Renderer,
  pytorch: { forms: RowForms; r: Renderer }): LayoutsInfo | undefined {
  if (!a.gradient) return undefined;
  const [rows, cols] = a.jacobian.shape.map((d) => (/ /.test(String(d)) ? `(${d})` : String(d)));
  const y = r.name(p.linked.outputName ?? p.names.output);
  const L = r.name(p.names.loss);
  const den = join(p.wrt.map((w) => (isColumn(p, w) ? r.name(w) : { latex: `\\operatorname{vec} ${r.name(w).latex}`, unicode: `vec ${r.name(w).unicode}` })), '; ', '; ');
  const g = upstream(plan, r);
  const grad = (w: string, f: Formula): Formula => ({ latex: `${r.name(w).latex}.\\mathrm{grad} = ${f.latex}`, unicode: `${w}.grad = ${f.unicode}` });
  const grads = Object.entries(a.gradient).map(([w, gr]) => {
    const e = pytorch.forms.perVariable.get(w);
    return grad(w, e ? pytorch.r.expr(e) : gr);
  });
  const defs = pytorch.forms.definitions.map((d) => Renderer.relation(r.name(d.name), EQ, pytorch.r.expr(d.expr)));
  return {
    numerator: { latex: `\\frac{\\partial \\operatorname{vec} ${y.latex}}{\\partial [${den.latex}]} = ${a.jacobian.latex}`, unicode: `∂ vec ${y.unicode} / ∂[${den.unicode}] = ${a.jacobian.unicode}` },
    denominator: join([{ latex: `\\nabla ${L.latex} = J^\\top ${g.latex}`.trimEnd(), unicode: `∇${L.unicode} = Jᵀ ${g.unicode}`.trimEnd() }, transposedJacobian(b, g, r)], ' = ', ' = '),
    pytorch: join([...grads, ...defs], ',\\quad ', ',  '),
    relation: `J (numerator layout) is ${rows} × ${cols}, a row per entry of the output; the gradient (denominator layout) is its transpose applied to the upstream vector, a column of ${cols}; PyTorch keeps the same numbers as each parameter's .grad in the parameter's own shape (vec⁻¹ of its block); its activations are rows (x Wᵀ + b), so every column vector of the other two layouts is a row there, and a vector parameter's .grad is a row.`,
  };
}

const isColumn = (p: Prepared, w: string): boolean => {
  const s = p.shapes.vars.get(w);
  return !!s && jsonDim(s.cols) === 1;
};
