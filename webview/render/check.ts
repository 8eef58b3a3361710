// The finite-difference check: a pass/fail badge and what was compared.

import type { CheckInfo } from '../../src/core/analysis';
import { h } from '../dom';
import { formatNumber } from '../format';
import type { PanelContext } from './context';
import { section } from './section';

export function checkBadge(c: CheckInfo): HTMLElement {
  return h(
    'span',
    { class: `kl-badge ${c.passed ? 'kl-pass' : 'kl-fail'}`, 'data-testid': 'check-badge', role: 'img', 'aria-label': c.passed ? 'check passed' : 'check failed' },
    c.passed ? '✓ passed' : '✗ failed',
  );
}

export function checkSection(c: CheckInfo, ctx: PanelContext): HTMLElement {
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
    ],
  });
}
