// What the Python front-end knows: library functions (NumPy, PyTorch, JAX, SciPy), tensor
// methods, torch.nn modules, and the constructors that give a tensor its shape.

import { UserError, type Dim, type ElementwiseFn, type Range, type SoftmaxAxis } from '../../ast';
import { elementwise } from '../../ops/elementwise';
import { PYTHON_FUNCTIONS, PYTHON_MODULES, type OpRef } from '../../ops/spellings';
import type { PyExpr } from './syntax';
import { dict } from '../../keys';

/** Libraries whose functions are looked up by their last name (`torch.sigmoid`, `jax.nn.sigmoid`). */
export const LIBRARY_ROOTS: ReadonlySet<string> = new Set(['torch', 'numpy', 'jax', 'scipy', 'autograd', 'cupy', 'math', 'flax']);

/** Python's `math` works on scalars only: `math.sqrt(d)` makes `d` a scalar. */
export const SCALAR_LIBRARY = 'math';

/** Aliases every file gets unless it imports otherwise. */
export const DEFAULT_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['np', 'numpy'], ['jnp', 'jax.numpy'], ['torch', 'torch'], ['F', 'torch.nn.functional'], ['nn', 'torch.nn'],
  ['jax', 'jax'], ['scipy', 'scipy'], ['math', 'math'], ['onp', 'numpy'], ['random', 'jax.random'], ['jr', 'jax.random'],
];

export type LibFn =
  | { readonly k: 'apply'; readonly fn: ElementwiseFn }
  | { readonly k: 'unary'; readonly node: 'softmax' | 'sum' | 'trace' | 'det' | 'logdet' | 'inv' | 'norm' | 'transpose' | 'diag' | 'adj' | 'norm1' | 'norm2' | 'norminf' }
  /** `ranks`: the axes the function requires of its operands (torch.mm two matrices, torch.mv a matrix and a vector). */
  | { readonly k: 'binary'; readonly node: 'mul' | 'hadamard' | 'add' | 'sub' | 'div' | 'kron'; readonly ranks?: readonly [number, number] }
  | { readonly k: 'special'; readonly name: 'maximum' | 'clamp' | 'power' | 'square' | 'matrix_power' | 'linear' | 'log_softmax' | 'slogdet' | 'identity' | 'layer_norm' | 'rms_norm' | 'dropout' | 'flatten' | 'reshape' | 'mean' | 'embedding' }
  /** Parts joined (torch.cat, np.concatenate, np.hstack, np.vstack, np.column_stack, torch.stack): the axis is the called name's and its arguments'. */
  | { readonly k: 'parts' }
  | { readonly k: 'unsupported'; readonly why: string };

const apply = (fn: ElementwiseFn): LibFn => ({ k: 'apply', fn });
const unary = (node: Extract<LibFn, { k: 'unary' }>['node']): LibFn => ({ k: 'unary', node });
const binary = (node: Extract<LibFn, { k: 'binary' }>['node']): LibFn => ({ k: 'binary', node });
const product = (ranks: readonly [number, number]): LibFn => ({ k: 'binary', node: 'mul', ranks });
const special = (name: Extract<LibFn, { k: 'special' }>['name']): LibFn => ({ k: 'special', name });
export const RESHAPE_WHY = 'reshapes are not supported, except a matrix flattened whole (x.view(-1), x.flatten()): write the layer on matrices and vectors';
const RESHAPE: LibFn = { k: 'unsupported', why: RESHAPE_WHY };
const MATRIX_EXP: LibFn = { k: 'unsupported', why: 'the matrix exponential is not supported (np.exp and torch.exp act entry by entry)' };

/** The catalogue's operations (ops/) as library functions. */
const libFn = (ref: OpRef): LibFn => {
  if (ref.k === 'apply') return apply(ref.fn);
  if (ref.op.parts) return { k: 'parts' };
  return ref.op.arity === 2 ? binary(ref.op.kind as Extract<LibFn, { k: 'binary' }>['node']) : unary(ref.op.kind as Extract<LibFn, { k: 'unary' }>['node']);
};

/** Library functions by their last name: the catalogue's, then Python's own idioms. */
export const FUNCTIONS: Readonly<Record<string, LibFn>> = dict({
  ...Object.fromEntries(Object.entries(PYTHON_FUNCTIONS).map(([name, ref]) => [name, libFn(ref)])),
  matmul: binary('mul'), dot: binary('mul'), mm: product([2, 2]), spmm: product([2, 2]), mv: product([2, 1]), multiply: binary('hadamard'),
  mul: binary('hadamard'), add: binary('add'), subtract: binary('sub'), sub: binary('sub'), divide: binary('div'),
  div: binary('div'), true_divide: binary('div'), matrix_exp: MATRIX_EXP, expm: MATRIX_EXP,
  maximum: special('maximum'), clamp: special('clamp'), clip: special('clamp'), power: special('power'),
  pow: special('power'), square: special('square'), matrix_power: special('matrix_power'), linear: special('linear'),
  log_softmax: special('log_softmax'), slogdet: special('slogdet'), asarray: special('identity'),
  layer_norm: special('layer_norm'), rms_norm: special('rms_norm'), dropout: special('dropout'),
  reshape: special('reshape'), flatten: special('flatten'), ravel: special('flatten'), squeeze: RESHAPE, unsqueeze: RESHAPE, expand_dims: RESHAPE,
  mean: special('mean'), embedding: special('embedding'),
  einsum: { k: 'unsupported', why: 'einsum is not supported: write the products with @' },
  mse_loss: { k: 'unsupported', why: 'mse_loss is not supported: write ((y - t) ** 2).sum()' },
  cross_entropy: { k: 'unsupported', why: 'cross_entropy is not supported: analyse the logits with --loss xent' },
  outer: { k: 'unsupported', why: 'outer is not supported: declare a and b as columns, (n, 1), and write a @ b.T' },
});

