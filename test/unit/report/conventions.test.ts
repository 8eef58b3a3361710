// Layouts and costs: J (numerator) is m × (mn + m); the gradient (denominator layout) is Jᵀ g,
// checked numerically from J's own entries; jacrev needs m VJPs, jacfwd mn + m JVPs; dense bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOk, denseFromCoo, flatValues } from '../helpers/oracle';

test('σ(Wx + b), W 3×4: dense 45 entries = 360 B, jacrev 3 VJPs, jacfwd 15 JVPs, 15 stored entries', () => {
  const a = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] }, numeric: true });
  assert.deepEqual({ ...a.cost, structuredBytes: undefined }, { denseEntries: 45, denseBytes: 360, vjps: 3, jvps: 15, structuredEntries: 15, structuredBytes: undefined });
  assert.ok((a.cost?.structuredBytes ?? Infinity) < 360);
});

test('symbolic sizes: jacrev m VJPs, jacfwd mn + m JVPs, 8(m²n + m²) bytes dense', () => {
  const a = analyzeOk('sigmoid(W*x + b)');
  assert.equal(a.cost?.vjps, 'm');
  assert.equal(a.cost?.jvps, 'mn + m');
  assert.equal(a.cost?.denseEntries, 'm²n + m²');
  assert.equal(a.cost?.denseBytes, '8m² + 8m²n');
});

test('layouts: the denominator form is Jᵀ g = [x ⊗ I₃; I₃] diag(σ′(z)) g, and numerically the gradient is Jᵀ g from J\'s entries', () => {
  const a = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] }, numeric: true });
  assert.equal(a.layouts?.denominator.unicode, '∇L = Jᵀ g = [x ⊗ I₃; I₃] diag(σ′(Wx + b)) g');
  assert.equal(a.layouts?.pytorch.unicode, 'W.grad = δᵀ x,  b.grad = δ,  δ = σ′(x Wᵀ + b) ⊙ g');
  assert.match(a.layouts?.relation ?? '', /^J \(numerator layout\) is 3 × 15, .* a column of 15; PyTorch keeps the same numbers as each parameter's \.grad in the parameter's own shape/);
  const J = denseFromCoo(a.jacobian.values!, 3, 15);
  const g = Array.from(a.numbers!.inputs.g!.data);
  const JTg = Array.from({ length: 15 }, (_, c) => J.reduce((s, row, i) => s + (row[c] as number) * (g[i] as number), 0));
  // vec W is column-major: entry (i, j) of ∂L/∂W is JTg[i + 3j]
  const gW = flatValues(a.gradient!.W!.values!);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) assert.ok(Math.abs((gW[4 * i + j] as number) - (JTg[i + 3 * j] as number)) < 1e-12);
  const gb = flatValues(a.gradient!.b!.values!);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs((gb[i] as number) - (JTg[12 + i] as number)) < 1e-12);
});

test('the upstream vector of a sum-of-squares loss is a factor: ∇L = Jᵀ (y − t), never Jᵀ y − t', () => {
  const a = analyzeOk('sigmoid(W*x + b)', { shapes: { W: [3, 4] }, loss: 'sse' });
  const d = a.layouts?.denominator.unicode ?? '';
  assert.ok(d.startsWith('∇L = Jᵀ (y − t) = '), d);
  assert.ok(d.endsWith(' (y − t)'), d);
  assert.match(a.layouts?.denominator.latex ?? '', /J\^\\top \\left\(y - t\\right\)/);
});
