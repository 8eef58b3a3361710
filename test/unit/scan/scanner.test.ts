// The document scanner: exactly the definitions of mixed documents, with the declarations in
// scope, the chains they use, and errors that point at the user's line and columns.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanDocument, siteAt, siteAtLine, type DefinitionSite } from '../../../src/core/scan';
import { assignments, declarations, lineCol, textAt } from '../helpers/show';

const MARKDOWN = [
  '# Notes on a dense layer', //                                                              1
  '', //                                                                                      2
  'Let $W \\in \\mathbb{R}^{3 \\times 4}$, $x \\in \\R^4$ and $b \\in \\mathbb{R}^3$.', //  3
  'The pre-activation and the layer are', //                                                  4
  '$$', //                                                                                    5
  'z = Wx + b, \\qquad y = \\sigma(z).', //                                                   6
  '$$', //                                                                                    7
  'A price of $5 and $10 is not math, nor is `$x = y$` in code.', //                          8
  '', //                                                                                      9
  'Mentions such as $W$, $m = 3$ and $\\alpha$ are not definitions; $W^\\top x$ is one.', // 10
  '', //                                                                                     11
  'A typo: $h = \\tanh(W x + )$ must be reported here.', //                                  12
  '', //                                                                                     13
  '\\begin{align}', //                                                                       14
  '  u &= \\operatorname{softmax}(V h) \\\\', //                                             15
  '  \\ell &= -\\mathbf{1}^\\top (t \\odot \\log u)', //                                     16
  '\\end{align}', //                                                                         17
  'where $V \\in \\R^{2 \\times 3}$.', //                                                   18
  '', //                                                                                     19
  '```python', //                                                                            20
  'import torch', //                                                                         21
  'q = torch.sigmoid(W @ x + b)', //                                                         22
  'print(q)', //                                                                             23
  '```', //                                                                                  24
  '', //                                                                                     25
  '```', //                                                                                  26
  'A: 2x2', //                                                                               27
  "r = A*A'", //                                                                             28
  'echo done', //                                                                            29
  '```', //                                                                                  30
  '', //                                                                                     31
  '    s = W*x', //                                                                          32
  '',
].join('\n');

/** line (1-based) · notation · label, for every site. */
const summary = (sites: readonly DefinitionSite[]): string[] => sites.map((s) => `${s.line + 1} ${s.notation} ${s.label}`);
const at = (sites: readonly DefinitionSite[], label: string): DefinitionSite => {
  const s = sites.find((x) => x.label === label);
  assert.ok(s, `no site ${label}`);
  return s;
};

describe('scanner: Markdown', () => {
  const sites = scanDocument(MARKDOWN, 'markdown');

  it('finds exactly the definitions', () => {
    assert.deepEqual(summary(sites), [
      '6 latex z = Wx + b',
      '6 latex y = \\sigma(z)',
      '10 latex W^\\top x',
      '12 latex h = \\tanh(W x + )',
      '15 latex u &= \\operatorname{softmax}(V h)',
      '16 latex \\ell &= -\\mathbf{1}^\\top (t \\odot \\log u)',
      '22 python q = torch.sigmoid(W @ x + b)',
      "28 math r = A*A'",
      '32 math s = W*x',
    ]);
  });

  it('gives each definition the declarations in scope and its chain', () => {
    const y = at(sites, 'y = \\sigma(z)').program!;
    assert.deepEqual(assignments(y), ['z = add(mul(W, x), b)', 'y = sigmoid(z)']);
    assert.deepEqual(declarations(y).sort(), ['W: 3x4', 'b: 3x1', 'x: 4x1']);
    const ell = at(sites, '\\ell &= -\\mathbf{1}^\\top (t \\odot \\log u)').program!;
    assert.deepEqual(assignments(ell), ['u = softmax(mul(V, h))', 'ell = neg(mul(ones(1, ?__440), hadamard(t, log(u))))']);
    assert.deepEqual(declarations(ell), ['V: 2x3'], 'V is declared later in the same paragraph');
    assert.equal(ell.notes, undefined, '𝟏ᵀ(…) is the product it is written as: nothing to note');
    const q = at(sites, 'q = torch.sigmoid(W @ x + b)').program!;
    assert.deepEqual(declarations(q).sort(), ['W: 3x4', 'b: 3x1', 'x: 4x1'], 'Python takes shapes declared earlier in the document');
    assert.deepEqual(declarations(at(sites, "r = A*A'").program!), ['A: 2x2']);
    assert.deepEqual(declarations(at(sites, 's = W*x').program!).sort(), ['W: 3x4', 'x: 4x1']);
  });

  it('points an error inside $…$ on line 12 at line 12, at the right columns', () => {
    const bad = at(sites, 'h = \\tanh(W x + )');
    assert.equal(bad.program, undefined);
    assert.ok(bad.error);
    const { line, col } = lineCol(MARKDOWN, bad.error.start);
    assert.equal(line, 11);
    assert.equal(col, 'A typo: $h = \\tanh(W x + '.length);
    assert.equal(textAt(MARKDOWN, bad.error), ')');
    assert.equal(textAt(MARKDOWN, bad.range), 'h = \\tanh(W x + )');
  });

  it('ranges of programs are offsets into the document', () => {
    const y = at(sites, 'y = \\sigma(z)');
    assert.equal(textAt(MARKDOWN, y.range), 'y = \\sigma(z)');
    const [z] = y.program!.assignments;
    assert.equal(textAt(MARKDOWN, z!.range), 'z = Wx + b');
    const w = y.program!.declarations.find((d) => d.name === 'W')!;
    assert.equal(textAt(MARKDOWN, w.range), 'W \\in \\mathbb{R}^{3 \\times 4}');
    const q = at(sites, 'q = torch.sigmoid(W @ x + b)');
    assert.equal(lineCol(MARKDOWN, q.program!.assignments[0]!.expr.range.start).line, 21);
  });
});

