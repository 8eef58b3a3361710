// Definition sites, without `vscode`: the job that analyses one, and the site under the cursor
// or a selection. (documents.ts keeps them per open document.)

import type { Analysis, AnalyzeOptions } from '../../core/analysis';
import type { Program } from '../../core/ast';
import type { AnalyzeJob } from '../worker/analyzer';
import type { Notation, SiteJSON } from '../worker/protocol';

/** What to analyse — a job that only lacks its options — and where its text sits in the document. */
export interface SiteJob {
  job:
    | { op: 'analyzeProgram'; program: Program; source: string; notation: Notation }
    | { op: 'analyze'; input: string; notation: AnalyzeOptions['notation'] };
  /** Document offset of offset 0 of the analysed text (for error ranges). */
  base: number;
}

/** A site's analysis job. A site whose parse failed has no job: its error is the analysis. */
export function siteJob(text: string, site: SiteJSON): SiteJob | Analysis {
  if (site.program) {
    return { job: { op: 'analyzeProgram', program: site.program, source: text, notation: site.notation }, base: 0 };
  }
  const input = text.slice(site.range.start, site.range.end);
  if (site.error) return { ok: false, input, error: site.error };
  return { job: { op: 'analyze', input, notation: site.notation }, base: site.range.start };
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
