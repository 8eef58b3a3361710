// Messages between the extension host and its analysis worker (`dist/worker.js`). Everything
// that can take longer than a few milliseconds — scanning a document for definitions and the
// core's analyze — runs in the worker, so the extension host never blocks on it.

import type { Analysis, AnalysisError, AnalyzeOptions, SourceError } from '../../core/analysis';
import type { ExportFormat, Exported } from '../../core/export';
import type { Program } from '../../core/ast';
import type { Notation } from '../../core/notations';
import type { ScanLanguage } from '../../core/scan/blocks';

export type { Notation, ScanLanguage };

/** One definition the scanner found, as it crosses the thread boundary (plain data only). */
export interface SiteJSON {
  /** UTF-16 offsets into the document: [start, end). */
  range: { start: number; end: number };
  /** 0-based line of `range.start`. */
  line: number;
  notation: Notation;
  /** The definition's text as shown in lists, e.g. `y = σ(Wx + b)`. */
  label: string;
  program?: Program;
  error?: SourceError;
}

export type WorkerJob =
  /** `document` keys the worker's incremental index: only blocks whose text changed are re-read.
   *  `preamble`: the text of the notation files the document `\input`s, read for their macros. */
  | { op: 'scan'; document: string; text: string; language: ScanLanguage; preamble?: string }
  | { op: 'analyze'; input: string; options: AnalyzeOptions }
  | { op: 'analyzeProgram'; program: Program; source: string; notation: Notation; options: AnalyzeOptions }
  /** Code, LaTeX, Matrix Market or CSV of what an analyze job would show. */
  | { op: 'export'; format: ExportFormat; of: Extract<WorkerJob, { op: 'analyze' | 'analyzeProgram' }> }
  /** Each LaTeX formula as an SVG drawn in `color` (`#rrggbb`), for a hover's images. */
  | { op: 'svg'; latex: string[]; color: string };

export type WorkerRequest = WorkerJob & { id: number };

/** Sent once, when the worker has loaded the core: job timeouts start counting from here. */
export interface WorkerReady {
  ready: true;
}

export type WorkerResponse =
  /** `note`: the document has more definitions than are read, and from where they are skipped. */
  | { id: number; ok: true; op: 'scan'; sites: SiteJSON[]; note?: string }
  | { id: number; ok: true; op: 'analyze' | 'analyzeProgram'; analysis: Analysis }
  | { id: number; ok: true; op: 'export'; exported: Exported | AnalysisError }
  /** One entry per formula: its SVG, or `null` when MathJax could not read it (the hover keeps text). */
  | { id: number; ok: true; op: 'svg'; svgs: Array<string | null> }
  /** An internal failure (a bug, not a user error: those are `Analysis` with `ok: false`). */
  | { id: number; ok: false; message: string; stack?: string };
