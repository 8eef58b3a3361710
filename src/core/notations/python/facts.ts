// Where Python code states shapes: constructors (`torch.randn(3, 4)`, `np.zeros((3, 4))`,
// `jax.random.normal(key, (3, 4))`, `nn.Parameter(…)`, `np.array([[…]])`), torch.nn modules
// (`nn.Linear(4, 3)`, `nn.Sequential(…)`), jaxtyping annotations (`Float[Array, "m n"]`) and
// comments (`# W: (3, 4)`, `# x: (4,)`, `# W: 3x4`).

import { UserError, type Dim, type ElementwiseFn, type Range } from '../../ast';
import { ELEMENTWISE } from '../../ops/elementwise';
import { lexPython, type PyComment } from './lexer';
import { ExprReader } from './expr';
import type { PyExpr } from './syntax';
import { needsTwoAxes, softmaxEach } from './axes';
import { readSize } from './sizeExpr';
import { isUnbalanced, partner } from '../brackets';
import { ACTIVATIONS, CONSTRUCTORS, DEFAULT_ALIASES, LIBRARY_ROOTS, NORM_EPS, checkFixed, optionOf, type ModuleKind, type UnreadSize } from './tables';

/** Names in scope at one point of a file: import aliases and integer constants (`n_in = 4`). */
export class Names {
  readonly aliases: Map<string, string>;
  readonly constants: Map<string, number>;

  constructor(from?: Names) {
    this.aliases = new Map(from ? from.aliases : DEFAULT_ALIASES);
    this.constants = new Map(from?.constants);
  }

  /** Paths already worked out, per node (until an import changes what names stand for). */
  private paths: Map<PyExpr, string | null> | undefined;
  private libs: Map<PyExpr, string | null> | undefined;

  alias(name: string, path: string): void {
    this.aliases.set(name, path);
    this.paths = undefined;
    this.libs = undefined;
  }

  /** The dotted path an expression names, with the first part's alias expanded: `F.relu` → `torch.nn.functional.relu`. */
  path(e: PyExpr): string | undefined {
    if (e.k !== 'name' && e.k !== 'attr') return undefined;
    this.paths ??= new Map();
    const known = this.paths.get(e);
    if (known !== undefined) return known ?? undefined;
    let p: string | undefined;
    if (e.k === 'name') p = this.aliases.get(e.id) ?? e.id;
    else {
      const base = this.path(e.obj);
      p = base === undefined ? undefined : `${base}.${e.attr}`;
    }
    this.paths.set(e, p ?? null);
    return p;
  }

  /** The last part of a library path (`numpy.linalg.inv` → `inv`), when it is one. */
  libraryName(e: PyExpr): string | undefined {
    if (e.k !== 'attr' && e.k !== 'name') return undefined;
    this.libs ??= new Map();
    const known = this.libs.get(e);
    if (known !== undefined) return known ?? undefined;
    const p = this.path(e);
    const dot = p ? p.indexOf('.') : -1;
    const name = p && dot > 0 && LIBRARY_ROOTS.has(p.slice(0, dot)) ? p.slice(p.lastIndexOf('.') + 1) : undefined;
    this.libs.set(e, name ?? null);
    return name;
  }

  /** The size `e` writes (`784`, `n_embd`, `4 * config.n_embd`), or undefined when it is none. */
  dim(e: PyExpr): Dim | undefined {
    const s = readSize(e, this.constants);
    return 'dim' in s ? s.dim : undefined;
  }

  dims(items: readonly PyExpr[]): Dim[] | undefined {
    const out: Dim[] = [];
    for (const it of items) {
      const d = this.dim(it);
      if (d === undefined) return undefined;
      out.push(d);
    }
    return out;
  }
}

const kwarg = (e: Extract<PyExpr, { k: 'call' }>, name: string): PyExpr | undefined => e.kwargs.find((k) => k.name === name)?.value;
const items = (e: PyExpr | undefined): readonly PyExpr[] | undefined => (e && (e.k === 'tuple' || e.k === 'list') ? e.items : undefined);