/** Tensor methods: `W.dot(x)`, `x.sum()`, `z.softmax(dim=0)`, `X.t()`, … */
export const METHODS: Readonly<Record<string, LibFn>> = dict({
  ...FUNCTIONS,
  dot: binary('mul'), matmul: binary('mul'), mm: product([2, 2]), mv: product([2, 1]), __matmul__: binary('mul'),
  detach: special('identity'), clone: special('identity'), to: special('identity'), float: special('identity'),
  double: special('identity'), contiguous: special('identity'), cpu: special('identity'), cuda: special('identity'),
  requires_grad_: special('identity'), view: special('reshape'), view_as: RESHAPE, permute: RESHAPE,
  clamp_min: special('clamp'), sigmoid_: apply('sigmoid'),
});

/** torch.nn modules a model may hold: a layer, an activation, or a container. */
export type ModuleKind =
  /** nn.Linear(in, out): a size that cannot be read (`int(d * ratio)`) is settled where the layer is called. */
  | { readonly k: 'linear'; readonly inDim: Dim | UnreadSize; readonly outDim: Dim | UnreadSize; readonly bias: boolean }
  | { readonly k: 'act'; readonly fn: ElementwiseFn | 'softmax' | 'log_softmax' | 'identity' | 'dropout'; readonly each?: SoftmaxAxis; readonly twoAxes?: true }
  | { readonly k: 'seq'; readonly layers: readonly ModuleKind[] }
  /** nn.LayerNorm(d) / nn.RMSNorm(d): γ (and β for LayerNorm) when `affine`. */
  | { readonly k: 'norm'; readonly rms: boolean; readonly d: Dim; readonly eps: number; readonly affine: boolean; readonly bias: boolean }
  /** nn.Embedding(count, dim): the rows of a count×dim table E, looked up by integer indices. */
  | { readonly k: 'embedding'; readonly count: Dim; readonly dim: Dim }
  /** A module built with a parameter the catalogue does not read (`nn.ELU(alpha=0.5)`): refused where it is called. */
  | { readonly k: 'refused'; readonly message: string; readonly range: Range };

/** A size argument of a module that cannot be read (`nn.Linear(int(d * ratio), d)`): which one, and why. */
export interface UnreadSize {
  readonly arg: string;
  readonly why: string;
}

/** Activation modules by class name. */
export const ACTIVATIONS: Readonly<Record<string, Extract<ModuleKind, { k: 'act' }>['fn']>> = dict({
  ...PYTHON_MODULES,
  Softmax: 'softmax', LogSoftmax: 'log_softmax', Identity: 'identity', Dropout: 'dropout', Flatten: 'identity',
});

/** Constructors that give a shape: which arguments hold it. `legacy`: torch.Tensor(3, 4) is sizes,
 *  torch.Tensor([1, 2]) data, and torch.Tensor(d) of one name either (data or a size), so not read. */
export type ShapeArgs = 'all' | 'first' | 'size' | 'second' | 'eye' | 'literal' | 'wrap' | 'legacy';

export const CONSTRUCTORS: Readonly<Record<string, ShapeArgs>> = dict({
  randn: 'all', rand: 'all', empty: 'first', zeros: 'first', ones: 'first', full: 'first',
  standard_normal: 'first', random: 'first', normal: 'size', uniform: 'size', truncated_normal: 'size',
  eye: 'eye', identity: 'eye', tensor: 'literal', array: 'literal', Parameter: 'wrap',
  Tensor: 'legacy', FloatTensor: 'legacy', DoubleTensor: 'legacy',
});

/** The entry a keyword argument selects (`F.gelu(x, approximate='tanh')`), else the library's default
 *  (`jax.nn.gelu` approximates unless told `approximate=False`). */
export function optionOf(fn: ElementwiseFn, path: string, kw: (name: string) => PyExpr | undefined): ElementwiseFn {
  const o = elementwise(fn).python;
  if (!o) return fn;
  const v = kw(o.kwarg);
  if (!v) return o.defaultIn?.includes(path.split('.')[0] ?? '') ? o.then : fn;
  const text = v.k === 'str' ? v.value : v.k === 'other' ? v.what : undefined;
  if (text === undefined) throw UserError.at(`${o.kwarg}= must be written out here (a string, True or False)`, v.range);
  return o.values.includes(text) ? o.then : fn;
}

/** Refuses a parameter set away from the one value the catalogue reads (`F.elu(x, alpha=0.5)`):
 *  `get(kwarg, position)` finds it as a keyword or by its position after the tensor. */
export function checkFixed(fn: ElementwiseFn, get: (kwarg: string, position: number) => PyExpr | undefined): void {
  for (const p of elementwise(fn).fixed ?? []) {
    const v = get(p.kwarg, p.position);
    if (!v) continue;
    const value = v.k === 'num' ? v.value : v.k === 'unary' && v.op === '-' && v.arg.k === 'num' ? -v.arg.value : undefined;
    if (value === p.value) continue;
    const name = elementwise(fn).unicode;
    throw UserError.at(value === undefined
      ? `${p.kwarg} of ${name} must be a number written out, and only ${p.kwarg}=${p.value} (the default) is supported`
      : `${name} is supported with ${p.kwarg}=${p.value} (the default) only, not ${value}`, v.range);
  }
}

/** ε when none is given: LayerNorm's 1e-5; RMSNorm's is the dtype's machine epsilon (float64 here). */
export const NORM_EPS = { layer: 1e-5, rms: 2 ** -52 } as const;
