// torch.nn modules called on a tensor, expanded to the maps they compute, in PyTorch's row
// convention (an input is one sample per row):
//
//   self.fc = nn.Linear(4, 3);  self.fc(x)  →  x @ W_fc.T + b_fc     W_fc: 3×4, b_fc: 1×3
//   self.net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2));  self.net(x)  →
//       z1 = x @ W1.T + b1;  h1 = tanh(z1);  (output) h1 @ W2.T + b2
//
// Parameter names: W_<attr>, b_<attr> for a Linear held directly (`self.fc` → W_fc, b_fc;
// `layer = nn.Linear(…)` → W_layer); W1, b1, W2, b2, … for the Linear layers of a Sequential,
// counted from 1 (a name already in use gets a suffix). For a batch x (N×4, N ≠ 1) the bias is
// broadcast as 1_N b_fc.

import { UserError, type Declaration, type Dim, type Expr, type Range } from '../../ast';
import { DROPOUT_NOTE } from './library';
import { normalizeRows } from './norms';
import { asOneSample } from './sample';
import { baseName, type Translator } from './translate';
import type { ModuleKind, UnreadSize } from './tables';
import { sideOf } from './sizes';
import { softmaxNode } from './softmax';

export interface ModuleEntry {
  /** Its binding: `self.fc`, `model`. */
  readonly key: string;
  readonly module: ModuleKind;
  /** The constructor call (`nn.Linear(4, 3)`), where the parameters' shapes come from. */
  readonly range: Range;
}

type Linear = Extract<ModuleKind, { k: 'linear' }>;
type Act = Extract<ModuleKind, { k: 'act' }>;
type Norm = Extract<ModuleKind, { k: 'norm' }>;
type Layer = Linear | Act | Norm;

/** `m` called on `input`: the expression it computes. Its parameters carry the range of the module's
 *  name (`self.fc`), so that a shape error reads "x is 1×5 and self.fc is 4×3"; the rest, the call's. */
export function expandModule(t: Translator, m: ModuleEntry, input: Expr, call: Range, callee: Range): Expr {
  const attr = baseName(m.key);
  switch (m.module.k) {
    case 'linear': return linear(t, m, m.module, input, { call, callee }, [`W_${attr}`, `b_${attr}`], `${m.key}#0`);
    case 'act': return activation(t, m.module, input, call);
    case 'norm': return norm(t, m, m.module, input, { call, callee }, [`gamma_${attr}`, `beta_${attr}`], `${m.key}#0`);
    case 'seq': return sequential(t, m, flatten(m.module, m.range), input, { call, callee });
    case 'embedding': return embedding(t, m, m.module, input, { call, callee });
    case 'refused': throw new UserError(m.module.message, m.module.range.start, m.module.range.end);
  }
}

function flatten(m: ModuleKind, at: Range): Layer[] {
  if (m.k === 'refused') throw new UserError(m.message, m.range.start, m.range.end);
  if (m.k === 'embedding') throw UserError.at('an nn.Embedding inside an nn.Sequential is not read: hold it as a module of its own and call it on the indices', at);
  return m.k === 'seq' ? m.layers.flatMap((l) => flatten(l, at)) : [m];
}

/** nn.Embedding's E(idx): the module's count×dim table, E_<attr>, looked up by `input`. */
function embedding(t: Translator, m: ModuleEntry, emb: Extract<ModuleKind, { k: 'embedding' }>, input: Expr, { call, callee }: At): Expr {
  const ctx = t.ctx;
  if (input.kind !== 'var') throw UserError.at(`${m.key} looks up rows by integer indices: call it on a name (${m.key}(idx))`, input.range);
  const key = `${m.key}#0:E`;
  const E = ctx.env.get(key) ?? ctx.fresh(`E_${baseName(m.key)}`);
  if (!ctx.env.has(key)) {
    ctx.env.set(key, E);
    ctx.generated.push({ name: E, shape: [emb.count, emb.dim], range: m.range });
  }
  return lookup(t, { name: input.name, range: input.range }, { name: E, range: callee }, emb.count, `${m.key}(${input.name})`, call);
}

