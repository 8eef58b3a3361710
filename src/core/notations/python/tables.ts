// What the Python front-end knows: library functions (NumPy, PyTorch, JAX, SciPy), tensor
// methods, torch.nn modules, and the constructors that give a tensor its shape.

import type { ElementwiseFn } from '../../ast';

/** Libraries whose functions are looked up by their last name (`torch.sigmoid`, `jax.nn.sigmoid`). */
export const LIBRARY_ROOTS: ReadonlySet<string> = new Set(['torch', 'numpy', 'jax', 'scipy', 'autograd', 'cupy']);

/** Aliases every file gets unless it imports otherwise. */
export const DEFAULT_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['np', 'numpy'], ['jnp', 'jax.numpy'], ['torch', 'torch'], ['F', 'torch.nn.functional'], ['nn', 'torch.nn'],
  ['jax', 'jax'], ['scipy', 'scipy'], ['onp', 'numpy'], ['random', 'jax.random'], ['jr', 'jax.random'],
];

export type LibFn =
  | { readonly k: 'apply'; readonly fn: ElementwiseFn }
  | { readonly k: 'unary'; readonly node: 'softmax' | 'sum' | 'trace' | 'det' | 'logdet' | 'inv' | 'norm' | 'transpose' }
  | { readonly k: 'binary'; readonly node: 'mul' | 'hadamard' | 'add' | 'sub' | 'div' | 'kron' }
  | { readonly k: 'special'; readonly name: 'maximum' | 'clamp' | 'power' | 'square' | 'matrix_power' | 'linear' | 'log_softmax' | 'slogdet' | 'identity' }
  | { readonly k: 'unsupported'; readonly why: string };

const apply = (fn: ElementwiseFn): LibFn => ({ k: 'apply', fn });
const unary = (node: Extract<LibFn, { k: 'unary' }>['node']): LibFn => ({ k: 'unary', node });
const binary = (node: Extract<LibFn, { k: 'binary' }>['node']): LibFn => ({ k: 'binary', node });
const special = (name: Extract<LibFn, { k: 'special' }>['name']): LibFn => ({ k: 'special', name });
const RESHAPE: LibFn = { k: 'unsupported', why: 'reshapes are not supported: write the layer on matrices and vectors' };

/** Library functions by their last name. */
export const FUNCTIONS: Readonly<Record<string, LibFn>> = {
  sigmoid: apply('sigmoid'), expit: apply('sigmoid'), tanh: apply('tanh'), relu: apply('relu'),
  leaky_relu: apply('leaky_relu'), softplus: apply('softplus'), exp: apply('exp'), log: apply('log'),
  sin: apply('sin'), cos: apply('cos'), sqrt: apply('sqrt'), abs: apply('abs'), absolute: apply('abs'),
  softmax: unary('softmax'), sum: unary('sum'), trace: unary('trace'), det: unary('det'), logdet: unary('logdet'),
  inv: unary('inv'), inverse: unary('inv'), norm: unary('norm'), transpose: unary('transpose'), t: unary('transpose'),
  matmul: binary('mul'), dot: binary('mul'), mm: binary('mul'), mv: binary('mul'), multiply: binary('hadamard'),
  mul: binary('hadamard'), add: binary('add'), subtract: binary('sub'), sub: binary('sub'), divide: binary('div'),
  div: binary('div'), true_divide: binary('div'), kron: binary('kron'),
  maximum: special('maximum'), clamp: special('clamp'), clip: special('clamp'), power: special('power'),
  pow: special('power'), square: special('square'), matrix_power: special('matrix_power'), linear: special('linear'),
  log_softmax: special('log_softmax'), slogdet: special('slogdet'), asarray: special('identity'),
  reshape: RESHAPE, flatten: RESHAPE, ravel: RESHAPE, squeeze: RESHAPE, unsqueeze: RESHAPE, expand_dims: RESHAPE,
  concatenate: { k: 'unsupported', why: 'concatenation is not supported' },
  cat: { k: 'unsupported', why: 'concatenation is not supported' },
  stack: { k: 'unsupported', why: 'stacking is not supported' },
  mean: { k: 'unsupported', why: 'mean is not supported: write .sum() / N with N a number' },
  einsum: { k: 'unsupported', why: 'einsum is not supported: write the products with @' },
  gelu: { k: 'unsupported', why: 'GELU is not supported (sigmoid, tanh, relu, leaky_relu, softplus, softmax are)' },
  silu: { k: 'unsupported', why: 'SiLU is not supported (sigmoid, tanh, relu, leaky_relu, softplus, softmax are)' },
  mse_loss: { k: 'unsupported', why: 'mse_loss is not supported: write ((y - t) ** 2).sum()' },
  cross_entropy: { k: 'unsupported', why: 'cross_entropy is not supported: analyse the logits with --loss xent' },
  outer: { k: 'unsupported', why: 'outer is not supported: write a @ b.T with column vectors' },
};

/** Tensor methods: `W.dot(x)`, `x.sum()`, `z.softmax(dim=0)`, `X.t()`, … */
export const METHODS: Readonly<Record<string, LibFn>> = {
  ...FUNCTIONS,
  dot: binary('mul'), matmul: binary('mul'), mm: binary('mul'), mv: binary('mul'), __matmul__: binary('mul'),
  detach: special('identity'), clone: special('identity'), to: special('identity'), float: special('identity'),
  double: special('identity'), contiguous: special('identity'), cpu: special('identity'), cuda: special('identity'),
  requires_grad_: special('identity'), view: RESHAPE, view_as: RESHAPE, permute: RESHAPE,
  clamp_min: special('clamp'), sigmoid_: apply('sigmoid'),
};

/** torch.nn modules a model may hold: a layer, an activation, or a container. */
export type ModuleKind =
  | { readonly k: 'linear'; readonly inDim: number | string; readonly outDim: number | string; readonly bias: boolean }
  | { readonly k: 'act'; readonly fn: ElementwiseFn | 'softmax' | 'log_softmax' | 'identity' | 'dropout' }
  | { readonly k: 'seq'; readonly layers: readonly ModuleKind[] };

/** Activation modules by class name. */
export const ACTIVATIONS: Readonly<Record<string, Extract<ModuleKind, { k: 'act' }>['fn']>> = {
  ReLU: 'relu', Tanh: 'tanh', Sigmoid: 'sigmoid', Softplus: 'softplus', LeakyReLU: 'leaky_relu',
  Softmax: 'softmax', LogSoftmax: 'log_softmax', Identity: 'identity', Dropout: 'dropout', Flatten: 'identity',
};

/** Constructors that give a shape: which arguments hold it. */
export type ShapeArgs = 'all' | 'first' | 'size' | 'second' | 'eye' | 'literal' | 'wrap';

export const CONSTRUCTORS: Readonly<Record<string, ShapeArgs>> = {
  randn: 'all', rand: 'all', empty: 'first', zeros: 'first', ones: 'first', full: 'first',
  standard_normal: 'first', random: 'first', normal: 'size', uniform: 'size', truncated_normal: 'size',
  eye: 'eye', identity: 'eye', tensor: 'literal', array: 'literal', Parameter: 'wrap',
};
