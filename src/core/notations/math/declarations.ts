// Shape declarations in math notation: `W: 3x4`, `x: R^4`, `W ∈ ℝ^{m×n}`, `b in R^3`, `W: (3, 4)`.

import type { Declaration } from '../../ast';
import { readSize, SIZE } from './sizes';

const NAME = String.raw`[A-Za-z_\u0370-\u03ff][\w\u0370-\u03ff]*`;
const REALS = String.raw`(?:R|ℝ|\\mathbb\s*\{?R\}?|\\R)`;
const DIMS = String.raw`\(?\s*(${SIZE})\s*(?:(?:x|×|\*|,|\\times)\s*(${SIZE})\s*)?,?\s*\)?`;
const DECL = new RegExp(
  String.raw`^\s*(${NAME})\s*(?::|∈|\\in\b|\bin\b)\s*(?:${REALS}\s*\^?\s*\{?\s*${DIMS}\s*\}?|${DIMS})\s*$`,
);

/** A declaration when `line` is one, with ranges offset by `offset`; undefined otherwise. */
export function parseDeclaration(line: string, offset: number): Declaration | undefined {
  const m = DECL.exec(line);
  if (!m) return undefined;
  const [, name, r1, c1, r2, c2] = m;
  const rows = r1 ?? r2;
  const cols = r1 !== undefined ? c1 : c2;
  if (!name || rows === undefined) return undefined;
  const [r, c] = [readSize(rows), cols === undefined ? 1 : readSize(cols)];
  if (r === undefined || c === undefined) return undefined;
  const lead = line.length - line.trimStart().length;
  return {
    name,
    shape: [r, c],
    range: { start: offset + lead, end: offset + line.trimEnd().length },
  };
}
