// A file (and optionally one line of it, 1-based) → Analysis of the definition there, with the
// declarations in scope from the rest of the document; ranges stay offsets into the file.

import type { Analysis, AnalysisError, AnalyzeOptions } from './analysis';
import { analyze, analyzeProgram } from './analyze';
import { UserError, type Program } from './ast';
import type { Notation } from './notations';
import { DocumentIndex, siteAtLine, type DefinitionSite, type ScanLanguage, type ScanOptions } from './scan';

const LANGUAGES: ReadonlyArray<[RegExp, ScanLanguage]> = [
  [/\.(?:md|markdown)$/i, 'markdown'],
  [/\.(?:tex|latex|sty)$/i, 'latex'],
  [/\.(?:py|pyi)$/i, 'python'],
];

export const languageOfPath = (path: string): ScanLanguage => LANGUAGES.find(([re]) => re.test(path))?.[1] ?? 'plaintext';

export type SiteProgram = { ok: true; program: Program; notation: Notation } | AnalysisError;

/** The program at `line` (or the file's last definition); undefined when the file has none: read it whole. */
export function programAtLine(text: string, path: string, line: number | undefined, scan: ScanOptions = {}): SiteProgram | undefined {
  const index = new DocumentIndex(text, languageOfPath(path), scan);
  const { sites, skipped } = index;
  let site: DefinitionSite | undefined;
  if (line !== undefined) {
    const lines = text.split('\n').length;
    if (line > lines) return failure(text, new UserError(`${path} has ${lines} lines, not ${line}`, text.length, text.length));
    site = siteAtLine(sites, line - 1, text);
    if (!site && skipped && line - 1 >= skipped.line) return failure(text, new UserError(`${path}: ${skipped.note}`, skipped.start, skipped.start));
    if (!site) {
      const start = text.split('\n').slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
      return failure(text, new UserError(`no layer definition or matrix expression on line ${line} of ${path}`, start, start));
    }
  } else {
    // The last definition read is not the file's last: refused rather than silently another one.
    if (skipped) return failure(text, new UserError(`${path}: ${skipped.note}; give the line of one of those read`, skipped.start, skipped.start));
    site = sites[sites.length - 1];
    if (!site) return undefined;
  }
  if (site.error) return { ok: false, input: text, error: site.error };
  if (!site.program) return failure(text, new UserError('this definition could not be read', site.range.start, site.range.end));
  return { ok: true, program: site.program, notation: site.notation };
}

/** `scan.preamble`: the text of the files the document `\input`s, for their macros (the caller reads them). */
export function analyzeFile(text: string, path: string, line: number | undefined, options: AnalyzeOptions = {}, scan: ScanOptions = {}): Analysis {
  const site = programAtLine(text, path, line, scan);
  if (!site) return { ...analyze(text, options), input: text };
  if (!site.ok) return site;
  return analyzeProgram(site.program, text, site.notation, options);
}

const failure = (input: string, e: UserError): AnalysisError => ({ ok: false, input, error: { message: e.message, start: e.start, end: e.end } });
