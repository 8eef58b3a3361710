// One rule's differential with the actual sub-expressions in place: d vec(Wx) = (xᵀ ⊗ I₃) d vec W.
// The forward rule of the node runs with each child's Jacobian replaced by "d vec(child)" (an
// identity under the child's own key), so the local operators are the rule's own, simplified.

import type { Formula } from '../analysis';
import type { Expr } from '../ast';
import { children } from '../ast/walk';
import { OpAlgebra, type Op } from '../calculus/ops';
import { jacobianRule, type Jac, type JacCtx } from '../calculus/rules';
import type { Prepared } from '../prepare';
import type { Renderer } from '../present/renderer';
import { isOne, mulPoly } from '../shape/dim';

export interface Local {
  /** (child, operator) pairs of d vec(e) = Σ opₖ d vec(childₖ); undefined for leaves and constants. */
  terms(e: Expr): Array<[Expr, Op]> | undefined;
  render(e: Expr, terms: ReadonlyArray<[Expr, Op]>, r: Renderer): Formula;
  /** ∂ vec(e) / ∂[vec W; b]. */
  partial(e: Expr, r: Renderer): Formula;
}

const LEAVES = new Set<Expr['kind']>(['var', 'num', 'ones', 'eye', 'ref']);

/** Terms added up: a negated one after the first is subtracted (xᵀ d vec(−tᵀ) − tᵀ dx, never + −tᵀ dx). */
const sumText = (terms: readonly string[], minus: string): string =>
  terms.map((t, i) => (i === 0 ? t : t.startsWith(minus) ? ` ${minus} ${t.slice(minus.length)}` : ` + ${t}`)).join('');

export function localDifferential(p: Prepared): Local {
  const shape = (e: Expr) => p.shapes.shape(e);
  const ops = new OpAlgebra(shape);
  const wrt = new Set(p.wrt);
  const memo = new Map<Expr, boolean>();
  const depends = (e: Expr): boolean => {
    let d = memo.get(e);
    if (d === undefined) {
      d = e.kind === 'var' ? wrt.has(e.name) : children(e).some(depends);
      memo.set(e, d);
    }
    return d;
  };
  const isVector = (e: Expr) => isOne(shape(e).cols);
  const d = (e: Expr, r: Renderer): Formula => {
    const t = r.expr(e);
    const atom = e.kind === 'var' || e.kind === 'ref';
    if (isVector(e)) return atom ? { latex: `d${t.latex}`, unicode: `d${t.unicode}` } : { latex: `d(${t.latex})`, unicode: `d(${t.unicode})` };
    return atom ? { latex: `d\\operatorname{vec} ${t.latex}`, unicode: `d vec ${t.unicode}` } : { latex: `d\\operatorname{vec}(${t.latex})`, unicode: `d vec(${t.unicode})` };
  };
  const term = (o: Op, child: Expr, r: Renderer): Formula => {
    const dc = d(child, r);
    if (o.op === 'identity') return dc;
    const t = r.op(o);
    const wrap = o.op === 'sum' || o.op === 'kron' || o.op === 'scale';
    return { latex: `${wrap ? `(${t.latex})` : t.latex}\\, ${dc.latex}`, unicode: `${wrap ? `(${t.unicode})` : t.unicode} ${dc.unicode}` };
  };
  return {
    terms(e) {
      if (LEAVES.has(e.kind) || !depends(e)) return undefined;
      const keyOf = new Map<Expr, string>();
      const byKey = new Map<string, Expr>();
      const ctx: JacCtx = {
        ops, wrt, shape,
        isScalar: (x) => isOne(shape(x).rows) && isOne(shape(x).cols),
        jac(child): Jac {
          if (!depends(child)) return new Map();
          let k = keyOf.get(child);
          if (!k) (k = `#${keyOf.size}`), keyOf.set(child, k), byKey.set(k, child);
          const s = shape(child);
          return new Map([[k, ops.identity(mulPoly(s.rows, s.cols))]]);
        },
      };
      return [...jacobianRule(e, ctx)].map(([k, o]) => [byKey.get(k) as Expr, o]);
    },
    render(e, terms, r) {
      const rhs = terms.map(([c, o]) => term(o, c, r));
      const lhs = d(e, r);
      return { latex: `${lhs.latex} = ${sumText(rhs.map((t) => t.latex), '-')}`, unicode: `${lhs.unicode} = ${sumText(rhs.map((t) => t.unicode), '−')}` };
    },
    partial(e, r) {
      const t = r.expr(e);
      const ws = p.wrt.map((w) => ({ w: r.name(w), vec: !isOne((p.shapes.vars.get(w) ?? shape(e)).cols) }));
      const den = { latex: ws.map(({ w, vec }) => (vec ? `\\operatorname{vec} ${w.latex}` : w.latex)).join('; '), unicode: ws.map(({ w, vec }) => (vec ? `vec ${w.unicode}` : w.unicode)).join('; ') };
      const num = isVector(e) ? { latex: `(${t.latex})`, unicode: `(${t.unicode})` } : { latex: `\\operatorname{vec}(${t.latex})`, unicode: `vec(${t.unicode})` };
      return { latex: `\\frac{\\partial ${num.latex}}{\\partial [${den.latex}]}`, unicode: `∂${num.unicode} / ∂[${den.unicode}]` };
    },
  };
}
