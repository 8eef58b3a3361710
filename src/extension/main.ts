// Entry point: wiring only. Every part is built here, registered in `context.subscriptions`,
// and a failure to start is shown to the user.

import * as vscode from 'vscode';
import type { Analysis } from '../core/analysis';
import { COMMANDS, panelOptions, savedTarget, siteTarget } from './commands';
import { affects } from './config';
import { Ctx } from './ctx';
import { Diagnostics } from './editor/diagnostics';
import { SELECTOR } from './editor/documents';
import { HoverProvider } from './editor/hover';
import { InspectorView } from './views/inspector';
import { JacobianPanel, PanelSerializer } from './views/panel';
import type { HostToSidebar } from '../shared/protocol';
import { ShapeStatus } from './editor/statusBar';

/** What `activate` returns: read-only views for the extension's own tests. */
export interface KroneckerLensApi {
  panelAnalysis(): Analysis | undefined;
  inspectorMessage(): HostToSidebar | undefined;
  diagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[];
  workersStarted(): number;
}

export function activate(context: vscode.ExtensionContext): KroneckerLensApi {
  try {
    return wire(context);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Kronecker Lens failed to start: ${message}`);
    throw e;
  }
}

function wire(context: vscode.ExtensionContext): KroneckerLensApi {
  const ctx = new Ctx(context);
  const subs = context.subscriptions;
  subs.push(ctx);
  for (const [id, factory] of Object.entries(COMMANDS)) {
    subs.push(vscode.commands.registerCommand(id, reportingErrors(ctx, id, factory(ctx))));
  }
  const inspector = new InspectorView(ctx, (doc, site) =>
    JacobianPanel.createOrShow(ctx, siteTarget(ctx, doc, site), panelOptions('jacobian')).settled());
  const diagnostics = new Diagnostics(ctx);
  subs.push(
    new ShapeStatus(ctx),
    inspector,
    vscode.window.registerWebviewViewProvider(InspectorView.viewId, inspector),
    vscode.window.registerWebviewPanelSerializer(JacobianPanel.viewType, new PanelSerializer(ctx, (saved) => savedTarget(ctx, saved))),
    vscode.languages.registerHoverProvider(SELECTOR, new HoverProvider(ctx)),
    diagnostics,
    { dispose: () => JacobianPanel.instance?.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'denseDisplayLimit')) void JacobianPanel.instance?.postConfig();
    }),
  );
  ctx.log.info('Kronecker Lens activated');
  return {
    panelAnalysis: () => JacobianPanel.instance?.current,
    inspectorMessage: () => inspector.lastMessage,
    diagnostics: (uri) => diagnostics.collection.get(uri) ?? [],
    workersStarted: () => ctx.analyzer.workersStarted,
  };
}

/** A command that fails tells the user (and the log) instead of failing silently. */
function reportingErrors(ctx: Ctx, id: string, handler: (...args: unknown[]) => unknown) {
  return async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (e) {
      ctx.log.error(`${id}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`Kronecker Lens: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
