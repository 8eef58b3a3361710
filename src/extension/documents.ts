// Definitions in open documents: each document is scanned once per version (in the worker),
// and each definition site turns into one analysis job (see sites.ts).

import * as vscode from 'vscode';
import type { Analysis, AnalyzeOptions } from '../core/analysis';
import type { Analyzer, CancelToken, LaneName } from './analyzer';
import { isAnalysis, onePiece, siteJob, withOptions, type Piece, type Slice } from './sites';
import type { ScanLanguage, SiteJSON } from './workerProtocol';

/** The languages with definitions in them, as `DocumentSelector` and as the scanner's names. */
export const LANGUAGES: Readonly<Record<string, ScanLanguage>> = {
  markdown: 'markdown',
  latex: 'latex',
  tex: 'latex',
  python: 'python',
  plaintext: 'plaintext',
};

export const SELECTOR: vscode.DocumentSelector = Object.keys(LANGUAGES).map((language) => ({ language }));

export function scanLanguage(doc: vscode.TextDocument): ScanLanguage | undefined {
  return LANGUAGES[doc.languageId];
}

interface Scanned {
  version: number;
  sites: Promise<SiteJSON[]>;
}

export class Documents implements vscode.Disposable {
  private readonly scans = new Map<string, Scanned>();

  constructor(private readonly analyzer: Analyzer) {}

  /** The definitions of a document at its current version (undefined: not a language we read). */
  sites(doc: vscode.TextDocument, lane: LaneName = 'interactive', token?: CancelToken): Promise<SiteJSON[]> | undefined {
    const language = scanLanguage(doc);
    if (!language) return undefined;
    const key = doc.uri.toString();
    const hit = this.scans.get(key);
    if (hit && hit.version === doc.version) return hit.sites;
    const sites = this.analyzer.scan(key, doc.getText(), language, lane, token);
    const entry = { version: doc.version, sites };
    this.scans.set(key, entry);
    sites.catch(() => {
      if (this.scans.get(key) === entry) this.scans.delete(key);
    });
    return sites;
  }

  /**
   * The definitions of a document: the sites that parsed into a program. (A site the scanner
   * could not read — an identity in prose, `vec(ABC) = …` — is no definition: no hover, no
   * squiggle, not listed; running a command on it explicitly still shows the core's message.)
   */
  async definitions(doc: vscode.TextDocument, lane: LaneName = 'interactive', token?: CancelToken): Promise<SiteJSON[]> {
    return ((await this.sites(doc, lane, token)) ?? []).filter((s) => s.program !== undefined);
  }

  /** Analyse one site of `doc`, with the pieces that place its error range in the document. */
  async analyzeSite(doc: vscode.TextDocument, site: SiteJSON, options: AnalyzeOptions, lane: LaneName = 'interactive',
    token?: CancelToken): Promise<{ analysis: Analysis; pieces: readonly Piece[] }> {
    // One job per turn of the event loop: a pass over 500 definitions never blocks the host at once.
    await new Promise((resolve) => setImmediate(resolve));
    const j = siteJob(sliceOf(doc), site);
    if (isAnalysis(j)) return { analysis: j, pieces: onePiece(site.range.start, j.input.length) };
    return { analysis: await this.analyzer.analyze(withOptions(j, options), lane, token), pieces: j.pieces };
  }

  forget(uri: vscode.Uri): void {
    this.scans.delete(uri.toString());
  }

  dispose(): void {
    this.scans.clear();
  }
}

/** Reads a piece of the document without copying all of it. */
export const sliceOf = (doc: vscode.TextDocument): Slice => (start, end) => doc.getText(rangeOf(doc, start, end));

/** A document range from two offsets. */
export function rangeOf(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(doc.positionAt(start), doc.positionAt(Math.max(start, end)));
}
