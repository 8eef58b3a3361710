// The derivation step by step: the seed layer reproduces the classic derivation (DESIGN.md), and
// a general expression gets one step per rule applied, with the actual sub-expressions and the
// identity's source (Matrix Cookbook equation numbers, Magnus & Neudecker).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk } from '../helpers/oracle';

test('σ(Wx + b): f(W, b), d(Wx) = (xᵀ ⊗ I₃) d vec W, [xᵀ ⊗ I₃, I₃], diag(σ′), DL = gᵀ J, the transpose, δ xᵀ and δ — in this order', () => {
  const a = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] } });
  const text = a.derivation.map((s) => s.unicode);
  const want = [
    'f(W, b) = σ(Wx + b)',
    'd(Wx) = (xᵀ ⊗ I₃) d vec W',
    'd(Wx + b) = d(Wx) + db',
    '∂(Wx + b) / ∂[vec W; b] = [xᵀ ⊗ I₃, I₃]',
    'd(σ(Wx + b)) = diag(σ′(Wx + b)) d(Wx + b)',
    'J = diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃]',
    'DL = gᵀ J',
    '∇L = Jᵀ g = [x ⊗ I₃; I₃] diag(σ′(Wx + b)) g',
    'δ = σ′(Wx + b) ⊙ g',
    '∂L/∂W = δ xᵀ,  ∂L/∂b = δ',
  ];
  let at = -1;
  for (const w of want) {
    const i = text.indexOf(w);
    assert.ok(i > at, `step "${w}" after step ${at}:\n${text.join('\n')}`);
    at = i;
  }
  const product = a.derivation.find((s) => s.unicode === 'd(Wx) = (xᵀ ⊗ I₃) d vec W');
  assert.equal(product?.rule?.unicode, 'd(AB) = dA B + A dB,  vec(AXB) = (Bᵀ ⊗ A) vec X');
  assert.match(product?.source ?? '', /Matrix Cookbook \(37\), \(520\); Magnus & Neudecker Thm 2\.2/);
  const backwards = a.derivation[a.derivation.length - 1];
  assert.equal(backwards?.rule?.unicode, '(Bᵀ ⊗ A)ᵀ vec G = vec(Aᵀ G B)');
});

test('aᵀ X⁻¹ b: the inverse step names X and cites Matrix Cookbook (40); every rule step carries its identity and source', () => {
  const a = analyzeOk("a'*inv(X)*b", { wrt: ['X'], shapes: { X: [3, 3] } });
  const inv = a.derivation.find((s) => s.unicode === 'd vec(X⁻¹) = −(X⁻ᵀ ⊗ X⁻¹) d vec X');
  assert.ok(inv, a.derivation.map((s) => s.unicode).join('\n'));
  assert.equal(inv.source, 'Matrix Cookbook (40)');
  assert.equal(inv.rule?.unicode, 'd(X⁻¹) = −X⁻¹ dX X⁻¹');
  for (const s of a.derivation.filter((x) => x.unicode.startsWith('d'))) assert.ok(s.rule && s.source, `${s.unicode} has its identity and source`);
});

test('a scalar output has no loss step; log det X cites Matrix Cookbook (43), (57)', () => {
  const a = analyzeOk('logdet(X)', { shapes: { X: [3, 3] } });
  assert.ok(!a.derivation.some((s) => s.unicode.startsWith('DL')));
  const step = a.derivation.find((s) => s.unicode === 'd(log det(X)) = vec(X⁻ᵀ)ᵀ d vec X');
  assert.ok(step, a.derivation.map((s) => s.unicode).join('\n'));
  assert.equal(step.source, 'Matrix Cookbook (43), (57)');
});

test('a negated term of a differential is subtracted, in both notations: d((−tᵀ) x) = xᵀ d vec(−tᵀ) − tᵀ dx', () => {
  const a = analyzeOk("-t'*x*y", { shapes: { y: [3, 1] } });
  const step = a.derivation.find((s) => s.unicode.startsWith('d((−tᵀ) x) = '));
  assert.ok(step, a.derivation.map((s) => s.unicode).join('\n'));
  assert.equal(step.unicode, 'd((−tᵀ) x) = xᵀ d vec(−tᵀ) − tᵀ dx');
  assert.equal(step.latex, 'd(\\left(-t^\\top\\right) x) = x^\\top\\, d\\operatorname{vec}(-t^\\top) - t^\\top\\, dx');
  assert.ok(a.derivation.every((s) => !/\+ [−-]/.test(s.unicode) && !/\+ -/.test(s.latex)), a.derivation.map((s) => s.unicode).join('\n'));
});
