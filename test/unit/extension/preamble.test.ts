// The notation files a LaTeX or Markdown document inputs, read for their macros (editor/preamble.ts):
// in TeX's order (a file's own inputs before it), two levels deep, each once, with a warning for each
// input that is not read. The files live in a map here, as the workspace's file system would give them;
// the preamble then makes the scanner expand a notation file's macros in the document's formulas.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentIndex } from '../../../src/core/index';
import { MAX_FILES, readPreamble, type PreambleIO } from '../../../src/extension/editor/preamble';

/** Files by path; `locate` joins a relative path to the including file's folder, and reads .tex and .sty only. */
function io(files: Record<string, string>, reads: string[] = []): PreambleIO<string> {
  return {
    locate: (from, path) => {
      if (!/\.(?:tex|sty)$/.test(path)) return { why: 'only .tex and .sty files are read' };
      const dir = from.slice(0, from.lastIndexOf('/') + 1);
      return `${dir}${path}`.replace(/[^/]+\/\.\.\//g, '');
    },
    read: async (file) => {
      reads.push(file);
      return files[file] ?? { why: 'it could not be read' };
    },
    key: (file) => file,
  };
}

const MATH_COMMANDS = '\\newcommand{\\vx}{\\mathbf{x}}\n\\newcommand{\\mW}{\\mathbf{W}}\n';

test('a document that inputs its notation file: the file is read, and its macros expand in the formulas', async () => {
  const doc = '\\input{math_commands}\n\\begin{document}\n$$y = \\sigma(\\mW \\vx + b)$$\n\\end{document}\n';
  const warnings: string[] = [];
  const p = await readPreamble('/w/paper/main.tex', doc, io({ '/w/paper/math_commands.tex': MATH_COMMANDS }), (m) => warnings.push(m));
  assert.equal(p.text, `${MATH_COMMANDS}\n`);
  assert.deepEqual(p.files, ['/w/paper/math_commands.tex']);
  assert.deepEqual(warnings, []);
  const without = new DocumentIndex(doc, 'latex').sites.filter((s) => s.program);
  const withIt = new DocumentIndex(doc, 'latex', { preamble: p.text }).sites.filter((s) => s.program);
  assert.equal(withIt.length, 1);
  const names = withIt[0]!.program!.assignments.map((a) => JSON.stringify(a.expr));
  assert.ok(names.some((n) => n.includes('"name":"W"') && n.includes('"name":"x"')), names.join('\n'));
  assert.ok(without.every((s) => !JSON.stringify(s.program).includes('"name":"W"')), 'without the file \\mW is not W');
});

test('nested inputs come first, two levels deep; a file input twice (or a cycle) is read once', async () => {
  const files = {
    '/w/a.tex': '\\input{sub/b}\n\\newcommand{\\A}{a}\n',
    '/w/sub/b.tex': '\\input{../a}\n\\input{c}\n\\newcommand{\\B}{b}\n',
    '/w/sub/c.tex': '\\newcommand{\\C}{c}\n',
  };
  const reads: string[] = [];
  const p = await readPreamble('/w/main.tex', '\\input{a}\n\\input{a.tex}\n', io(files, reads), () => undefined);
  // main → a (level 0) → b (level 1); b's own inputs would be level 2: not followed
  assert.deepEqual(p.files, ['/w/a.tex', '/w/sub/b.tex']);
  assert.equal(p.text, `${files['/w/sub/b.tex']}\n${files['/w/a.tex']}\n`);
  assert.deepEqual(reads, ['/w/a.tex', '/w/sub/b.tex']);
});

test('an input that is not read says why; the others are still read', async () => {
  const warnings: string[] = [];
  const doc = '\\input{missing}\n\\input{data.csv}\n% \\input{commented}\n\\include{ok}\n';
  const p = await readPreamble('/w/main.tex', doc, io({ '/w/ok.tex': '\\def\\R{\\mathbb{R}}\n' }), (m) => warnings.push(m));
  assert.deepEqual(p.files, ['/w/ok.tex']);
  assert.deepEqual(warnings, [
    'missing.tex (\\input by /w/main.tex) is not read for macros: it could not be read',
    'data.csv (\\input by /w/main.tex) is not read for macros: only .tex and .sty files are read',
  ]);
});

test(`at most ${MAX_FILES} files are read for one document`, async () => {
  const files = Object.fromEntries(Array.from({ length: MAX_FILES + 3 }, (_, i) => [`/w/f${i}.tex`, `\\newcommand{\\f${i}}{x}\n`]));
  const doc = Object.keys(files).map((f) => `\\input{${f.slice(3)}}`).join('\n');
  const warnings: string[] = [];
  const reads: string[] = [];
  const p = await readPreamble('/w/main.tex', doc, io(files, reads), (m) => warnings.push(m));
  assert.equal(p.files.length, MAX_FILES);
  assert.equal(reads.length, MAX_FILES);
  assert.equal(warnings.length, 3);
  assert.match(warnings[0]!, /more than 16 files are input/);
});
