// One block → what it states, in order: declarations, assignments (and whether each is a
// definition worth listing), errors worth reporting, Python sites. Ranges are in the document.

import { UnreadDeclaration, UserError, type Assignment, type Declaration, type Range } from '../ast';
import type { SourceError } from '../analysis';
import { parseDeclaration } from '../notations/math/declarations';
import { readLatex, startsLikeDefinition } from '../notations/latex';
import type { Macros } from '../notations/latex/macros';
import { parseMath } from '../notations/math';
import { readPython, shiftSite, type ChunkCache, type PySite } from '../notations/python';
import type { Block } from './blocks';
import { contains, namesIn } from '../ast/query';
import { shiftAssignment, shiftDeclaration } from '../ast/ranges';

/** `yes`: a definition; `matrix`: listed only if it uses a declared name or a matrix operation (inline `$Wx$`). */
export type Listing = 'yes' | 'matrix' | 'no';

export type Item =
  | { readonly k: 'decl'; readonly decl: Declaration }
  | { readonly k: 'assign'; readonly a: Assignment; readonly listing: Listing }
  | { readonly k: 'error'; readonly range: Range; readonly error: SourceError; readonly declares?: readonly string[] }
  | { readonly k: 'py'; readonly site: PySite };

export interface BlockResult {
  readonly items: readonly Item[];
  readonly notes: readonly string[];
  /** Per item, what does not move with the block: the names it reads, its label. */
  readonly info: readonly ItemInfo[];
}

export interface ItemInfo {
  /** `assign`: the names its expression reads; `py`: the names its program uses and does not declare. */
  readonly names: ReadonlySet<string>;
  /** The item's source, shortened for lists. */
  readonly label: string;
}

export function parseBlock(text: string, b: Block, chunks?: ChunkCache, macros?: Macros): BlockResult {
  const r = parsed(text, b, chunks, macros);
  return { ...r, info: r.items.map((it) => infoOf(text, it)) };
}

function parsed(text: string, b: Block, chunks?: ChunkCache, macros?: Macros): Omit<BlockResult, 'info'> {
  switch (b.mode) {
    case 'code': return { items: readPython(text, b, chunks).map((site) => ({ k: 'py', site })), notes: [] };
    case 'display': case 'inline': return latexBlock(text, b, macros);
    case 'lines': case 'strict-lines': return b.notation === 'python' ? { items: [], notes: [] } : mathLines(text, b);
  }
}

const NONE: ItemInfo = { names: new Set(), label: '' };

function infoOf(text: string, it: Item): ItemInfo {
  switch (it.k) {
    case 'decl': return NONE;
    case 'error': return { names: NONE.names, label: labelOf(text, it.range) };
    case 'assign': return { names: namesIn(it.a.expr), label: labelOf(text, it.a.range) };
    case 'py': {
      const names = new Set<string>();
      const p = it.site.program;
      for (const a of p?.assignments ?? []) {
        namesIn(a.expr, names);
        if (a.name !== undefined) names.add(a.name);
      }
      for (const d of p?.declarations ?? []) names.delete(d.name);
      return { names, label: labelOf(text, it.site.range) };
    }
  }
}

const LABEL_MAX = 80;

function labelOf(text: string, r: Range): string {
  const s = text.slice(r.start, r.end).replace(/\s+/g, ' ').trim();
  return s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1)}…` : s;
}

const plain = (e: UserError): SourceError => ({ message: e.message, start: e.start, end: e.end });

function trimmed(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return { start: s, end: e };
}

function latexBlock(whole: string, b: Block, macros?: Macros): Omit<BlockResult, 'info'> {
  const text = b.quoted ? unquoted(whole, b) : whole;
  try {
    const p = readLatex(text, b, macros);
    const items: Item[] = p.declarations.map((decl) => ({ k: 'decl', decl }));
    for (const a of p.assignments) items.push({ k: 'assign', a, listing: listing(a, b.mode === 'inline') });
    items.sort((x, y) => start(x) - start(y));
    return { items, notes: p.notes ?? [] };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const attempted = startsLikeDefinition(text, b, macros);
    const declares = e instanceof UnreadDeclaration ? { declares: e.names } : {};
    return { items: attempted ? [{ k: 'error', range: trimmed(text, b.start, b.end), error: plain(e), ...declares }] : [], notes: [] };
  }
}

const start = (i: Item): number => (i.k === 'decl' ? i.decl.range.start : i.k === 'assign' ? i.a.range.start : i.k === 'error' ? i.range.start : i.site.range.start);

const ASSIGNMENT = /^\s*[A-Za-z_\u0370-\u03ff][\w\u0370-\u03ff]*\s*=(?!=)/;
const COMMENT = /^\s*(?:#|\/\/|%)/;
/** A bare line of prose or code is math only with an operator in it. */
const OPERATOR = /[*+\-/^'ᵀ⊙⊗·@]|\w\s*\(/;
/** Lines of code in another language: not math (a `;` ending a line, with an Octave `% comment`, is math's). */
const CODE = /[;{}"`]|^\s*(?:let|const|var|return|if|for|while|print|echo|import|def|function)\b/;
const OCTAVE_END = /;\s*(?:%.*)?$/;