describe('scanner: what is not a definition', () => {
  it('identities, derivative formulas and prose math are not listed, even when they do not parse', () => {
    const doc = [
      'The identity $$\\operatorname{vec}(ABC) = (C^\\top \\otimes A)\\operatorname{vec}(B)$$ holds, and',
      '$$\\frac{\\partial y}{\\partial x} = \\operatorname{diag}(\\sigma\'(z)) W.$$',
      'As $n \\to \\infty$ with $m = 3$, $\\sum_i x_i$ grows; $A$ is square.',
      '',
      'But $$y = \\sigma(Wx + $$ is a broken definition, and so is $W \\in \\R^{3 \\times}$.',
    ].join('\n');
    assert.deepEqual(summary(scanDocument(doc, 'markdown')), ['5 latex y = \\sigma(Wx +', '5 latex W \\in \\R^{3 \\times}']);
  });
});

describe('scanner: declarations in scope', () => {
  const doc = [
    'First: $W \\in \\R^{2 \\times 2}$.',
    '',
    'Then $y = Wx$ where $W \\in \\R^{5 \\times 5}$ and $x \\in \\R^5$.',
    '',
    'Later $u = Wx$.',
    '',
    'And $v = Wq$ with $q \\in \\R^7$ declared after it.',
    '',
    'Here $w = Wr$,',
    '',
    'but $r \\in \\R^9$ comes only in the next paragraph.',
  ].join('\n');
  const sites = scanDocument(doc, 'markdown');
  const decls = (label: string): string[] => declarations(at(sites, label).program!).sort();

  it('a later declaration in the same paragraph applies, and shadows an earlier one', () => {
    assert.deepEqual(decls('y = Wx'), ['W: 5x5', 'x: 5x1']);
    assert.deepEqual(decls('v = Wq'), ['W: 5x5', 'q: 7x1']);
  });
  it('earlier paragraphs apply, the latest declaration wins', () => {
    assert.deepEqual(decls('u = Wx'), ['W: 5x5', 'x: 5x1']);
  });
  it('a declaration in a later paragraph does not apply', () => {
    assert.deepEqual(decls('w = Wr'), ['W: 5x5']);
  });
  it('chains do not cross paragraphs', () => {
    const d = scanDocument('$$z = Wx$$\n\n$$y = \\sigma(z)$$\n\n$$a = Wx$$ and $$c = \\tanh(a)$$', 'markdown');
    assert.deepEqual(assignments(at(d, 'y = \\sigma(z)').program!), ['y = sigmoid(z)']);
    assert.deepEqual(assignments(at(d, 'c = \\tanh(a)').program!), ['a = mul(W, x)', 'c = tanh(a)']);
  });
});

