// The Jacobian of a program's output with respect to chosen variables, as operator blocks,
// and the textbook factored form: common left factors times a block row.

import type { Expr } from '../ast';
import { isOne, mulPoly } from '../shape/dim';
import type { ShapeTable } from '../shape/infer';
import type { Shape } from '../shape/rules';
import { OpAlgebra, sameOp, type Op } from './ops';
import { jacobianRule, type Jac, type JacCtx } from './rules';

export interface Blocks {
  readonly ops: OpAlgebra;
  /** One block per wrt variable, in order: d vec(F) / d vec(variable). */
  readonly blocks: readonly Op[];
}

export function differentiate(output: Expr, wrt: readonly string[], shapes: ShapeTable): Blocks {
  const ops = new OpAlgebra((e) => shapes.shape(e));
  const memo = new Map<Expr, Jac>();
  const ctx: JacCtx = {
    ops,
    wrt: new Set(wrt),
    shape: (e) => shapes.shape(e),
    isScalar: (e) => {
      const s = shapes.shape(e);
      return isOne(s.rows) && isOne(s.cols);
    },
    jac(e) {
      let j = memo.get(e);
      if (!j) {
        j = jacobianRule(e, ctx);
        memo.set(e, j);
      }
      return j;
    },
  };
  const j = ctx.jac(output);
  const out = shapes.shape(output);
  const blocks = wrt.map((v) => {
    const s = shapes.vars.get(v) as Shape;
    return j.get(v) ?? ops.zero(mulPoly(out.rows, out.cols), mulPoly(s.rows, s.cols));
  });
  return { ops, blocks };
}

const factorsOf = (o: Op): readonly Op[] => (o.op === 'product' ? o.factors : [o]);

/** Split blocks into the left factors all share and what remains of each: Df = L [R₁, R₂, …]. */
export function factorBlocks(b: Blocks): { common: Op[]; rest: Op[] } {
  const lists = b.blocks.map(factorsOf);
  const common: Op[] = [];
  const first = lists[0] ?? [];
  for (let i = 0; lists.length > 1 && i < first.length; i++) {
    const f = first[i] as Op;
    // an identity in front says nothing (x + y is [I, I], not I [I, I])
    if (f.op === 'identity' || !lists.every((l) => l.length > i && sameOp(l[i] as Op, f))) break;
    common.push(f);
  }
  const rest = lists.map((l, k) => {
    const left = l.slice(common.length);
    // common · I = block: the identity has the block's column count
    if (left.length === 0) return b.ops.identity(b.ops.shape(b.blocks[k] as Op).cols);
    return left.length === 1 ? (left[0] as Op) : b.ops.product(...left);
  });
  return { common, rest };
}
