// Functions defined in the same Python file are read, never run: `y = gelu(W @ x + b)` inlines the
// body of `def gelu(x)`, a lambda's too, and one function calling another. The Jacobians are checked
// against closed forms written here (GELU's tanh form, the logistic's s(1 − s)), entry by entry.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, type AnalysisOk } from '../../../src/core/index';
import { readPython } from '../../../src/core/notations/python';

const W = [[0.5, -1.2, 0.3], [0.8, 0.1, -0.4]];
const x = [1.1, -0.7, 0.25];
const b = [0.2, -0.3];
const z = W.map((row, i) => row.reduce((s, w, j) => s + w * (x[j] as number), b[i] as number));

/** The analysis by W and b, with the values above. */
function ok(src: string): AnalysisOk {
  const r = analyze(src, { notation: 'python', values: { W, x, b }, numeric: true, wrt: ['W', 'b'] });
  if (!r.ok) assert.fail(r.error.message);
  return r;
}

/** J as a dense row-major array. */
function dense(r: AnalysisOk): number[][] {
  const v = r.jacobian.values;
  assert.ok(v);
  const [rows, cols] = r.jacobian.shape as [number, number];
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let k = 0; k < v.vals.length; k++) out[v.rows[k] as number]![v.cols[k] as number] = v.vals[k] as number;
  return out;
}

/** ∂f(Wx + b)/∂(vec W, b) = diag(f′(z)) [xᵀ ⊗ I, I], from f′ alone. */
function layerJacobian(fprime: (t: number) => number): number[][] {
  const m = W.length;
  const n = x.length;
  return z.map((zi, i) => {
    const row = new Array<number>(m * n + m).fill(0);
    for (let j = 0; j < n; j++) row[j * m + i] = fprime(zi) * (x[j] as number);
    row[m * n + i] = fprime(zi);
    return row;
  });
}

function close(actual: number[][], expected: number[][]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, i) => row.forEach((a, j) => assert.ok(Math.abs(a - expected[i]![j]!) < 1e-9, `(${i}, ${j}): ${a} vs ${expected[i]![j]}`)));
}

// GELU, tanh form: g(t) = ½ t (1 + tanh u), u = c (t + k t³); g′ = ½(1 + tanh u) + ½ t (1 − tanh² u) c (1 + 3k t²)
const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;
const geluPrime = (t: number): number => {
  const u = C * (t + K * t ** 3);
  return 0.5 * (1 + Math.tanh(u)) + 0.5 * t * (1 - Math.tanh(u) ** 2) * C * (1 + 3 * K * t * t);
};
const logistic = (t: number): number => 1 / (1 + Math.exp(-t));

const GELU_FILE = `import math
import torch

def gelu(x):
    """The tanh approximation, written out."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))

def block(W, x, b):
    y = gelu(W @ x + b)
    return y
`;

test('def gelu(x) in the file: y = gelu(W @ x + b) is differentiated through its body', () => {
  const r = ok(GELU_FILE);
  close(dense(r), layerJacobian(geluPrime));
  assert.ok(r.notes?.some((n) => n.startsWith('gelu is a function of this file: its body is read in place of each call')));
  assert.equal(r.check?.passed, true);
});

test('f = lambda x: 1/(1 + exp(−x)) is the logistic function; a def calling it is read through both', () => {
  const lambda = `import numpy as np\nf = lambda t: 1.0 / (1.0 + np.exp(-t))\nh = f(W @ x + b)\n`;
  close(dense(ok(lambda)), layerJacobian((t) => logistic(t) * (1 - logistic(t))));
  // swish(t) = t s(t): swish′ = s + t s (1 − s)
  const swish = `import numpy as np\nsig = lambda t: 1.0 / (1.0 + np.exp(-t))\n\ndef swish(v):\n    s = sig(v)\n    return v * s\n\nu = swish(W @ x + b)\n`;
  close(dense(ok(swish)), layerJacobian((t) => logistic(t) + t * logistic(t) * (1 - logistic(t))));
});

test('a function of several parameters is a general expression of them', () => {
  // affine(A, v, c) = A v + c: the same layer as W @ x + b, by the identity
  const src = `def affine(A, v, c):\n    return A @ v + c\n\ny = affine(W, x, b)\n`;
  close(dense(ok(src)), layerJacobian(() => 1));
});

test('a parameter hides a module constant of the same name', () => {
  const src = `import torch\nk = 3\ndef scale(k):\n    return 2.0 * k\n\ny = scale(W @ x + b)\n`;
  close(dense(ok(src)), layerJacobian(() => 2));
});

/** The refusal at the line containing `marker`, with the text it points at. */
function refusal(src: string, marker: string): { message: string; at: string } {
  const i = src.indexOf(marker);
  const site = readPython(src).find((s) => s.range.start <= i && i < s.range.end);
  assert.ok(site?.error, `expected a refusal at ${marker}`);
  return { message: site.error.message, at: src.slice(site.error.start, site.error.end) };
}

test('a body that cannot be read is refused at the call, naming the function', () => {
  const loop = `def twice(v):\n    for _ in range(2):\n        v = v * 2\n    return v\n\ny = twice(W @ x)\n`;
  const r = refusal(loop, 'y = ');
  assert.equal(r.at, 'twice(W @ x)');
  assert.match(r.message, /^twice, defined in this file, is not a straight line of assignments ending in a return/);
  const branch = `def leaky(v):\n    return v if v > 0 else 0.01 * v\n\ny = leaky(W @ x)\n`;
  const b2 = refusal(branch, 'y = ');
  assert.equal(b2.at, 'leaky(W @ x)');
  assert.match(b2.message, /^in leaky, defined in this file: 'if' is not supported/);
  const recursive = `def deep(v):\n    return deep(v) + 1\n\ny = deep(W @ x)\n`;
  assert.match(refusal(recursive, 'y = ').message, /deep, defined in this file, calls itself: a recursive function cannot be read/);
  const arity = `def act(v):\n    return v * v\n\ny = act(W @ x, b)\n`;
  assert.equal(refusal(arity, 'y = ').message, 'act takes 1 argument, here given 2');
});
