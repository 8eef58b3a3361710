// What "Insert below the definition" puts into each kind of document.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exported } from '../../../src/core/export';
import { insertionText } from '../../../src/extension/views/exportText';

const code: Exported = { ok: true, format: 'pytorch', text: 'import torch\nx = 1\n', filename: 'gradient_torch.py', language: 'python' };
const mtx: Exported = { ok: true, format: 'mtx', text: '%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 2\n', filename: 'jacobian.mtx', language: 'plaintext' };

test('Markdown: a fenced block in the export\'s language (text for Matrix Market)', () => {
  assert.equal(insertionText('markdown', code), '\n```python\nimport torch\nx = 1\n```\n');
  assert.equal(insertionText('markdown', mtx), '\n```text\n%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 2\n```\n');
});

test('Python: code as it is, anything else as comment lines', () => {
  assert.equal(insertionText('python', code), '\nimport torch\nx = 1\n');
  assert.equal(insertionText('python', mtx), '\n# %%MatrixMarket matrix coordinate real general\n# 1 1 1\n# 1 1 2\n');
});

test('LaTeX: the derivation as it is, code in a verbatim environment', () => {
  const tex: Exported = { ...code, format: 'latex', text: '\\begin{enumerate}\n\\end{enumerate}\n', language: 'latex' };
  assert.equal(insertionText('latex', tex), '\n\\begin{enumerate}\n\\end{enumerate}\n');
  assert.equal(insertionText('latex', code), '\n\\begin{verbatim}\nimport torch\nx = 1\n\\end{verbatim}\n');
});
