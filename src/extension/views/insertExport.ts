// An export of a definition, for the panel and the inspector alike: made in the worker, then
// copied to the clipboard or inserted below the definition as one WorkspaceEdit, so one undo
// step removes it.

import * as vscode from 'vscode';
import type { AnalyzeOptions } from '../../core/analysis';
import type { Exported } from '../../core/export';
import { EXPORT_LABELS, type ExportFormat } from '../../core/export/formats';
import type { ExportAction } from '../../shared/protocol';
import type { Ctx } from '../ctx';
import { withOptions, type SiteJob } from '../editor/sites';
import { insertionText } from './exportText';

/** The definition to export: its job and, to insert below it, its document and range. */
export interface ExportSource {
  readonly job: SiteJob;
  readonly uri?: string;
  readonly range?: { readonly start: number; readonly end: number };
}

/** Runs the export; says what went wrong in a message. Returns the format's label when copied. */
export async function exportDefinition(ctx: Ctx, source: ExportSource, options: AnalyzeOptions, format: ExportFormat,
  action: ExportAction): Promise<string | undefined> {
  const r = await ctx.analyzer.export(withOptions(source.job, options), format);
  if (!r.ok) {
    void vscode.window.showErrorMessage(`Kronecker Lens: cannot export ${format}: ${r.error.message}`);
    return undefined;
  }
  if (action === 'copy') {
    await vscode.env.clipboard.writeText(r.text);
    return EXPORT_LABELS[format];
  }
  const { uri, range } = source;
  if (!uri || !range || !(await insertBelow(vscode.Uri.parse(uri), range.end, r))) {
    void vscode.window.showErrorMessage('Kronecker Lens: the definition\'s document is not open for editing; copy instead.');
  }
  return undefined;
}

/** Insert after the line on which the definition ends; returns whether the edit applied. */
export async function insertBelow(uri: vscode.Uri, end: number, e: Exported): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = doc.lineAt(doc.positionAt(end).line);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, line.range.end, insertionText(doc.languageId, e).replace(/\n$/, ''));
  return vscode.workspace.applyEdit(edit);
}
