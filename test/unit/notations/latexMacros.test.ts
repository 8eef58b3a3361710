// Issue 9: a paper's own macros (\newcommand, \renewcommand, \DeclareMathOperator, \def, \let), in
// the formula, in the document, and in a notation file it \input s, expanded before reading.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyze } from '../../../src/core/index';
import { analyzeProgram } from '../../../src/core/analyze';
import { DocumentIndex, scanDocument } from '../../../src/core/scan';
import { inputsOf, MAX_EXPANSION_TOKENS, readDefinitions } from '../../../src/core/notations/latex/macros';

function reading(input: string): string {
  const r = analyze(input, { notation: 'latex' });
  return r.ok ? `${r.jacobian.shape.join('×')} ${r.jacobian.unicode}` : `error: ${r.error.message} @ ${JSON.stringify(input.slice(r.error.start, r.error.end))}`;
}

test('definitions are read with their arguments, optional default, and \\def / \\let forms', () => {
  const src = String.raw`
    \newcommand{\vx}{{\bm{x}}}
    \newcommand*\mW{\mathbf{W}}
    \renewcommand{\pair}[2]{#1 #2}
    \newcommand{\opt}[2][b]{#2 + #1}
    \providecommand{\vx}{ignored}
    \DeclareMathOperator*{\act}{ReLU}
    \def\aff#1#2{#1#2 + b}
    \def\ceil#1.{#1}
    \let\s=\sigma`;
  const { macros, ranges } = readDefinitions(src);
  const plain = Object.fromEntries([...macros.values()].map((d) => [d.name, [d.params, d.optional ?? null, d.body, d.unsupported === undefined]]));
  assert.deepEqual(plain, {
    '\\vx': [0, null, '{\\bm{x}}', true],
    '\\mW': [0, null, '\\mathbf{W}', true],
    '\\pair': [2, null, '#1 #2', true],
    '\\opt': [2, 'b', '#2 + #1', true],
    '\\act': [0, null, '\\operatorname{ReLU}', true],
    '\\aff': [2, null, '#1#2 + b', true],
    '\\ceil': [0, null, '', false],
    '\\s': [0, null, '\\sigma', true],
  });
  assert.equal(ranges.length, 9);
  assert.equal(src.slice(ranges[0]!.start, ranges[0]!.end), String.raw`\newcommand{\vx}{{\bm{x}}}`);
});

test('macros are expanded in the formula: the same reading as the expression written out', () => {
  const written = reading('y = \\sigma(\\mathbf{W} \\mathbf{x} + b)');
  assert.equal(written, 'm×mn + m diag(σ′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]');
  assert.equal(reading('\\newcommand{\\vx}{{\\bm{x}}} \\def\\mW{{\\bm{W}}} y = \\sigma(\\mW\\vx + b)'), written);
  // arguments, including a single token without braces, and an optional argument's default
  assert.equal(reading('\\newcommand{\\lin}[2]{#1 #2 + b} y = \\sigma(\\lin{W}x)'), written);
  assert.equal(reading('\\newcommand{\\lin}[2][b]{#2 + #1} y = \\sigma(\\lin{W x})'), written);
  assert.equal(reading('\\newcommand{\\lin}[2][c]{#2 + #1} y = \\sigma(\\lin[b]{W x})'), written);
  // macros defined with macros, and \DeclareMathOperator naming a known function
  assert.equal(reading('\\newcommand{\\vx}{\\mathbf{x}} \\newcommand{\\pre}{W\\vx + b} \\let\\act\\sigma y = \\act(\\pre)'), written);
  assert.equal(reading('\\DeclareMathOperator{\\act}{ReLU} y = \\act(W x + b)'), 'm×mn + m diag(ReLU′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]');
  // \R defined by the document declares a shape as \mathbb{R} does
  assert.equal(reading('\\newcommand{\\R}{\\mathbb{R}} W \\in \\R^{3 \\times 4}, y = \\sigma(W x + b)'), '3×15 diag(σ′(Wx + b)) [xᵀ ⊗ I₃, I₃]');
});

test('a recursive, exploding, delimited or short-of-arguments macro is refused at its use', () => {
  assert.equal(reading('\\newcommand{\\loop}{x + \\loop} y = W \\loop'),
    'error: \\loop: macros nested more than 32 deep (is it defined in terms of itself?) @ "\\\\loop"');
  // each level doubles: 2^20 tokens is past the size limit long before the depth limit
  const doubling = Array.from({ length: 20 }, (_, k) => `\\newcommand{\\a${'x'.repeat(k + 1)}}{\\a${'x'.repeat(k + 2)} \\a${'x'.repeat(k + 2)}}`).join(' ');
  assert.equal(reading(`${doubling} \\newcommand{\\a${'x'.repeat(21)}}{W} y = \\ax x`), `error: \\ax: its expansion is longer than ${MAX_EXPANSION_TOKENS} tokens @ "\\\\ax"`);
  assert.equal(reading('\\def\\f#1.{#1} y = \\f W. x'),
    'error: \\f is defined by \\def with delimited arguments (#1.), which are not read: define it with \\newcommand @ "\\\\f"');
  assert.equal(reading('\\newcommand{\\pair}[2]{#1 #2} y = \\pair'), 'error: \\pair takes 2 arguments @ "\\\\pair"');
  assert.equal(reading('\\newcommand{\\bad}{W ? x} y = \\bad'), "error: in the definition of \\bad: unexpected character '?' in a formula @ \"\\\\bad\"");
});

