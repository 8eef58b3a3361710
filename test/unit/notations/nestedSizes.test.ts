// A declared size with brackets inside brackets — math `W: (2(n+1)) x d`, LaTeX
// `W \in \mathbb{R}^{(2(n+1)) \times d}`, Python `# W: (2*(3*(n+1)), d)` — is read to any depth, and
// `2(n+1)` in math and LaTeX is 2·(n+1). The declared size wins over a guess: it is the variable's
// shape, a use that does not fit is refused naming both shapes, and a size that cannot be read is an
// error where it is written (in a document too), never dropped for a guessed size.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, analyzeFile, scanDocument } from '../../../src/core/index';
import type { ScanLanguage } from '../../../src/core/scan';
import { analyzeOk } from '../helpers/oracle';

type Notation = 'math' | 'latex' | 'python';

const refusal = (src: string, notation: Notation): { message: string; at: string } => {
  const a = analyze(src, { notation });
  assert.equal(a.ok, false, 'refused');
  if (a.ok) throw new Error('unreachable');
  return { message: a.error.message, at: src.slice(a.error.start, a.error.end) };
};

const math = (w: string, x = 'd'): string => `W: ${w}\nx: ${x}\ny = tanh(W*x)`;
const latex = (w: string, x = 'd'): string => String.raw`W \in \mathbb{R}^{${w}},\; x \in \R^{${x}} \\ y = \tanh(W x)`;
const python = (w: string, x = 'd'): string => `import torch\n\ndef f(W, x):\n    # W: ${w}\n    # x: (${x},)\n    return torch.tanh(W @ x)\n`;

describe('nested brackets in a declared size, in each notation', () => {
  const cases: Array<[Notation, string, string, string]> = [
    ['math', math('(2(n+1)) x d'), '2n + 2', 'W is (2n + 2)×d'],
    ['math', math('2(n+1) x d'), '2n + 2', 'W is (2n + 2)×d'],
    ['math', math('(2(n+1), d)'), '2n + 2', 'W is (2n + 2)×d'],
    ['math', math('((n+1)(n+2)) x d'), 'n² + 3n + 2', 'W is (n² + 3n + 2)×d'],
    ['math', math('R^{(2(n + 1)) x d}'), '2n + 2', 'W is (2n + 2)×d'],
    ['latex', latex(String.raw`(2(n+1)) \times d`), '2n + 2', 'W is (2n + 2)×d'],
    ['latex', latex(String.raw`2(n+1) \times d`), '2n + 2', 'W is (2n + 2)×d'],
    ['latex', latex(String.raw`(3(2(n+1))) \times d`), '6n + 6', 'W is (6n + 6)×d'],
    ['python', python('(2*(n+1), d)'), '2n + 2', 'W is (2n + 2)×d'],
    ['python', python('(2*(3*(2*(n+1))), d)'), '12n + 12', 'W is (12n + 12)×d'],
    ['python', python('[2*((n+1)*(n+2)), d]'), '2n² + 6n + 4', 'W is (2n² + 6n + 4)×d'],
  ];
  for (const [notation, src, rows, shown] of cases) {
    const line = src.split('\n').find((l) => /W(:| \\in)/.test(l)) as string;
    it(`${notation}: ${line.trim()} declares W as ${rows} × d`, () => {
      const a = analyzeOk(src, { notation, wrt: ['W'] });
      assert.deepEqual(a.variables.W!.shape, [rows, 'd']);
      assert.deepEqual(a.variables.x!.shape, ['d', 1]);
    });
    it(`${notation}: ${line.trim()}, with x of n entries, is refused naming both shapes`, () => {
      const { message } = refusal(src.replace(notation === 'python' ? '# x: (d,)' : /\^\{d\}|x: d/, notation === 'python' ? '# x: (n,)' : notation === 'latex' ? '^{n}' : 'x: n'), notation);
      assert.ok(message.includes(`${shown} and x is n×1`), message);
    });
  }
});

