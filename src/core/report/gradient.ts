// Which scalar is differentiated (the output itself, or a loss of it) and its gradient in
// matrix form per variable: ∂L/∂W = δ xᵀ, ∂L/∂b = δ, with δ = σ′(z) ⊙ g.

import { UserError, type Expr, type ExprOf } from '../ast';
import type { AnalysisOk, AnalyzeOptions, Formula, LossInfo } from '../analysis';
import { applyE, epowE, hadamardE, mulE, negE, num, ones, softmaxE, subE, sumE, varE } from '../ast/build';
import { substituteVars } from '../ast/substitute';
import { parseExpression } from '../notations/math/mathjs';
import type { Prepared } from '../prepare';
import { partial } from '../present/labels';
import { EQ, Renderer } from '../present/renderer';
import { LATEX, UNICODE } from '../present/style';
import { dimOf, isOne } from '../shape/dim';
import type { Shape } from '../shape/rules';
import { definitionsInOrder, type SharedForms } from './share';
import { shapeJSON } from './symbolic';
import { setOwn } from '../keys';

export interface GradientPlan {
  /** The scalar (or, with `seed`, the vector–Jacobian product) being differentiated. */
  readonly target: Expr;
  /** Adjoint of `target`: 1 for a scalar, g or ∇ℓ(y) for a vector output. */
  readonly seed: Expr;
  /** The scalar L itself (⟨g, y⟩ for a generic loss): what the gradient check differentiates. */
  readonly scalar: Expr;
  readonly loss: LossInfo;
  /** Variables the loss adds (target t, upstream g), with their shapes. */
  readonly extra: ReadonlyMap<string, Shape>;
}

/** The output as a name: its own ref, or y (y2 when the user has a y) standing for an unnamed output. */
export function outputRef(p: Prepared): ExprOf<'ref'> {
  const o = p.linked.output;
  return o.kind === 'ref' ? o : { kind: 'ref', name: p.linked.outputName ?? p.names.output, def: o, range: o.range };
}

/** The plan for the loss asked for; the inputs it adds (t, g) join the shape table here and nowhere else. */
export function planGradient(p: Prepared, options: Pick<AnalyzeOptions, 'loss' | 'defaultLoss'>, r: Renderer): GradientPlan {
  const plan = choosePlan(p, options, r);
  p.shapes.addInputs(plan.extra);
  return plan;
}

function choosePlan(p: Prepared, options: Pick<AnalyzeOptions, 'loss' | 'defaultLoss'>, r: Renderer): GradientPlan {
  const output = p.linked.output;
  const outShape = p.shapes.shape(output);
  const y = outputRef(p);
  const yName = y.name;
  const scalar = isOne(outShape.rows) && isOne(outShape.cols);
  const lossOption = options.loss ?? (scalar || !options.defaultLoss ? undefined : options.defaultLoss);
  const loss = (kind: LossInfo['kind'], f: Formula, upstream?: string): LossInfo => ({ kind, ...f, upstream });
  const L = r.name(p.names.loss);
  if (scalar && !lossOption) {
    // L = f names the output; an output that is L itself, or unnamed, is spelled out (never L = L)
    const named = p.linked.outputName !== undefined && p.linked.outputName !== p.names.loss;
    const value = r.expr(named ? y : output.kind === 'ref' ? output.def : output);
    return { target: output, seed: { kind: 'num', value: 1, range: output.range }, scalar: output, extra: new Map(), loss: loss('output', Renderer.relation(L, EQ, value)) };
  }
  const t = p.names.target;
  const extra = new Map<string, Shape>([[t, outShape]]);
  const yl = r.name(yName);
  const tl = r.name(t);
  switch (lossOption ?? 'generic') {
    case 'generic': {
      const g = p.names.upstream;
      return {
        target: output, seed: varE(g), scalar: sumE(hadamardE(varE(g), y)), extra: new Map([[g, outShape]]),
        loss: loss('generic', Renderer.relation(r.name(g), EQ, { latex: partial(L.latex, yl.latex, LATEX), unicode: partial(L.unicode, yl.unicode, UNICODE) }), g),
      };
    }
    case 'sse':
      return { target: output, seed: subE(y, varE(t)), scalar: mulE(num(0.5), sumE(epowE(subE(y, varE(t)), 2))), extra, loss: loss('sse', { latex: `${L.latex} = \\tfrac{1}{2}\\lVert ${yl.latex} - ${tl.latex} \\rVert^2`, unicode: `${L.unicode} = ½‖${yl.unicode} − ${tl.unicode}‖²` }) };
    case 'xent':
      return { target: output, seed: xentSeed(y, varE(t), outShape), scalar: negE(sumE(hadamardE(varE(t), applyE('log', softmaxE(y))))), extra, loss: loss('xent', { latex: `${L.latex} = -${tl.latex}^\\top \\log \\operatorname{softmax}(${yl.latex})`, unicode: `${L.unicode} = −${tl.unicode}ᵀ log softmax(${yl.unicode})` }) };
    default:
      return customLoss(lossOption as string, y, yName, t, extra, p, r);
  }
}

