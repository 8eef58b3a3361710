import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalysisOk } from '../../../src/core/analysis';
import { commandUri, definitionHover, escapeMarkdown, variableAt, variableHover } from '../../../src/extension/hoverText';

/** The seed's layer y = σ(Wx + b), W 3×4, as the core reports it (only the fields the hover reads). */
const layer = {
  ok: true,
  input: 'y = sigmoid(W*x + b)',
  notation: 'math',
  definition: { latex: 'y = \\sigma(Wx + b)', unicode: 'y = σ(Wx + b)' },
  output: { latex: 'y', unicode: 'y', name: 'y', shape: [3, 1] },
  variables: {
    W: { latex: 'W', unicode: 'W', shape: [3, 4], role: 'parameter', shapeSource: 'declared' },
    x: { latex: 'x', unicode: 'x', shape: [4, 1], role: 'input', shapeSource: 'declared' },
    b: { latex: 'b', unicode: 'b', shape: [3, 1], role: 'parameter', shapeSource: 'declared' },
  },
  wrt: ['W', 'b'],
  dims: {},
  jacobian: {
    latex: '', unicode: 'diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃]', shape: [3, 15], nnz: 15, denseCount: 45,
    blocks: [{ wrt: 'W', shape: [3, 12], nnz: 12, latex: '', unicode: 'diag(σ′(Wx + b)) (xᵀ ⊗ I₃)' }],
    factors: [],
  },
  derivation: [],
  notes: [],
} satisfies AnalysisOk;

const plain = (md: string): string => md.replace(/\\(.)/g, '$1');

test('definition hover: Kronecker form, shape, nnz against dense, and the command link', () => {
  const link = commandUri('kroneckerLens.showJacobian', [{ uri: 'file:///a.md', offset: 7 }]);
  const md = definitionHover(layer, link);
  assert.match(plain(md), /J = diag\(σ′\(Wx \+ b\)\) \[xᵀ ⊗ I₃, I₃\] ∈ ℝ\^\{3×15\}/);
  assert.match(plain(md), /∂y\/∂\(vec W, b\): 3 × 15 · nnz 15 of 45 dense \(33%\)/);
  assert.ok(md.includes(`[Open in Kronecker Lens](${link})`));
  assert.equal(decodeURIComponent(link.split('?')[1]!), '[{"uri":"file:///a.md","offset":7}]');
});

test('variable hover: the shape and the Jacobian block', () => {
  const md = plain(variableHover(layer, 'W', layer.jacobian.blocks[0], 'command:x'));
  assert.match(md, /\*\*W\*\* ∈ ℝ\^\{3×4\} · 3 × 4, parameter, declared/);
  assert.match(md, /∂y\/∂vec W = diag\(σ′\(Wx \+ b\)\) \(xᵀ ⊗ I₃\)/);
  assert.match(md, /3 × 12 · nnz 12/);
});

test('user text cannot inject links, HTML or emphasis into a hover', () => {
  const md = escapeMarkdown('[x](command:evil) <img src=x onerror=alert(1)> *b* $(zap)');
  assert.ok(!/(^|[^\\])\[/.test(md), md);
  assert.ok(!/(^|[^\\])</.test(md), md);
  assert.ok(!/(^|[^\\])\*/.test(md), md);
  assert.ok(!/(^|[^\\])\$/.test(md), md);
  assert.equal(plain(md), '[x](command:evil) <img src=x onerror=alert(1)> *b* $(zap)');
});

test('the variable under the cursor: whole identifiers, LaTeX juxtaposition, not LaTeX commands', () => {
  const names = new Set(['W', 'x', 'b', 'W_1']);
  const line = 'y = \\sigma(Wx + b) + W_1';
  assert.equal(variableAt(line, line.indexOf('Wx'), names), 'W');
  assert.equal(variableAt(line, line.indexOf('Wx') + 1, names), 'x');
  assert.equal(variableAt(line, line.indexOf('b)'), names), 'b');
  assert.equal(variableAt(line, line.indexOf('sigma') + 2, names), undefined);
  assert.equal(variableAt(line, line.indexOf('W_1') + 2, names), 'W_1');
  assert.equal(variableAt(line, 2, names), undefined);
});
