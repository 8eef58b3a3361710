// The Kronecker Lens inspector (a WebviewView in the sidebar): what the definition under the
// cursor is, and every definition in the document.

import '@vscode-elements/elements/dist/vscode-button/index.js';

import 'katex/dist/katex.min.css';
import '../media/sidebar.css';

import { asHostToSidebar } from '../src/shared/fromHost';
import type { HostToSidebar, SidebarToHost } from '../src/shared/protocol';
import { definitionsView, currentView } from './inspect';
import { restoreFocus, saveFocus } from './redraw';
import { hostChannel } from './vscodeApi';

interface SidebarState {
  version: 1;
  last?: HostToSidebar;
}

const channel = hostChannel<SidebarToHost, SidebarState>();
const saved = channel.getState();
let last: HostToSidebar | undefined = saved?.version === 1 ? saved.last : undefined;
const root = document.getElementById('root') ?? document.body;

// The list is rebuilt only when the definitions change: a cursor move then only moves the
// aria-current mark, and a click that lands during that refresh is not lost on a replaced button.
let list: { key: string; el: HTMLElement } | undefined;

function render(): void {
  const focus = saveFocus(root);
  const post = (msg: SidebarToHost) => channel.post(msg);
  const current = last?.current;
  const index = current?.index ?? -1;
  const key = JSON.stringify([last?.document, last?.definitions ?? []]);
  if (list?.key === key) markCurrent(list.el, index);
  else list = { key, el: definitionsView(last?.definitions ?? [], index, last?.document, post) };
  const here = currentView(current, post);
  if (list.el.parentNode === root && root.firstElementChild !== list.el) root.firstElementChild?.replaceWith(here);
  else root.replaceChildren(here, list.el);
  restoreFocus(root, focus);
}

function markCurrent(el: HTMLElement, index: number): void {
  el.querySelectorAll('button.ks-def').forEach((b, i) => {
    if (i === index) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  });
}

function handle(m: HostToSidebar): void {
  switch (m.type) {
    case 'inspect':
      last = m;
      channel.setState({ version: 1, last });
      render();
      return;
    default: {
      const never: never = m.type;
      return never;
    }
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  const m = asHostToSidebar(e.data);
  if (m) handle(m);
});
render();
channel.post({ type: 'ready' });
