// Constructs as ML papers, lecture notes and textbook chapters write them (LSTM gates, stacked
// recurrent terms, linear models, LayerNorm by hand), each once read wrongly without a word. The
// expected reading is the mathematics the author means; numbers are checked by finite differences.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as D from '../helpers/dense';
import { analyzeOk, assertClose, assertDenseClose, denseFromCoo, fdJacobian, valuesJSON } from '../helpers/oracle';
import type { AnalysisOk } from '../../../src/core/index';

const next = D.rng(29);
const r = (rows: number, cols: number): D.M => D.mk(rows, cols, () => 2 * next() - 1);
const shapes = (a: AnalysisOk): Record<string, string> =>
  Object.fromEntries(Object.entries(a.variables).map(([k, v]) => [k, v.shape.join('×')]));

test('the LSTM cell C_t = F_t ⊙ C_{t-1} + I_t ⊙ C̃_t: I_t is the input gate (t steps in C_{t-1}), not a t×t identity; J by differences', () => {
  const src = '\\mathbf{C}_t = \\mathbf{F}_t \\odot \\mathbf{C}_{t-1} + \\mathbf{I}_t \\odot \\tilde{\\mathbf{C}}_t';
  const symbolic = analyzeOk(src, { notation: 'latex' });
  assert.deepEqual(Object.keys(symbolic.variables).sort(), ['C_tilde_t', 'C_tm1', 'F_t', 'I_t']);
  assert.ok(symbolic.notes.includes('I_t is read as a variable of yours, not the identity: its subscript is an index that steps in C_tm1.'), symbolic.notes.join('\n'));
  const [F, C0, I, Ct] = [r(2, 3), r(2, 3), r(2, 3), r(2, 3)];
  const a = analyzeOk(src, { notation: 'latex', values: valuesJSON({ F_t: F, C_tm1: C0, I_t: I, C_tilde_t: Ct }), wrt: ['F_t', 'I_t'], numeric: true });
  const f = (v: Record<string, D.M>): D.M => D.add(D.hadamard(v.F_t!, C0), D.hadamard(v.I_t!, Ct));
  assertClose(a.numbers!.output.data, D.rowMajor(f({ F_t: F, I_t: I })), 1e-12, 'F ⊙ C + I ⊙ C̃');
  assertDenseClose(denseFromCoo(a.jacobian.values!, 6, 12), fdJacobian(f, { F_t: F, I_t: I }, ['F_t', 'I_t']), 1e-8, 'J');
});

test('I_n stays the identity in (XᵀX + λI_n)⁻¹, and beside K_n (n a subscript there too) a note says which reading was taken', () => {
  const ridge = analyzeOk('B = (X^\\top X + \\lambda I_n)^{-1}', { notation: 'latex' });
  assert.equal(ridge.variables.I_n, undefined);
  assert.deepEqual(ridge.notes, []);
  const gp = analyzeOk('Y = K_n + \\sigma^2 I_n', { notation: 'latex' });
  assert.equal(gp.variables.I_n, undefined);
  assert.ok(gp.notes.includes("I_n is read as the identity, though its subscript also indexes K_n; declare I_n's size if it is a variable."), gp.notes.join('\n'));
});
