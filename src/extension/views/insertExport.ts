// Inserting an export below its definition: one WorkspaceEdit, so one undo step removes it.

import * as vscode from 'vscode';
import type { Exported } from '../../core/export';
import { insertionText } from './exportText';

/** Insert after the line on which the definition ends; returns whether the edit applied. */
export async function insertBelow(uri: vscode.Uri, end: number, e: Exported): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = doc.lineAt(doc.positionAt(end).line);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, line.range.end, insertionText(doc.languageId, e).replace(/\n$/, ''));
  return vscode.workspace.applyEdit(edit);
}
