// A declaration whose space cannot be read is an error at the declaration, and the formulas in its
// scope that use the name say in a note that its size is inferred, not declared: they never run
// silently on a guessed size as if nothing had been declared. A later readable declaration wins.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanDocument } from '../../../src/core/scan';
import { analyzeFile } from '../../../src/core/index';

const DOC = [
  'Let $W \\in \\mathbb{R}^{\\frac{n}{2} \\times d}$ and $b \\in \\R^{m}$ be the parameters.', // 1
  '', //                                                                                         2
  '$$', //                                                                                       3
  'y = \\sigma(W x + b)', //                                                                     4
  '$$', //                                                                                       5
  '', //                                                                                         6
  'Now $W \\in \\mathbb{R}^{3 \\times 4}$, read, and', //                                       7
  '', //                                                                                         8
  '$$', //                                                                                       9
  'z = W u', //                                                                                 10
  '$$', //                                                                                      11
].join('\n');

const notesAt = (line: number): readonly string[] => {
  const site = scanDocument(DOC, 'markdown').find((s) => s.line === line - 1 && s.program);
  assert.ok(site, `a definition on line ${line}`);
  return site!.program!.notes ?? [];
};

test('the unreadable declaration is an error where it is written', () => {
  const errors = scanDocument(DOC, 'markdown').filter((s) => s.error);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, 0);
});

test('a formula using the name says its declaration on line 1 was not read and its size is inferred', () => {
  const notes = notesAt(4).filter((n) => n.includes('could not be read'));
  assert.equal(notes.length, 1, notes.join(' | '));
  assert.match(notes[0]!, /^The declaration of W on line 1 could not be read \(.+\), so W's size here is inferred, not declared\.$/);
  const a = analyzeFile(DOC, 'notes.md', 4, {});
  assert.ok(a.ok && a.notes?.some((n) => n.startsWith('The declaration of W on line 1')), 'the note reaches the analysis');
});

test('after a readable declaration of the name, no note and the declared size', () => {
  assert.deepEqual(notesAt(10).filter((n) => n.includes('could not be read')), []);
  const a = analyzeFile(DOC, 'notes.md', 10, {});
  assert.ok(a.ok);
  if (a.ok) assert.deepEqual(a.variables.W?.shape, [3, 4]);
});