describe('scanner: LaTeX, plain text, Python', () => {
  it('a .tex file: math environments, not comments or verbatim', () => {
    const tex = [
      '\\documentclass{article}',
      '\\newcommand{\\R}{\\mathbb{R}}',
      '\\begin{document}',
      '% $y = \\sigma(Wx)$ is commented out',
      'Let $W \\in \\R^{3\\times 4}$ and \\(x \\in \\R^4\\).',
      '\\begin{equation}',
      '  y = \\sigma(W x) \\label{eq:layer}',
      '\\end{equation}',
      '\\[ L = \\|y - t\\|^2 \\]',
      '\\begin{verbatim}',
      '$z = Wx$',
      '\\end{verbatim}',
      'It costs \\$5.',
      '\\end{document}',
    ].join('\n');
    const sites = scanDocument(tex, 'latex');
    assert.deepEqual(summary(sites), ['7 latex y = \\sigma(W x)', '9 latex L = \\|y - t\\|^2']);
    assert.deepEqual(assignments(sites[1]!.program!), ['y = sigmoid(mul(W, x))', 'L = epow(norm(sub(y, t)), 2)']);
    assert.deepEqual(declarations(sites[0]!.program!).sort(), ['W: 3x4', 'x: 4x1']);
  });

  it('plain text: lines that parse as math, paragraph by paragraph', () => {
    const txt = ['W: 3x4', 'x: R^4', 'z = W*x + b', 'y = sigmoid(z)', '', 'This paragraph is prose, with a = b in it.', 'loss = norm(y - t)^2', ''].join('\n');
    const sites = scanDocument(txt, 'plaintext');
    assert.deepEqual(summary(sites), ['3 math z = W*x + b', '4 math y = sigmoid(z)', '7 math loss = norm(y - t)^2']);
    assert.deepEqual(assignments(sites[1]!.program!), ['z = add(mul(W, x), b)', 'y = sigmoid(z)']);
    assert.deepEqual(declarations(sites[1]!.program!).sort(), ['W: 3x4', 'x: 4x1']);
    assert.deepEqual(assignments(sites[2]!.program!), ['loss = mpow(norm(sub(y, t)), 2)']);
  });

  it('a Python file: one site per tensor statement', () => {
    const py = 'import torch\n\nW = torch.randn(3, 4)\nx = torch.randn(4)\n\ndef f(b):\n    z = W @ x + b\n    return torch.sigmoid(z)\n';
    const sites = scanDocument(py, 'python');
    assert.deepEqual(summary(sites), ['7 python z = W @ x + b', '8 python return torch.sigmoid(z)']);
    assert.deepEqual(assignments(sites[1]!.program!), ['z = add(mul(W, x), b)', '_ = sigmoid(z)']);
  });

  it('an empty document has no sites', () => {
    for (const lang of ['markdown', 'latex', 'python', 'plaintext'] as const) assert.deepEqual(scanDocument('', lang), []);
  });
});

describe('siteAt and siteAtLine', () => {
  const sites = scanDocument(MARKDOWN, 'markdown');
  it('siteAt: the innermost site containing the offset, ends inclusive', () => {
    const off = MARKDOWN.indexOf('\\sigma(z)');
    assert.equal(siteAt(sites, off)?.label, 'y = \\sigma(z)');
    assert.equal(siteAt(sites, MARKDOWN.indexOf('\\sigma(z)') + '\\sigma(z)'.length)?.label, 'y = \\sigma(z)');
    assert.equal(siteAt(sites, 0), undefined);
  });
  it('siteAtLine (0-based): the last site starting on the line, or one spanning it', () => {
    assert.equal(siteAtLine(sites, 5)?.label, 'y = \\sigma(z)');
    assert.equal(siteAtLine(sites, 21)?.label, 'q = torch.sigmoid(W @ x + b)');
    assert.equal(siteAtLine(sites, 0), undefined);
    const multi = 'Intro\n\n$$\\hat{y} = \\operatorname{softmax}\\big(W_2\n\\tanh(W_1 x)\\big)$$\n';
    const ms = scanDocument(multi, 'markdown');
    assert.equal(siteAtLine(ms, 3), undefined);
    assert.equal(siteAtLine(ms, 3, multi)?.label, '\\hat{y} = \\operatorname{softmax}\\big(W_2 \\tanh(W_1 x)\\big)');
  });
});
