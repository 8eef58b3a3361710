// A declared size that is a sum or product — LaTeX `W \in \mathbb{R}^{d_h \times (d_h + d_x)}`, `\R^{2n}`;
// math notation `W: d x (n+1)`, `x: R^{2n}` — is read as the polynomial it writes, in a formula and in a
// Markdown document, so the declared size is used and checked rather than refused or (in a document's
// loose lines) dropped for a guessed size. LaTeX sizes that cannot be read are refused where they
// stand (latex.test.ts); Python's are in pythonDeclaredSizes.test.ts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, analyzeProgram, scanDocument } from '../../../src/core/index';
import { analyzeOk } from '../helpers/oracle';

const GATE = String.raw`W \in \mathbb{R}^{d_h \times (d_h + d_x)},\; v \in \R^{d_h + d_x},\; b \in \R^{d_h} \\ z = \sigma(W v + b)`;

describe('LaTeX: a declared size that is a sum or product', () => {
  it('a GRU-style gate reads W as d_h × (d_h + d_x), and the Jacobian follows', () => {
    const a = analyzeOk(GATE, { notation: 'latex', wrt: ['W', 'b'] });
    assert.deepEqual(a.variables.W!.shape, ['d_h', 'd_h + d_x']);
    assert.deepEqual(a.jacobian.shape, ['d_h', 'd_h² + d_h·d_x + d_h']);
  });

  it('the declared sum is checked: W v with v of d_h entries is a shape error quoting it', () => {
    const a = analyze(GATE.replace('v \\in \\R^{d_h + d_x}', 'v \\in \\R^{d_h}'), { notation: 'latex' });
    assert.equal(a.ok, false);
    if (!a.ok) assert.match(a.error.message, /W is d_h×\(d_h \+ d_x\) and v is d_h×1/);
  });

  it('with numbers for the sizes, the numbers check: 3 × (3 + 2)', () => {
    const a = analyzeOk(GATE.replace(/d_h/g, '3').replace(/d_x/g, '2'), { notation: 'latex', wrt: ['W', 'b'], numeric: true, seed: 4 });
    assert.deepEqual(a.variables.W!.shape, [3, 5]);
    assert.deepEqual(a.jacobian.shape, [3, 18]);
    assert.equal(a.check?.passed, true);
  });

  it('in a Markdown document, a declaration in prose gives the later formula its size', () => {
    const doc = 'The gate reads $W \\in \\mathbb{R}^{d \\times 2n}$ and $v \\in \\R^{2n}$.\n\n$$y = \\tanh(W v)$$\n';
    const site = scanDocument(doc, 'markdown').find((s) => s.label.startsWith('y ='));
    assert.ok(site?.program, 'the formula is found');
    const a = analyzeProgram(site.program, doc, site.notation);
    assert.equal(a.ok, true);
    if (a.ok) assert.deepEqual(a.variables.W!.shape, ['d', '2n']);
  });
});

describe('math notation: a declared size that is a sum or product', () => {
  it('W: d x (n+1) and x: n+1 are read as declared, and the Jacobian follows', () => {
    const a = analyzeOk('W: d x (n+1)\nx: n+1\ny = tanh(W*x)', { notation: 'math', wrt: ['W'] });
    assert.deepEqual(a.variables.W!.shape, ['d', 'n + 1']);
    assert.deepEqual(a.variables.x!.shape, ['n + 1', 1]);
    assert.deepEqual(a.jacobian.shape, ['d', 'dn + d']);
  });

  it('the forms of a declaration take sums too: (d, n+1), R^{2n}, n^2 x m, and 3x4 stays 3 × 4', () => {
    const a = analyzeOk('A: (d, n+1)\nv: R^{2n}\nB: n^2 x m\nC: 3x4\ny = sum(A) + sum(v) + sum(B) + sum(C)', { notation: 'math' });
    assert.deepEqual(a.variables.A!.shape, ['d', 'n + 1']);
    assert.deepEqual(a.variables.v!.shape, ['2n', 1]);
    assert.deepEqual(a.variables.B!.shape, ['n²', 'm']);
    assert.deepEqual(a.variables.C!.shape, [3, 4]);
  });

  it('in a Markdown text block, the declaration is not dropped: the formula after it gets its size', () => {
    const doc = '```\nW: d x (n+1)\ny = W*x\n```\n';
    const site = scanDocument(doc, 'markdown').find((s) => s.label.startsWith('y ='));
    assert.ok(site?.program, 'the formula is found');
    const a = analyzeProgram(site.program, doc, site.notation);
    assert.equal(a.ok, true);
    if (a.ok) assert.deepEqual(a.variables.W!.shape, ['d', 'n + 1']);
  });
});
