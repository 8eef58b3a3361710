// A derivation a reader can follow: the definition, the identities used, each block, the
// factored Jacobian and the gradient read backwards from the vec identity.

import type { AnalysisOk, DerivationStep, Formula } from '../analysis';
import type { Expr } from '../ast';
import { children } from '../ast/walk';
import { IDENTITIES } from '../calculus/identities';
import type { Prepared } from '../prepare';
import type { Renderer } from '../render';
import type { Shape } from '../shape/rules';

function kindsUsed(root: Expr): Set<Expr['kind']> {
  const kinds = new Set<Expr['kind']>();
  const seen = new Set<Expr>();
  const visit = (e: Expr) => {
    if (seen.has(e)) return;
    seen.add(e);
    kinds.add(e.kind);
    children(e).forEach(visit);
  };
  visit(root);
  return kinds;
}

const step = (note: string, f: Formula): DerivationStep => ({ note, ...f });

export function derivation(p: Prepared, a: Pick<AnalysisOk, 'definition' | 'jacobian' | 'gradient' | 'gradientDefinitions'>, r: Renderer): DerivationStep[] {
  const steps: DerivationStep[] = [step('definition', a.definition)];
  const shapes = p.variables.map((v) => {
    const n = r.name(v);
    const s = r.space(p.shapes.vars.get(v) as Shape);
    return { latex: `${n.latex} \\in ${s.latex}`, unicode: `${n.unicode} ∈ ${s.unicode}` };
  });
  steps.push(step('shapes', { latex: shapes.map((s) => s.latex).join(',\\; '), unicode: shapes.map((s) => s.unicode).join(', ') }));
  for (const kind of kindsUsed(p.linked.output)) {
    const id = IDENTITIES[kind];
    if (id) steps.push(id);
  }
  const y = r.name(p.linked.outputName ?? 'y');
  for (const b of a.jacobian.blocks) {
    const w = r.name(b.wrt);
    steps.push(step(`block for ${b.wrt}`, {
      latex: `\\frac{\\partial \\operatorname{vec} ${y.latex}}{\\partial \\operatorname{vec} ${w.latex}} = ${b.latex}`,
      unicode: `∂ vec ${y.unicode} / ∂ vec ${w.unicode} = ${b.unicode}`,
    }));
  }
  steps.push(step('common left factors out: the Kronecker form', { latex: `J = ${a.jacobian.latex}`, unicode: `J = ${a.jacobian.unicode}` }));
  for (const d of a.gradientDefinitions ?? []) steps.push(step('backpropagated error', d));
  for (const [w, g] of Object.entries(a.gradient ?? {})) {
    const n = r.name(w);
    steps.push(step(`gradient: read vec(AXB) = (Bᵀ ⊗ A) vec X backwards`, {
      latex: `\\frac{\\partial L}{\\partial ${n.latex}} = ${g.latex}`,
      unicode: `∂L/∂${n.unicode} = ${g.unicode}`,
    }));
  }
  return steps;
}
