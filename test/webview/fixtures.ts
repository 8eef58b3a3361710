// Hand-built Analysis objects that follow src/core/analysis.ts exactly, with numbers computed
// here so they are self-consistent: y = σ(Wx + b), W m×n, wrt (W, b), loss ½‖y − t‖².

import type { AnalysisError, AnalysisOk, CooJSON, DerivationStep } from '../../src/core/analysis';
import { mulberry32 as rng } from '../../src/core/numeric/values';


const sigma = (z: number): number => 1 / (1 + Math.exp(-z));
const f = (latex: string, unicode: string) => ({ latex, unicode });

const steps: DerivationStep[] = [
  { note: 'Name the pre-activation', latex: 'z = Wx + b', unicode: 'z = Wx + b' },
  { note: 'Differentiate the elementwise map', latex: "dy = \\operatorname{diag}(\\sigma'(z))\\, dz", unicode: "dy = diag(σ′(z)) dz" },
  { note: 'Differentiate the affine map', latex: 'dz = (dW)\\,x + db', unicode: 'dz = (dW) x + db' },
  { note: 'vec(ABC) = (Cᵀ ⊗ A) vec B with A = I, B = dW, C = x', latex: '\\operatorname{vec}((dW)\\,x) = (x^\\top \\otimes I_3)\\, d\\operatorname{vec} W', unicode: 'vec((dW) x) = (xᵀ ⊗ I₃) d vec W' },
  { note: 'Stack the blocks', latex: "dy = \\operatorname{diag}(\\sigma'(z)) \\begin{bmatrix} x^\\top \\otimes I_3 & I_3 \\end{bmatrix} \\begin{bmatrix} d\\operatorname{vec} W \\\\ db \\end{bmatrix}", unicode: 'dy = diag(σ′(z)) [xᵀ ⊗ I₃, I₃] [d vec W; db]' },
  { note: 'Transpose for the gradient', latex: "\\nabla_{(\\operatorname{vec} W, b)} L = \\begin{bmatrix} x \\otimes I_3 \\\\ I_3 \\end{bmatrix} \\operatorname{diag}(\\sigma'(z))\\,(y - t)", unicode: '∇L = [x ⊗ I₃; I₃] diag(σ′(z)) (y − t)' },
  { note: 'Read vec(δ xᵀ) = (x ⊗ I₃) δ backwards', latex: '\\frac{\\partial L}{\\partial W} = \\delta x^\\top,\\quad \\frac{\\partial L}{\\partial b} = \\delta', unicode: '∂L/∂W = δ xᵀ, ∂L/∂b = δ' },
];

/** y = σ(Wx + b) with W m×n, numbers from `seed`. */
export function denseLayer(m = 3, n = 4, seed = 1): AnalysisOk {
  const r = rng(seed);
  const rand = () => Math.round((r() * 2 - 1) * 1000) / 1000;
  const W = Array.from({ length: m * n }, rand); // row-major
  const x = Array.from({ length: n }, rand);
  const b = Array.from({ length: m }, rand);
  const t = Array.from({ length: m }, rand);
  const z = b.map((bi, i) => bi + x.reduce((s, xj, j) => s + W[i * n + j]! * xj, 0));
  const y = z.map(sigma);
  const ds = y.map((yi) => yi * (1 - yi));
  const delta = y.map((yi, i) => ds[i]! * (yi - t[i]!));
  const J: CooJSON = { rows: [], cols: [], vals: [] };
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      (J.rows as number[]).push(i);
      (J.cols as number[]).push(j * m + i);
      (J.vals as number[]).push(ds[i]! * x[j]!);
    }
  }
  for (let i = 0; i < m; i++) {
    (J.rows as number[]).push(i);
    (J.cols as number[]).push(m * n + i);
    (J.vals as number[]).push(ds[i]!);
  }
  const gW = Array.from({ length: m * n }, (_, k) => delta[Math.floor(k / n)]! * x[k % n]!);
  const I = `I_{${m}}`;
  const nnz = m * n + m;
  const cols = m * n + m;
  return {
    ok: true,
    input: 'y = sigmoid(W*x + b)',
    notation: 'math',
    definition: f('y = \\sigma(Wx + b)', 'y = σ(Wx + b)'),
    output: { name: 'y', shape: [m, 1], ...f('y', 'y') },
    variables: {
      W: { shape: [m, n], role: 'parameter', shapeSource: 'option', ...f('W', 'W') },
      x: { shape: [n, 1], role: 'input', shapeSource: 'option', ...f('x', 'x') },
      b: { shape: [m, 1], role: 'parameter', shapeSource: 'inferred', ...f('b', 'b') },
    },
    wrt: ['W', 'b'],
    dims: {},
    jacobian: {
      latex: `\\operatorname{diag}(\\sigma'(Wx + b)) \\begin{bmatrix} x^\\top \\otimes ${I} & ${I} \\end{bmatrix}`,
      unicode: "diag(σ′(Wx + b)) [xᵀ ⊗ I, I]",
      shape: [m, cols],
      nnz,
      denseCount: m * cols,
      bytes: 8 * (2 * m + n) + 64,
      denseBytes: 8 * m * cols,
      blocks: [
        { wrt: 'W', shape: [m, m * n], nnz: m * n, ...f(`\\operatorname{diag}(\\sigma'(Wx + b))\\,(x^\\top \\otimes ${I})`, 'diag(σ′(Wx + b)) (xᵀ ⊗ I)') },
        { wrt: 'b', shape: [m, m], nnz: m, ...f(`\\operatorname{diag}(\\sigma'(Wx + b))`, 'diag(σ′(Wx + b))') },
      ],
      factors: [
        { part: 'left', shape: [m, m], ...f(`\\operatorname{diag}(\\sigma'(Wx + b))`, 'diag(σ′(Wx + b))') },
        { part: 'block', shape: [m, m * n], ...f(`x^\\top \\otimes ${I}`, 'xᵀ ⊗ I') },
        { part: 'block', shape: [m, m], ...f(I, 'I') },
      ],
      values: J,
    },
    gradient: {
      W: { shape: [m, n], values: gW, ...f('\\delta x^\\top', 'δ xᵀ') },
      b: { shape: [m, 1], values: delta, ...f('\\delta', 'δ') },
    },
    gradientDefinitions: [
      { name: 'δ', ...f("\\delta = \\sigma'(z) \\odot (y - t)", 'δ = σ′(z) ⊙ (y − t)') },
      { name: 'z', ...f('z = Wx + b', 'z = Wx + b') },
    ],
    loss: { kind: 'sse', ...f('L = \\tfrac{1}{2}\\lVert y - t \\rVert^2', 'L = ½‖y − t‖²') },
    derivation: steps,
    numbers: {
      seed,
      inputs: {
        W: { shape: [m, n], data: W },
        x: { shape: [n, 1], data: x },
        b: { shape: [m, 1], data: b },
        t: { shape: [m, 1], data: t },
      },
      output: { shape: [m, 1], data: y },
    },
    check: { maxRelError: 3.1e-10, method: 'columns', count: cols, passed: true, tolerance: 1e-6, formulas: { checked: 4, failed: [] } },
    notes: [],
  };
}

