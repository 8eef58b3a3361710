// The CLI reads the files a LaTeX or Markdown document `\input`s (relative to it, each up to
// MAX_PREAMBLE_BYTES, nested inputs two levels deep) so that the macros they define are expanded
// in the document's formulas. A file that cannot be read is reported on standard error and skipped.

import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { inputsOf, MAX_PREAMBLE_BYTES } from './core';

const MAX_DEPTH = 2;

export function readPreamble(path: string, text: string, warn: (line: string) => void, depth = 0, seen = new Set<string>()): string {
  if (!/\.(?:tex|latex|sty|md|markdown)$/i.test(path) || depth >= MAX_DEPTH) return '';
  let out = '';
  for (const input of inputsOf(text)) {
    const file = resolve(dirname(path), input.path);
    if (seen.has(file)) continue;
    seen.add(file);
    try {
      const size = statSync(file).size;
      if (size > MAX_PREAMBLE_BYTES) {
        warn(`kronecker-lens: ${input.path} not read for macros: ${size} bytes, more than ${MAX_PREAMBLE_BYTES}`);
        continue;
      }
      const body = readFileSync(file, 'utf8');
      out += `${readPreamble(file, body, warn, depth + 1, seen)}${body}\n`;
    } catch {
      warn(`kronecker-lens: ${input.path} (\\input by ${path}) could not be read; its macros are not known`);
    }
  }
  return out;
}