/** The dims a constructor call gives its result (any rank), or undefined when it is not one. */
export function constructorDims(e: PyExpr, names: Names): Dim[] | undefined {
  // scaled or shifted by a number (`np.random.randn(m, n) * 0.01`, `torch.rand(n) - 0.5`,
  // `… / np.sqrt(n_in)`): entry by entry, the same shape
  if (e.k === 'bin' && SCALINGS.has(e.op)) {
    if (isScalarFactor(e.right, names)) return constructorDims(e.left, names);
    if (isScalarFactor(e.left, names)) return constructorDims(e.right, names);
    return undefined;
  }
  if (e.k !== 'call') return undefined;
  const fn = names.libraryName(e.fn) ?? (e.fn.k === 'attr' ? e.fn.attr : undefined);
  const how = fn === undefined ? undefined : CONSTRUCTORS[fn];
  if (!how) return undefined;
  const path = names.path(e.fn) ?? '';
  const [a0, a1, a2] = e.args;
  switch (how) {
    case 'wrap': return a0 ? constructorDims(a0, names) : undefined;
    case 'literal': return a0 ? literalDims(a0) : undefined;
    case 'legacy':
      if (a0 && items(a0)) return literalDims(a0);
      return e.args.length > 1 || a0?.k === 'num' ? names.dims(e.args) : undefined;
    case 'eye': {
      const n = a0 && names.dim(a0);
      const m = a1 ? names.dim(a1) : n;
      return n !== undefined && m !== undefined ? [n, m] : undefined;
    }
    case 'size': {
      if (path.startsWith('jax.random')) return dimsOf(kwarg(e, 'shape') ?? a1, names);
      return dimsOf(kwarg(e, 'size') ?? a2, names);
    }
    default: {
      if (path.startsWith('jax.random')) return dimsOf(kwarg(e, 'shape') ?? a1, names);
      const sized = kwarg(e, 'size') ?? kwarg(e, 'shape');
      if (sized) return dimsOf(sized, names);
      if (a0 && items(a0)) return names.dims(items(a0) as PyExpr[]);
      if (how === 'all' || path.startsWith('torch.')) return names.dims(e.args);
      return dimsOf(a0, names);
    }
  }
}

const SCALINGS = new Set(['*', '/', '+', '-']);

/**
 * A number as an initialiser writes one: `0.01`, `-1`, a constant of the file, `np.sqrt(2 / n_in)`,
 * `1 / math.sqrt(d)` (under a root a name is a size). Any other name may be a tensor (`mu + torch.randn(d) * sigma`
 * is a value to differentiate, not a declaration), so it is not one.
 */
function isScalarFactor(e: PyExpr, names: Names, sized = false): boolean {
  switch (e.k) {
    case 'num': return true;
    case 'name': return sized || names.constants.has(e.id);
    case 'attr': return sized ? names.dim(e) !== undefined : e.obj.k === 'name' && e.obj.id === 'self' && names.constants.has(`self.${e.attr}`);
    case 'unary': return isScalarFactor(e.arg, names, sized);
    case 'bin': return SCALINGS.has(e.op) && isScalarFactor(e.left, names, sized) && isScalarFactor(e.right, names, sized);
    case 'call': return e.args.length === 1 && !e.kwargs.length && /(^|\.)sqrt$/.test(names.path(e.fn) ?? '') && isScalarFactor(e.args[0] as PyExpr, names, true);
    default: return false;
  }
}

function dimsOf(e: PyExpr | undefined, names: Names): Dim[] | undefined {
  if (!e) return undefined;
  const list = items(e);
  if (list) return names.dims(list);
  const d = names.dim(e);
  return d === undefined ? undefined : [d];
}

/** `[[1, 2], [3, 4]]` → [2, 2]; `[1, 2, 3]` → [3]; `2.0` → []. */
function literalDims(e: PyExpr): Dim[] | undefined {
  if (e.k === 'num' || (e.k === 'unary' && e.arg.k === 'num')) return [];
  if (e.k !== 'list' && e.k !== 'tuple') return undefined;
  const first = e.items[0];
  if (!first) return [0];
  const inner = literalDims(first);
  return inner === undefined ? undefined : [e.items.length, ...inner];
}

