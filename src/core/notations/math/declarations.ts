// Shape declarations in math notation: `W: 3x4`, `x: R^4`, `W ∈ ℝ^{m×n}`, `b in R^3`, `W: (3, 4)`,
// `W: (2(n+1)) x d`. A line is one when its sizes have a size's form (prose such as `Note: see below`
// is not); a declaration whose size cannot be read is refused where it stands, never dropped.

import { UnreadDeclaration, UserError, type Declaration, type Dim, type Range } from '../../ast';
import { isCloser, isOpener, isUnbalanced, partner, splitOutside } from '../brackets';
import { readSize, sizeTokens, type SizeToken } from './sizes';

const NAME = String.raw`[A-Za-z_\u0370-\u03ff][\w\u0370-\u03ff]*`;
const REALS = String.raw`(?:R|ℝ|\\mathbb\s*\{?R\}?|\\R)`;
const HEAD = new RegExp(String.raw`^\s*(${NAME})\s*(?::|∈|\\in\b|\bin\b)\s*(${REALS}\s*(?:\^|(?=[{\d])))?`);
const SEPARATORS = new Set(['x', '×', '*', ',', '\\times']);

/** A declaration when `line` is one, with ranges offset by `offset`; undefined otherwise. Throws an
 *  UnreadDeclaration when it is one whose sizes cannot be read. */
export function parseDeclaration(line: string, offset: number): Declaration | undefined {
  const m = HEAD.exec(line);
  const name = m?.[1];
  if (!m || !name) return undefined;
  const all = sizeTokens(line.slice(m[0].length), offset + m[0].length);
  if (!all?.length || !sizeForm(all)) return undefined;
  const lead = line.length - line.trimStart().length;
  const range = { start: offset + lead, end: offset + line.trimEnd().length };
  try {
    return { name, shape: shapeOf(unwrapped(all, m[2] !== undefined), `the size of ${name}`), range };
  } catch (e) {
    throw e instanceof UserError ? new UnreadDeclaration(e, [name]) : e;
  }
}

/** Rows and columns: one size (a column) or two, split at `x`, `×`, `*`, `,` outside brackets. */
function shapeOf(toks: readonly SizeToken[], what: string): [Dim, Dim] {
  const whole: Range = { start: toks[0]!.start, end: toks[toks.length - 1]!.end };
  // `x` separates only between sizes: `Result: x` declares a size named x
  const sep = (t: SizeToken): boolean => SEPARATORS.has(t.v) && (t.v !== 'x' || (t !== toks[0] && t !== toks[toks.length - 1]));
  const parts = splitOutside(toks, (t) => t.v, sep);
  if (isUnbalanced(parts)) throw UserError.at(`${what} cannot be read: ${parts.why}`, toks[parts.at]!);
  if (parts.length > 1 && toks[toks.length - 1]!.v === ',') parts.pop(); // (3,), (3, 4,)
  if (parts.length > 2) throw UserError.at(`tensors with 3 or more axes are not supported: use matrices (${what})`, whole);
  const missing = parts.findIndex((p) => p.length === 0);
  if (missing >= 0) throw UserError.at(`${what} cannot be read: a size is missing ${missing === 0 ? 'before' : 'after'} the separator`, whole);
  const [rows, cols] = parts.map((p) => readSize(p, what));
  return [rows as Dim, cols ?? 1];
}

/** The sizes inside one bracket pair around them all: `R^{m x n}`'s braces, `(3, 4)`'s parentheses. */
function unwrapped(toks: readonly SizeToken[], space: boolean): readonly SizeToken[] {
  let out = toks;
  for (const open of space ? ['{', '('] : ['(']) {
    if (out[0]?.v === open && partner(out, 0, (t) => t.v) === out.length - 1 && out.length > 2) out = out.slice(1, -1);
  }
  return out;
}

/**
 * Do the tokens have a size's form? Outside brackets, two operands stand side by side only when
 * touching (`2n`, `2(n+1)`), never across a space (`see below` is prose), except beside a separator.
 */
function sizeForm(toks: readonly SizeToken[]): boolean {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as SizeToken;
    const before = toks[i - 1];
    if (depth === 0 && t.gap && before && ends(before) && starts(t)) return false;
    if (isOpener(t.v)) depth++;
    else if (isCloser(t.v)) depth = Math.max(0, depth - 1);
  }
  return true;
}

const operand = (t: SizeToken): boolean => /^\w/.test(t.v) && !SEPARATORS.has(t.v);
const ends = (t: SizeToken): boolean => operand(t) || isCloser(t.v);
const starts = (t: SizeToken): boolean => operand(t) || isOpener(t.v);
