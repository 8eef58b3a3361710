// Issue 9: math is found where VS Code's Markdown preview shows it — in blockquotes (even a
// display formula over several quoted lines) and list items — and not in YAML front matter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProgram } from '../../../src/core/analyze';
import { scanDocument } from '../../../src/core/scan';

const DOC = `---
title: A note
summary: "$y = \\sigma(W x + b)$"
---

> **Definition.** The layer is
> $$
> h = \\tanh(W x + b)
> $$
> for a weight $W \\in \\mathbb{R}^{3 \\times 4}$.

1. First the scores
   $$
   s = V h
   $$
2. Then $p = \\mathrm{softmax}(s)$.
`;

test('a display formula over quoted lines is read without the > marks; front matter is skipped', () => {
  const sites = scanDocument(DOC, 'markdown');
  const texts = sites.map((s) => DOC.slice(s.range.start, s.range.end).replace(/\s+/g, ' '));
  assert.deepEqual(texts, ['h = \\tanh(W x + b)', 's = V h', 'p = \\mathrm{softmax}(s)']);
  const r = analyzeProgram(sites[0]!.program!, DOC, 'latex');
  assert.ok(r.ok);
  // the declaration in the same quoted paragraph applies
  assert.deepEqual(r.jacobian.shape, [3, 15]);
  assert.equal(r.jacobian.unicode, 'diag(tanh′(Wx + b)) [xᵀ ⊗ I₃, I₃]');
});

test('an error in a quoted formula points into the document', () => {
  const doc = '> $$\n> y = \\tanh(W x + )\n> $$\n';
  const [s] = scanDocument(doc, 'markdown');
  assert.ok(s?.error);
  assert.equal(doc.slice(s.error.start, s.error.end), ')');
});

test('a document that only opens with --- (a rule, no closing one) is not front matter', () => {
  const doc = '---\n\n$$y = \\tanh(W x)$$\n';
  assert.equal(scanDocument(doc, 'markdown').length, 1);
});
