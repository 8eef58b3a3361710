// The three array libraries the code is written for: what differs between them is the module,
// how an array is made, and a few helpers; everything else comes from the one printer.

export type Target = 'numpy' | 'pytorch' | 'jax';

export interface Dialect {
  readonly target: Target;
  /** The module array functions are called from (`np.tanh`, `torch.tanh`, `jnp.tanh`). */
  readonly m: string;
  readonly imports: readonly string[];
  /** `array(rows)`, `ones`, `eye` and the activations the printer calls by name. */
  readonly helpers: readonly string[];
}

/** Helpers written once in terms of the module `M` (substituted per dialect). */
const COMMON = [
  'def relu(z):\n    return M.where(z > 0, z, 0.0 * z)',
  'def step(z):\n    return M.where(z > 0, 1.0 + 0.0 * z, 0.0 * z)',
  'def leaky_relu(z):\n    return M.where(z > 0, z, 0.01 * z)',
  'def d_leaky_relu(z):\n    return M.where(z > 0, 1.0 + 0.0 * z, 0.01 + 0.0 * z)',
  'def softplus(z):\n    return M.maximum(z, 0.0 * z) + M.log1p(M.exp(-M.abs(z)))',
  '# softmax as Kronecker Lens defines it: over every entry of a vector, else along axis 1 (each row)\n' +
    '# or 0 (each column) of a matrix\ndef softmax(z, axis=None):\n    e = M.exp(z - M.max(z))\n' +
    '    if axis is None or 1 in e.shape:\n        return e / M.sum(e)\n    if axis == 1:\n        return e / (e @ M.ones_like(e[:1, :].T))\n' +
    '    return e / (M.ones_like(e[:, :1].T) @ e)',
  '# vec stacks the columns\ndef vec(a):\n    return a.T.reshape(-1, 1)',
  '# unvec: the r×c matrix whose vec is a\ndef unvec(a, r, c):\n    return a.reshape(c, r).T',
  '# diag of a vector (a column or a row): the diagonal matrix; of a square matrix: its diagonal, a column\n' +
    'def diag(a):\n    if 1 in a.shape:\n        return M.diag(a.reshape(-1))\n    return M.diag(a).reshape(-1, 1)',
  '# the adjugate, cofactor by cofactor: defined at a singular matrix too, where det(a) inv(a) is not\n' +
    'def adj(a):\n    n = a.shape[0]\n    if n == 1:\n        return a * 0.0 + 1.0\n' +
    '    def minor(i, j):\n        return a[[k for k in range(n) if k != i]][:, [k for k in range(n) if k != j]]\n' +
    '    return M.stack([M.stack([(-1.0) ** (i + j) * M.linalg.det(minor(j, i)) for j in range(n)]) for i in range(n)])',
  '# the 2-norm: Euclidean of a vector, spectral (the largest singular value) of a matrix\n' +
    'def norm2(a):\n    if 1 in a.shape:\n        return M.sqrt(M.sum(a * a))\n    return M.linalg.svd(a)[1][0]',
  '# sign(a_k) e_k at the largest |a_k| (unique: the analysis refused a tie), the gradient of the inf-norm\n' +
    'def peak(a):\n    return (M.abs(a) == M.max(M.abs(a))) * M.sign(a)',
  '# u1, v1 of the largest singular value (a v1 = s1 u1), as columns\n' +
    'def top_singular(a):\n    u, s, vt = M.linalg.svd(a)\n    return u[:, :1], vt[:1, :].T',
];

const dialect = (target: Target, m: string, imports: string[], own: string[]): Dialect => ({
  target, m, imports, helpers: [...own, ...COMMON.map((h) => h.replace(/\bM\./g, `${m}.`))],
});

export const DIALECTS: { readonly [T in Target]: Dialect } = {
  numpy: dialect('numpy', 'np', ['import json', 'import numpy as np'], [
    'def array(rows):\n    return np.array(rows, dtype=np.float64).reshape(len(rows), -1)',
    'def ones(r, c):\n    return np.ones((r, c))',
    'def eye(n):\n    return np.eye(n)',
    'def sigmoid(z):\n    return 0.5 * (1.0 + np.tanh(0.5 * z))',
    'def erf(z):\n    import math\n    return np.vectorize(math.erf)(z)',
    'def kron(a, b):\n    return np.kron(a, b)',
  ]),
  pytorch: dialect('pytorch', 'torch', ['import json', 'import numpy as np', 'import torch'], [
    'def array(rows):\n    return torch.tensor(rows, dtype=torch.float64).reshape(len(rows), -1)',
    'def ones(r, c):\n    return torch.ones((r, c), dtype=torch.float64)',
    'def eye(n):\n    return torch.eye(n, dtype=torch.float64)',
    'def sigmoid(z):\n    return torch.sigmoid(z)',
    'def erf(z):\n    return torch.erf(z)',
    '# torch.kron views its operands: a transposed one (B.T) must be made contiguous first\ndef kron(a, b):\n    return torch.kron(a.contiguous(), b.contiguous())',
  ]),
  jax: dialect('jax', 'jnp', ['import json', 'import numpy as np', 'import jax', 'import jax.numpy as jnp', 'jax.config.update("jax_enable_x64", True)'], [
    'def array(rows):\n    return jnp.array(rows, dtype=jnp.float64).reshape(len(rows), -1)',
    'def ones(r, c):\n    return jnp.ones((r, c))',
    'def eye(n):\n    return jnp.eye(n)',
    'def sigmoid(z):\n    return jax.nn.sigmoid(z)',
    'def erf(z):\n    return jax.lax.erf(z)',
    'def kron(a, b):\n    return jnp.kron(a, b)',
  ]),
};

/** Names the generated code defines or imports; a variable spelled so gets a trailing `_`. */
export const RESERVED = new Set([
  'np', 'torch', 'jax', 'jnp', 'json', 'math', 'array', 'ones', 'eye', 'sigmoid', 'erf', 'relu', 'step', 'leaky_relu',
  'd_leaky_relu', 'softplus', 'softmax', 'kron', 'vec', 'unvec', 'diag', 'adj', 'norm2', 'peak', 'top_singular', 'forward', 'loss', 'gradient', 'data', 'nested', 'check_gradient',
  'check_autograd', 'values', 'WRT', 'SHAPES',
]);
