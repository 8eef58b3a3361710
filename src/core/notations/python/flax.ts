// Flax's `nn.Dense(features)(x)`: a layer built and called in one expression (`@nn.compact`).
// Flax stores the kernel as in × features and computes x @ kernel + bias, rows for samples; the
// parameters are named W_Dense, b_Dense (then W_Dense_1, …) in order, as Flax counts Dense_0, Dense_1.

import { UserError, type Dim, type Expr } from '../../ast';
import type { Names } from './facts';
import type { PyExpr } from './syntax';
import type { Translator } from './translate';

type Call = Extract<PyExpr, { k: 'call' }>;

/** Is `e` the constructor `flax.linen.Dense(…)`? */
export const isFlaxDense = (e: PyExpr, names: Names): e is Call => e.k === 'call' && names.path(e.fn) === 'flax.linen.Dense';

const kwarg = (e: Call, name: string): PyExpr | undefined => e.kwargs.find((k) => k.name === name)?.value;

/** `ctor(x)` with `ctor = nn.Dense(features, use_bias=…)`: x @ W + b. */
export function flaxDense(t: Translator, ctor: Call, call: Call): Expr {
  const ctx = t.ctx;
  const spec = kwarg(ctor, 'features') ?? ctor.args[0];
  const out = spec && ctx.names.dim(spec);
  if (out === undefined) throw UserError.at('nn.Dense(features): the number of features is not a size that can be read here', ctor.range);
  const [arg] = call.args;
  if (!arg || call.args.length !== 1) throw UserError.at('a Dense layer takes one input', call.range);
  const input = t.expr(arg);
  const inDim = inputColumns(t, input);
  const W = ctx.fresh('W_Dense');
  // an earlier layer's output: its width comes from that layer, and W's rows follow it
  if (inDim !== undefined) ctx.generated.push({ name: W, shape: [inDim, out], range: ctor.range });
  ctx.ranks.set(W, 2);
  const xw = t.matmul(input, { kind: 'var', name: W, range: ctor.range }, call.range);
  const useBias = kwarg(ctor, 'use_bias');
  const bias = !(useBias?.k === 'other' && useBias.what === 'False');
  ctx.notes.add(`nn.Dense(…)(x) is x @ W${bias ? ' + b' : ''} with the kernel W in × features, as Flax stores it (no transpose)${bias ? ', and the bias b a row' : ''}.`);
  if (!bias) return xw;
  const b = ctx.fresh('b_Dense');
  ctx.generated.push({ name: b, shape: [1, out], range: ctor.range });
  ctx.ranks.set(b, 1);
  return t.elementwise('add', xw, { kind: 'var', name: b, range: ctor.range }, call.range);
}

/** The input's columns: declared, or, for an undeclared input, one sample (a row) of `d_in` entries;
 *  undefined for a computed value. */
function inputColumns(t: Translator, input: Expr): Dim | undefined {
  const ctx = t.ctx;
  if (input.kind !== 'var') return undefined;
  const dims = ctx.declared.get(input.name)?.dims;
  if (dims?.length) return dims[dims.length - 1] as Dim;
  const made = ctx.generated.find((d) => d.name === input.name);
  if (made) return made.shape[1];
  if ([...ctx.env.values()].includes(input.name) || ctx.prelude.some((a) => a.name === input.name)) return undefined;
  ctx.generated.push({ name: input.name, shape: [1, 'd_in'], range: input.range });
  return 'd_in';
}
