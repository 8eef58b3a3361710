// Library functions and tensor methods applied to their arguments (pythonTables says which is
// which): the catalogue's operations, and Python's own idioms — maximum(x, 0) is the ReLU,
// x.flatten() is vec(Xᵀ), F.linear(x, W, b) is x Wᵀ + b.

import { UserError, type Expr } from '../../ast';
import { reductionArgs, type Args } from './args';
import { axisNumber, needsTwoAxes, softmaxEach } from './axes';
import { concatenation } from './concat';
import { functionalEmbedding } from './embedding';
import { functionalNorm } from './norms';
import { reduction, unreadAxis } from './reduce';
import { softmaxNode } from './softmax';
import type { PyExpr } from './syntax';
import { RESHAPE_WHY, checkFixed, optionOf, type LibFn } from './tables';
import type { Translator } from './translate';

export const DROPOUT_NOTE = 'Dropout is read as the identity (the network in evaluation mode).';

/** A library function or method applied to its arguments (a method's object first). */
export function build(t: Translator, fn: LibFn, name: string, a: Args): Expr {
  const range = a.call.range;
  switch (fn.k) {
    case 'apply': {
      const f = optionOf(fn.fn, t.ctx.names.path(a.call.fn) ?? '', (k) => a.kw(k));
      checkFixed(f, (k, i) => a.kw(k) ?? a.raw(i + 1));
      return { kind: 'apply', fn: f, arg: a.first(), range };
    }
    case 'unary': return unary(t, fn.node, a);
    case 'binary': {
      if (a.length !== 2) throw UserError.at(`${name} takes two arguments, not ${a.length}`, range);
      const [l, r] = [a.at(0) as Expr, a.at(1) as Expr];
      if (fn.node === 'mul') return t.matmul(l, r, range, fn.ranks && { name: `torch.${name}`, ranks: fn.ranks });
      if (fn.node === 'add' || fn.node === 'sub' || fn.node === 'hadamard' || fn.node === 'div') return t.elementwise(fn.node, l, r, range);
      return { kind: fn.node, left: l, right: r, range };
    }
    case 'special': return special(t, fn.name, a);
    case 'parts': return concatenation(t, name, a.raw(0), a.kw('dim') ?? a.kw('axis') ?? a.raw(1), range);
    case 'unsupported': throw UserError.at(fn.why, a.call.fn.range);
  }
}

function unary(t: Translator, node: Extract<LibFn, { k: 'unary' }>['node'], a: Args): Expr {
  const range = a.call.range;
  const arg = a.first();
  if (node === 'sum' && (a.length > 1 || a.call.kwargs.length)) return reduction(t, reductionArgs(a), false);
  if (node === 'norm') {
    // ord 2 is spectral on a matrix (Euclidean on a vector), ord 1 a vector's Σ|xᵢ|; 'fro' and none Frobenius
    const ord = a.kw('ord') ?? a.kw('p') ?? a.raw(1);
    if (!ord || (ord.k === 'str' && ord.value === 'fro')) return { kind: 'norm', arg, range };
    if (ord.k === 'num' && (ord.value === 1 || ord.value === 2)) return { kind: ord.value === 1 ? 'norm1' : 'norm2', arg, range };
    if (isInfinity(ord)) return { kind: 'norminf', arg, range };
    throw UserError.at("the norms read are ord='fro' (Frobenius), 2 (Euclidean, or spectral of a matrix), 1 and inf (of a vector)", ord.range);
  }
  if (node === 'transpose' && a.length > 1) {
    const dims = [a.raw(1), a.raw(2)].map((d) => (d?.k === 'num' ? d.value : d?.k === 'unary' && d.arg.k === 'num' ? -d.arg.value : NaN));
    const pair = dims.sort((x, y) => x - y).join(',');
    if (pair !== '0,1' && pair !== '-2,-1') throw UserError.at('only the transpose of the two axes of a matrix is supported', range);
    return t.transpose(arg, range);
  }
  if (node === 'transpose' && a.length === 1) return t.transpose(arg, range);
  if (node === 'softmax') return softmax(t, a);
  if (a.length > 1) throw UserError.at(`expected one argument, not ${a.length}`, range);
  return { kind: node, arg, range };
}

/** softmax(z, dim=…) along the axis it names (`torch.softmax(z, -1)`, `z.softmax(dim=0)`, `axis=`). */
function softmax(t: Translator, a: Args): Expr {
  const dim = a.kw('dim') ?? a.kw('axis') ?? a.raw(1);
  const each = softmaxEach(dim, t.ctx.names.path(a.call.fn) ?? '');
  const arg = a.first();
  if (needsTwoAxes(dim)) t.asMatrix(arg, `softmax along dim=${axisNumber(dim)}`, each);
  // over all of a 1-D tensor, each row (or column) of a matrix: with the vectors the other way
  // round the two differ, and a value of a statement not read has a guessed rank
  const unread = each && t.axesOf(arg) === undefined && each === (t.ctx.convention === 'row' ? 'col' : 'row') ? unreadAxis(t, arg, 'softmax', a.call.range) : undefined;
  if (unread) throw unread;
  return softmaxNode(t, arg, each, a.call.range);
}

