// Issue 9: Octave/MATLAB lines — `;` at the end, `% comments` after it, `'` and `.'` as the
// transpose — in a Markdown ```octave or ```matlab fence and in a plain-text (.m) file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProgram } from '../../../src/core/analyze';
import { analyze } from '../../../src/core/index';
import { scanDocument, type DefinitionSite } from '../../../src/core/scan';

const reading = (text: string, s: DefinitionSite): string => {
  if (s.error) return `error: ${s.error.message} @ ${JSON.stringify(text.slice(s.error.start, s.error.end))}`;
  const r = analyzeProgram(s.program!, text, s.notation);
  return r.ok ? `${r.jacobian.shape.join('×')} ${r.jacobian.unicode}` : `error: ${r.error.message}`;
};

const SCRIPT = `% X is m x n, theta is n x 1
h = sigmoid(X * theta);   % the predictions
r = X' * (h - y) / m;
G = X.' * X;
f = @(z) 1 ./ (1 + exp(-z));
function J = cost(theta)
end
`;

test('an octave fence: statements ending in ;, comments after them, m a scalar divisor, .\' the transpose', () => {
  for (const fence of ['octave', 'matlab']) {
    const doc = `Some prose.\n\n\`\`\`${fence}\n${SCRIPT}\`\`\`\n`;
    const sites = scanDocument(doc, 'markdown');
    const texts = sites.map((s) => doc.slice(s.range.start, s.range.end));
    assert.deepEqual(texts, ['h = sigmoid(X * theta)', "r = X' * (h - y) / m", "G = X.' * X", 'f = @(z) 1 ./ (1 + exp(-z))'], fence);
    const [h, r, G, f] = sites.map((s) => reading(doc, s));
    assert.equal(h, 'm×mn + n diag(σ′(X θ)) [θᵀ ⊗ Iₘ, X]');
    // the 1/m of a mean over the m rows is a scalar, not an elementwise division by a vector
    assert.match(r!, /^p×np \+ n \+ p \+ 1 /);
    assert.equal(G, reading(doc.replace("X.' * X", "X' * X"), sites[2]!));
    assert.equal(G, 'n²×mn (Xᵀ ⊗ Iₙ) K_{m,n} + Iₙ ⊗ Xᵀ');
    assert.equal(f, 'error: anonymous functions (@(z) …) are not read: write the expression itself, with the function applied @ "@("');
  }
});

test('a plain-text .m file is read line by line the same way; % is still no operator inside a formula', () => {
  const sites = scanDocument(SCRIPT, 'plaintext');
  assert.deepEqual(sites.map((s) => SCRIPT.slice(s.range.start, s.range.end)), ['h = sigmoid(X * theta)', "r = X' * (h - y) / m", "G = X.' * X", 'f = @(z) 1 ./ (1 + exp(-z))']);
  const bad = analyze('y = A % B', { notation: 'math' });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.error.message, "'%' is not an operator here (write ⊗ or kron(A, B) for a Kronecker product)");
});

test("X^2' is (X²)ᵀ as MATLAB and Octave read it (^ and ' one precedence, left to right), checked against the numbers", () => {
  const X = [[1, 2, 0], [-1, 3, 1], [2, 0, -2]];
  const sq = X.map((row, i) => row.map((_, j) => X[i]!.reduce((s, v, k) => s + v * X[k]![j]!, 0)));
  for (const [text, want] of [["X^2'", sq], ["X^(2)'", sq], ["X.^2'", X.map((r) => r.map((v) => v * v))], ["X^2''", null]] as const) {
    const r = analyze(text, { values: { X }, numeric: true });
    assert.ok(r.ok, text);
    assert.equal(r.check?.passed, true, text);
    // the output's entries row by row: the transpose of the power's
    if (want) assert.deepEqual(Array.from(r.numbers?.output.data ?? []), [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => want[j]![i]!)), text);
    else assert.deepEqual(Array.from(r.numbers?.output.data ?? []), sq.flat(), text);
  }
  const r = analyze("A*X^2'*B", { shapes: { A: [3, 3], X: [3, 3], B: [3, 3] } });
  assert.equal(r.ok && r.definition.unicode, 'A (X²)ᵀ B');
});

test("a transpose after a signed exponent (X^-2') is refused at the power, and X^(2') suggests X.^(2')", () => {
  const r = analyze("Y = X^-2' + X", { shapes: { X: [3, 3] } });
  assert.ok(!r.ok);
  assert.match(r.error.message, /a transpose after a signed exponent .* is read differently by MATLAB and Octave/);
  assert.deepEqual([r.error.start, r.error.end], [4, 9]);
  const s = analyze("X^(2')", { shapes: { X: [3, 3] } });
  assert.ok(!s.ok);
  assert.match(s.error.message, /write X\.\^\(2'\) for a power entry by entry/);
});

test('a^b^c, (a^b)^c in MATLAB but a^(b^c) in mathematics, is refused at the power; either with parentheses is read as written', () => {
  for (const [text, start, end] of [['a^b^c', 0, 5], ['y = 2*X.^2^3 + X', 6, 12]] as const) {
    const r = analyze(text, { shapes: { X: [3, 3] } });
    assert.ok(!r.ok, text);
    assert.match(r.error.message, /a\^b\^c is \(a\^b\)\^c in MATLAB and Octave but a\^\(b\^c\) in mathematics/);
    assert.deepEqual([r.error.start, r.error.end], [start, end], text);
  }
  const [a, b, c] = [1.5, 0.5, 2];
  for (const [text, want] of [['(a^b)^c', (a ** b) ** c], ['a^(b^c)', a ** (b ** c)]] as const) {
    const r = analyze(text, { values: { a: [[a]], b: [[b]], c: [[c]] }, numeric: true });
    assert.ok(r.ok, text);
    assert.ok(Math.abs((r.numbers?.output.data[0] ?? NaN) - want) < 1e-12, text);
  }
});
