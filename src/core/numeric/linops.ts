// Symbolic operators → structured numeric operators over the forward values. Nothing is
// expanded: I stays Identity, diag(·) stays Diag, A ⊗ B stays Kron.

import type { Op } from '../calculus/ops';
import { dimOf, type Poly } from '../shape/dim';
import { Commutation, Dense, Diag, HCat, Identity, Kron, Product, Scaled, Sum, VCat, Zero, type LinOp } from '../sparse';
import type { EvalCtx } from './evaluate';

export function toLinOp(o: Op, ev: EvalCtx): LinOp {
  const n = (p: Poly): number => ev.size(dimOf(p));
  switch (o.op) {
    case 'identity': return new Identity(n(o.n));
    case 'zero': return new Zero(n(o.rows), n(o.cols));
    case 'matrix': {
      const m = ev.value(o.expr);
      return new Dense(m.rows, m.cols, m.data);
    }
    case 'diag': return new Diag(ev.value(o.expr).data);
    case 'kron': return new Kron(toLinOp(o.left, ev), toLinOp(o.right, ev));
    case 'commutation': return new Commutation(n(o.rows), n(o.cols));
    case 'embed': return embed(n(o.total), n(o.part), n(o.offset), o.transposed);
    case 'product': return new Product(o.factors.map((f) => toLinOp(f, ev)));
    case 'sum': return new Sum(o.terms.map((t) => toLinOp(t, ev)));
    case 'scale': return new Scaled(ev.value(o.by).data[0] as number, toLinOp(o.arg, ev));
    case 'neg': return new Scaled(-1, toLinOp(o.arg, ev));
  }
}

/** [0; I_part; 0] as blocks: the identity and the zeros beside it store nothing (a zero block of no size is left out). */
function embed(total: number, part: number, offset: number, transposed: boolean): LinOp {
  const sizes = [offset, part, total - offset - part];
  const blocks = sizes.flatMap((k, i) => (k === 0 && i !== 1 ? [] : [i === 1 ? new Identity(part) : transposed ? new Zero(part, k) : new Zero(k, part)]));
  return transposed ? new HCat(blocks) : new VCat(blocks);
}
