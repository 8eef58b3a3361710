// The Kronecker Lens panel: renders the Analysis the host sends, sends back the user's
// choices (wrt, loss, edited numbers), and keeps its state across reloads.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

import 'katex/dist/katex.min.css';
import '../media/panel.css';

import type { AnalysisOk } from '../src/core/analysis';
import { symbolsOf } from '../src/core/present';
import { asHostToPanel } from '../src/shared/fromHost';
import { defaultPanelConfig, type HostToPanel, type PanelConfig, type PanelToHost } from '../src/shared/protocol';
import { h } from './dom';
import { parseNumber } from './format';
import { checkSection } from './render/check';
import { cellKey, type EditMode, type PanelContext } from './render/context';
import { definitionSection } from './render/definition';
import { derivationSection } from './render/derivation';
import { exportSection } from './render/export';
import { errorView } from './render/error';
import { gradientSection } from './render/gradient';
import { jacobianSection } from './render/jacobian';
import { numbersSection } from './render/numbers';
import { header } from './render/toolbar';
import { observeRedraws, restoreFocus, saveFocus } from './redraw';
import { withoutNumbers } from './savedState';
import { hostChannel } from './vscodeApi';

type AnalysisMessage = Extract<HostToPanel, { type: 'analysis' }>;

interface PanelState {
  version: 1;
  last?: AnalysisMessage;
  open: Record<string, boolean>;
  prefs: Record<string, string>;
  config: PanelConfig;
}

const channel = hostChannel<PanelToHost, PanelState>();
const saved = channel.getState();
const state: PanelState = {
  version: 1,
  last: saved?.version === 1 ? saved.last : undefined,
  open: saved?.open ?? {},
  prefs: saved?.prefs ?? {},
  config: { ...defaultPanelConfig, ...saved?.config },
};
let busy = false;
let hostError: { message: string; detail?: string } | undefined;
/** Typed numbers not yet confirmed by an analysis; `sent` once posted as setValue. */
const drafts = new Map<string, { text: string; sent: boolean }>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
let redraws: Array<() => void> = [];

