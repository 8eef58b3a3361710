// DocumentIndex.update after random edits gives exactly what a full scan of the new text gives,
// and re-parses only the blocks whose text changed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DocumentIndex, scanDocument, type ScanLanguage, type TextChange } from '../../../src/core/scan';

/** Pieces of real-looking documents, by language; documents are random sequences of them. */
const PIECES: Record<ScanLanguage, string[]> = {
  markdown: [
    '# Title\n', '\n', 'Let $W \\in \\mathbb{R}^{3 \\times 4}$ and $x \\in \\R^4$.\n', '$$z = Wx + b$$\n',
    '$$\ny = \\sigma(z)\n$$\n', 'Inline $h = \\tanh(Wx)$ and $W^\\top x$.\n', 'A typo $q = (W$ here.\n',
    '```python\ny = torch.sigmoid(W @ x + b)\n```\n', '```\nA: 2x2\nr = A*A\'\n```\n', '    s = W*x\n',
    '\\begin{align} u &= \\operatorname{softmax}(V h) \\\\ v &= \\log u \\end{align}\n', 'Costs $5.\n',
    '`code $x$`\n', '$b \\in \\R^3$\n', '```math\nL = norm(y - t)^2\n```\n',
  ],
  latex: [
    '\\section{Layer}\n', '\n', 'Let $W \\in \\R^{3\\times 4}$.\n', '\\begin{equation} y = \\sigma(W x) \\end{equation}\n',
    '% $z = Wx$\n', '\\[ L = \\|y - t\\|^2 \\]\n', '\\(x \\in \\R^4\\)\n', '\\begin{verbatim}$a = b$\\end{verbatim}\n',
    '$$ K = A \\otimes B $$\n', 'Broken $y = \\frac{1}{$.\n',
  ],
  python: [
    'import torch\n', '\n', 'W = torch.randn(3, 4)\n', 'x = torch.randn(4)\n', 'y = torch.sigmoid(W @ x)\n',
    'class M(nn.Module):\n    def __init__(self):\n        self.fc = nn.Linear(4, 3)\n', '    def forward(self, x):\n        return torch.relu(self.fc(x))\n',
    'def f(b):\n    z = W @ x + b\n    return z.sum()\n', '# V: (2, 2)\n', 'q = V @ V.T\n', 'print(y)\n', 'bad = torch.stack([W, W])\n',
    'def act(v):\n    return v * torch.tanh(v)\n', 'def act(v):\n    return 2 * v\n', 'g = lambda t: torch.exp(-t)\n', 'h = act(W @ x) + g(x)\n', 'def use(x):\n    return act(W @ x) + g(x)\n',
  ],
  plaintext: ['W: 3x4\n', 'x: R^4\n', 'z = W*x + b\n', 'y = sigmoid(z)\n', '\n', 'some prose here.\n', 'L = norm(y)^2\n', 'q = (W\n'],
};

/** Characters an edit may type (delimiters included, to open and close blocks). */
const TYPED = fc.string({ unit: fc.constantFrom(...'$\\{}()^_ \n=+-*@`abWxyz12#:&'.split('')), maxLength: 8 });

function docArb(lang: ScanLanguage): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...PIECES[lang]), { maxLength: 14 }).map((ps) => ps.join(''));
}

function editArb(lang: ScanLanguage): fc.Arbitrary<{ at: number; del: number; text: string }> {
  return fc.record({
    at: fc.nat({ max: 1_000_000 }),
    del: fc.nat({ max: 12 }),
    text: fc.oneof(TYPED, fc.constantFrom(...PIECES[lang])),
  });
}

describe('DocumentIndex', () => {
  for (const lang of ['markdown', 'latex', 'python', 'plaintext'] as const) {
    it(`${lang}: after random edits, update() equals a full rescan`, () => {
      fc.assert(
        fc.property(docArb(lang), fc.array(editArb(lang), { minLength: 1, maxLength: 6 }), (doc, edits) => {
          const index = new DocumentIndex(doc, lang);
          let text = doc;
          for (const e of edits) {
            const start = e.at % (text.length + 1);
            const change: TextChange = { start, end: Math.min(text.length, start + e.del), text: e.text };
            text = text.slice(0, change.start) + change.text + text.slice(change.end);
            index.update([change]);
            assert.equal(index.text, text);
            assert.deepStrictEqual(index.sites, scanDocument(text, lang));
          }
        }),
        { numRuns: 50 },
      );
    });
  }

  it('applies several changes of one event in order', () => {
    const index = new DocumentIndex('$$y = Wx$$\n\n$$z = Vx$$\n', 'markdown');
    index.update([{ start: 6, end: 8, text: 'W^\\top x' }, { start: 0, end: 0, text: 'Intro\n\n' }]);
    assert.equal(index.text, 'Intro\n\n$$y = W^\\top x$$\n\n$$z = Vx$$\n');
    assert.deepStrictEqual(index.sites, scanDocument(index.text, 'markdown'));
  });

  it('setText: a whole new text, with unchanged blocks re-used', () => {
    fc.assert(
      fc.property(docArb('markdown'), docArb('markdown'), (a, b) => {
        const index = new DocumentIndex(a, 'markdown');
        assert.deepStrictEqual(index.setText(b), scanDocument(b, 'markdown'));
        assert.deepStrictEqual(index.setText(a + b), scanDocument(a + b, 'markdown'));
      }),
      { numRuns: 30 },
    );
  });

  it('re-uses unchanged blocks: they keep their parsed programs, moved to the new offsets', () => {
    const doc = '$$z = Wx + b$$\n\nText.\n\n$$y = \\sigma(z)$$\n';
    const index = new DocumentIndex(doc, 'markdown');
    const before = index.sites.map((s) => s.program!.assignments.at(-1)!.expr);
    index.update([{ start: doc.indexOf('Text'), end: doc.indexOf('Text'), text: 'More ' }]);
    const after = index.sites.map((s) => s.program!.assignments.at(-1)!.expr);
    assert.equal(after[0], before[0], 'the block before the edit is the same object');
    assert.notEqual(after[1], before[1], 'the block after it was moved');
    assert.equal(after[1]!.range.start, before[1]!.range.start + 5);
  });
});