/** The text with the blockquote marks (`>` opening a line) of the block's formula blanked: the same
 *  offsets, so ranges still point into the document. */
function unquoted(text: string, b: Block): string {
  const inside = text.slice(b.start, b.end).replace(/(\n[ \t]*)>/g, '$1 ');
  return text.slice(0, b.start) + inside + text.slice(b.end);
}

/** Math notation, one statement per line (`W: 3x4`, `z = W*x + b`, `y = sigmoid(z)`). */
function mathLines(text: string, b: Block): Omit<BlockResult, 'info'> {
  const items: Item[] = [];
  const strict = b.mode === 'strict-lines';
  for (let i = b.start; i < b.end;) {
    const nl = text.indexOf('\n', i);
    const e = nl < 0 || nl > b.end ? b.end : nl;
    const line = text.slice(i, e);
    if (line.trim() && !COMMENT.test(line)) items.push(...mathLine(line, i, strict));
    i = e + 1;
  }
  return { items, notes: [] };
}

function mathLine(line: string, at: number, strict: boolean): Item[] {
  const assignment = ASSIGNMENT.test(line);
  try {
    // a declaration is one in prose too: one that cannot be read is an error, never skipped
    const decl = parseDeclaration(line, at);
    if (decl) return [{ k: 'decl', decl }];
    if (!strict && (CODE.test(line.replace(OCTAVE_END, '')) || (!assignment && !OPERATOR.test(line)))) return [];
    const p = parseMath(line, at);
    return [
      ...p.declarations.map((d): Item => ({ k: 'decl', decl: d })),
      ...p.assignments.map((a): Item => ({ k: 'assign', a, listing: listing(a, !strict && !assignment) })),
    ];
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const declares = e instanceof UnreadDeclaration ? { declares: e.names } : undefined;
    if (!strict && !assignment && !declares) return [];
    const lead = line.length - line.trimStart().length;
    const clamp = (x: number): number => Math.max(at, Math.min(at + line.length, x));
    const error = { message: e.message, start: clamp(e.start), end: clamp(e.end) };
    return [{ k: 'error', range: { start: at + lead, end: at + line.replace(OCTAVE_END, '').trimEnd().length }, error, ...declares }];
  }
}

/** Matrix operations: an inline `$…$` with one of these is a definition even without a declared name. */
const MATRIX_KINDS = new Set(['transpose', 'inv', 'kron', 'hadamard', 'trace', 'det', 'logdet', 'softmax', 'norm', 'apply', 'sum', 'mpow', 'diag', 'adj', 'norm1', 'norm2', 'norminf', 'concat']);
const OPERATIONS = new Set([...MATRIX_KINDS, 'add', 'sub', 'mul', 'div', 'neg', 'epow', 'vec']);

/** Is this assignment a definition to list? Not `n = 4`, `y = x`, nor prose like `$m$`; a bare
 *  expression in prose (`$Wx$`, a line `ls -la` in a code block) only with a matrix operation or a declared name. */
function listing(a: Assignment, inline: boolean): Listing {
  if (!contains(a.expr, OPERATIONS)) return 'no';
  if (a.name !== undefined || !inline || contains(a.expr, MATRIX_KINDS)) return 'yes';
  return 'matrix';
}

/** A block's result moved by `d` characters (the block moved, its text did not change). */
export function shiftResult(r: BlockResult, d: number): BlockResult {
  if (d === 0) return r;
  const mv = (x: Range): Range => ({ start: x.start + d, end: x.end + d });
  const items = r.items.map((it): Item => {
    switch (it.k) {
      case 'decl': return { k: 'decl', decl: shiftDeclaration(it.decl, d) };
      case 'assign': return { k: 'assign', a: shiftAssignment(it.a, d), listing: it.listing };
      case 'error': return { ...it, range: mv(it.range), error: { ...it.error, ...mv(it.error) } };
      case 'py': return { k: 'py', site: shiftSite(it.site, d) };
    }
  });
  return { items, notes: r.notes, info: r.info };
}
