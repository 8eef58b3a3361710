// Indexing in Python definitions: what is refused says what the index does (a 3-D tensor's axes, a
// list that keeps an axis) and what to declare instead, pointing at the index itself.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPython } from '../../../src/core/notations/python';

/** The error of the definition that contains `marker`, with the text it points at. */
function refusal(src: string, marker: string): { message: string; at: string } {
  const i = src.indexOf(marker);
  const site = readPython(src).find((s) => s.range.start <= i && i < s.range.end);
  assert.ok(site?.error, `expected a refusal at ${marker}`);
  return { message: site.error.message, at: src.slice(site.error.start, site.error.end) };
}

// a decoder's head applied to the last position only, in the style of small GPT training scripts
const HEAD = `import torch.nn as nn

class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.head = nn.Linear(cfg.width, cfg.vocab, bias=False)

    def forward(self, h):
        scores = self.head(h[:, [-1], :])
        return scores
`;

test('x[:, [-1], :] is named as fancy indexing of a 3-D tensor, with what to declare instead', () => {
  const r = refusal(HEAD, 'scores = ');
  assert.equal(r.at, 'h[:, [-1], :]');
  assert.match(r.message, /^h\[:, \[-1\], :\] is fancy indexing of a 3-D tensor \(the list \[-1\] keeps its axis/);
  assert.match(r.message, /declare it \(# h: \(d,\) for a vector/);
  assert.doesNotMatch(r.message, /takes one input/);
});

test('a plain 3-D index, a list index and a slice each say what they are', () => {
  const cases: Array<[string, RegExp, string]> = [
    ['y = W @ h[:, -1, :]', /^h\[:, -1, :\] is indexing of a 3-D tensor, and a batched tensor has no matrix form/, 'h[:, -1, :]'],
    ['y = W @ h[[0, 2]]', /^h\[\[0, 2\]\] selects with a list \(fancy indexing\)/, 'h[[0, 2]]'],
    ['y = W @ h[1:3]', /^slicing is not supported/, 'h[1:3]'],
    ['y = W @ h[::2, 0]', /^slicing is not supported/, 'h[::2, 0]'],
  ];
  for (const [src, message, at] of cases) {
    const r = refusal(src, 'y = ');
    assert.match(r.message, message, src);
    assert.equal(r.at, at, src);
  }
});
