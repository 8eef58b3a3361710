// End to end through the core: one definition written in math notation, LaTeX and Python gives
// the same Analysis; errors found by the core point into the user's document.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis, AnalysisOk } from '../../../src/core/analysis';
import { analyze, analyzeProgram } from '../../../src/core/analyze';
import { parseLatex } from '../../../src/core/notations/latex';
import { parseMath } from '../../../src/core/notations/math';
import { parsePython } from '../../../src/core/notations/python';
import { scanDocument } from '../../../src/core/scan';
import { lineCol, textAt } from '../helpers/show';

function ok(a: Analysis): AnalysisOk {
  if (!a.ok) assert.fail(`analysis failed: ${a.error.message} at ${a.error.start}–${a.error.end}`);
  return a;
}

/** What must not depend on the notation. */
const essence = (a: AnalysisOk): unknown => ({
  output: a.output.shape,
  wrt: a.wrt,
  shape: a.jacobian.shape,
  latex: a.jacobian.latex,
  nnz: a.jacobian.nnz,
  blocks: a.jacobian.blocks.map((b) => ({ wrt: b.wrt, shape: b.shape, latex: b.latex, nnz: b.nnz })),
  variables: Object.fromEntries(Object.entries(a.variables).map(([k, v]) => [k, v.shape])),
});

/** [title, math, latex, python]: the same definition three ways. */
const SAME: Array<[string, string, string, string]> = [
  [
    'the dense layer σ(Wx + b)',
    'W: 3x4\nx: R^4\nb: R^3\ny = sigmoid(W*x + b)',
    'W \\in \\mathbb{R}^{3 \\times 4},\\; x \\in \\R^4,\\; b \\in \\mathbb R^{3} \\\\ y = \\sigma(W x + b)',
    'W = torch.randn(3, 4)\nx = torch.randn(4)\nb = torch.randn(3)\ny = torch.sigmoid(W @ x + b)\n',
  ],
  [
    'a squared-error loss through the layer',
    'W: 3x4\nx: R^4\nb: R^3\nt: R^3\ny = sigmoid(W*x + b)\nL = 1/2*norm(y - t)^2',
    'W \\in \\mathbb{R}^{3 \\times 4}, x \\in \\R^4, b, t \\in \\R^3 \\\\ y = \\sigma(Wx + b) \\\\ L = \\frac{1}{2}\\|y - t\\|^2',
    'W = np.random.randn(3, 4)\nx = np.zeros(4)\nb = np.zeros(3)\nt = np.zeros(3)\ny = 1 / (1 + np.exp(-(W @ x + b)))\ny = torch.sigmoid(W @ x + b)\nL = 1/2 * np.linalg.norm(y - t) ** 2\n',
  ],
  [
    'a two-layer network with softmax',
    'W: 5x4\nb: R^5\nV: 3x5\nc: R^3\nx: R^4\nh = tanh(W*x + b)\ny = softmax(V*h + c)',
    'W \\in \\R^{5\\times 4}, b \\in \\R^5, V \\in \\R^{3 \\times 5}, c \\in \\R^3, x \\in \\R^4\n\\begin{aligned} h &= \\tanh(Wx + b) \\\\ y &= \\operatorname{softmax}(V h + c) \\end{aligned}',
    '# W: (5, 4), b: (5,), V: (3, 5), c: (3,), x: (4,)\nh = jnp.tanh(W @ x + b)\ny = jax.nn.softmax(V @ h + c)\n',
  ],
  [
    'log det and trace (Matrix Cookbook)',
    'X: 3x3\nA: 3x3\nf = logdet(X) - tr(A*X)',
    'X, A \\in \\mathbb{R}^{3 \\times 3} \\quad f = \\log\\det X - \\operatorname{tr}(A X)',
    'X = np.eye(3)\nA = np.eye(3)\nf = np.linalg.slogdet(X)[1] - np.trace(A @ X)\n',
  ],
  [
    'a Hadamard product and a transpose',
    "A: 2x3\nB: 2x3\nC: 3x3\nZ = (A .* B) * C'",
    'A, B \\in \\R^{2 \\times 3}, C \\in \\R^{3\\times 3} \\quad Z = (A \\odot B) C^\\top',
    'A = torch.randn(2, 3)\nB = torch.randn(2, 3)\nC = torch.randn(3, 3)\nZ = (A * B) @ C.T\n',
  ],
];

