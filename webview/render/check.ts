// The finite-difference check: a pass/fail badge and what was compared.

import type { CheckInfo, FormulaCheck } from '../../src/core/analysis';
import { UNICODE, checkVerdict, formulaVerdict, nameText } from '../../src/core/present';
import { h } from '../dom';
import { formatNumber } from '../format';
import type { PanelContext } from './context';
import { section } from './section';

export function checkBadge(c: CheckInfo): HTMLElement {
  const v = checkVerdict(c);
  return h(
    'span',
    { class: `kl-badge ${v.passed ? 'kl-pass' : 'kl-fail'}`, 'data-testid': 'check-badge', role: 'img', 'aria-label': v.label },
    `${v.symbol} ${v.word}`,
  );
}

/** ✔ or ✘ beside a printed formula once it has been evaluated against the numbers; nothing before. */
export function formulaMark(c: FormulaCheck | undefined): HTMLElement | null {
  const v = formulaVerdict(c);
  if (!c || !v) return null;
  const label = `formula ${v.label}${v.passed ? '' : ` (rel. error ${formatNumber(c.maxRelError)})`}`;
  return h('span', { class: `kl-mark ${v.passed ? 'kl-pass' : 'kl-fail'}`, 'data-testid': 'formula-mark', role: 'img', 'aria-label': label, title: label }, v.symbol);
}

/** `loss`: the loss's name as the analysis gives it (ℓ beside the user's L). */
export function checkSection(c: CheckInfo, loss: string, ctx: PanelContext): HTMLElement {
  const what = c.method === 'columns' ? `all ${c.count} columns of J` : `${c.count} random directions`;
  return section(ctx, {
    id: 'check',
    heading: 'Check',
    description: `max rel. error ${formatNumber(c.maxRelError)}`,
    decoration: checkBadge(c),
    body: [
      h(
        'p',
        { class: 'kl-check', 'data-testid': 'check-text' },
        `Central finite differences along ${what}: max relative error `,
        h('strong', null, formatNumber(c.maxRelError)),
        ` (tolerance ${formatNumber(c.tolerance)}).`,
      ),
      c.gradient
        ? h('p', { class: 'kl-check', 'data-testid': 'check-gradient' }, `The gradient against central differences of ${nameText(loss, UNICODE)} along ${c.gradient.count} random directions: max relative error `, h('strong', null, formatNumber(c.gradient.maxRelError)), '.')
        : null,
      c.formulas && h(
        'p',
        { class: 'kl-check', 'data-testid': 'check-formulas' },
        `Printed formulas evaluated on these numbers: ${c.formulas.checked - c.formulas.failed.length} of ${c.formulas.checked} agree`,
        c.formulas.failed.length ? `; wrong: ${c.formulas.failed.join(', ')}.` : '.',
      ),
    ],
  });
}
