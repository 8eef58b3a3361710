// The user's names beside the symbols the tool introduces (the output y, the loss L, the upstream g,
// the target t, δ, the commutation matrix K): one rule, applied on every surface — the tool's
// symbols are renamed, never the user's. Checked on the Layouts line, the --explain steps, the CLI
// report, the hover's lines and the sidebar's summary. (The exported code, run: export/python.test.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { introducedNames } from '../../../src/core/ast/introduced';
import { LATEX, UNICODE, gradientLine, outputName } from '../../../src/core/present';
import { formatExplain, formatReport } from '../../../src/cliReport';
import { summarize } from '../../../src/extension/views/summary';
import { analyzeOk } from '../helpers/oracle';

test('the rule: each symbol takes its usual name unless one of the user\'s names reads as it', () => {
  assert.deepEqual(introducedNames(['W', 'x', 'b']), { output: 'y', loss: 'L', upstream: 'g', target: 't', adjoint: 'δ', commutation: 'K', identity: 'I', ones: '𝟏' });
  assert.deepEqual(introducedNames(['y', 'L', 'g', 't', 'delta', 'K']), { output: 'y2', loss: 'ℓ', upstream: 'g2', target: 't2', adjoint: 'ε', commutation: 'P', identity: 'I', ones: '𝟏' });
  // y_2 reads as y₂, and δ written as a letter is delta
  assert.equal(introducedNames(['y', 'y_2']).output, 'y3');
  assert.equal(introducedNames(['δ']).adjoint, 'ε');
});

test('an input y beside the output: the Layouts line, the blocks and the hover name the output y₂, never the user\'s y', () => {
  const a = analyzeOk('0.5*norm(K*x - y)^2', { wrt: ['K'] });
  assert.equal(outputName(a), 'y2');
  assert.match(a.layouts!.numerator.unicode, /^∂ vec y₂ \/ ∂\[vec K\] = /);
  assert.match(a.layouts!.numerator.latex, /^\\frac\{\\partial \\operatorname\{vec\} y_\{2\}\}/);
  const report = formatReport(a, false);
  assert.doesNotMatch(report, /∂ vec y \/|∂y\/∂/, report);
  assert.match(report, /∂y₂\/∂vec K = /);
});

