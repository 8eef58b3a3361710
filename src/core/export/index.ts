// Export: what a user takes away from an analysis — code that computes the value and the
// gradient (NumPy, PyTorch, JAX), the derivation in LaTeX, the numeric Jacobian as Matrix
// Market or CSV. Never throws on user input.

import type { AnalysisError, AnalyzeOptions } from '../analysis';
import { failure, notationOf, runProgram, type Run } from '../analyze';
import type { Program } from '../ast';
import { NOTATIONS, type Notation } from '../notations';
import { programAtLine } from '../analyzeFile';
import type { ScanOptions } from '../scan';
import { codeOf } from './code';
import { derivationLatex } from './latex';
import { csv, matrixMarket } from './matrices';

import type { ExportFormat } from './formats';

export { EXPORT_FORMATS, EXPORT_LABELS, isExportFormat, type ExportFormat } from './formats';

export interface Exported {
  ok: true;
  format: ExportFormat;
  text: string;
  /** A file name that suits the format, e.g. `gradient_torch.py`. */
  filename: string;
  /** For code: the language id an editor highlights it with. */
  language: 'python' | 'latex' | 'plaintext';
}

const FORMATS: { readonly [F in ExportFormat]: { filename: string; language: Exported['language']; make: (r: Run) => string } } = {
  numpy: { filename: 'gradient_numpy.py', language: 'python', make: (r) => codeOf(r, 'numpy') },
  pytorch: { filename: 'gradient_torch.py', language: 'python', make: (r) => codeOf(r, 'pytorch') },
  jax: { filename: 'gradient_jax.py', language: 'python', make: (r) => codeOf(r, 'jax') },
  latex: { filename: 'derivation.tex', language: 'latex', make: (r) => derivationLatex(r.analysis) },
  mtx: { filename: 'jacobian.mtx', language: 'plaintext', make: (r) => matrixMarket(r.analysis) },
  csv: { filename: 'jacobian.csv', language: 'plaintext', make: (r) => csv(r.analysis) },
};

/** Export from a parsed program; numbers are always computed (code embeds them, mtx/csv are them). */
export function exportProgram(program: Program, source: string, notation: Notation, format: ExportFormat, options: AnalyzeOptions = {}): Exported | AnalysisError {
  try {
    const f = FORMATS[format];
    const text = f.make(runProgram(program, source, notation, { ...options, numeric: true }));
    return { ok: true, format, text, filename: f.filename, language: f.language };
  } catch (e) {
    return failure(source, e);
  }
}

export function exportExpression(input: string, format: ExportFormat, options: AnalyzeOptions = {}): Exported | AnalysisError {
  try {
    const notation = notationOf(input, options.notation);
    return exportProgram(NOTATIONS[notation].parse(input), input, notation, format, options);
  } catch (e) {
    return failure(input, e);
  }
}

/** The definition on `line` (1-based) of a file, or its last one, as `analyzeFile` picks it. */
export function exportFile(text: string, path: string, line: number | undefined, format: ExportFormat, options: AnalyzeOptions = {}, scan: ScanOptions = {}): Exported | AnalysisError {
  const site = programAtLine(text, path, line, scan);
  if (!site) return exportExpression(text, format, options);
  if (!site.ok) return site;
  return exportProgram(site.program, text, site.notation, format, options);
}
