// The Kronecker Lens inspector (a WebviewView in the sidebar): what the definition under the
// cursor is, and every definition in the document.

import '@vscode-elements/elements/dist/vscode-button/index.js';

import 'katex/dist/katex.min.css';
import '../media/sidebar.css';

import type { HostToSidebar, SidebarToHost } from '../src/extension/protocol';
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

function asHostToSidebar(x: unknown): HostToSidebar | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const m = x as Record<string, unknown>;
  if (m.type !== 'inspect' || !Array.isArray(m.definitions)) return undefined;
  const definitions = m.definitions.filter(
    (d): d is HostToSidebar['definitions'][number] =>
      typeof d === 'object' && d !== null && typeof (d as { label?: unknown }).label === 'string' && typeof (d as { line?: unknown }).line === 'number',
  );
  const current = typeof m.current === 'object' && m.current !== null ? (m.current as HostToSidebar['current']) : undefined;
  return { type: 'inspect', definitions, current, document: typeof m.document === 'string' ? m.document : undefined };
}

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