/** The same layer with a failed finite-difference check. */
export function failedCheck(): AnalysisOk {
  const a = denseLayer();
  return { ...a, check: { maxRelError: 0.042, method: 'directions', count: 8, passed: false, tolerance: 1e-6, formulas: { checked: 4, failed: [] } } };
}

/** A shape error, pointing at `W*x + b`. */
export function shapeError(): AnalysisError {
  const input = 'y = sigmoid(W*x + b)';
  const start = input.indexOf('W*x + b');
  return {
    ok: false,
    input,
    error: { message: 'Shape mismatch in +: W*x is 3×1 but b is 4×1', start, end: start + 'W*x + b'.length },
  };
}

export const PWN = 'window.__pwned=1';
export const EVIL_NAME = `<img src=x onerror=${PWN}>`;
export const EVIL_TEX = `\\href{javascript:${PWN}}{x}`;

/** Every string field that reaches the page carries markup or an unsafe LaTeX command. */
export function hostile(): AnalysisOk {
  const a = denseLayer(2, 2);
  const evil = (s: string) => ({ latex: `${EVIL_TEX} ${s} \\url{javascript:${PWN}} \\htmlClass{x}{y} \\includegraphics{x.png} \\gdef\\pwn{1}`, unicode: `${EVIL_NAME} ${s}` });
  const inputs = a.numbers!.inputs;
  return {
    ...a,
    input: `<script>${PWN}</script> = ${EVIL_NAME}`,
    definition: evil('y'),
    output: { ...a.output, name: EVIL_NAME, ...evil('y') },
    variables: {
      [EVIL_NAME]: { shape: [2, 2], role: 'parameter', shapeSource: 'declared', ...evil('W') },
      x: a.variables.x!,
      b: a.variables.b!,
    },
    wrt: [EVIL_NAME, 'b'],
    dims: { [EVIL_NAME]: `<b onmouseover=${PWN}>rows</b>` },
    jacobian: {
      ...a.jacobian,
      ...evil('J'),
      blocks: a.jacobian.blocks.map((b) => ({ ...b, wrt: EVIL_NAME, ...evil('B') })),
      factors: a.jacobian.factors.map((x) => ({ ...x, ...evil('F') })),
    },
    gradient: { [EVIL_NAME]: { ...a.gradient!.W!, ...evil('G') } },
    gradientDefinitions: [{ name: EVIL_NAME, ...evil('δ') }],
    loss: { kind: 'custom', ...evil('L') },
    derivation: [
      { note: EVIL_NAME, ...evil('step') },
      // An expansion bomb and an oversized box: KaTeX's limits stop both.
      { note: 'bomb', latex: '\\def\\a{\\a\\a}\\a \\rule{100000em}{100000em}', unicode: 'bomb' },
    ],
    numbers: { ...a.numbers!, inputs: { [EVIL_NAME]: inputs.W!, x: inputs.x! } },
    notes: [EVIL_NAME, `javascript:${PWN}`],
  };
}
