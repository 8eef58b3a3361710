// An analysis that failed: the message and the offending slice of the source, underlined.

import type { AnalysisError } from '../../src/core/analysis';
import { h } from '../dom';

export function errorView(a: AnalysisError): HTMLElement {
  const { input } = a;
  const start = clamp(a.error.start, 0, input.length);
  const end = clamp(Math.max(a.error.end, start), start, input.length);
  const lineStart = input.lastIndexOf('\n', start - 1) + 1;
  const nl = input.indexOf('\n', end);
  const lineEnd = nl < 0 ? input.length : nl;
  const before = input.slice(lineStart, start);
  const bad = input.slice(start, end);
  const after = input.slice(end, lineEnd);
  const line = input.slice(0, lineStart).split('\n').length;
  return h(
    'div',
    { class: 'kl-error', role: 'alert', 'data-testid': 'analysis-error' },
    h('h2', { class: 'kl-error-title' }, 'Cannot analyse this definition'),
    h('p', { class: 'kl-error-message' }, a.error.message),
    h(
      'pre',
      { class: 'kl-error-source', 'aria-label': `Line ${line}, columns ${start - lineStart + 1} to ${end - lineStart}` },
      h('code', null, before, h('mark', { 'data-testid': 'error-slice' }, bad || ' '), after),
    ),
  );
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, Math.trunc(x))) : lo;
}
