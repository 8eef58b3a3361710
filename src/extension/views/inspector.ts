// The sidebar inspector: a WebviewView in its own activity-bar container that follows the
// cursor — the definition under it, and every definition of the document, each a click away.

import * as vscode from 'vscode';
import type { Analysis, AnalyzeOptions } from '../../core/analysis';
import { Cancelled } from '../worker/analyzer';
import { ASSETS, type Ctx } from '../ctx';
import { followedEditor as followed, rangeOf } from '../editor/documents';
import { localize, siteForSelection } from '../editor/sites';
import { parseSidebarMessage } from '../../shared/fromWebview';
import type { DefinitionEntry, HostToSidebar, SidebarToHost } from '../../shared/protocol';
import { panelOptions, siteTarget } from '../commands';
import { exportDefinition } from './insertExport';
import { summarize } from './summary';
import { makeNonce, webviewHtml } from './webviewHtml';
import type { SiteJSON } from '../worker/protocol';

/** Milliseconds of quiet after a cursor move or an edit before the inspector follows. */
const FOLLOW_DELAY_MS = 150;

/** What the inspector last showed, to answer its clicks. */
interface Shown {
  doc: vscode.TextDocument;
  sites: SiteJSON[];
  message: HostToSidebar;
}

export class InspectorView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'kroneckerLens.inspector';

  private view: vscode.WebviewView | undefined;
  private timer: NodeJS.Timeout | undefined;
  private cts: vscode.CancellationTokenSource | undefined;
  private shown: Shown | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx,
    private readonly openPanel: (doc: vscode.TextDocument, site: SiteJSON) => Promise<unknown>) {
    const w = vscode.window;
    this.disposables.push(
      w.onDidChangeActiveTextEditor(() => this.schedule()),
      w.onDidChangeTextEditorSelection((e) => e.textEditor === followed() && this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === followed()?.document && this.schedule()),
    );
  }

  /** The last message posted to the view (tests read it). */
  get lastMessage(): HostToSidebar | undefined {
    return this.shown?.message;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const webview = view.webview;
    webview.options = this.ctx.webviewOptions();
    webview.html = webviewHtml(webview, makeNonce(), this.ctx.asset(ASSETS.sidebar.script),
      ASSETS.sidebar.styles.map((s) => this.ctx.asset(s)), 'Kronecker Lens Inspector');
    webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this.disposables);
    view.onDidChangeVisibility(() => view.visible && this.schedule(0), null, this.disposables);
    view.onDidDispose(() => (this.view = undefined), null, this.disposables);
  }

  private receive(raw: unknown): void {
    const m = parseSidebarMessage(raw);
    if (!m) {
      this.ctx.log.debug('inspector: dropped a malformed message');
      return;
    }
    void this.handle(m).catch((e: unknown) => this.ctx.log.error(`inspector: ${String(e)}`));
  }

  private async handle(m: SidebarToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.shown) await this.view?.webview.postMessage(this.shown.message).then(undefined, () => false);
        this.schedule(0);
        return;
      case 'reveal': {
        const entry = this.shown?.message.definitions[m.index];
        if (!entry || !this.shown) return;
        const r = entry.range;
        const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        const editor = await vscode.window.showTextDocument(this.shown.doc, { selection: range, preserveFocus: false });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'openPanel': {
        const site = this.shown?.sites[m.index];
        if (site && this.shown) await this.openPanel(this.shown.doc, site);
        return;
      }
      case 'export': {
        const site = this.shown?.sites[m.index];
        if (!site || !this.shown) return;
        const copied = await exportDefinition(this.ctx, siteTarget(this.ctx, this.shown.doc, site), exportOptions(), m.format, m.action);
        if (copied) vscode.window.setStatusBarMessage(`Kronecker Lens: ${copied} copied to the clipboard`, 4000);
        return;
      }
      default:
        return exhaustive(m);
    }
  }

  schedule(delay = FOLLOW_DELAY_MS): void {
    if (!this.view?.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** Scan the active document, analyse the site at the cursor first, then the rest; post one message. */
  private async refresh(): Promise<void> {
    const editor = followed();
    if (!editor || !this.view) return;
    this.cts?.cancel();
    const cts = (this.cts = new vscode.CancellationTokenSource());
    const doc = editor.document;
    try {
      const sites = await this.ctx.documents.definitions(doc, 'interactive', cts.token);
      const sel = editor.selection;
      const here = siteForSelection(sites, doc.offsetAt(sel.start), doc.offsetAt(sel.end));
      const index = here ? sites.indexOf(here) : -1;
      const analyse = (s: SiteJSON, lane: 'interactive' | 'background'): Promise<Analysis> =>
        this.ctx.documents.analyzeSite(doc, s, {}, lane, cts.token).then((r) => r.analysis);
      const current = here ? analyse(here, 'interactive') : undefined;
      const all = await Promise.all(sites.map((s) => (s === here && current ? current : analyse(s, 'background'))));
      if (cts.token.isCancellationRequested) return;
      const message: HostToSidebar = {
        type: 'inspect',
        document: vscode.workspace.asRelativePath(doc.uri, false),
        definitions: sites.map((s, i) => entry(doc, s, all[i]!)),
      };
      const cur = index >= 0 ? all[index] : undefined;
      if (cur && here) message.current = summarize(localize(cur, doc.getText(), here.range), index);
      this.shown = { doc, sites, message };
      await this.view?.webview.postMessage(message).then(undefined, () => false);
    } catch (e) {
      if (!(e instanceof Cancelled)) this.ctx.log.error(`inspector: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.cts?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function entry(doc: vscode.TextDocument, s: SiteJSON, a: Analysis): DefinitionEntry {
  const r = rangeOf(doc, s.range.start, s.range.end);
  const e: DefinitionEntry = {
    label: s.label,
    line: s.line,
    range: { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } },
    ok: a.ok,
  };
  if (a.ok) e.shape = a.output.shape;
  else e.error = a.error.message;
  return e;
}

function exhaustive(m: never): void {
  throw new Error(`unhandled sidebar message ${JSON.stringify(m)}`);
}

/** An export from the inspector has numbers, the configured seed and loss: what the panel first shows. */
function exportOptions(): AnalyzeOptions {
  const o = panelOptions('jacobian');
  return { numeric: true, seed: o.seed, ...(o.loss ? { defaultLoss: o.loss } : {}) };
}
