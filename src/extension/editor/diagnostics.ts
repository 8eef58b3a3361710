// Diagnostics: every definition the core rejects (a shape mismatch, an unknown function) is a
// squiggle with the core's message at the range it names, refreshed as the user types. An
// internal error of the core is a bug, not the user's: it goes to the log, not under the text.

import * as vscode from 'vscode';
import { Cancelled } from '../worker/analyzer';
import type { Ctx } from '../ctx';
import { rangeOf, scanLanguage } from './documents';
import { toDocument } from './siteSource';
import { NOTATION_GLOB } from './notationFiles';

/** Milliseconds of quiet after an edit before the document is checked again. */
const DEBOUNCE_MS = 400;

export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('kroneckerLens');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      ws.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      ws.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document)),
      ws.onDidCloseTextDocument((d) => this.forget(d)),
    );
    // a notation file a document inputs changed: its macros may have, so check the document again
    const notation = ws.createFileSystemWatcher(NOTATION_GLOB);
    const changed = (uri: vscode.Uri): void => {
      for (const key of this.ctx.documents.notationFileChanged(uri)) {
        const doc = ws.textDocuments.find((d) => d.uri.toString() === key);
        if (doc) this.schedule(doc, 0);
      }
    };
    this.disposables.push(notation, notation.onDidChange(changed), notation.onDidCreate(changed), notation.onDidDelete(changed));
    for (const d of ws.textDocuments) this.schedule(d, 0);
  }

  schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!scanLanguage(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(doc);
    }, delay));
  }

  /** Scan and analyse in the background lane; drop the result if the document moved on meanwhile. */
  async check(doc: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    const version = doc.version;
    try {
      const sites = await this.ctx.documents.definitions(doc, 'background');
      const results = await Promise.all(sites.map((s) => this.ctx.documents.analyzeSite(doc, s, {}, 'background')));
      if (doc.isClosed || doc.version !== version) return [];
      const out: vscode.Diagnostic[] = [];
      results.forEach(({ analysis, pieces }, i) => {
        if (analysis.ok) return;
        const site = sites[i]!;
        const { message } = analysis.error;
        if (message.startsWith('internal error')) {
          this.ctx.log.error(`${doc.uri.toString()}:${site.line + 1}: ${site.label}: ${message}`);
          return;
        }
        const [start, end] = within(toDocument(pieces, analysis.error.start), toDocument(pieces, analysis.error.end), site.range);
        const d = new vscode.Diagnostic(rangeOf(doc, start, end), message, vscode.DiagnosticSeverity.Error);
        d.source = 'Kronecker Lens';
        out.push(d);
      });
      this.collection.set(doc.uri, out);
      return out;
    } catch (e) {
      if (!(e instanceof Cancelled)) this.ctx.log.error(`diagnostics: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return [];
    }
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(doc.uri);
    this.ctx.documents.forget(doc.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The error's range, if it lies in the definition and is not empty; else the whole definition. */
function within(start: number, end: number, site: { start: number; end: number }): [number, number] {
  return start >= site.start && end <= site.end && end > start ? [start, end] : [site.start, site.end];
}
