import assert from 'node:assert/strict';
import { test } from 'node:test';
import katex from 'katex';
import type { AnalysisOk } from '../../../src/core/analysis';
import {
  LATEX, UNICODE, blockLabel, bytes, costLine, count, density, gradientLabel, gradientLine, jacobianLabel, jacobianLine, memory,
  lossChoices, nameText, outputName, percent, shape, shapeCell, shapeCompact, size, space,
} from '../../../src/core/present';
import { analyzeOk } from '../helpers/oracle';

/** y = σ(W₁x + b), W₁ 3×4: only the fields the presentation reads, written out by hand. */
const layer = {
  ok: true,
  input: 'y = sigmoid(W1*x + b)',
  notation: 'math',
  definition: { latex: 'y = \\sigma(W_{1} x + b)', unicode: 'y = σ(W₁ x + b)' },
  output: { latex: 'y', unicode: 'y', name: 'y', shape: [3, 1] },
  variables: {
    W1: { latex: 'W_{1}', unicode: 'W₁', shape: [3, 4], role: 'parameter', shapeSource: 'option' },
    x: { latex: 'x', unicode: 'x', shape: [4, 1], role: 'input', shapeSource: 'inferred' },
    b: { latex: 'b', unicode: 'b', shape: [3, 1], role: 'parameter', shapeSource: 'inferred' },
  },
  wrt: ['W1', 'b'],
  dims: {},
  jacobian: {
    latex: 'D', unicode: 'D', shape: [3, 15], nnz: 15, denseCount: 45, bytes: 144, denseBytes: 360, factors: [],
    blocks: [{ wrt: 'W1', shape: [3, 12], nnz: 12, latex: 'A', unicode: 'A' }, { wrt: 'b', shape: [3, 3], nnz: 3, latex: 'B', unicode: 'B' }],
  },
  gradient: { W1: { shape: [3, 4], latex: '\\delta x^\\top', unicode: 'δ xᵀ' } },
  derivation: [],
  notes: [],
} satisfies AnalysisOk;

test('a symbolic size is parenthesised exactly when it is a sum', () => {
  assert.equal(size(3, UNICODE), '3');
  assert.equal(size('mn', UNICODE), 'mn');
  assert.equal(size('m²', UNICODE), 'm²');
  assert.equal(size('mn + m', UNICODE), '(mn + m)');
  assert.equal(size('n − 1', UNICODE), '(n − 1)');
  assert.equal(size('mn + m', LATEX), '(mn + m)');
  assert.equal(size('m²n', LATEX), 'm^{2}n');
  assert.equal(size('n − 1', LATEX), '(n - 1)');
});

test('shapes and spaces, in prose, in cells and in LaTeX', () => {
  assert.equal(shape([3, 15], UNICODE), '3 × 15');
  assert.equal(shape(['m', 'mn + m'], UNICODE), 'm × (mn + m)');
  assert.equal(shape([3, 4], LATEX), '3 \\times 4');
  assert.equal(shapeCompact([3, 4]), '3×4');
  assert.equal(shapeCell([3, 4]), '3×4');
  assert.equal(shapeCell([4, 1]), '4');
  assert.equal(shapeCell([1, 1]), 'scalar');
  assert.equal(space([3, 15], UNICODE), 'ℝ^{3×15}');
  assert.equal(space(['m', 'mn + m'], UNICODE), 'ℝ^{m×(mn + m)}');
  assert.equal(space([3, 1], UNICODE), 'ℝ^{3}');
  assert.equal(space([1, 1], UNICODE), 'ℝ');
  assert.equal(space([3, 15], LATEX), '\\mathbb{R}^{3 \\times 15}');
  assert.equal(space(['n', 1], LATEX), '\\mathbb{R}^{n}');
  assert.equal(space([1, 1], LATEX), '\\mathbb{R}');
});

