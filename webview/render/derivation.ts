// The derivation, step by step (collapsed by default): what each step does, the identity it
// applies and where that comes from, then the step with the actual sub-expressions.

import type { DerivationStep } from '../../src/core/analysis';
import { h } from '../dom';
import type { PanelContext } from './context';
import { math } from './math';
import { section } from './section';

function stepItem(s: DerivationStep): HTMLElement {
  return h(
    'li',
    null,
    h('div', { class: 'kl-step-note' }, s.note, s.source ? h('span', { class: 'kl-step-source kl-muted', 'data-testid': 'step-source' }, ` — ${s.source}`) : null),
    s.rule ? h('div', { class: 'kl-step-rule kl-muted', 'data-testid': 'step-rule' }, 'by ', math(s.rule.latex, false, s.rule.unicode)) : null,
    math(s.latex, true, s.unicode),
  );
}

export function derivationSection(steps: readonly DerivationStep[], ctx: PanelContext): HTMLElement {
  return section(ctx, {
    id: 'derivation',
    heading: 'Derivation',
    description: `${steps.length} step${steps.length === 1 ? '' : 's'}`,
    defaultOpen: false,
    body: [h('ol', { class: 'kl-steps' }, ...steps.map(stepItem))],
  });
}