describe('a nested size that cannot be read is an error where it is written', () => {
  it('math: a bracket never closed points at it', () => {
    const r = refusal(math('(2(n+1) x d'), 'math');
    assert.equal(r.at, '(');
    assert.equal(r.message, "the size of W cannot be read: this '(' is never closed");
  });

  it('math: n(…) inside a size is refused, not read as a function or a guess', () => {
    const r = refusal(math('(f(n)) x d'), 'math');
    assert.equal(r.at, 'f(');
    assert.equal(r.message, 'the size of W cannot be read: f(…) reads as a call: write f*(…) for a product');
  });

  it('math: three sizes are refused as a tensor', () => {
    const r = refusal(math('(n, (d+1), 3)'), 'math');
    assert.equal(r.at, 'n, (d+1), 3');
    assert.match(r.message, /3 or more axes/);
  });

  it('Python: a bracket never closed refuses W where it is read, pointing at the bracket', () => {
    const r = refusal(python('(2*(n+1, d)'), 'python');
    assert.equal(r.at, '(');
    assert.match(r.message, /declared shape of W cannot be read/);
    assert.match(r.message, /never closed/);
  });
});

describe('in a document, the nested declaration gives the later formula its size', () => {
  const sizeOf = (doc: string, lang: ScanLanguage, file: string, label: string) => {
    const site = scanDocument(doc, lang).find((s) => s.label.startsWith(label));
    assert.ok(site?.program, 'the formula is found');
    const a = analyzeFile(doc, file, site.line + 1, {});
    assert.ok(a.ok, a.ok ? '' : a.error.message);
    return a.ok ? a.variables.W!.shape : undefined;
  };

  it('a plain-text note: W: (2(n+1)) x d', () => {
    assert.deepEqual(sizeOf('W: (2(n+1)) x d\ny = tanh(W*x)\n', 'plaintext', 'notes.txt', 'y ='), ['2n + 2', 'd']);
  });

  it('a Markdown text block: W: 2(n+1) x d', () => {
    assert.deepEqual(sizeOf('```\nW: 2(n+1) x d\ny = tanh(W*x)\n```\n', 'markdown', 'notes.md', 'y ='), ['2n + 2', 'd']);
  });

  it('Markdown prose: $W \\in \\mathbb{R}^{(2(n+1)) \\times d}$', () => {
    const doc = 'Let $W \\in \\mathbb{R}^{(2(n+1)) \\times d}$.\n\n$$y = \\tanh(W x)$$\n';
    assert.deepEqual(sizeOf(doc, 'markdown', 'notes.md', 'y ='), ['2n + 2', 'd']);
  });

  it('a Python block in Markdown: # W: (2*(3*(2*(n+1))), d)', () => {
    const doc = '```python\nimport torch\ndef f(W, x):\n    # W: (2*(3*(2*(n+1))), d)\n    return torch.tanh(W @ x)\n```\n';
    assert.deepEqual(sizeOf(doc, 'markdown', 'notes.md', 'return'), ['12n + 12', 'd']);
  });

  it('a plain-text declaration that cannot be read is an error on its line, and the formula says its size is inferred', () => {
    const doc = 'W: (f(n)) x d\ny = tanh(W*x)\n';
    const sites = scanDocument(doc, 'plaintext');
    const errors = sites.filter((s) => s.error);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.line, 0);
    assert.equal(errors[0]!.error!.message, 'the size of W cannot be read: f(…) reads as a call: write f*(…) for a product');
    const y = sites.find((s) => s.label.startsWith('y ='));
    assert.ok(y?.program?.notes?.some((n) => n.startsWith('The declaration of W on line 1 could not be read')), JSON.stringify(y?.program?.notes));
  });

  it('prose after a colon stays prose: no declaration and no error', () => {
    const doc = 'Note: see below\nStep 1: (the input, then the output)\ny = tanh(W*x)\n';
    const sites = scanDocument(doc, 'plaintext');
    assert.deepEqual(sites.filter((s) => s.error).map((s) => s.error!.message), []);
    const y = sites.find((s) => s.label.startsWith('y ='));
    assert.deepEqual(y?.program?.declarations.map((d) => d.name), []);
  });
});
