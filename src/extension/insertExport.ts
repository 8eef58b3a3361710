// Inserting an export below its definition: one WorkspaceEdit (one undo step), wrapped as the
// document's language expects it — a fenced block in Markdown, a comment in Python for anything
// that is not Python, a verbatim environment in LaTeX for anything that is not LaTeX.

import * as vscode from 'vscode';
import type { Exported } from '../core/export';

type Wrap = (e: Exported) => string;

const fence: Wrap = (e) => `\n\`\`\`${e.language === 'plaintext' ? 'text' : e.language}\n${e.text.trimEnd()}\n\`\`\`\n`;
const comment = (mark: string): Wrap => (e) => `\n${e.text.trimEnd().split('\n').map((l) => `${mark} ${l}`.trimEnd()).join('\n')}\n`;

/** By the document's language id; anything else gets the text as it is. */
const WRAPS: Readonly<Record<string, Wrap>> = {
  markdown: fence,
  python: (e) => (e.language === 'python' ? `\n${e.text}` : comment('#')(e)),
  latex: (e) => (e.language === 'latex' ? `\n${e.text}` : `\n\\begin{verbatim}\n${e.text.trimEnd()}\n\\end{verbatim}\n`),
};

/** The text inserted into a document of `languageId`. */
export const insertionText = (languageId: string, e: Exported): string => (WRAPS[languageId] ?? ((x: Exported) => `\n${x.text}`))(e);

/** Insert after the line on which the definition ends; returns whether the edit applied. */
export async function insertBelow(uri: vscode.Uri, end: number, e: Exported): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = doc.lineAt(doc.positionAt(end).line);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, line.range.end, insertionText(doc.languageId, e).replace(/\n$/, ''));
  return vscode.workspace.applyEdit(edit);
}
