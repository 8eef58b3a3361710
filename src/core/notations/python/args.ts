// The arguments of a library call or a tensor method, read by position or keyword and translated
// only when asked for.

import { UserError, type Expr } from '../../ast';
import type { ReductionArgs } from './reduce';
import type { PyExpr } from './syntax';
import type { Translator } from './translate';

export type Call = Extract<PyExpr, { k: 'call' }>;

/** The arguments of a call, translated when asked for; a method's object is argument 0. */
export class Args {
  constructor(private readonly t: Translator, readonly call: Call, private readonly self: PyExpr | undefined) {}
  get length(): number {
    return this.call.args.length + (this.self ? 1 : 0);
  }
  raw(i: number): PyExpr | undefined {
    if (this.self) return i === 0 ? this.self : this.call.args[i - 1];
    return this.call.args[i];
  }
  at(i: number): Expr | undefined {
    const r = this.raw(i);
    return r && this.t.expr(r);
  }
  /** The one tensor argument (extra arguments such as `dim=0` or a slope are allowed). */
  first(): Expr {
    const r = this.raw(0);
    if (!r) throw UserError.at('an argument is expected', this.call.range);
    return this.t.expr(r);
  }
  kw(name: string): PyExpr | undefined {
    return this.call.kwargs.find((k) => k.name === name)?.value;
  }
}

/** sum(x, dim, keepdim) and mean(…): the axis and keepdim by keyword (PyTorch's or NumPy's) or position. */
export const reductionArgs = (a: Args): ReductionArgs => ({
  range: a.call.range,
  first: () => a.first(),
  axis: a.kw('dim') ?? a.kw('axis') ?? a.raw(1),
  keep: a.kw('keepdim') ?? a.kw('keepdims') ?? a.raw(2),
});
