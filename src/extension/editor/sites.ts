// Definition sites, without `vscode`: the job that analyses one, and the site under the cursor
// or a selection. (documents.ts keeps them per open document.)

import type { Analysis, AnalyzeOptions } from '../../core/analysis';
import type { Program } from '../../core/ast';
import type { AnalyzeJob } from '../worker/analyzer';
import { compactProgram, type Piece, type Slice } from './siteSource';
import type { Notation, SiteJSON } from '../worker/protocol';

export type { Piece, Slice };

/** What to analyse — a job that only lacks its options — and where its text sits in the document. */
export interface SiteJob {
  job:
    | { op: 'analyzeProgram'; program: Program; source: string; notation: Notation }
    | { op: 'analyze'; input: string; notation: AnalyzeOptions['notation'] };
  /** Where the analysed text's pieces lie in the document (for error ranges). */
  pieces: readonly Piece[];
}

/** The one piece of a job whose text is document[start, start + length). */
export const onePiece = (start: number, length: number): Piece[] => [{ at: 0, doc: start, length }];

/** A site's analysis job, with the pieces of the document it needs (`slice` reads them). A site
 *  whose parse failed has no job: its error is the analysis. */
export function siteJob(slice: Slice, site: SiteJSON): SiteJob | Analysis {
  if (site.program) {
    const { program, source, pieces } = compactProgram(site.program, slice);
    return { job: { op: 'analyzeProgram', program, source, notation: site.notation }, pieces };
  }
  const input = slice(site.range.start, site.range.end);
  if (site.error) return { ok: false, input, error: site.error };
  return { job: { op: 'analyze', input, notation: site.notation }, pieces: onePiece(site.range.start, input.length) };
}

export function withOptions({ job }: SiteJob, options: AnalyzeOptions): AnalyzeJob {
  if (job.op === 'analyzeProgram') return { ...job, options };
  return { op: 'analyze', input: job.input, options: { notation: job.notation, ...options } };
}

export const isAnalysis = (x: SiteJob | Analysis): x is Analysis => 'ok' in x;

/** The innermost site containing `offset` (ends inclusive, so the cursor after the last character counts). */
export function siteAt(sites: readonly SiteJSON[], offset: number): SiteJSON | undefined {
  let best: SiteJSON | undefined;
  for (const s of sites) {
    if (s.range.start <= offset && offset <= s.range.end) {
      if (!best || s.range.end - s.range.start < best.range.end - best.range.start) best = s;
    }
  }
  return best;
}

/** The site for a selection: one containing it, else the last one it overlaps. */
export function siteForSelection(sites: readonly SiteJSON[], start: number, end: number): SiteJSON | undefined {
  if (start === end) return siteAt(sites, start);
  const containing = sites.filter((s) => s.range.start <= start && end <= s.range.end);
  if (containing.length) return containing.reduce((a, b) => (b.range.end - b.range.start < a.range.end - a.range.start ? b : a));
  const overlapping = sites.filter((s) => s.range.start < end && start < s.range.end);
  return overlapping[overlapping.length - 1];
}

/**
 * The analysis as of the definition alone: a site is analysed against the whole document (its
 * program's ranges point into it), so `input` is the document; the panel and the sidebar show
 * the definition's own text, with an error range relative to it (the whole definition when the
 * error lies elsewhere, e.g. at a declaration further up).
 */
export function localize(a: Analysis, text: string, range: { start: number; end: number }): Analysis {
  const input = text.slice(range.start, range.end);
  if (a.ok) return { ...a, input };
  const { start, end } = a.error;
  const inside = start >= range.start && end <= range.end && end > start;
  return {
    ...a,
    input,
    error: { ...a.error, start: inside ? start - range.start : 0, end: inside ? end - range.start : input.length },
  };
}
