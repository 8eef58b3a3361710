// Reading Python piece by piece (each top-level statement lexed on its own, unchanged chunks
// re-used) gives exactly what one pass over the whole text gives, also after edits, and also
// where a piece does not end between two logical lines (brackets, strings, `\` across lines).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nextChunkCache, readPython, type ChunkCache } from '../../../src/core/notations/python';

const PIECES = [
  'import torch\n', '\n', 'W = torch.randn(3, 4)\n', 'x = torch.randn(4)\n', 'y = torch.sigmoid(W @ x)\n',
  'class M(nn.Module):\n    def __init__(self):\n        self.fc = nn.Linear(4, 3)\n', '    def forward(self, x):\n        return torch.relu(self.fc(x))\n',
  'def f(b):\n    z = W @ x + b\n    return z.sum()\n', '# V: (2, 2)\n', 'q = V @ V.T\n', 'print(y)\n',
  '"""A docstring\nat column 0\n"""\n', 'z = (W @\nx)\n', 'u = W \\\n@ x\n', 'def g(\nW, x):\n    return W @ x\n',
  'if True:\n    def h(x):\n        return W @ x\n', 's = """\ndef k():\n    return W @ x\n"""\n', '    r = W @ x\n',
  'def m(a):  # a: (4,)\n    # hidden comment\n    return W @ a\n# after: (3, 3)\n', 'e = W.T @ y\n',
];

const docArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((ps) => ps.join(''));
const TYPED = fc.string({ unit: fc.constantFrom(...'()[]"\'\\# \n=@Wxyz:'.split('')), maxLength: 6 });

describe('readPython piece by piece', () => {
  it('equals one pass over the whole text, through a sequence of edits', () => {
    fc.assert(
      fc.property(docArb, fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 10 }), text: fc.oneof(TYPED, fc.constantFrom(...PIECES)) }), { maxLength: 6 }), (doc, edits) => {
        let text = doc;
        let cache: ChunkCache | undefined;
        for (let k = 0; k <= edits.length; k++) {
          cache = nextChunkCache(cache);
          assert.deepStrictEqual(readPython(text, undefined, cache), readPython(text));
          const e = edits[k];
          if (!e) break;
          const start = e.at % (text.length + 1);
          text = text.slice(0, start) + e.text + text.slice(Math.min(text.length, start + e.del));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('within a span of a larger text', () => {
    const code = 'def f(b):\n    return W @ b\n"""open\n';
    const text = `intro\n${code}\n${code}tail`;
    const span = { start: 6, end: 6 + code.length * 2 + 1 };
    assert.deepStrictEqual(readPython(text, span, nextChunkCache()), readPython(text, span));
  });
});