/** ∇ of −tᵀ log softmax(y) = (𝟏ᵀt) softmax(y) − t: targets need not sum to 1 (multi-label). */
function xentSeed(y: Expr, t: Expr, s: Shape): Expr {
  const total = isOne(s.cols) ? mulE(ones(1, dimOf(s.rows)), t) : sumE(t);
  return subE(mulE(total, softmaxE(y)), t);
}

/** A loss the user writes in `y` (or the output's name) and `t`, in math notation. */
function customLoss(text: string, y: Expr, yName: string, t: string, extra: Map<string, Shape>, p: Prepared, r: Renderer): GradientPlan {
  let parsed: Expr;
  try {
    parsed = parseExpression(text, 0);
  } catch (e) {
    throw e instanceof UserError ? new UserError(`in the loss: ${e.message}`, 0, 0) : e;
  }
  const isOutput = (n: string) => n === yName || (n === 'y' && !p.variables.includes('y'));
  const target = substituteVars(parsed, (v) => (isOutput(v.name) ? y : v.name === 't' ? varE(t) : undefined));
  p.shapes.addInputs(extra);
  let s: Shape;
  try {
    s = p.shapes.shape(target);
  } catch (e) {
    throw e instanceof UserError ? new UserError(`in the loss: ${e.message}`, 0, 0) : e;
  }
  if (!isOne(s.rows) || !isOne(s.cols)) throw new UserError(`the loss must be a scalar, but ${text} is ${shapeJSON(s).join('×')}`, 0, 0);
  return { target, seed: { kind: 'num', value: 1, range: target.range }, scalar: target, extra, loss: { kind: 'custom', ...Renderer.relation(r.name(p.names.loss), EQ, r.expr(target)) } };
}

export function gradientForms(p: Prepared, forms: SharedForms, r: Renderer): Pick<AnalysisOk, 'gradient' | 'gradientDefinitions'> {
  const gradient: NonNullable<AnalysisOk['gradient']> = {};
  // δ has the shape of the argument it is the gradient for; the printer asks for it
  p.shapes.addInputs(new Map(forms.definitions.map((d) => [d.name, p.shapes.shape(d.at.arg)])));
  for (const w of p.wrt) {
    const shape = shapeJSON(p.shapes.vars.get(w) as Shape);
    setOwn(gradient, w, { shape, ...r.expr(forms.perVariable.get(w) as Expr) });
  }
  const gradientDefinitions = definitionsInOrder(forms).map((d) => ({
    name: d.name,
    ...Renderer.relation(r.name(d.name), EQ, r.expr(d.expr)),
    ...(d.shared ? { shared: true } : {}),
  }));
  return { gradient, gradientDefinitions };
}
