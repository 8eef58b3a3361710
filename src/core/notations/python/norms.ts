// LayerNorm and RMSNorm of each row, written as functions (`F.layer_norm(x, (d,), w, b)`,
// `F.rms_norm`) or brought by a module (nn.LayerNorm, modules.ts): the steps of ops/normalization.ts,
// each named in the prelude.

import { UserError, type Dim, type Expr, type Range } from '../../ast';
import { normalize, type NormSpec } from '../../ops/normalization';
import type { Args } from './args';
import type { PyExpr } from './syntax';
import { asOneSample } from './sample';
import { NORM_EPS } from './tables';
import { baseName, bindingKey, type Translator } from './translate';

/** F.layer_norm(x, (d,), weight, bias, eps), F.rms_norm(x, (d,), weight, eps); `shape` may be `w.shape`. */
export function functionalNorm(t: Translator, rms: boolean, a: Args): Expr {
  const range = a.call.range;
  const shape = a.kw('normalized_shape') ?? a.raw(1);
  if (!shape) throw UserError.at('the normalised shape is missing: layer_norm(x, (d,), …)', range);
  const d = lastDim(t, shape);
  const param = (kw: string, i: number): Expr | undefined => {
    const v = a.kw(kw) ?? a.raw(i);
    return v && !(v.k === 'other' && v.what === 'None') ? t.expr(v) : undefined;
  };
  const epsArg = a.kw('eps') ?? a.raw(rms ? 3 : 4);
  if (epsArg && epsArg.k !== 'num' && !(epsArg.k === 'other' && epsArg.what === 'None')) throw UserError.at('eps must be a number written out (1e-5)', epsArg.range);
  const eps = epsArg?.k === 'num' ? epsArg.value : rms ? NORM_EPS.rms : NORM_EPS.layer;
  return normalizeRows(t, a.first(), { rms, d, eps, gamma: param('weight', 2), beta: rms ? undefined : param('bias', 3) }, range);
}

/** The size of the one normalised axis: `(d,)`, `d`, `[d]`, or `w.shape` of a declared `w`. */
function lastDim(t: Translator, shape: PyExpr): Dim {
  const list = shape.k === 'tuple' || shape.k === 'list' ? shape.items : [shape];
  const [only] = list;
  if (list.length !== 1 || !only) throw UserError.at('a norm over more than the last axis has no matrix form: normalise a vector or each row of a matrix', shape.range);
  if (only.k === 'attr' && only.attr === 'shape') {
    const key = bindingKey(only.obj);
    const dims = key === undefined ? undefined : t.ctx.declared.get(t.ctx.env.get(key) ?? baseName(key))?.dims;
    const last = dims?.[dims.length - 1];
    if (last !== undefined) return last;
    // a parameter of a class inlined from another (nanoGPT's LayerNorm in a Block) is not declared here
    const what = key ?? 'this tensor';
    throw UserError.at(`the shape of ${what} is not known where this norm is read (a parameter of a module called from another class is not read): write its size, (d,) or (config.n_embd,), or analyse the norm's own lines`, only.range);
  }
  const d = t.ctx.names.dim(only);
  if (d === undefined) throw UserError.at('the normalised size must be a number or a named size (d, config.n_embd), or w.shape of a declared w', only.range);
  return d;
}

/** LayerNorm or RMSNorm of each row of `input` (ops/normalization.ts), its steps named in the prelude. */
export function normalizeRows(t: Translator, input: Expr, spec: Omit<NormSpec, 'rows'>, range: Range): Expr {
  asOneSample(t, input, spec.d, range);
  const rows = t.rowsOf(input);
  if (rows === undefined) throw UserError.at(`${spec.rms ? 'RMSNorm' : 'LayerNorm'} normalises each row: declare the rows of its input (# x: (N, ${spec.d}), or (${spec.d},) for one sample)`, input.range);
  return normalize(input, { ...spec, rows }, range, (base, e) => {
    const name = t.ctx.fresh(base);
    t.ctx.prelude.push({ name, expr: e, range });
    t.remember(name, e, rows);
    return { kind: 'var', name, range };
  });
}