function special(t: Translator, name: Extract<LibFn, { k: 'special' }>['name'], a: Args): Expr {
  const range = a.call.range;
  const isZero = (x: PyExpr | undefined): boolean => x?.k === 'num' && x.value === 0;
  switch (name) {
    case 'identity': return a.at(0) ?? a.first();
    case 'maximum':
      if (isZero(a.raw(1))) return { kind: 'apply', fn: 'relu', arg: a.at(0) as Expr, range };
      if (isZero(a.raw(0)) && a.length === 2) return { kind: 'apply', fn: 'relu', arg: a.at(1) as Expr, range };
      throw UserError.at('maximum is supported only as maximum(x, 0), the ReLU', range);
    case 'clamp': {
      const min = a.kw('min') ?? a.kw('a_min') ?? a.raw(1);
      const max = a.kw('max') ?? a.kw('a_max') ?? a.raw(2);
      if (isZero(min) && (!max || (max.k === 'other' && max.what === 'None'))) return { kind: 'apply', fn: 'relu', arg: a.first(), range };
      throw UserError.at('clamp is supported only as clamp(x, min=0), the ReLU', range);
    }
    case 'power': return t.power(a.first(), t.expr(a.raw(1) ?? a.call), range);
    case 'square': return { kind: 'epow', base: a.first(), exponent: 2, range };
    case 'matrix_power': {
      const k = t.exponent(a.raw(1) ?? a.call);
      if (!Number.isInteger(k)) throw UserError.at('matrix_power needs an integer exponent', range);
      return { kind: 'mpow', base: a.first(), exponent: k, range };
    }
    case 'linear': {
      const [x, w] = [a.at(0), a.at(1)];
      if (!x || !w) throw UserError.at('linear(x, W, b) needs x and W', range);
      const xw = t.matmul(x, t.transpose(w, w.range), range);
      const b = a.at(2) ?? (a.kw('bias') ? t.expr(a.kw('bias') as PyExpr) : undefined);
      return b ? t.elementwise('add', xw, b, range) : xw;
    }
    case 'log_softmax': return { kind: 'apply', fn: 'log', arg: softmax(t, a), range };
    case 'slogdet': throw UserError.at('slogdet gives (sign, logdet): write slogdet(X)[1]', range);
    case 'layer_norm': case 'rms_norm': return functionalNorm(t, name === 'rms_norm', a);
    case 'flatten': case 'reshape': return flatten(t, a, name === 'reshape');
    case 'dropout':
      t.ctx.notes.add(DROPOUT_NOTE);
      return a.first();
    case 'mean': return reduction(t, reductionArgs(a), true);
    case 'embedding': return functionalEmbedding(t, a.raw(0), a.kw('weight') ?? a.raw(1), range);
  }
}

/**
 * x.flatten(), x.view(-1), x.reshape(-1), np.ravel(x): the entries row by row (C order), which is
 * vec(Xᵀ) — vec stacks columns, so the commutation matrix K appears in the Jacobian; `order='F'`
 * is vec X. A 1-D result is a row in PyTorch's convention. `flatten(x, 1)` of a declared matrix is x.
 */
function flatten(t: Translator, a: Args, reshape: boolean): Expr {
  const x = a.first();
  const arg = reshape ? a.kw('shape') ?? a.raw(1) : a.kw('start_dim') ?? a.raw(1);
  // only a declared matrix is known to have nothing after its second axis
  if (!reshape && axisNumber(arg) === 1 && t.rankOf(x) === 2) return x;
  const positional = Array.from({ length: Math.max(0, a.length - 1) }, (_, i) => a.raw(i + 1) as PyExpr);
  const shape = arg?.k === 'tuple' || arg?.k === 'list' ? arg.items : a.kw('shape') ? [arg as PyExpr] : positional;
  const whole = reshape ? shape.length === 1 && axisNumber(shape[0]) === -1 : !arg || axisNumber(arg) === 0;
  if (!whole) throw UserError.at(RESHAPE_WHY, a.call.fn.range);
  const order = a.kw('order');
  const range = a.call.range;
  const v: Expr = { kind: 'vec', arg: order?.k === 'str' && order.value === 'F' ? x : { kind: 'transpose', arg: x, range }, range };
  return t.ctx.convention === 'row' ? { kind: 'transpose', arg: v, range } : v;
}

/** `np.inf`, `math.inf`, `torch.inf`, `float('inf')`: the ord of ‖x‖∞. */
const isInfinity = (e: PyExpr): boolean =>
  (e.k === 'attr' && e.attr === 'inf') || (e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'float' && e.args[0]?.k === 'str' && e.args[0].value === 'inf');