/**
 * The rows of the table E picked by the integer indices idx (`self.wte(idx)`, `F.embedding(idx, E)`,
 * `E[idx]`), which is onehot(idx) E with onehot(idx) the T×count matrix holding a 1 in row i at
 * column idx[i]. Linear in E, so d vec(P E) = (I ⊗ P) d vec E and ∂L/∂E = Pᵀ G; the one-hot matrix
 * is an input that is never differentiated.
 */
export function lookup(t: Translator, idx: Named, table: Named, count: Dim, written: string, call: Range): Expr {
  const ctx = t.ctx;
  const dims = ctx.declared.get(idx.name)?.dims;
  if (dims && dims.length !== 1) {
    throw UserError.at(`${written} of indices with ${dims.length} axes gives a tensor of ${dims.length + 1} axes, which has no matrix form: declare one sequence, # ${idx.name}: (T,)`, idx.range);
  }
  const length = dims?.[0] ?? 'T';
  const onehot = ctx.fresh(`onehot_${idx.name}`);
  ctx.generated.push({ name: onehot, shape: [length, count], range: idx.range });
  ctx.indices.add(onehot);
  ctx.notes.add(`${written} looks up rows of ${table.name}: written ${onehot} ${table.name}, with ${onehot} the ${length}×${count} one-hot matrix of the integer indices ${idx.name} (a 1 in row i at column ${idx.name}[i]); it is an input, never differentiated (indices are integers), and its numbers are one-hot rows.`);
  return { kind: 'mul', left: { kind: 'var', name: onehot, range: idx.range }, right: { kind: 'var', name: table.name, range: table.range }, range: call };
}

interface Named {
  readonly name: string;
  readonly range: Range;
}

/** Parameter names of one Linear, the same on every call of the module; true when new. */
function paramNames(t: Translator, id: string, [w, b]: readonly [string, string]): [string, string, boolean] {
  const env = t.ctx.env;
  const W = env.get(`${id}:W`);
  const B = env.get(`${id}:b`);
  if (W !== undefined && B !== undefined) return [W, B, false];
  const names: [string, string, boolean] = [t.ctx.fresh(w), t.ctx.fresh(b), true];
  env.set(`${id}:W`, names[0]);
  env.set(`${id}:b`, names[1]);
  return names;
}

interface At {
  readonly call: Range;
  readonly callee: Range;
}

function linear(t: Translator, m: ModuleEntry, lin: Linear, input: Expr, { call, callee }: At, preferred: readonly [string, string], id: string): Expr {
  const ctx = t.ctx;
  const [W, b, isNew] = paramNames(t, id, preferred);
  const [outDim, inDim] = isNew ? linearShape(t, m, lin, input, W) : weightShape(t, W);
  if (isNew) {
    const decl = (name: string, shape: readonly [Dim, Dim]): Declaration => ({ name, shape, range: m.range });
    ctx.generated.push(decl(W, [outDim, inDim]));
    if (lin.bias) ctx.generated.push(decl(b, [1, outDim]));
  }
  ctx.ranks.set(W, 2);
  ctx.ranks.set(b, 1);
  asOneSample(t, input, inDim, m.range);
  const xw = t.matmul(input, { kind: 'transpose', arg: { kind: 'var', name: W, range: callee }, range: callee }, call);
  if (!lin.bias) return xw;
  return t.elementwise('add', xw, { kind: 'var', name: b, range: callee }, call);
}

/**
 * W's out × in as the nn.Linear writes them. A size that cannot be read (`int(d * ratio)`) is not
 * guessed: in_features is the columns of the input where they are known (PyTorch refuses any
 * other); otherwise the size is a free one named after W (W_fc → out_fc, in_fc), which shape
 * inference binds to W's neighbours (a residual, the next layer) or keeps; a note says which.
 */
