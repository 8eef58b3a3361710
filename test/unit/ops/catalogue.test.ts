// The catalogue is the one source of the front-ends' tables and of the README's list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ELEMENTWISE, ELEMENTWISE_NAMES } from '../../../src/core/ops/elementwise';
import { NODE_OPS } from '../../../src/core/ops/nodes';
import { operationsTable } from '../../../src/core/ops/docs';
import { LATEX_MACROS, lookupFunction, PYTHON_FUNCTIONS } from '../../../src/core/ops/spellings';
import { NOTATIONS } from '../../../src/core/notations';
import type { Spellings } from '../../../src/core/ops/types';

const ALL: Array<[string, Spellings]> = [
  ...ELEMENTWISE_NAMES.map((n) => [n, ELEMENTWISE[n].spell] as [string, Spellings]),
  ...Object.entries(NODE_OPS).map(([n, o]) => [n, o.spell] as [string, Spellings]),
];

test('the README lists every operation of the catalogue with its spellings (run scripts/ops-docs.ts after adding one)', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.ok(readme.includes(operationsTable()), `README.md's table of operations is stale; expected:\n${operationsTable()}`);
  for (const [name, s] of ALL) {
    if (s.math.length + s.latex.length + s.python.length === 0) continue;
    assert.ok(readme.includes(`| \`${name}\` |`), `README.md lists ${name}`);
  }
});

test('every spelling is spelled once: no word, macro or Python name stands for two operations', () => {
  for (const pick of [(s: Spellings) => s.math, (s: Spellings) => s.latex, (s: Spellings) => s.python, (s: Spellings) => s.module ?? []]) {
    const seen = new Map<string, string>();
    for (const [name, s] of ALL) {
      for (const w of pick(s)) {
        assert.ok(!seen.has(w), `${w} spells both ${seen.get(w)} and ${name}`);
        seen.set(w, name);
      }
    }
  }
});

test('a LaTeX macro stands for a math word, which names the same operation', () => {
  for (const [name, s] of ALL) {
    for (const macro of s.latex) {
      const word = LATEX_MACROS[macro];
      assert.ok(word && s.math.includes(word), `${macro} → ${word} for ${name}`);
      assert.ok(lookupFunction(word), `${word} is a function word`);
    }
  }
});

test('the catalogue spells each notation the registry has (and no other)', () => {
  const keys = Object.keys({ math: [], latex: [], python: [] } satisfies Omit<Spellings, 'module'>).sort();
  assert.deepEqual(Object.keys(NOTATIONS).sort(), keys);
});

test('the derived tables reach the entries: a Python name builds its operation', () => {
  assert.deepEqual(PYTHON_FUNCTIONS.gelu, { k: 'apply', fn: 'gelu' });
  assert.deepEqual(PYTHON_FUNCTIONS.inverse, { k: 'node', op: NODE_OPS.inv });
  assert.equal(lookupFunction('GELU')?.arity, 1);
  assert.equal(lookupFunction('kron')?.arity, 2);
  assert.equal(lookupFunction('mish'), undefined);
});
