// Operators (I, diag, ⊗, K, products, sums) → text, and the factored block row of a Jacobian.

import type { Op } from '../calculus/ops';
import { addPoly, constPoly, constValue, formatPoly, mulPoly, type Poly } from '../shape/dim';
import { PREC, joinFactors, print, withCoefficient, wrap, type PrintCtx, type Printed } from './expr';

const at = (text: string, prec: number): Printed => ({ text, prec });
const dim = (p: Poly): string => formatPoly(p).replace(/ /g, '');

export function printOp(o: Op, c: PrintCtx): Printed {
  const s = c.style;
  switch (o.op) {
    case 'identity': return at(s.sub(c.identity, dim(o.n)), PREC.atom);
    case 'zero': return at('0', PREC.atom);
    case 'matrix': return print(o.expr, c);
    case 'diag': {
      const inner = c.isVector(o.expr) ? print(o.expr, c).text : s.fn(s.latex ? '\\operatorname{vec}' : 'vec', print(o.expr, c).text);
      return at(s.fn(s.latex ? '\\operatorname{diag}' : 'diag', inner), PREC.atom);
    }
    case 'embed': return at(embedded(o, c), PREC.atom);
    case 'commutation': return at(`${c.commutation}_{${dim(o.rows)},${dim(o.cols)}}`, PREC.atom);
    case 'kron': return at(`${wrap(printOp(o.left, c), PREC.postfix, c)}${s.op.kron}${wrap(printOp(o.right, c), PREC.postfix, c)}`, PREC.product);
    case 'product': return at(joinFactors(o.factors.map((f) => wrap(printOp(f, c), PREC.postfix, c)), c), PREC.product);
    case 'scale': {
      const arg = wrap(printOp(o.arg, c), PREC.postfix, c);
      return o.by.kind === 'num' ? withCoefficient(o.by.value, arg, c) : at(joinFactors([wrap(print(o.by, c), PREC.postfix, c), arg], c), PREC.product);
    }
    case 'neg': return at(s.op.neg + wrap(printOp(o.arg, c), o.arg.op === 'kron' ? PREC.postfix : PREC.product, c), PREC.neg);
    case 'sum': return at(o.terms.map((t, i) => sumTerm(t, i, c)).join(''), PREC.sum);
  }
}

/** [0; I_p; 0], or [0, I_p, 0] transposed; a zero block of no size is left out: [I_p; 0], [0; I_q]. */
function embedded(o: Extract<Op, { op: 'embed' }>, c: PrintCtx): string {
  const after = addPoly(o.total, mulPoly(constPoly(-1), addPoly(o.offset, o.part)));
  const items = [...(isZero(o.offset) ? [] : ['0']), c.style.sub(c.identity, dim(o.part)), ...(isZero(after) ? [] : ['0'])];
  return o.transposed ? c.style.bracketRow(items) : c.style.blocks(items.map((i) => [i]));
}

const isZero = (p: Poly): boolean => constValue(p) === 0;

function sumTerm(t: Op, i: number, c: PrintCtx): string {
  if (t.op === 'neg') return (i === 0 ? c.style.op.neg : c.style.op.sub) + wrap(printOp(t.arg, c), PREC.product, c);
  const text = wrap(printOp(t, c), PREC.sum, c);
  // a term that prints with a leading sign, −(x/‖x‖²)(xᵀ/‖x‖): a − b, not a + −b (the same value)
  if (i > 0 && text.startsWith(c.style.op.neg)) return c.style.op.sub + text.slice(c.style.op.neg.length);
  return (i === 0 ? '' : c.style.op.add) + text;
}

/** Left factors times a block row: `diag(σ′(z)) [xᵀ ⊗ Iₘ, Iₘ]`; one block prints alone. */
export function printFactored(common: readonly Op[], rest: readonly Op[], c: PrintCtx): string {
  const row = rest.length === 1
    ? wrap(printOp(rest[0] as Op, c), common.length ? PREC.postfix : PREC.sum, c)
    : c.style.bracketRow(rest.map((r) => printOp(r, c).text));
  const left = common.map((f) => wrap(printOp(f, c), PREC.postfix, c));
  return left.length ? [...left, row].join(' ') : row;
}
