// A file (and optionally one line of it, 1-based) → Analysis; ranges stay offsets into the file.

import type { Analysis, AnalyzeOptions } from './analysis';
import { analyzeProgram } from './analyze';
import { UserError } from './ast';
import { parseMath } from './parse/math';

export function analyzeFile(text: string, path: string, line: number | undefined, options: AnalyzeOptions = {}): Analysis {
  try {
    if (line === undefined) return analyzeProgram(parseMath(text), text, 'math', options);
    const lines = text.split('\n');
    if (line > lines.length) throw new UserError(`${path} has ${lines.length} lines, not ${line}`, text.length, text.length);
    const upTo = lines.slice(0, line).join('\n');
    return analyzeProgram(parseMath(upTo), text, 'math', options);
  } catch (e) {
    const error = e instanceof UserError ? { message: e.message, start: e.start, end: e.end } : { message: `internal error: ${String(e)}`, start: 0, end: 0 };
    return { ok: false, input: text, error };
  }
}
