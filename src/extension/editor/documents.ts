// Definitions in open documents: each document is scanned once per version (in the worker),
// and each definition site turns into one analysis job (see sites.ts). A notebook cell is read
// with the cells of its language before and after it, as one text (cells.ts).

import * as vscode from 'vscode';
import type { Analysis, AnalyzeOptions } from '../../core/analysis';
import type { Analyzer, CancelToken, LaneName } from '../worker/analyzer';
import { joinCells, type JoinedCells, siteInJoined, sitesOfCell } from './cells';
import { isAnalysis, onePiece, siteJob, withOptions, type Piece, type SiteJob, type Slice } from './sites';
import type { ScanLanguage, SiteJSON } from '../worker/protocol';
import { MAX_DOCUMENT_CHARS } from '../../core/limits';
import { Turns } from './turns';
import { readPreamble, type Preamble } from './preamble';
import { workspaceFiles } from './notationFiles';
import { ScanCache } from './scanCache';

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

/** The languages whose formulas expand macros, and so read the notation files a document inputs. */
const READS_INPUTS: ReadonlySet<ScanLanguage> = new Set(['latex', 'markdown']);

/** What the scanner reads for a document: the document itself, or its notebook's cells joined. */
interface View {
  key: string;
  version: string;
  cells?: { joined: JoinedCells; index: number };
}

function view(doc: vscode.TextDocument): View {
  const notebook = doc.uri.scheme === 'vscode-notebook-cell'
    ? vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === doc))
    : undefined;
  if (!notebook) return { key: doc.uri.toString(), version: String(doc.version) };
  const docs = notebook.getCells().map((c) => c.document).filter((d) => d.languageId === doc.languageId);
  return {
    key: `${notebook.uri.toString()}#${doc.languageId}`,
    version: docs.map((d) => `${d.uri.fragment}@${d.version}`).join(','),
    cells: { joined: joinCells(docs.map((d) => d.getText())), index: docs.indexOf(doc) },
  };
}

export class Documents implements vscode.Disposable {
  private readonly scans = new ScanCache<SiteJSON[]>();
  /** Documents over MAX_DOCUMENT_CHARS already said so (once each). */
  private readonly tooLarge = new Set<string>();
  /** Documents over MAX_DEFINITIONS already said so (once each). */
  private readonly noted = new Set<string>();
  /** Inputs not read for macros, already said (once each). */
  private readonly unread = new Set<string>();
  private readonly turns = new Turns();

  constructor(private readonly analyzer: Analyzer, private readonly warn: (message: string) => void = () => undefined) {}

  /** The definitions of a document at its current version (undefined: not a language we read). */
  sites(doc: vscode.TextDocument, lane: LaneName = 'interactive', token?: CancelToken): Promise<SiteJSON[]> | undefined {
    const language = scanLanguage(doc);
    if (!language) return undefined;
    const v = view(doc);
    const cells = v.cells;
    // Not read at all past the limit: a generated multi-megabyte file is no place for layers.
    const length = cells ? cells.joined.text.length : doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (length > MAX_DOCUMENT_CHARS) {
      if (!this.tooLarge.has(v.key)) this.warn(`${v.key}: ${length.toLocaleString('en-US')} characters, over the limit of ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')}; not read`);
      this.tooLarge.add(v.key);
      return Promise.resolve([]);
    }
    const ofCell = (all: SiteJSON[]): SiteJSON[] => (cells ? sitesOfCell(all, cells.joined, cells.index) : all);
    const text = cells ? cells.joined.text : doc.getText();
    return this.scans.get(v.key, v.version, token, (scanToken) => {
      const files: string[] = [];
      const value = this.preamble(doc, text, language, !!cells).then((p) => {
        files.push(...(p?.files ?? []));
        return this.analyzer.scan(v.key, text, language, lane, scanToken, p?.text);
      }).then(({ sites, note }) => {
        if (note && !this.noted.has(v.key)) {
          this.warn(`${v.key}: ${note}`);
          this.noted.add(v.key);
        }
        return sites;
      });
      return { value, files };
    }).then(ofCell);
  }

  /** A site's analysis job (in a notebook, against the joined cells), its pieces in the document's offsets
   *  (a piece from an earlier cell lies before 0). */
  job(doc: vscode.TextDocument, site: SiteJSON): SiteJob | Analysis {
    const { cells } = view(doc);
    if (!cells) return siteJob(sliceOf(doc), site);
    const { joined, index } = cells;
    const j = siteJob((start, end) => joined.text.slice(start, end), siteInJoined(site, joined, index));
    const shift = joined.starts[index]!;
    return isAnalysis(j) ? j : { ...j, pieces: j.pieces.map((p) => ({ ...p, doc: p.doc - shift })) };
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
    // One job per iteration of the event loop: a pass over 500 definitions never blocks the host at once.
    await this.turns.next();
    const j = this.job(doc, site);
    if (isAnalysis(j)) return { analysis: j, pieces: onePiece(site.range.start, j.input.length) };
    return { analysis: await this.analyzer.analyze(withOptions(j, options), lane, token), pieces: j.pieces };
  }

  /** The notation files `doc` inputs (a LaTeX or Markdown file in a folder; not a notebook's cells). */
  private preamble(doc: vscode.TextDocument, text: string, language: ScanLanguage, cells: boolean): Promise<Preamble | undefined> {
    if (cells || !READS_INPUTS.has(language) || doc.uri.scheme === 'untitled') return Promise.resolve(undefined);
    return readPreamble(doc.uri, text, workspaceFiles, (m) => {
      if (this.unread.has(m)) return;
      this.unread.add(m);
      this.warn(m);
    });
  }

  /** A notation file changed: the documents that read it are scanned again on their next use; their keys. */
  notationFileChanged(file: vscode.Uri): string[] {
    return this.scans.forgetReaders(file.toString());
  }

  forget(uri: vscode.Uri): void {
    this.scans.forget(uri.toString());
  }

  dispose(): void {
    this.scans.clear();
  }
}

/** Reads a piece of the document without copying all of it. */
export const sliceOf = (doc: vscode.TextDocument): Slice => (start, end) => doc.getText(rangeOf(doc, start, end));

/**
 * The editor the commands and views work on: the active one; with the focus in a webview, a
 * walkthrough or a panel, a visible editor of a language with definitions.
 */
export function followedEditor(): vscode.TextEditor | undefined {
  const w = vscode.window;
  return w.activeTextEditor ?? w.visibleTextEditors.find((e) => scanLanguage(e.document) !== undefined);
}

/** A document range from two offsets. */
export function rangeOf(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(doc.positionAt(start), doc.positionAt(Math.max(start, end)));
}