/** A torch.nn module built by `e` (`nn.Linear(4, 3)`, `nn.Tanh()`, `nn.Sequential(…)`), or undefined. */
export function moduleOf(e: PyExpr, names: Names): ModuleKind | undefined {
  if (e.k !== 'call') return undefined;
  const path = names.path(e.fn);
  if (!path?.startsWith('torch.nn.') || path.startsWith('torch.nn.functional')) return undefined;
  const cls = path.slice(path.lastIndexOf('.') + 1);
  if (cls === 'Linear') {
    const inArg = kwarg(e, 'in_features') ?? e.args[0];
    const outArg = kwarg(e, 'out_features') ?? e.args[1];
    if (!inArg || !outArg) return undefined;
    const b = kwarg(e, 'bias') ?? e.args[2];
    const bias = !(b && b.k === 'other' && b.what === 'False');
    return { k: 'linear', inDim: moduleSize(inArg, 'in_features', names), outDim: moduleSize(outArg, 'out_features', names), bias };
  }
  if (cls === 'LayerNorm' || cls === 'RMSNorm') return normModule(cls === 'RMSNorm', e, names);
  if (cls === 'Embedding') {
    const count = names.dim(kwarg(e, 'num_embeddings') ?? (e.args[0] as PyExpr) ?? { k: 'other', what: '', range: e.range });
    const dim = names.dim(kwarg(e, 'embedding_dim') ?? (e.args[1] as PyExpr) ?? { k: 'other', what: '', range: e.range });
    return count !== undefined && dim !== undefined ? { k: 'embedding', count, dim } : undefined;
  }
  if (cls === 'Sequential') {
    const layers = e.args.map((a) => moduleOf(a, names));
    return layers.every((l) => l !== undefined) ? { k: 'seq', layers: layers as ModuleKind[] } : undefined;
  }
  const fn = ACTIVATIONS[cls];
  if (!fn) return undefined;
  try {
    return activationModule(fn, e, path);
  } catch (err) {
    // refused where the module is called, not while reading the file
    if (err instanceof UserError) return { k: 'refused', message: err.message, range: { start: err.start, end: err.end } };
    throw err;
  }
}

/** The size a module's argument writes, or why it cannot be read (settled where the module is called). */
function moduleSize(a: PyExpr, arg: string, names: Names): Dim | UnreadSize {
  const s = readSize(a, names.constants);
  return 'dim' in s ? s.dim : { arg, why: s.why };
}

/** nn.LayerNorm(d, eps=1e-5, elementwise_affine=True, bias=True), nn.RMSNorm(d, eps=None, elementwise_affine=True). */
function normModule(rms: boolean, e: Extract<PyExpr, { k: 'call' }>, names: Names): ModuleKind | undefined {
  const shape = kwarg(e, 'normalized_shape') ?? e.args[0];
  const list = shape && items(shape);
  if (list && list.length !== 1) {
    return { k: 'refused', message: 'a norm over more than the last axis has no matrix form: normalise a vector or each row of a matrix', range: shape.range };
  }
  const d = names.dim((list?.[0] ?? shape) as PyExpr);
  if (d === undefined) return undefined;
  const flag = (name: string, i: number): boolean => {
    const v = kwarg(e, name) ?? e.args[i];
    return !(v?.k === 'other' && v.what === 'False');
  };
  const epsArg = kwarg(e, 'eps') ?? e.args[1];
  if (epsArg && epsArg.k !== 'num' && !(epsArg.k === 'other' && epsArg.what === 'None')) {
    return { k: 'refused', message: 'eps must be a number written out (1e-5)', range: epsArg.range };
  }
  const eps = epsArg?.k === 'num' ? epsArg.value : rms ? NORM_EPS.rms : NORM_EPS.layer;
  return { k: 'norm', rms, d, eps, affine: flag('elementwise_affine', 2), bias: !rms && flag('bias', 3) };
}

/** `nn.Softmax(dim=-1)`, `nn.ELU()`, `nn.GELU(approximate='tanh')`: the activation and its arguments. */
function activationModule(fn: Extract<ModuleKind, { k: 'act' }>['fn'], e: Extract<PyExpr, { k: 'call' }>, path: string): ModuleKind {
  if (fn === 'softmax' || fn === 'log_softmax') {
    const dim = kwarg(e, 'dim') ?? e.args[0];
    const each = softmaxEach(dim, path);
    return each ? { k: 'act', fn, each, ...(needsTwoAxes(dim) ? { twoAxes: true as const } : {}) } : { k: 'act', fn };
  }
  if (!(fn in ELEMENTWISE)) return { k: 'act', fn };
  const f = optionOf(fn as ElementwiseFn, path, (name) => kwarg(e, name));
  checkFixed(f, (name, i) => kwarg(e, name) ?? e.args[i]);
  return { k: 'act', fn: f };
}

/** jaxtyping: `Float[Array, "m n"]`, `Float32[torch.Tensor, "batch 3"]` → ["m", "n"], ["batch", 3]. */
export function jaxtypingDims(e: PyExpr | undefined, names: Names): Dim[] | undefined {
  if (!e || e.k !== 'index' || e.index.k !== 'tuple') return undefined;
  const spec = e.index.items[1];
  if (spec?.k !== 'str') return undefined;
  const parts = spec.value.trim().split(/\s+/).filter(Boolean);
  if (!parts.every((p) => /^(\d+|[A-Za-z_]\w*)$/.test(p))) return undefined; // `*batch`, `...`, `#n`: variadic
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : names.constants.get(p) ?? p));
}

