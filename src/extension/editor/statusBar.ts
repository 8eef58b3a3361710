// The status-bar item: the shape of the Jacobian of the definition at the cursor (`J 3×15`);
// a click opens it in the panel. Hidden where the cursor is on no definition.

import * as vscode from 'vscode';
import { shapeCompact } from '../../core/present';
import { Cancelled } from '../worker/analyzer';
import type { Ctx } from '../ctx';
import { scanLanguage } from './documents';
import { HOVER_COMMAND, type HoverLinkArg } from './hover';
import { siteForSelection } from './sites';

/** Milliseconds of quiet after a cursor move or an edit before the item follows. */
const FOLLOW_DELAY_MS = 150;

export class ShapeStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private cts: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    this.item = vscode.window.createStatusBarItem('kroneckerLens.shape', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Kronecker Lens: Jacobian shape';
    const w = vscode.window;
    this.disposables.push(
      this.item,
      w.onDidChangeActiveTextEditor(() => this.schedule()),
      w.onDidChangeTextEditorSelection((e) => e.textEditor === w.activeTextEditor && this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === w.activeTextEditor?.document && this.schedule()),
    );
    this.schedule(0);
  }

  private schedule(delay = FOLLOW_DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    this.cts?.cancel();
    const cts = (this.cts = new vscode.CancellationTokenSource());
    const editor = vscode.window.activeTextEditor;
    if (!editor || !scanLanguage(editor.document)) return this.item.hide();
    const doc = editor.document;
    try {
      const sites = await this.ctx.documents.definitions(doc, 'interactive', cts.token);
      const sel = editor.selection;
      const site = siteForSelection(sites, doc.offsetAt(sel.start), doc.offsetAt(sel.end));
      if (!site) return this.item.hide();
      const { analysis } = await this.ctx.documents.analyzeSite(doc, site, {}, 'interactive', cts.token);
      if (cts.token.isCancellationRequested) return;
      const arg: HoverLinkArg = { uri: doc.uri.toString(), offset: site.range.start };
      this.item.command = { title: 'Show Jacobian', command: HOVER_COMMAND, arguments: [arg] };
      if (analysis.ok) {
        const shape = shapeCompact(analysis.jacobian.shape);
        this.item.text = `$(symbol-operator) J ${shape}`;
        this.item.tooltip = `Kronecker Lens: the Jacobian of ${analysis.definition.unicode} is ${shape}. Click to open it.`;
        this.item.accessibilityInformation = { label: `Jacobian ${shape.replace('×', ' by ')}; open in Kronecker Lens` };
      } else {
        this.item.text = '$(error) J';
        this.item.tooltip = `Kronecker Lens: ${analysis.error.message}`;
        this.item.accessibilityInformation = { label: `Kronecker Lens: ${analysis.error.message}` };
      }
      this.item.show();
    } catch (e) {
      if (!(e instanceof Cancelled)) this.ctx.log.warn(`status bar: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.cts?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
