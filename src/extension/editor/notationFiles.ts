// The files a document `\input`s, as the workspace gives them (editor/preamble.ts reads them in
// TeX's order): .tex and .sty files inside a workspace folder, each up to MAX_PREAMBLE_BYTES, read
// through vscode.workspace.fs (so remote and virtual workspaces work), asynchronously. Their text
// is handed to the scanner and not kept.

import * as vscode from 'vscode';
import { MAX_PREAMBLE_BYTES } from '../../core/index';
import type { PreambleIO } from './preamble';

const NOTATION_FILE = /\.(?:tex|sty)$/i;

/** The glob a watcher needs to hear of a change to a notation file. */
export const NOTATION_GLOB = '**/*.{tex,sty}';

export const workspaceFiles: PreambleIO<vscode.Uri> = {
  locate(from, path) {
    if (!NOTATION_FILE.test(path)) return { why: 'only .tex and .sty files are read' };
    const file = vscode.Uri.joinPath(from, '..', path);
    if (!vscode.workspace.getWorkspaceFolder(file)) return { why: 'it is outside the workspace' };
    return file;
  },
  async read(file) {
    try {
      const { size } = await vscode.workspace.fs.stat(file);
      if (size > MAX_PREAMBLE_BYTES) return { why: `${size} bytes, more than ${MAX_PREAMBLE_BYTES}` };
      const bytes = await vscode.workspace.fs.readFile(file);
      if (bytes.byteLength > MAX_PREAMBLE_BYTES) return { why: `${bytes.byteLength} bytes, more than ${MAX_PREAMBLE_BYTES}` };
      return new TextDecoder().decode(bytes);
    } catch {
      return { why: 'it could not be read' };
    }
  },
  key: (file) => file.toString(),
};
