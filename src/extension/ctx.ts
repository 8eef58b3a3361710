// What every part of the extension shares: the VS Code context, the analysis worker, the
// scanned documents, the log, and where the webview assets are.

import * as vscode from 'vscode';
import { Analyzer } from './worker/analyzer';
import { Documents } from './editor/documents';

/** Webview bundles and styles (built by `scripts/build.mjs` into dist/webview; media/ is copied as is). */
export const ASSETS = {
  roots: ['dist/webview', 'media'],
  panel: { script: 'dist/webview/panel.js', styles: ['dist/webview/panel.css'] },
  sidebar: { script: 'dist/webview/sidebar.js', styles: ['dist/webview/sidebar.css'] },
} as const;

export class Ctx implements vscode.Disposable {
  readonly analyzer: Analyzer;
  readonly documents: Documents;
  readonly log: vscode.LogOutputChannel;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Kronecker Lens', { log: true });
    this.analyzer = new Analyzer({ script: vscode.Uri.joinPath(extension.extensionUri, 'dist', 'worker.js').fsPath });
    // Workers start on first use (a hover, a scan), not at activation.
    this.documents = new Documents(this.analyzer, (m) => this.log.warn(m));
  }

  asset(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extension.extensionUri, ...path.split('/'));
  }

  /** Webview options shared by the panel and the sidebar: scripts on, resources from the bundle and media only. */
  webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: ASSETS.roots.map((r) => this.asset(r)) };
  }

  dispose(): void {
    this.documents.dispose();
    this.analyzer.dispose();
    this.log.dispose();
  }
}