const root = document.getElementById('root') ?? document.body.appendChild(h('div', { id: 'root' }));
const statusLine = h('div', { class: 'kl-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });

function save(): void {
  const last = state.last && { ...state.last, analysis: withoutNumbers(state.last.analysis) };
  channel.setState({ ...state, last });
}

function setStatus(text: string): void {
  statusLine.textContent = text;
}

function edit(name: string, row: number, col: number, text: string, mode: EditMode): void {
  const key = cellKey(name, row, col);
  clearTimeout(timers.get(key));
  timers.delete(key);
  if (mode === 'cancel') {
    drafts.delete(key);
    return;
  }
  const prior = drafts.get(key);
  if (mode === 'commit' && prior?.sent && prior.text === text) return; // Enter, then the blur's change
  drafts.set(key, { text, sent: false });
  const send = () => {
    timers.delete(key);
    const value = parseNumber(text);
    if (value === undefined) return setStatus(`${name}[${row + 1}, ${col + 1}]: “${text}” is not a number.`);
    drafts.set(key, { text, sent: true });
    channel.post({ type: 'setValue', name, row, col, value });
  };
  if (mode === 'commit') send();
  else timers.set(key, setTimeout(send, state.config.editDebounceMs));
}

function context(options: AnalysisMessage['options']): PanelContext {
  return {
    config: state.config,
    options,
    post: (m) => channel.post(m),
    status: setStatus,
    edit,
    draft: (name, row, col) => drafts.get(cellKey(name, row, col))?.text,
    onRedraw: (draw) => redraws.push(draw),
    rerender: () => render(),
    isOpen: (id, byDefault) => state.open[id] ?? byDefault,
    setOpen: (id, open) => {
      state.open[id] = open;
      save();
      if (open) for (const d of redraws) d();
    },
    recall: (key) => state.prefs[key],
    remember: (key, value) => {
      state.prefs[key] = value;
      save();
    },
  };
}

/** Each section on its own: one that fails to render says so and the others still show. */
function guarded(name: string, make: () => HTMLElement | null): HTMLElement | null {
  try {
    return make();
  } catch (e) {
    return h('p', { class: 'kl-error-message', role: 'alert' }, `Could not show ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function sections(a: AnalysisOk, ctx: PanelContext): Array<HTMLElement | null> {
  return [
    guarded('the definition', () => definitionSection(a, ctx)),
    guarded('the Jacobian', () => jacobianSection(a, ctx)),
    a.gradient || a.loss ? guarded('the gradient', () => gradientSection(a, ctx)) : null,
    guarded('the numbers', () => numbersSection(a, ctx)),
    a.check ? guarded('the check', () => checkSection(a.check!, symbolsOf(a).loss, ctx)) : null,
    a.derivation.length ? guarded('the derivation', () => derivationSection(a.derivation, ctx)) : null,
    guarded('the export', () => exportSection(a, ctx)),
  ];
}

function view(): HTMLElement[] {
  const last = state.last;
  const a = last?.analysis;
  const ctx = context(last?.options ?? { wrt: [], loss: '', numeric: true });
  const title = !a ? 'Kronecker Lens' : a.ok ? a.definition.unicode : a.input.split('\n')[0] ?? '';
  document.title = `Kronecker Lens: ${title}`;
  // Before any analysis, a message without detail is guidance ("select a definition…"), not a failure.
  const guidance = !a && hostError && !hostError.detail ? hostError.message : undefined;
  const banner = hostError && !guidance
    ? h('div', { class: 'kl-banner', role: 'alert', 'data-testid': 'host-error' }, h('strong', null, hostError.message),
        hostError.detail ? h('pre', null, hostError.detail) : null)
    : null;
  const body = !a
    ? [h('p', { class: 'kl-empty', 'data-testid': 'empty' }, guidance ?? (busy ? 'Analysing…' : 'Select a definition in an editor and run “Kronecker Lens: Show Jacobian”.'))]
    : a.ok
      ? sections(a, ctx)
      : [errorView(a)];
  return [
    header({ analysis: a?.ok ? a : undefined, title, source: last?.source, busy }, ctx),
    statusLine,
    ...(banner ? [banner] : []),
    h('main', { class: 'kl-main' }, ...body),
  ];
}

function render(): void {
  const focus = saveFocus(root);
  const scroll = window.scrollY;
  redraws = [];
  root.replaceChildren(...view());
  root.setAttribute('aria-busy', String(busy));
  restoreFocus(root, focus);
  window.scrollTo(0, scroll);
  for (const d of redraws) d();
}

/** Busy without a re-render, so a cell being typed in keeps its text and focus. */
function setBusy(on: boolean): void {
  busy = on;
  root.setAttribute('aria-busy', String(on));
  root.classList.toggle('kl-busy', on);
  const bar = root.querySelector<HTMLElement>('.kl-progress');
  if (bar) bar.hidden = !on;
  for (const b of root.querySelectorAll('[data-testid="recompute"], [data-testid="new-values"]')) b.toggleAttribute('disabled', on);
}

function handle(m: HostToPanel): void {
  switch (m.type) {
    case 'analysis':
      for (const [k, d] of drafts) if (d.sent) drafts.delete(k);
      state.last = m;
      busy = false;
      hostError = undefined;
      root.classList.remove('kl-busy');
      save();
      render();
      return;
    case 'busy':
      setBusy(true);
      return;
    case 'error':
      hostError = { message: m.message, detail: m.detail };
      busy = false;
      root.classList.remove('kl-busy');
      render();
      return;
    case 'config':
      state.config = { ...state.config, ...m.config };
      save();
      render();
      return;
    case 'copied':
      setStatus(`Copied ${m.what ?? 'LaTeX'} to the clipboard.`);
      return;
    default: {
      const never: never = m;
      return never;
    }
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  const m = asHostToPanel(e.data);
  if (m) handle(m);
});
observeRedraws(() => redraws);
render();
channel.post({ type: 'ready' });
