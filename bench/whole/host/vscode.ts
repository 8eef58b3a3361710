// The part of the `vscode` module the host's diagnostics pass uses (documents.ts, diagnostics.ts),
// for measuring that pass outside VS Code. Positions are offsets into one text.

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}

export enum DiagnosticSeverity { Error = 0 }

export class Diagnostic {
  source?: string;
  constructor(readonly range: Range, readonly message: string, readonly severity: DiagnosticSeverity) {}
}

const disposable = { dispose() {} };
const event = () => disposable;

/** The diagnostics set last, per URI: what the bench reads back. */
export const published = new Map<string, Diagnostic[]>();

export const languages = {
  createDiagnosticCollection: () => ({
    set: (uri: { toString(): string }, ds: Diagnostic[]) => published.set(uri.toString(), ds),
    delete: (uri: { toString(): string }) => published.delete(uri.toString()),
    dispose() {},
  }),
};

export const workspace = {
  onDidOpenTextDocument: event, onDidChangeTextDocument: event, onDidCloseTextDocument: event, textDocuments: [], notebookDocuments: [],
  createFileSystemWatcher: () => ({ onDidChange: event, onDidCreate: event, onDidDelete: event, dispose() {} }),
};
/** Only named by the notation-file reader, which a Markdown document without \input never calls. */
export const Uri = {};
export const window = { activeTextEditor: undefined, visibleTextEditors: [] };

/** A read-only text document over `text`. */
export function textDocument(name: string, languageId: string, text: string) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offsetAt = (p: Position) => (starts[p.line] ?? text.length) + p.character;
  const positionAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return new Position(lo, offset - starts[lo]!);
  };
  const uri = { scheme: 'file', fragment: '', toString: () => `file:///${name}` };
  return {
    uri, languageId, version: 1, isClosed: false, lineCount: starts.length,
    getText: (r?: Range) => (r ? text.slice(offsetAt(r.start), offsetAt(r.end)) : text),
    offsetAt, positionAt,
    lineAt: (line: number) => ({ range: { end: positionAt(line + 1 < starts.length ? starts[line + 1]! - 1 : text.length) } }),
  };
}
