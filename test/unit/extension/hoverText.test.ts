import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalysisOk } from '../../../src/core/analysis';
import {
  altText, commandUri, definitionHover, definitionMath, escapeMarkdown, variableAt, variableHover,
} from '../../../src/extension/editor/hoverText';

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

/** The layer with its gradient of a generic loss L, as the core reports it. */
const withGradient = {
  ...layer,
  jacobian: { ...layer.jacobian, latex: '\\operatorname{diag}(\\sigma\'(W x + b)) \\begin{bmatrix} x^\\top \\otimes I_3 & I_3 \\end{bmatrix}' },
  gradient: {
    W: { shape: [3, 4], latex: '\\delta x^\\top', unicode: 'δ xᵀ' },
    b: { shape: [3, 1], latex: '\\delta', unicode: 'δ' },
  },
  gradientDefinitions: [{ name: 'δ', latex: '\\delta = \\sigma\'(W x + b) \\odot g', unicode: 'δ = σ′(Wx + b) ⊙ g' }],
  loss: { kind: 'generic', latex: 'g = \\frac{\\partial L}{\\partial y}', unicode: 'g = ∂L/∂y', upstream: 'g' },
} satisfies AnalysisOk;

test('definition hover: the gradient by each parameter in matrix form, and the names it uses', () => {
  const math = definitionMath(withGradient);
  assert.deepEqual(math.map((m) => m.unicode), [
    'J = diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃] ∈ ℝ^{3×15}', '∂L/∂W = δ xᵀ', '∂L/∂b = δ', 'δ = σ′(Wx + b) ⊙ g', 'g = ∂L/∂y',
  ]);
  assert.equal(math[0]!.latex, 'J = \\operatorname{diag}(\\sigma\'(W x + b)) \\begin{bmatrix} x^\\top \\otimes I_3 & I_3 \\end{bmatrix} \\in \\mathbb{R}^{3 \\times 15}');
  assert.equal(math[1]!.latex, '\\frac{\\partial L}{\\partial W} = \\delta x^\\top');
  assert.match(plain(definitionHover(withGradient, 'command:x')), /\*\*Gradient\*\*\n\n∂L\/∂W = δ xᵀ\n\n∂L\/∂b = δ/);
});

test('check marks: after each formula evaluated against the numbers, none where nothing was computed', () => {
  const pass = { passed: true, maxRelError: 0 };
  const fail = { passed: false, maxRelError: 1 };
  const checked: AnalysisOk = {
    ...withGradient,
    jacobian: { ...withGradient.jacobian, check: pass },
    gradient: { W: { ...withGradient.gradient.W, check: fail }, b: withGradient.gradient.b },
    gradientDefinitions: [{ ...withGradient.gradientDefinitions[0]!, check: pass }],
  };
  const lines = plain(definitionHover(checked, 'command:x')).split('\n');
  assert.ok(lines.includes('J = diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃] ∈ ℝ^{3×15} ✔'), lines.join('\n'));
  assert.ok(lines.includes('∂L/∂W = δ xᵀ ✘ (disagrees with the numbers)'), lines.join('\n'));
  assert.ok(lines.includes('∂L/∂b = δ'), 'no mark without a check');
  assert.ok(lines.includes('δ = σ′(Wx + b) ⊙ g ✔'), lines.join('\n'));
});

test('a rendered formula is an image whose text alternative is its Unicode; the rest stays text', () => {
  const [j, gW] = definitionMath(withGradient);
  const src = 'data:image/svg+xml;base64,PHN2Zy8+';
  const md = definitionHover(withGradient, 'command:x', new Map([[j!.latex, src]]));
  const image = md.match(/!\[(.*)\]\((data:[^)]*)\)/);
  assert.ok(image, md);
  assert.equal(image[2], src);
  assert.equal(image[1], 'J = diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃] ∈ ℝ^{3×15}', 'alt text is read verbatim: no escapes');
  assert.equal(md.match(/!\[/g)?.length, 1, 'only the rendered formula is an image');
  assert.ok(plain(md).includes(gW!.unicode));
});

test('an image\'s text alternative cannot end early or start markup', () => {
  assert.equal(altText('[xᵀ ⊗ I₃, I₃]'), '[xᵀ ⊗ I₃, I₃]');
  for (const hostile of ['a](command:evil) ![b', 'x]] [[y', 'p\\](q)', 'one\n\ntwo]']) {
    const md = `![${altText(hostile)}](data:image/svg+xml;base64,AA==)`;
    assert.equal(md.match(/\]\(/g)?.length, 1, md);
    assert.ok(!md.includes('\n') && !md.includes('\\'), md);
  }
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

test('definition hover: the names the Jacobian uses follow it, as formulas (images when rendered)', () => {
  const softmax = {
    ...layer,
    jacobian: { ...layer.jacobian, latex: '(\\operatorname{diag}(s) - s s^\\top) x', unicode: '(diag(s) − s sᵀ) x', where: [{ name: 's', latex: 's = \\operatorname{softmax}(Wx)', unicode: 's = softmax(Wx)' }] },
  } satisfies AnalysisOk;
  const lines = definitionHover(softmax, 'command:x').split('\n');
  const j = lines.findIndex((l) => l.startsWith(escapeMarkdown('J = (diag(s)')));
  assert.ok(j >= 0, lines.join('\n'));
  assert.equal(lines.slice(j + 1).find((l) => l !== ''), `where ${escapeMarkdown('s = softmax(Wx)')}`);
  assert.ok(definitionMath(softmax).some((m) => m.latex === 's = \\operatorname{softmax}(Wx)'));
  const images = new Map([['s = \\operatorname{softmax}(Wx)', 'data:image/svg+xml;base64,AAAA']]);
  assert.ok(definitionHover(softmax, 'command:x', images).includes('where ![s = softmax(Wx)](data:image/svg+xml;base64,AAAA)'));
});