test('counts, bytes and the share of a dense matrix', () => {
  assert.equal(count(3120), '3,120');
  assert.equal(count('mn + m'), 'mn + m');
  assert.equal(bytes(144), '144 B');
  assert.equal(bytes(1536), '1.5 KB');
  assert.equal(bytes(20 * 1024), '20 KB');
  assert.equal(bytes(3 * 1024 * 1024), '3.0 MB');
  assert.equal(percent(15, 45), '33%');
  assert.equal(percent(3120, 48 * 3120), '2.1%');
  assert.equal(percent(1, 4800), '0.021%');
  assert.equal(percent(1, 0), '');
  assert.equal(density(layer.jacobian), 'nnz 15 of 45 dense (33%)');
  assert.equal(density({ nnz: 'mn + m', denseCount: 'm²n + m²' }), 'nnz mn + m of m²n + m² dense');
  assert.equal(memory(layer.jacobian), '144 B structured vs 360 B dense');
  assert.equal(memory({}), undefined);
});

test('one display per name: W1 and W_1 read W₁ (Unicode) and W_{1} (LaTeX)', () => {
  assert.equal(nameText('W1', UNICODE), 'W₁');
  assert.equal(nameText('W_1', UNICODE), 'W₁');
  assert.equal(nameText('W1', LATEX), 'W_{1}');
  assert.equal(nameText('W_1', LATEX), 'W_{1}');
  assert.equal(nameText('delta', UNICODE), 'δ');
});

test('names print as written: Greek capitals, accents and primes on a letter, a word keeps its suffix as a subscript', () => {
  const cases: [string, string, string][] = [
    ['Sigma', 'Σ', '\\Sigma'],
    ['Delta_2', 'Δ₂', '\\Delta_{2}'],
    ['y_hat', 'ŷ', '\\hat{y}'],
    ['y_hat_1', 'ŷ₁', '\\hat{y}_{1}'],
    ['W_tilde_q', 'W̃_q', '\\tilde{W}_{q}'],
    ['x_bar', 'x̄', '\\bar{x}'],
    ['theta_dot', 'θ̇', '\\dot{\\theta}'],
    ['h_prime', 'h′', "h'"],
    ['loss_hat', 'lossₕₐₜ', '\\mathrm{loss}_{\\mathrm{hat}}'],
    ['W_enc', 'W_enc', '\\mathrm{W}_{\\mathrm{enc}}'.replace('\\mathrm{W}', 'W')],
    ['_private', '_private', '\\text{\\_private}'],
  ];
  for (const [raw, unicode, latex] of cases) {
    assert.equal(nameText(raw, UNICODE), unicode.normalize('NFC'), raw);
    assert.equal(nameText(raw, LATEX), latex, raw);
  }
  // every name is LaTeX that KaTeX reads, under a transpose too
  for (const [raw] of cases) {
    assert.doesNotThrow(() => katex.renderToString(`${nameText(raw, LATEX)} + ${nameText(raw, LATEX)}^\\top`, { throwOnError: true }), raw);
  }
});

test('∂-labels: vec for a matrix, the bare name for a column; L for the gradient', () => {
  assert.equal(jacobianLabel(layer, UNICODE), '∂y/∂(vec W₁, b)');
  assert.equal(jacobianLabel(layer, LATEX), '\\frac{\\partial y}{\\partial\\, (\\operatorname{vec} W_{1},\\ b)}');
  assert.equal(blockLabel(layer, 'W1', UNICODE), '∂y/∂vec W₁');
  assert.equal(blockLabel(layer, 'b', UNICODE), '∂y/∂b');
  assert.equal(gradientLabel(layer, 'W1', UNICODE), '∂L/∂W₁');
  assert.equal(gradientLabel(layer, 'W1', LATEX), '\\frac{\\partial L}{\\partial W_{1}}');
  const matrixOut = { ...layer, output: { ...layer.output, name: 'Y', shape: [3, 2] }, wrt: ['b'] } satisfies AnalysisOk;
  assert.equal(jacobianLabel(matrixOut, UNICODE), '∂vec Y/∂b');
});