test("inputs named K, y, g, L and delta: P for the commutation matrix, ℓ for the loss, g₂ upstream, ε for δ, everywhere", () => {
  const a = analyzeOk("tanh(K'*y + L*g) .* delta", { wrt: ['K', 'L'], numeric: true });
  const text = [formatReport(a, true), formatExplain(a)].join('\n');
  assert.doesNotMatch(text, /K_\{|∂L\/|∇L|DL\b|differences of L|δ = |∂ vec y \//, text);
  assert.match(a.jacobian.unicode, /P_\{m,n\}/);
  assert.match(text, /vec\(Xᵀ\) = P_\{m,n\} vec X/, 'the cited identity uses the same name');
  assert.equal(gradientLine(a, 'K', UNICODE), '∂ℓ/∂K = y εᵀ');
  assert.equal(gradientLine(a, 'K', LATEX), '\\frac{\\partial \\ell}{\\partial K} = y \\varepsilon^\\top');
  assert.deepEqual(a.gradientDefinitions?.map((d) => d.unicode), ['ε = tanh′(Kᵀ y + Lg) ⊙ g₂ ⊙ δ']);
  assert.equal(a.loss?.unicode, 'g₂ = ∂ℓ/∂y₂');
  assert.match(text, /∇ℓ = Jᵀ g₂/);
  assert.match(text, /gradient against differences of ℓ/);
  assert.equal(a.check?.passed, true);
  const s = summarize(a, 0);
  assert.ok(s.ok && s.loss === 'ℓ' && s.output.name === 'y2', JSON.stringify(s.ok && [s.loss, s.output]));
});

test('a target named t: the sse loss is ½‖y − t₂‖²', () => {
  const a = analyzeOk('sigmoid(W*x) + t', { loss: 'sse', wrt: ['W'] });
  assert.equal(a.loss?.unicode, 'L = ½‖y − t₂‖²');
});

test('the numbered δ₁, δ₂ pass over a user\'s delta1 or \\delta_1: ε₁, ε₂, checked against the numbers', () => {
  assert.equal(introducedNames(['W', 'delta1']).adjoint, 'ε');
  assert.equal(introducedNames(['δ_2', 'epsilon']).adjoint, 'ζ');
  // a name that only begins with δ is no numbered δ
  assert.equal(introducedNames(['deltaX', 'delta_t']).adjoint, 'δ');
  const python = 'import torch\n# W: (3, 4)\n# V: (4, 5)\n# x: (5,)\n# delta1: (3,)\ny = torch.tanh(W @ torch.sigmoid(V @ x)) * delta1\n';
  const latex = 'y = \\tanh(W \\sigma(V x)) \\odot \\delta_1';
  for (const [input, notation] of [[python, 'python'], [latex, 'latex']] as const) {
    const a = analyzeOk(input, { notation, wrt: ['W', 'V'], shapes: { W: [3, 4], V: [4, 5] }, numeric: true });
    assert.deepEqual(a.gradientDefinitions?.map((d) => d.unicode), ['ε₂ = tanh′(W σ(Vx)) ⊙ g ⊙ δ₁', 'ε₁ = σ′(Vx) ⊙ (Wᵀ ε₂)'], notation);
    assert.equal(gradientLine(a, 'V', UNICODE), '∂L/∂V = ε₁ xᵀ');
    assert.equal(a.check?.passed, true);
  }
});

test('the identity beside a variable of the user\'s called I or I_3 prints Id₃, never I₃', () => {
  assert.equal(introducedNames(['W', 'x']).identity, 'I');
  assert.equal(introducedNames(['I', 'x']).identity, 'Id');
  assert.equal(introducedNames(['I_3']).identity, 'Id');
  assert.equal(introducedNames(['Input']).identity, 'I', 'a longer name that begins with I is no sized I');
  const latex = analyzeOk('I \\in \\mathbb{R}^{3 \\times 4}, y = I x + W x', { notation: 'latex', shapes: { W: [3, 4] }, wrt: ['W'], numeric: true });
  assert.equal(latex.jacobian.unicode, 'xᵀ ⊗ Id₃');
  assert.equal(latex.jacobian.latex, 'x^\\top \\otimes \\mathrm{Id}_3');
  assert.equal(latex.check?.passed, true);
  const python = analyzeOk('import numpy as np\ndef f(I_3, W, x):\n    return I_3 @ x + np.eye(3) @ W @ x\n', { notation: 'python', shapes: { W: [3, 4] }, numeric: true });
  assert.equal(python.definition.unicode, 'I₃ x + Id₃ Wx');
  assert.equal(python.check?.passed, true);
});

test('eye(n) beside a user\'s own I_n is the identity, printed Idₙ, never merged into the user\'s I_n', () => {
  // the user's I_n is a parameter (Python) or declared (math); eye(n) is still the identity
  const python = 'import numpy as np\ndef f(I_n, W, x):\n    return I_n @ x + np.eye(n) @ W @ x\n';
  const math = 'I_n: n x n\nW: n x n\ny = I_n*x + eye(n)*W*x';
  for (const [input, notation, shown] of [[python, 'python', 'Iₙ x + Idₙ Wx'], [math, 'math', 'y = Iₙ x + Idₙ Wx']] as const) {
    const a = analyzeOk(input, { notation, wrt: ['I_n', 'W'] });
    assert.equal(a.definition.unicode, shown, notation);
    // d(I_n x)/d vec I_n = xᵀ ⊗ I: eye(n) W x adds nothing to the user's I_n
    assert.deepEqual(a.jacobian.blocks?.map((b) => b.unicode), ['xᵀ ⊗ Idₙ', 'xᵀ ⊗ Idₙ'], notation);
  }
  // by hand: I_n x + W x = [2, 3] + [3, 7]; with eye(n) read as the user's I_n it would be [8, 24]
  const values = { I_n: [[2, 0], [0, 3]], W: [[1, 2], [3, 4]], x: [1, 1] };
  const a = analyzeOk(python, { notation: 'python', wrt: ['I_n', 'W'], values, numeric: true });
  assert.deepEqual([...a.numbers!.output.data], [5, 10]);
  assert.equal(a.definition.unicode, 'Iₙ x + Id₂ Wx');
  assert.equal(a.check?.passed, true);
  assert.deepEqual(a.check?.formulas.failed, []);
});

test('beside a user\'s I and Id the identity is E₃, never a numbered I₂₃ that reads as a size', () => {
  assert.equal(introducedNames(['I', 'Id']).identity, 'E');
  assert.equal(introducedNames(['I', 'Id_3']).identity, 'E', 'Id₃ is taken too');
  const a = analyzeOk('import numpy as np\ndef f(I, Id, W, x):\n    return I @ x + Id @ x + np.eye(3) @ W @ x\n', { notation: 'python', shapes: { W: [3, 4] }, wrt: ['W'], numeric: true });
  assert.equal(a.definition.unicode, 'Ix + Id x + E₃ Wx');
  assert.equal(a.jacobian.latex, 'x^\\top \\otimes E_3');
  assert.deepEqual(a.check?.formulas, { checked: 4, failed: [] });
  assert.equal(a.check?.passed, true);
});

test('the ones vector beside a variable of the user\'s called 𝟏 prints 𝐞, never the user\'s 𝟏; checked against the numbers', () => {
  assert.equal(introducedNames(['W', 'x']).ones, '𝟏');
  assert.equal(introducedNames(['𝟏', 'x']).ones, '𝐞');
  const a = analyzeOk("y = sum(W*x) + 𝟏'*z", { shapes: { '𝟏': [3, 1], W: [3, 4] }, wrt: ['W'], numeric: true });
  assert.equal(a.definition.unicode, 'y = sum(Wx) + 𝟏ᵀ z', 'the user\'s own 𝟏 keeps its name');
  assert.equal(gradientLine(a, 'W', UNICODE), '∂L/∂W = 𝐞 xᵀ');
  assert.equal(gradientLine(a, 'W', LATEX), '\\frac{\\partial L}{\\partial W} = \\mathbf{e} x^\\top');
  assert.equal(a.check?.passed, true);
});
