// A space whose size is a sum or product (`W \in \mathbb{R}^{d_h \times (d_h + d_x)}`, `\R^{2n}`) is
// read as the polynomial it writes, in a LaTeX formula and in a Markdown document's prose, so the
// declared size is used and checked rather than refused (and, in a document, the later formula left
// with a guessed size). Sizes that cannot be read are refused where they stand (latex.test.ts).

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
