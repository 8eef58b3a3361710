// Symbolic sizes (shape/dim.ts): polynomials in the size symbols. Sums and products agree with the
// numbers they stand for at random sizes; printing and the internal string form are exact.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addPoly, asUnknown, constPoly, constValue, dimOf, eqPoly, formatPoly, isOne, mulPoly, parsePoly, poly, substitute, symPoly, symbolsOf, type Poly,
} from '../../../src/core/shape/dim';

/** The number `p` stands for when each symbol has the value `at` gives it (written here, term by term). */
const evaluate = (p: Poly, at: Record<string, number>): number =>
  [...p].reduce((sum, [k, c]) => sum + c * (k ? k.split('*') : []).reduce((prod, s) => prod * (at[s] as number), 1), 0);

const SYMS = ['m', 'n', 'p'];
const polyArb: fc.Arbitrary<Poly> = fc.array(fc.tuple(fc.subarray(SYMS), fc.integer({ min: -3, max: 4 })), { maxLength: 4 })
  .map((terms) => terms.reduce<Poly>((acc, [syms, c]) => addPoly(acc, syms.reduce<Poly>((t, s) => mulPoly(t, symPoly(s)), constPoly(c))), new Map()));
const valuesArb = fc.record({ m: fc.integer({ min: 1, max: 9 }), n: fc.integer({ min: 1, max: 9 }), p: fc.integer({ min: 1, max: 9 }) });

test('sums and products of polynomials agree with sums and products of their values', () => {
  fc.assert(fc.property(polyArb, polyArb, valuesArb, (a, b, at) => {
    // `+ 0` turns −0 into 0: sizes are integers
    assert.equal(evaluate(addPoly(a, b), at), evaluate(a, at) + evaluate(b, at) + 0);
    assert.equal(evaluate(mulPoly(a, b), at), evaluate(a, at) * evaluate(b, at) + 0);
    assert.ok(eqPoly(mulPoly(a, b), mulPoly(b, a)), 'commutative');
  }));
});

test('the internal string form parses back to the same polynomial', () => {
  fc.assert(fc.property(polyArb, (a) => {
    const d = dimOf(a);
    assert.ok(eqPoly(typeof d === 'number' ? constPoly(d) : parsePoly(d), a), String(d));
    assert.ok(eqPoly(poly(d), a));
  }));
});

test('substituting values for the symbols gives the value', () => {
  fc.assert(fc.property(polyArb, valuesArb, (a, at) => {
    assert.equal(constValue(substitute(a, (s) => constPoly(at[s as 'm'] as number))), evaluate(a, at));
  }));
});

test('printing: a layer’s columns mn + m, powers, signs, constants, zero', () => {
  const m = symPoly('m');
  const n = symPoly('n');
  assert.equal(formatPoly(addPoly(mulPoly(m, n), m)), 'mn + m');
  assert.equal(formatPoly(mulPoly(m, m)), 'm²');
  assert.equal(formatPoly(addPoly(mulPoly(m, m), constPoly(1))), 'm² + 1');
  assert.equal(formatPoly(addPoly(n, constPoly(-2))), 'n − 2');
  assert.equal(formatPoly(mulPoly(constPoly(3), mulPoly(m, symPoly('k1')))), '3k1·m');
  assert.equal(formatPoly(constPoly(12)), '12');
  assert.equal(formatPoly(addPoly(m, mulPoly(constPoly(-1), m))), '0');
});

test('constants, ones and unification variables are recognised', () => {
  assert.equal(constValue(constPoly(5)), 5);
  assert.equal(constValue(new Map()), 0);
  assert.equal(constValue(symPoly('m')), undefined);
  assert.ok(isOne(constPoly(1)) && !isOne(symPoly('m')) && !isOne(constPoly(2)));
  assert.equal(asUnknown(symPoly('?3')), '?3');
  assert.equal(asUnknown(symPoly('m')), undefined, 'a named size is not an unknown');
  assert.equal(asUnknown(mulPoly(constPoly(2), symPoly('?3'))), undefined);
  assert.deepEqual(symbolsOf(addPoly(mulPoly(symPoly('m'), symPoly('n')), symPoly('m'))).sort(), ['m', 'n']);
});