describe('the same definition in three notations gives the same Analysis', () => {
  for (const [title, math, latex, python] of SAME) {
    it(title, () => {
      const m = ok(analyzeProgram(parseMath(math), math, 'math'));
      const l = ok(analyzeProgram(parseLatex(latex), latex, 'latex'));
      const p = ok(analyzeProgram(parsePython(python), python, 'python'));
      assert.deepEqual(essence(l), essence(m));
      assert.deepEqual(essence(p), essence(m));
    });
  }

  it('analyze() picks the notation by itself', () => {
    const [, math, latex, python] = SAME[0]!;
    const expected = essence(ok(analyze(math, { notation: 'math' })));
    assert.deepEqual(essence(ok(analyze(latex, { notation: 'latex' }))), expected);
    assert.deepEqual(essence(ok(analyze(python, { notation: 'python' }))), expected);
  });

  it('PyTorch row form x @ W.T + b: the same sizes and sparsity as the column form, and a note', () => {
    const col = ok(analyze('W: 3x4\nx: R^4\nb: R^3\ny = relu(W*x + b)', { notation: 'math' }));
    const src = 'W = torch.randn(3, 4)\nb = torch.randn(3)\nx = torch.randn(4)\ny = F.relu(x @ W.T + b)\n';
    const row = ok(analyzeProgram(parsePython(src), src, 'python'));
    assert.deepEqual(row.output.shape, [1, 3]);
    assert.deepEqual(row.jacobian.shape, col.jacobian.shape);
    assert.equal(row.jacobian.nnz, col.jacobian.nnz);
    assert.deepEqual(row.jacobian.blocks.map((b) => [b.wrt, b.shape]), col.jacobian.blocks.map((b) => [b.wrt, b.shape]));
    assert.ok(row.notes.some((n) => /row-vector convention/.test(n)));
  });

  it('nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 2)): Jacobian blocks for every layer\'s parameters', () => {
    const src = 'from torch import nn\nmodel = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))\nx = torch.randn(4)\ny = model(x)\n';
    const a = ok(analyzeProgram(parsePython(src), src, 'python'));
    assert.deepEqual(a.wrt, ['W1', 'b1', 'W2', 'b2']);
    assert.deepEqual(a.jacobian.blocks.map((b) => [b.wrt, b.shape]), [['W1', [2, 32]], ['b1', [2, 8]], ['W2', [2, 16]], ['b2', [2, 2]]]);
    assert.deepEqual(a.jacobian.shape, [2, 58]);
    const m = ok(analyze('W1: 8x4\nb1: R^8\nW2: 2x8\nb2: R^2\nx: R^4\ny = W2*tanh(W1*x + b1) + b2', { notation: 'math' }));
    assert.deepEqual(a.jacobian.shape, m.jacobian.shape);
    assert.equal(a.jacobian.nnz, m.jacobian.nnz);
  });
});

describe('errors point into the document', () => {
  it('a shape mismatch found by the core, in $$…$$ on line 5 of a Markdown file, points at line 5', () => {
    const doc = '# Mismatch\n\nLet $W \\in \\R^{3 \\times 4}$ and $x \\in \\R^5$.\n\n$$y = \\sigma(W x + b)$$\n';
    const [site] = scanDocument(doc, 'markdown');
    assert.ok(site?.program);
    const a = analyzeProgram(site.program, doc, 'latex');
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(lineCol(doc, a.error.start).line, 4);
    assert.match(a.error.message, /3×4|3 × 4|\[3, 4\]|3x4/);
    const where = textAt(doc, a.error);
    assert.ok('y = \\sigma(W x + b)'.includes(where) && where.length > 0, `error at '${where}'`);
  });

  it('a mismatch in a Python model file points at the line of the call', () => {
    const src = 'import torch\nfrom torch import nn\nfc = nn.Linear(4, 3)\nx = torch.randn(5)\ny = torch.tanh(fc(x))\n';
    const sites = scanDocument(src, 'python');
    const a = analyzeProgram(sites[0]!.program!, src, 'python');
    assert.equal(a.ok, false);
    if (a.ok) return;
    assert.equal(lineCol(src, a.error.start).line, 4);
  });
});
