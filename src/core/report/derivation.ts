// The derivation step by step, as a textbook writes it: the function of its parameters, one
// step per rule applied (the identity, its source, and the actual sub-expressions in place),
// the joint linear map at every join, the chain rule to the Kronecker form, the loss by the
// chain rule, the transpose, and the gradient read backwards from the vec identity.

import type { AnalysisOk, DerivationStep, Formula } from '../analysis';
import type { Expr } from '../ast';
import { transposeE } from '../ast/build';
import { children } from '../ast/walk';
import { BACKWARDS, CHAIN, IDENTITIES } from '../calculus/identities';
import { differentiate, factorBlocks, type Blocks } from '../calculus/jacobian';
import type { Prepared } from '../prepare';
import { partial } from '../present/labels';
import type { Renderer } from '../present/renderer';
import { LATEX, UNICODE } from '../present/style';
import type { Shape } from '../shape/rules';
import type { GradientPlan } from './gradient';
import { transposedJacobian, upstream } from './conventions';
import { localDifferential, type Local } from './localDifferential';

const step = (note: string, f: Formula, extra: Partial<DerivationStep> = {}): DerivationStep => ({ note, ...f, ...extra });
const join = (fs: readonly Formula[], latexSep: string, unicodeSep: string): Formula => ({
  latex: fs.map((f) => f.latex).join(latexSep), unicode: fs.map((f) => f.unicode).join(unicodeSep),
});

/** Nodes below the output (through named steps) before their parents, each once. */
function postOrder(root: Expr): Expr[] {
  const seen = new Set<Expr>();
  const out: Expr[] = [];
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    children(e).forEach(visit);
    out.push(e);
  };
  visit(root);
  return out;
}

type Part = Pick<AnalysisOk, 'definition' | 'jacobian' | 'gradient' | 'gradientDefinitions'>;

export function derivation(p: Prepared, b: Blocks, a: Part, plan: GradientPlan, r: Renderer): DerivationStep[] {
  const wrt = p.wrt.map((w) => r.name(w));
  const f = { latex: `f(${wrt.map((w) => w.latex).join(', ')})`, unicode: `f(${wrt.map((w) => w.unicode).join(', ')})` };
  const steps: DerivationStep[] = [step('the function of its parameters', p.linked.steps.length === 1 && !p.linked.outputName ? join([f, a.definition], ' = ', ' = ') : a.definition)];
  const shapes = p.variables.map((v) => join([r.name(v), r.space(p.shapes.vars.get(v) as Shape)], ' \\in ', ' ∈ '));
  steps.push(step('shapes', join(shapes, ',\\; ', ', ')));
  steps.push(...ruleSteps(p, r));
  for (const { name: _name, ...d } of a.jacobian.where ?? []) steps.push(step('a repeated sub-expression, named once', d));
  steps.push(step('the chain rule through every step: the Kronecker form', { latex: `J = ${a.jacobian.latex}`, unicode: `J = ${a.jacobian.unicode}` }));
  steps.push(...gradientSteps(p, b, a, plan, r));
  return steps;
}

/** Rule steps shown at most. Each is printed, and a joint map differentiated again, so a generated
 *  chain of hundreds of products made hundreds of ever longer steps (cubic time); the innermost
 *  come first, so the steps shown are the short ones. */
export const MAX_RULE_STEPS = 60;

/** A cited identity's commutation matrix K_{m,n} under the name the formulas give it (P beside the user's K). */
const commutationAs = (f: Formula, name: string): Formula => ({ latex: f.latex.replace(/K_\{/g, `${name}_{`), unicode: f.unicode.replace(/K_\{/g, `${name}_{`) });

/** One step per rule applied, and the joint linear map wherever two paths to the parameters meet. */
function ruleSteps(p: Prepared, r: Renderer): DerivationStep[] {
  const local: Local = localDifferential(p);
  const steps: DerivationStep[] = [];
  for (const e of postOrder(p.linked.output)) {
    if (steps.length >= MAX_RULE_STEPS) {
      steps.push(step(`the remaining steps apply the same rules (the first ${MAX_RULE_STEPS} are shown)`, { latex: '\\dots', unicode: '…' }));
      break;
    }
    const terms = local.terms(e);
    const identity = IDENTITIES[e.kind];
    if (!terms || !identity) continue;
    steps.push(step(identity.note, local.render(e, terms, r), { rule: commutationAs(identity.rule, r.symbols.commutation), source: identity.source }));
    if (terms.length > 1 && e !== p.linked.output && !(p.linked.output.kind === 'ref' && p.linked.output.def === e)) {
      const b = differentiate(e, p.wrt, p.shapes);
      const { common, rest } = factorBlocks(b);
      const lhs = local.partial(e, r);
      steps.push(step('the joint linear map in the parameters', join([lhs, r.factored(common, rest)], ' = ', ' = ')));
    }
  }
  return steps;
}

function gradientSteps(p: Prepared, b: Blocks, a: Part, plan: GradientPlan, r: Renderer): DerivationStep[] {
  if (!a.gradient) return [];
  const L = r.name(p.names.loss);
  const steps: DerivationStep[] = [];
  const scalarOutput = plan.loss.kind === 'output';
  const seedT = r.expr(transposeE(plan.seed));
  if (!scalarOutput) {
    const y = r.name(p.linked.outputName ?? p.names.output);
    const row = plan.loss.kind === 'custom' ? { latex: `\\ell'(${y.latex})`, unicode: `ℓ′(${y.unicode})` } : seedT;
    steps.push(step(CHAIN.note, { latex: `\\mathrm{D}${L.latex} = ${row.latex}\\, J`, unicode: `D${L.unicode} = ${row.unicode} J` }, { rule: CHAIN.rule, source: CHAIN.source }));
  }
  const g = upstream(plan, r);
  const lhs = { latex: `\\nabla ${L.latex} = J^\\top ${g.latex}`.trimEnd(), unicode: `∇${L.unicode} = Jᵀ ${g.unicode}`.trimEnd() };
  steps.push(step(`the gradient is the transpose of D${L.unicode} (denominator layout)`, join([lhs, transposedJacobian(b, g, r)], ' = ', ' = ')));
  for (const { shared, name: _name, ...d } of a.gradientDefinitions ?? []) {
    steps.push(step(shared ? 'a repeated sub-expression, named once' : 'the backpropagated error, named once', d));
  }
  const forms = Object.entries(a.gradient).map(([w, grad]) => {
    const n = r.name(w);
    return { latex: `${partial(L.latex, n.latex, LATEX)} = ${grad.latex}`, unicode: `${partial(L.unicode, n.unicode, UNICODE)} = ${grad.unicode}` };
  });
  steps.push(step(BACKWARDS.note, join(forms, ',\\quad ', ',  '), { rule: BACKWARDS.rule, source: BACKWARDS.source }));
  return steps;
}