test('the scanner expands a LaTeX document\'s macros, and a preamble\'s (an \\input notation file)', () => {
  const doc = String.raw`\documentclass{article}
\newcommand{\vh}{\mathbf{h}}
\begin{document}
Let $\mW \in \R^{4 \times 3}$.
\begin{equation} \vh = \sigmoid(\mW \vx + \vb) \end{equation}
\end{document}`;
  const preamble = String.raw`\def\mW{{\bm{W}}} \def\vx{{\bm{x}}} \def\vb{{\bm{b}}} \newcommand{\R}{\mathbb{R}} \newcommand{\sigmoid}{\sigma}`;
  const sites = scanDocument(doc, 'latex', { preamble });
  assert.equal(sites.length, 1);
  const s = sites[0]!;
  assert.equal(doc.slice(s.range.start, s.range.end), String.raw`\vh = \sigmoid(\mW \vx + \vb)`);
  const r = analyzeProgram(s.program!, doc, s.notation);
  assert.ok(r.ok);
  assert.equal(r.jacobian.unicode, 'diag(σ′(Wx + b)) [xᵀ ⊗ I₄, I₄]');
  assert.deepEqual(r.jacobian.shape, [4, 16]);
  // without the notation file, \mW is an unknown command: refused, not misread
  const bare = scanDocument(doc, 'latex');
  assert.equal(bare.length, 1);
  assert.equal(bare[0]!.error?.message, 'unknown LaTeX command \\mW');
});

test('a change of the macros reads every block again; the preamble can be replaced', () => {
  const doc = '\\newcommand{\\act}{\\tanh}\n\n$$y = \\act(W x)$$\n';
  const index = new DocumentIndex(doc, 'markdown');
  const jac = (): string => {
    const s = index.sites[0]!;
    const r = analyzeProgram(s.program!, index.text, s.notation);
    return r.ok ? r.jacobian.unicode : r.error.message;
  };
  assert.equal(jac(), 'diag(tanh′(Wx)) [xᵀ ⊗ Iₘ, W]');
  index.update([{ start: doc.indexOf('\\tanh'), end: doc.indexOf('\\tanh') + 5, text: '\\sigma' }]);
  assert.equal(jac(), 'diag(σ′(Wx)) [xᵀ ⊗ Iₘ, W]');
  const other = new DocumentIndex('$$y = \\act(W x)$$', 'markdown', { preamble: '\\newcommand{\\act}{\\tanh}' });
  assert.equal(other.sites.length, 1);
  other.setPreamble('\\DeclareMathOperator{\\act}{ReLU}');
  const r = analyzeProgram(other.sites[0]!.program!, other.text, 'latex');
  assert.ok(r.ok && r.jacobian.unicode.startsWith('diag(ReLU′(Wx))'));
});

test('\\input files: found outside comments, .tex added; the CLI reads them relative to the document', () => {
  const doc = '\\input{math_commands}\n% \\input{skipped}\n\\include{sub/defs.tex}\n';
  assert.deepEqual(inputsOf(doc).map((i) => i.path), ['math_commands.tex', 'sub/defs.tex']);
  const dir = mkdtempSync(join(tmpdir(), 'kl-input-'));
  writeFileSync(join(dir, 'notation.tex'), '\\def\\mW{{\\bm{W}}}\n\\def\\vx{{\\bm{x}}}\n\\newcommand{\\R}{\\mathbb{R}}\n');
  writeFileSync(join(dir, 'paper.tex'), '\\input{notation}\n\\begin{document}\n$\\mW \\in \\R^{2 \\times 5}$ and\n\\[ y = \\tanh(\\mW \\vx) \\]\n\\end{document}\n');
  const cli = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', '..', 'src', 'cli.ts'), 'analyze', '--file', join(dir, 'paper.tex'), '--line', '4', '--json'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const a = JSON.parse(cli.stdout) as { jacobian: { shape: number[]; unicode: string } };
  assert.deepEqual(a.jacobian.shape, [2, 15]);
  assert.equal(a.jacobian.unicode, 'diag(tanh′(Wx)) [xᵀ ⊗ I₂, W]');
});
