// The header: what is shown, where it came from, and the controls — variables to
// differentiate by, the loss, recompute — with a progress bar while the host works.

import type { AnalysisOk } from '../../src/core/analysis';
import type { SourceRef } from '../../src/shared/protocol';
import { h } from '../dom';
import type { PanelContext } from './context';
import { UNICODE, lossChoices, nameText, outputName } from '../../src/core/present';

export interface HeaderState {
  analysis?: AnalysisOk;
  title: string;
  source?: SourceRef;
  busy: boolean;
}

export function header(s: HeaderState, ctx: PanelContext): HTMLElement {
  const a = s.analysis;
  const source = s.source
    ? h('button', {
        class: 'kl-link',
        type: 'button',
        'data-focus-key': 'reveal',
        title: 'Go to the definition in the editor',
        onclick: () => ctx.post({ type: 'revealDefinition' }),
      }, `${s.source.file}:${s.source.line + 1}`)
    : null;
  const progress = h('vscode-progress-bar', { class: 'kl-progress', 'aria-label': 'Recomputing', indeterminate: true });
  progress.hidden = !s.busy;
  return h(
    'header',
    { class: 'kl-header' },
    h('div', { class: 'kl-title-row' },
      h('span', { class: 'kl-app' }, 'Kronecker Lens'),
      h('h1', { class: 'kl-title', 'data-testid': 'title' }, s.title),
      source),
    a ? controls(a, ctx, s.busy) : null,
    progress,
  );
}

function controls(a: AnalysisOk, ctx: PanelContext, busy: boolean): HTMLElement {
  const scalar = a.output.shape[0] === 1 && a.output.shape[1] === 1;
  return h(
    'div',
    { class: 'kl-controls' },
    wrtPicker(a, ctx),
    scalar ? null : lossPicker(a, ctx),
    h('vscode-button', {
      'data-focus-key': 'recompute',
      'data-testid': 'recompute',
      disabled: busy,
      title: 'Analyse again with the numbers shown, your edits included',
      onclick: () => ctx.post({ type: 'recompute' }),
    }, 'Recompute'),
    h('vscode-button', {
      'data-focus-key': 'new-values',
      'data-testid': 'new-values',
      secondary: true,
      disabled: busy,
      title: 'Draw new random values (the next seed) for every input the document does not give; drops your edits',
      onclick: () => ctx.post({ type: 'newValues' }),
    }, 'New random values'),
  );
}

function wrtPicker(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  // Changes made before the host answers build on each other, not on the last render.
  let live = (ctx.options.wrt.length ? ctx.options.wrt : a.wrt).filter((w) => w in a.variables);
  const boxes = Object.keys(a.variables).map((name) =>
    h('vscode-checkbox', {
      'data-wrt': name,
      'data-focus-key': `wrt:${name}`,
      label: name,
      '.checked': live.includes(name),
      onchange: (e: Event) => {
        const box = e.currentTarget as HTMLElement & { checked: boolean };
        const next = live.filter((w) => w !== name);
        if (box.checked) next.push(name);
        if (next.length === 0) {
          box.checked = true;
          ctx.status('Differentiate by at least one variable.');
          return;
        }
        live = next;
        ctx.post({ type: 'setWrt', wrt: next });
      },
    }),
  );
  return h('div', { class: 'kl-wrt', role: 'group', 'aria-labelledby': 'wrt-label', 'data-testid': 'wrt' },
    h('span', { class: 'kl-label', id: 'wrt-label' }, 'Differentiate by'), ...boxes);
}

function lossPicker(a: AnalysisOk, ctx: PanelContext): HTMLElement {
  const loss = ctx.options.loss;
  const choices = lossChoices(a, UNICODE);
  const known = choices.some(([v]) => v === loss && v !== 'custom');
  const choice = ctx.recall('lossChoice') ?? (known ? loss : 'custom');
  const custom = h('vscode-textfield', {
    class: 'kl-custom-loss',
    'data-focus-key': 'custom-loss',
    'data-testid': 'custom-loss',
    placeholder: `expression in ${nameText(outputName(a), UNICODE)} and t`,
    label: 'Custom loss',
    '.value': ctx.recall('customLoss') ?? (known ? '' : loss),
  });
  custom.hidden = choice !== 'custom';
  let sent = known ? '' : loss;
  const submit = () => {
    const text = (custom as HTMLElement & { value: string }).value.trim();
    ctx.remember('customLoss', text);
    if (text && text !== sent) ctx.post({ type: 'setLoss', loss: text });
    sent = text;
  };
  custom.addEventListener('keydown', (e) => e.key === 'Enter' && submit());
  custom.addEventListener('change', submit);
  const select = h('vscode-single-select', {
    'data-focus-key': 'loss',
    'data-testid': 'loss-select',
    label: 'Loss',
    onchange: (e: Event) => {
      const value = (e.currentTarget as HTMLElement & { value: string }).value;
      ctx.remember('lossChoice', value);
      custom.hidden = value !== 'custom';
      if (value !== 'custom') ctx.post({ type: 'setLoss', loss: value });
      else custom.focus();
    },
  }, ...choices.map(([value, label]) => h('vscode-option', { value, selected: value === choice }, label)));
  return h('div', { class: 'kl-loss-picker' }, h('span', { class: 'kl-label', 'aria-hidden': 'true' }, 'Loss'), select, custom);
}
