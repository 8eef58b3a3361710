// The derivation, step by step (collapsed by default).

import type { DerivationStep } from '../../src/core/analysis';
import { h } from '../dom';
import type { PanelContext } from './context';
import { math } from './math';
import { section } from './section';

export function derivationSection(steps: readonly DerivationStep[], ctx: PanelContext): HTMLElement {
  return section(ctx, {
    id: 'derivation',
    heading: 'Derivation',
    description: `${steps.length} step${steps.length === 1 ? '' : 's'}`,
    defaultOpen: false,
    body: [
      h(
        'ol',
        { class: 'kl-steps' },
        ...steps.map((s) => h('li', null, h('div', { class: 'kl-step-note' }, s.note), math(s.latex, true, s.unicode))),
      ),
    ],
  });
}
