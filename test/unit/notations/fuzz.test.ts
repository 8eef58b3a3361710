// Hostile input: random token soup and mutated real snippets. The front-ends and the scanner
// either succeed or throw a UserError whose range lies inside the text; they never throw
// anything else, and they finish (every loop advances; the test has a time limit).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UserError, type Program } from '../../../src/core/ast';
import { parseLatex, readLatex } from '../../../src/core/notations/latex';
import { parsePython, readPython } from '../../../src/core/notations/python';
import { scanDocument } from '../../../src/core/scan';
import { detectNotation } from '../../../src/core/notations/detect';
import { nodes } from '../helpers/show';

const LATEX_TOKENS = [
  '\\sigma', '\\left(', '\\right)', '(', ')', '{', '}', '[', ']', '^', '_', '\\top', 'T', '-1', 'W', 'x', 'b', 'e', '1',
  '2', '+', '-', '=', ',', '\\\\', '&', '\\frac', '\\mathbf', '\\hat', '\\|', '|', '\\in', '\\mathbb{R}', '\\R', '\\times',
  '\\odot', '\\otimes', '\\cdot', '\\operatorname', '{ReLU}', '\\log', '\\det', '\\tr', "'", '\\prime', '\\text{ and }',
  '\\mathbf{1}', '\\begin{aligned}', '\\end{aligned}', '\\lVert', '\\rVert', '\\max', '\\sqrt', '%', '\n', ' ', '\\', '.',
  '\\foo', '\\sum', ':=', 'ℝ', '×', 'ᵀ', '‖', '\\big', '\\{', '\\}', '\\quad', '\\label{x}', '$',
];
const PYTHON_TOKENS = [
  'import torch', 'np.', 'torch.', 'F.', 'nn.Linear(4, 3)', 'nn.Sequential(', 'self.', 'fc', '(', ')', '[', ']', ',', ':',
  '=', '@', '*', '**', '+', '-', '/', '.T', '.sum()', 'W', 'x', 'b', 'y', '2', '0.5', '"m n"', "'", '"', '"""', '#', '# W: (3, 4)',
  '\n', '\n    ', ' ', 'def ', 'class ', 'return ', 'lambda ', 'for ', ' in ', 'if ', 'Float[Array, "n"]', 'torch.randn(3, 4)',
  'sigmoid', 'tanh', 'relu', 'softmax', 'dim=0', '\\', 'None', '[1]', 'params["W"]', '+=', 'x = ', 'y = ',
];

const soup = (tokens: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((t) => t.join(''));

const SEEDS = [
  'y = \\sigma(W x + b)', '\\frac{1}{2}\\lVert y - t \\rVert^2', 'W \\in \\mathbb{R}^{m \\times n}, x \\in \\R^n',
  'z &= Wx + b \\\\ y &= \\operatorname{softmax}(V z)', '\\log\\det X - \\operatorname{tr}(S X)', 'p = e^{z} / \\mathbf{1}^\\top e^{z}',
  'class M(nn.Module):\n    def __init__(self):\n        self.fc = nn.Linear(4, 3)\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\n',
  'W = np.random.randn(3, 4)\nx = np.zeros(4)\ny = np.tanh(W.dot(x)).sum()\n', 'h = F.relu(x @ W.T + b)  # (N, 3)\n',
];

/** A snippet with random characters deleted, inserted and swapped. */
const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })), { maxLength: 6 }))
  .map(([s, muts]) => muts.reduce((t, [at, del, ins]) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + ins + t.slice(i + del);
  }, s));

/** Run `f`; a UserError must point inside [0, length]; anything else fails the test. */
function tame(text: string, f: () => Program | unknown): void {
  try {
    const p = f() as Program | undefined;
    if (p && 'assignments' in p) {
      for (const a of p.assignments) {
        for (const n of nodes(a.expr)) assert.ok(n.range.start >= 0 && n.range.end <= text.length && n.range.start <= n.range.end, 'a range outside the text');
      }
    }
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end, `error range ${e.start}–${e.end} outside 0–${text.length}: ${e.message}`);
    assert.ok(e.message.length > 0);
  }
}

describe('hostile input never throws anything but a UserError', () => {
  it('LaTeX token soup', { timeout: 60_000 }, () => {
    fc.assert(fc.property(fc.oneof(soup(LATEX_TOKENS), mutated), (s) => {
      tame(s, () => parseLatex(s));
      tame(s, () => readLatex(s, { start: 0, end: s.length }));
    }), { numRuns: 300 });
  });

  it('Python token soup', { timeout: 60_000 }, () => {
    fc.assert(fc.property(fc.oneof(soup(PYTHON_TOKENS), mutated), (s) => {
      tame(s, () => parsePython(s));
      for (const site of readPython(s)) tame(s, () => { if (site.error) throw site.error; return site.program; });
    }), { numRuns: 300 });
  });

  it('documents of any language, and arbitrary strings', { timeout: 60_000 }, () => {
    const anyText = fc.oneof(soup([...LATEX_TOKENS, ...PYTHON_TOKENS, '```', '```python\n', '$$', '\n\n', '    ']), fc.string({ maxLength: 200 }), mutated);
    fc.assert(fc.property(anyText, fc.constantFrom('markdown', 'latex', 'python', 'plaintext' as const), (s, lang) => {
      for (const site of scanDocument(s, lang)) {
        assert.ok(site.range.start >= 0 && site.range.end <= s.length);
        if (site.error) assert.ok(site.error.start >= 0 && site.error.end <= s.length);
        assert.ok(site.program || site.error, 'a site has a program or an error');
      }
      assert.ok(['math', 'latex', 'python'].includes(detectNotation(s)));
    }), { numRuns: 300 });
  });

  it('pathological nesting and length finish quickly', { timeout: 20_000 }, () => {
    const deep = `${'\\left('.repeat(2000)}x${'\\right)'.repeat(2000)}`;
    tame(deep, () => parseLatex(deep));
    const open = '('.repeat(5000);
    tame(open, () => parseLatex(open));
    const py = `y = ${open}x @ W`;
    tame(py, () => parsePython(py));
    const chain = `y = ${Array.from({ length: 3000 }, (_, i) => `W${i}`).join(' @ ')}`;
    tame(chain, () => parsePython(chain));
    const sum = Array.from({ length: 3000 }, (_, i) => `W_${i}`).join(' + ');
    tame(sum, () => parseLatex(sum));
    const minus = `${'-'.repeat(5000)}x`;
    tame(minus, () => parseLatex(minus));
    const styled = `${'\\mathbf{'.repeat(3000)}x${'}'.repeat(3000)}`;
    tame(styled, () => parseLatex(styled));
    const dollars = '$'.repeat(20_000);
    const t0 = performance.now();
    scanDocument(dollars, 'markdown');
    scanDocument(`${'a $b '.repeat(5000)}\n`, 'markdown');
    scanDocument('`'.repeat(10_000), 'markdown');
    assert.ok(performance.now() - t0 < 5000, 'scanning degenerate documents took too long');
  });
});