export interface CommentShape {
  /** The name it declares; undefined for a bare `# (3, 4)` after an assignment. */
  readonly name?: string;
  readonly dims: Dim[];
  readonly range: Range;
  /** A size written that cannot be read (`f(n)`, `n / 3`): the declaration is refused where the name is read. */
  readonly unread?: { readonly why: string; readonly range: Range };
}

const NAMED = /((?:self\.)?[A-Za-z_]\w*)\s*:\s*(?:shape\s*)?/g;
const BARE = /^\s*(?:shape\s*:?\s*)?/;
const TIMES = /[A-Za-z_0-9]+(?:\s*[x×]\s*[A-Za-z_0-9]+)+/y;

type Sizes = Omit<CommentShape, 'name' | 'range'>;

/** `# W: (3, 4), b: (3,)` → two shapes; `# (3, 4)` → one without a name. */
export function commentShapes(c: PyComment, names: Names): CommentShape[] {
  const out: CommentShape[] = [];
  const at = c.start + 1; // the text starts after `#`
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(c.text); m; m = NAMED.exec(c.text)) {
    const shape = shapeAt(c.text, NAMED.lastIndex, at, names);
    if (!shape) continue;
    const start = at + m.index;
    out.push({ name: (m[1] as string).replace(/^self\./, ''), ...shape.sizes, range: { start, end: at + shape.end } });
    NAMED.lastIndex = shape.end;
  }
  if (out.length) return out;
  const from = (BARE.exec(c.text) as RegExpExecArray)[0].length;
  const bare = shapeAt(c.text, from, at, names);
  return bare && !c.text.slice(bare.end).trim() ? [{ ...bare.sizes, range: { start: c.start, end: c.end } }] : [];
}

/**
 * The shape written at `i` of a comment's text (which starts at `at` in the file): a tuple or list,
 * nested to any depth, or `3x4`; with where it ends. Undefined when none is there (prose). A bracket
 * never closed before prose-free sizes is a declaration refused at that bracket.
 */
function shapeAt(text: string, i: number, at: number, names: Names): { sizes: Sizes; end: number } | undefined {
  const open = text[i];
  if (open !== '(' && open !== '[') {
    TIMES.lastIndex = i;
    const times = TIMES.exec(text);
    const sizes = times && timesDims(times[0], names);
    return sizes ? { sizes, end: TIMES.lastIndex } : undefined;
  }
  const close = partner(text, i, (ch) => ch);
  if (!isUnbalanced(close)) {
    const sizes = tupleDims(text.slice(i + 1, close), at + i + 1, names);
    return sizes && { sizes, end: close + 1 };
  }
  const sizes = tupleDims(text.slice(i + 1).replace(/[)\]]\s*$/, ''), at + i + 1, names);
  const unread = { why: close.why, range: { start: at + close.at, end: at + close.at + 1 } };
  return sizes && { sizes: { dims: sizes.dims, unread }, end: text.length };
}

/** `3x4`, `m × n`, `d_h x d_x`: numbers and names only. A spaced `x` or a `×` separates, so a name
 *  holding an x (d_x) stays whole; only a compact `3x4` splits at each x. */
function timesDims(times: string, names: Names): Sizes | undefined {
  const dims: Dim[] = [];
  const spaced = /×|\sx\s/.test(times);
  for (const p of times.split(spaced ? /\s*×\s*|\s+x\s+/ : 'x')) {
    if (/^\d+$/.test(p)) dims.push(Number(p));
    else if (/^[A-Za-z_]\w*$/.test(p)) dims.push(names.constants.get(p) ?? p);
    else return undefined;
  }
  return { dims };
}

/**
 * A tuple's inside (`d_h, d_h + d_x`), each size read as Python (sizeExpr); `from` is where it starts
 * in the file. Text that is no list of expressions (`# h: (hidden state)`) is prose: undefined.
 */
function tupleDims(inside: string, from: number, names: Names): Sizes | undefined {
  const [line, more] = lexPython(inside).lines;
  if (!line) return { dims: [] };
  if (more) return undefined;
  const r = new ExprReader(line.toks, line.end + 1);
  const dims: Dim[] = [];
  let unread: Sizes['unread'];
  for (;;) {
    const e = r.expr();
    // brackets nested past the reader's bound are sizes it cannot read, not prose
    if (e.k === 'other' && e.what !== 'too deep') return undefined;
    const s = e.k === 'other' ? { why: 'its brackets are nested too deep', range: e.range } : readSize(e, names.constants);
    if ('dim' in s) dims.push(s.dim);
    else unread ??= { why: s.why, range: { start: from + s.range.start, end: from + s.range.end } };
    if (!r.is(',')) break;
    r.take();
    if (!r.peek()) break;
  }
  if (r.peek()) return undefined;
  return unread ? { dims, unread } : { dims };
}
