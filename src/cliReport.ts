// The CLI's readable report: shapes, the Kronecker-form Jacobian, nnz against dense, the
// gradient and the check, in Unicode for a terminal.

import type { AnalysisError, AnalysisOk, NestedValues } from './core';
import {
  UNICODE as U, blockLine, checkVerdict, costLine, count, density, gradientLabel, gradientLine, jacobianLabel, jacobianLine, memory, nameText, shape, formulaVerdict, symbolsOf, whereLines,
} from './core/present';

const label = (s: string): string => s.padEnd(10);
const indent = ' '.repeat(10);
/** Numbers shown of an output or a gradient. */
const PREVIEW = 6;

/** ✔ or ✘ after a formula once its value has been compared with the numbers. */
const mark = (f: { check?: { passed: boolean } }): string => {
  const v = formulaVerdict(f.check);
  return v ? ` ${v.symbol}` : '';
};
const symbol = (passed: boolean): string => checkVerdict({ passed }).symbol;

function checkLines(c: NonNullable<AnalysisOk['check']>, loss: string): string[] {
  const what = c.method === 'columns' ? `${c.count} columns` : `${c.count} random directions`;
  const lines = [`${label('Check')}finite differences (${what}): max rel. error ${c.maxRelError.toExponential(1)} ${symbol(c.maxRelError <= c.tolerance)}`];
  if (c.gradient) lines.push(`${indent}gradient against differences of ${loss} (${c.gradient.count} random directions): max rel. error ${c.gradient.maxRelError.toExponential(1)} ${symbol(c.gradient.passed)}`);
  const { checked, failed } = c.formulas;
  lines.push(`${indent}printed formulas evaluated: ${checked - failed.length} of ${checked} agree with the numbers${failed.length ? `; wrong: ${failed.join(', ')}` : ''} ${symbol(!failed.length)}`);
  const v = checkVerdict(c);
  lines.push(`${indent}${v.passed ? v.word : v.word.toUpperCase()} ${v.symbol}`);
  return lines;
}

/** The report; the Numbers section only when asked for (`--numeric`). */
export function formatReport(a: AnalysisOk, showNumbers: boolean): string {
  const out: string[] = [a.definition.unicode, ''];
  const vars = Object.values(a.variables).map((v) => `${v.unicode} ${shape(v.shape, U)}`);
  out.push(`${label('Shapes')}${vars.join(' · ')} · output ${shape(a.output.shape, U)}`);
  out.push(`${label('Jacobian')}${jacobianLine(a, U)}${mark(a.jacobian)}`);
  const where = whereLines(a, U);
  if (where.length) out.push(`${indent}where ${where.join(',  ')}`);
  out.push(`${indent}${jacobianLabel(a, U)}: ${shape(a.jacobian.shape, U)}`);
  for (const b of a.jacobian.blocks) out.push(`${indent}  ${blockLine(a, b, U)}  (${shape(b.shape, U)}, nnz ${count(b.nnz)})${mark(b)}`);
  const mem = memory(a.jacobian);
  out.push(`${indent}${density(a.jacobian)}${mem ? ` · ${mem}` : ''}`);
  if (a.gradient) {
    const grads = Object.entries(a.gradient).map(([n, g]) => `${gradientLine(a, n, U)} (${shape(g.shape, U)})${mark(g)}`);
    out.push(`${label('Gradient')}${grads.join(',  ')}`);
    for (const d of a.gradientDefinitions ?? []) out.push(`${indent}${d.unicode}${mark(d)}`);
    if (a.loss) out.push(`${indent}${a.loss.unicode}`);
  }
  if (a.layouts) {
    out.push(`${label('Layouts')}numerator (Jacobian): ${a.layouts.numerator.unicode}`);
    out.push(`${indent}denominator (gradient): ${a.layouts.denominator.unicode}`);
    out.push(`${indent}PyTorch (activations as rows): ${a.layouts.pytorch.unicode}${mark(a.layouts.pytorch)}`);
    out.push(`${indent}${a.layouts.relation}`);
  }
  if (a.cost) out.push(`${label('Cost')}${costLine(a.cost)}`);
  if (a.numbers && showNumbers) {
    out.push(`${label('Numbers')}seed ${a.numbers.seed}; output ${preview(a.numbers.output.data)}`);
    for (const [n, g] of Object.entries(a.gradient ?? {})) if (g.values !== undefined) out.push(`${indent}${gradientLabel(a, n, U)} ${preview(g.values)}`);
  }
  if (a.check) out.push(...checkLines(a.check, nameText(symbolsOf(a).loss, U)));
  else out.push(`${label('Check')}not run (symbolic answer); --numeric computes numbers and checks J by finite differences`);
  for (const n of a.notes) out.push(`${label('Note')}${n}`);
  return `${out.join('\n')}\n`;
}

/** The first entries (of a flat list, or of rows in order): read one by one, since copying a
 *  4096×4096 gradient whole to show six of its numbers took seconds. */
function preview(data: ArrayLike<number> | NestedValues): string {
  const first: number[] = [];
  let more = false;
  const take = (v: ArrayLike<number> | NestedValues): void => {
    if (typeof v === 'number') return void (first.length < PREVIEW ? first.push(v) : (more = true));
    for (let i = 0; i < v.length && !more; i++) take(v[i] as number | number[]);
  };
  take(data);
  const shown = first.map((v) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toFixed(4)));
  return `[${shown.join(' ')}${more ? ' …' : ''}]`;
}

/** Characters of the source line shown on each side of the error's start. */
const SNIPPET_SIDE = 60;

/** The message, then the source line with the error underlined; a long line is shown around
 *  the error only (a generated 17 KB line is not echoed whole, nor underlined whole). */
export function formatError(a: AnalysisError): string {
  const { message, start, end } = a.error;
  const text = a.input;
  const lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const nl = text.indexOf('\n', start);
  const lineEnd = nl === -1 ? text.length : nl;
  let lineNo = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) lineNo++;
  const col = start - lineStart;
  const where = text ? `line ${lineNo}, column ${col + 1}` : 'input';
  const from = Math.max(lineStart, start - SNIPPET_SIDE);
  const to = Math.min(lineEnd, start + SNIPPET_SIDE);
  const before = from > lineStart ? '…' : '';
  const src = `${before}${text.slice(from, to)}${to < lineEnd ? '…' : ''}`;
  const width = Math.max(1, Math.min(end, to) - start);
  const caret = lineEnd > lineStart ? `\n  ${src}\n  ${' '.repeat(before.length + start - from)}${'^'.repeat(width)}` : '';
  return `error: ${message}\n  at ${where}${caret}\n`;
}

/** `--explain`: the derivation step by step, each with the identity applied and its source. */
export function formatExplain(a: AnalysisOk): string {
  const out: string[] = ['', 'Derivation'];
  a.derivation.forEach((s, i) => {
    out.push(`${String(i + 1).padStart(3)}. ${s.note}${s.source ? `  [${s.source}]` : ''}`);
    if (s.rule) out.push(`     by ${s.rule.unicode}`);
    out.push(`     ${s.unicode}`);
  });
  return `${out.join('\n')}\n`;
}
