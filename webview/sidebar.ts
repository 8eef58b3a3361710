// The Kronecker Lens inspector (a WebviewView in the sidebar): what the definition under the
// cursor is, and every definition in the document.

import '@vscode-elements/elements/dist/vscode-button/index.js';

import 'katex/dist/katex.min.css';
import '../media/sidebar.css';

import { asHostToSidebar } from '../src/shared/fromHost';
import type { HostToSidebar, SidebarToHost } from '../src/shared/protocol';
import { definitionsView, currentView } from './render/inspect';
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

function render(): void {
  const focus = saveFocus(root);
  const post = (msg: SidebarToHost) => channel.post(msg);
  const current = last?.current;
  root.replaceChildren(
    currentView(current, post),
    definitionsView(last?.definitions ?? [], current?.index ?? -1, last?.document, post),
  );
  restoreFocus(root, focus);
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