function linearShape(t: Translator, m: ModuleEntry, lin: Linear, input: Expr, W: string): readonly [Dim, Dim] {
  const of = (u: UnreadSize): string => `${m.key}: the ${u.arg} of the nn.Linear whose weight is ${W} is not read as a size (${u.why})`;
  const free = (side: 'out' | 'in'): string => {
    const d = `${side}${W.slice(1)}`;
    t.ctx.free.add(d);
    return d;
  };
  const cols = typeof lin.inDim === 'object' ? sideOf(t, input, 1) : lin.inDim;
  const out = typeof lin.outDim === 'object' ? free('out') : lin.outDim;
  const inDim = cols ?? free('in');
  const declare = `declare ${W} (# ${W}: (${out}, ${inDim}) with numbers or named sizes) to give them`;
  if (typeof lin.outDim === 'object') t.ctx.notes.add(`${of(lin.outDim)}: ${W}'s rows are the free size ${out}, found from what the layer's output meets, else kept; ${declare}.`);
  if (typeof lin.inDim === 'object') {
    t.ctx.notes.add(cols === undefined
      ? `${of(lin.inDim)}: ${W}'s columns are the free size ${inDim}, as many as its input has; ${declare}.`
      : `${of(lin.inDim)}, so it is taken as the columns of its input, ${cols}.`);
  }
  return [out, inDim];
}

/** The shape given to W where its module was first called. */
function weightShape(t: Translator, W: string): readonly [Dim, Dim] {
  const shape = t.ctx.generated.find((g) => g.name === W)?.shape;
  if (!shape) throw new Error(`internal: no shape for the weight ${W}`);
  return shape;
}

/** nn.LayerNorm / nn.RMSNorm on each row of `input`, its steps named in the prelude (ops/normalization.ts). */
function norm(t: Translator, m: ModuleEntry, n: Norm, input: Expr, { call, callee }: At, preferred: readonly [string, string], id: string): Expr {
  const [gamma, beta, isNew] = paramNames(t, id, preferred);
  if (isNew && n.affine) {
    t.ctx.generated.push({ name: gamma, shape: [1, n.d], range: m.range });
    if (n.bias) t.ctx.generated.push({ name: beta, shape: [1, n.d], range: m.range });
  }
  t.ctx.ranks.set(gamma, 1);
  t.ctx.ranks.set(beta, 1);
  asOneSample(t, input, n.d, m.range);
  const param = (name: string): Expr => ({ kind: 'var', name, range: callee });
  return normalizeRows(t, input, { rms: n.rms, d: n.d, eps: n.eps, gamma: n.affine ? param(gamma) : undefined, beta: n.affine && n.bias ? param(beta) : undefined }, call);
}

function activation(t: Translator, act: Act, input: Expr, call: Range): Expr {
  switch (act.fn) {
    case 'identity': return input;
    case 'dropout':
      t.ctx.notes.add(DROPOUT_NOTE);
      return input;
    case 'softmax': return softmaxNode(t, input, act.each, call, act.twoAxes);
    case 'log_softmax': return { kind: 'apply', fn: 'log', arg: softmaxNode(t, input, act.each, call, act.twoAxes), range: call };
    default: return { kind: 'apply', fn: act.fn, arg: input, range: call };
  }
}

function sequential(t: Translator, m: ModuleEntry, all: readonly Layer[], input: Expr, at: At): Expr {
  const { call } = at;
  const ctx = t.ctx;
  const layers = all.filter((l) => l.k !== 'act' || (l.fn !== 'identity' && l.fn !== 'dropout'));
  if (layers.length < all.length) activation(t, { k: 'act', fn: 'dropout' }, input, call);
  let current = input;
  let k = 0;
  const steps: string[] = [];
  for (const [i, layer] of layers.entries()) {
    if (layer.k === 'linear') k++;
    const e = layer.k === 'linear' ? linear(t, m, layer, current, at, [`W${k}`, `b${k}`], `${m.key}#${k}`)
      : layer.k === 'norm' ? norm(t, m, layer, current, at, [`gamma${i + 1}`, `beta${i + 1}`], `${m.key}@${i}`)
      : activation(t, layer, current, call);
    if (i === layers.length - 1) {
      ctx.notes.add(`${m.key}(…) is unrolled layer by layer: ${[...steps, 'the output'].join(', ')}; W1, b1, W2, b2, … are the weight and bias of its 1st, 2nd, … nn.Linear.`);
      return e;
    }
    const name = ctx.fresh(layer.k === 'linear' ? `z${k}` : `h${k}`);
    ctx.prelude.push({ name, expr: e, range: call });
    t.remember(name, e);
    steps.push(name);
    current = { kind: 'var', name, range: call };
  }
  return current;
}