test('the lines surfaces show: J with its space, a gradient with its name', () => {
  assert.equal(jacobianLine(layer, UNICODE), 'J = D ∈ ℝ^{3×15}');
  assert.equal(jacobianLine(layer, LATEX), 'J = D \\in \\mathbb{R}^{3 \\times 15}');
  assert.equal(gradientLine(layer, 'W1', UNICODE), '∂L/∂W₁ = δ xᵀ');
  assert.equal(gradientLine(layer, 'b', UNICODE), undefined);
});

test('an unnamed output is y, or y2 when y is one of its variables', () => {
  const unnamed = { ...layer, output: { ...layer.output, name: undefined } } satisfies AnalysisOk;
  assert.equal(outputName(unnamed), 'y');
  const withY = { ...unnamed, variables: { ...layer.variables, y: layer.variables.x } } satisfies AnalysisOk;
  assert.equal(outputName(withY), 'y2');
});

test('the cost line: one sentence for the CLI and the panel, counts grouped, bytes in units, symbolic sizes kept', () => {
  // y = σ(Wx + b), W 3×4: J is 3 × 15 (45 dense entries, 360 B); 3 rows = 3 VJPs; 15 columns = 15 JVPs.
  assert.equal(costLine({ denseEntries: 45, denseBytes: 360, vjps: 3, jvps: 15, structuredEntries: 15, structuredBytes: 80 }),
    'dense J: 45 entries, 360 B · jacrev: 3 VJPs · jacfwd: 15 JVPs · structured: 15 stored entries in 80 B, a gradient is 1 VJP');
  // W 1024×1024: J is 1024 × 1,049,600; 8 bytes an entry is 8,598,323,200 B = 8.0 GB.
  assert.equal(costLine({ denseEntries: 1024 * 1049600, denseBytes: 8 * 1024 * 1049600, vjps: 1024, jvps: 1049600, structuredEntries: 1049600 }),
    'dense J: 1,074,790,400 entries, 8.0 GB · jacrev: 1,024 VJPs · jacfwd: 1,049,600 JVPs · structured: 1,049,600 stored entries, a gradient is 1 VJP');
  assert.equal(costLine({ denseEntries: 'm²n + m²', denseBytes: '8(m²n + m²)', vjps: 'm', jvps: 'mn + m', structuredEntries: 'mn + m' }),
    'dense J: m²n + m² entries, 8(m²n + m²) B · jacrev: m VJPs · jacfwd: mn + m JVPs · structured: mn + m stored entries, a gradient is 1 VJP');
});

test('the loss picker names the analysis\'s own symbols: ½‖y2 − t2‖², ∂ℓ/∂y2 beside the user\'s y, L, t', () => {
  const renamed = analyzeOk('sigmoid(L*y + t)', { shapes: { L: [3, 4] } });
  assert.deepEqual(lossChoices(renamed, UNICODE).map(([, label]) => label), [
    'Sum of squares ½‖y₂ − t₂‖²', 'Softmax cross-entropy', 'Upstream gradient ∂ℓ/∂y₂', 'Custom expression…',
  ]);
  const named = analyzeOk('h1 = sigmoid(W*x + b)', { shapes: { W: [3, 4] } });
  assert.equal(lossChoices(named, UNICODE)[2]?.[1], 'Upstream gradient ∂L/∂h₁');
});

test('a term that prints with its own minus is subtracted: x/‖x‖ has J = (1/‖x‖) I − (x/‖x‖²)(xᵀ/‖x‖), never + −', () => {
  const a = analyzeOk('y = x / norm(x)', { wrt: ['x'], shapes: { x: [3, 1] }, numeric: true });
  assert.equal(a.jacobian.unicode, '(1 / ‖x‖) I₃ − (x / ‖x‖²) (xᵀ / ‖x‖)');
  assert.ok(!a.jacobian.latex.includes('+ -'), a.jacobian.latex);
  // the text changed, not the tree: the printed J still evaluates to the numbers
  assert.equal(a.jacobian.check?.passed, true);
});
