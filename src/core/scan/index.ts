// The document scanner: every layer definition and matrix expression in a document, each with
// its range, notation, and a program holding the declarations in scope and its assignment chain.
//
// Scope: a declaration applies to what follows it in the document and to its whole paragraph
// (`$y = \sigma(Wx + b)$ where $W \in \mathbb{R}^{3 \times 4}$`); the latest one wins. A chain
// (`z = Wx + b` then `y = \sigma(z)`) is followed within a block and the earlier blocks of its
// paragraph; in Python, within a function (see python.ts).
//
// `DocumentIndex` keeps each block's parse keyed by its text, so an edit re-parses only the
// blocks whose text changed; the rest are moved to their new offsets.

import type { Declaration, Program, Range } from '../ast';
import type { SourceError } from '../analysis';
import type { Notation } from '../notations';
import { findBlocks, type Block, type ScanLanguage } from './blocks';
import { Pool } from './chain';
import { parseBlock, shiftResult, type BlockResult, type Item, type ItemInfo } from './parse';
import { nextChunkCache, type ChunkCache } from '../notations/python';
import { readDefinitions, type Macros } from '../notations/latex/macros';
import { MAX_DEFINITIONS } from '../limits';

export type { ScanLanguage } from './blocks';

export interface DefinitionSite {
  readonly range: Range;
  /** 0-based line of `range.start`. */
  readonly line: number;
  readonly notation: Notation;
  /** The definition's source, shortened for lists. */
  readonly label: string;
  /** Declarations in scope and the assignment chain; the last assignment is this definition. */
  readonly program?: Program;
  readonly error?: SourceError;
}

export interface TextChange {
  /** Offsets into the text before this change ([start, end) is replaced by `text`). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ScanOptions {
  /** LaTeX read before the document for its macro definitions: a notation file it `\input`s. */
  readonly preamble?: string;
}

export function scanDocument(text: string, language: ScanLanguage, options: ScanOptions = {}): DefinitionSite[] {
  return new DocumentIndex(text, language, options).sites;
}

/** The macros a document defines (after its preamble's), and a key that changes when they do. */
function documentMacros(text: string, language: ScanLanguage, preamble: string): { macros?: Macros; key: string } {
  if (language !== 'latex' && language !== 'markdown') return { key: '' };
  const { macros } = readDefinitions(text, 0, text.length, readDefinitions(preamble).macros);
  if (macros.size === 0) return { key: '' };
  let key = '';
  for (const d of macros.values()) key += `${d.name}\u0000${d.params}\u0000${d.optional ?? ''}\u0000${d.body}\u0000${d.unsupported ?? ''}\u0001`;
  return { macros, key };
}

/** A document's sites, kept up to date by `update`. */
export class DocumentIndex {
  /** The last scan's blocks, in document order. */
  private parsed: readonly Parsed[] = [];
  /** Python's top-level chunks, re-used when the block around them changed. */
  private chunks?: ChunkCache;
  private current: DefinitionSite[] = [];
  /** The key of the macros the last scan expanded: when they change, every block is read again. */
  private macroKey = '';
  /** Where the first block left unread starts, when the document has more than MAX_DEFINITIONS. */
  private unreadFrom?: number;

  constructor(private content: string, readonly language: ScanLanguage, private options: ScanOptions = {}) {
    this.rescan();
  }

  /** A new preamble (the `\input` file changed): every block is read again. */
  setPreamble(preamble: string | undefined): DefinitionSite[] {
    this.options = { ...this.options, preamble };
    return this.rescan();
  }

  get text(): string {
    return this.content;
  }

  get sites(): DefinitionSite[] {
    return this.current;
  }

  /** The first MAX_DEFINITIONS definitions are read: the blocks after the one that reaches the
   *  limit are not parsed (a generated file of 150,000 formulas would take a minute), and this
   *  says from which line on; undefined when the whole document was read. */
  get skipped(): { readonly start: number; readonly line: number; readonly note: string } | undefined {
    const start = this.unreadFrom;
    if (start === undefined) return undefined;
    const line = lineOf(lineStarts(this.content), start);
    const note = `only the first ${MAX_DEFINITIONS} definitions of a document are read; what follows them, from line ${line + 1} on, is skipped`;
    return { start, line, note };
  }

  /** The document's new text (when the edits are not known): what changed is found by comparing the texts. */
  setText(text: string): DefinitionSite[] {
    const old = this.content;
    this.content = text;
    return this.rescan(old, diff(old, text));
  }

  /** Apply `changes` in order (each against the text the previous ones left) and rescan. */
  update(changes: readonly TextChange[]): DefinitionSite[] {
    const old = this.content;
    let edit: Edit | undefined;
    for (const c of changes) {
      const start = Math.max(0, Math.min(c.start, this.content.length));
      const end = Math.max(start, Math.min(c.end, this.content.length));
      this.content = this.content.slice(0, start) + c.text + this.content.slice(end);
      edit = { start, oldEnd: end, newEnd: start + c.text.length };
    }
    return this.rescan(old, changes.length === 1 ? edit : diff(old, this.content));
  }

  /** Blocks outside the edit are re-used by place (moved by its length); the others by text, else parsed. */
  private rescan(old = '', edit?: Edit): DefinitionSite[] {
    const text = this.content;
    const chunks = nextChunkCache(this.chunks);
    const blocks = findBlocks(text, this.language);
    const { macros, key } = documentMacros(text, this.language, this.options.preamble ?? '');
    if (key !== this.macroKey) {
      this.parsed = [];
      this.macroKey = key;
      edit = undefined;
    }
    const parsed: Array<Parsed | undefined> = edit ? blocks.map((b) => this.byPlace(b, edit)) : [];
    const used = new Set(parsed);
    let shelf: Shelf | undefined;
    const done: Parsed[] = [];
    let listed = 0;
    this.unreadFrom = undefined;
    for (const [k, block] of blocks.entries()) {
      // The paragraph that reaches the limit is read to its end: its declarations (`where $W \in …$`) apply to it.
      if (listed >= MAX_DEFINITIONS && block.paragraph !== done.at(-1)?.block.paragraph) {
        this.unreadFrom = block.start;
        break;
      }
      let p = parsed[k];
      if (!p) {
        shelf ??= shelve(old, this.parsed.filter((q) => !used.has(q)));
        const hit = shelf.get(shelfKey(block, text));
        const result = hit ? shiftResult(hit.result, block.start - hit.start) : parseBlock(text, block, chunks, macros);
        if (!hit) shelve(text, [{ block, result }], shelf);
        p = { block, result };
      }
      done.push(p);
      listed += p.result.items.filter(mayList).length;
    }
    this.parsed = done;
    this.chunks = chunks;
    const all = assemble(text, done);
    const past = all[MAX_DEFINITIONS];
    if (past) this.unreadFrom = Math.min(this.unreadFrom ?? past.range.start, past.range.start);
    this.current = all.slice(0, MAX_DEFINITIONS);
    return this.current;
  }

  /** The last scan's parse of `b` when `b` lies wholly before or after the edit (its text unchanged). */
  private byPlace(b: Block, e: Edit): Parsed | undefined {
    const d = b.end <= e.start ? 0 : b.start >= e.newEnd ? e.newEnd - e.oldEnd : undefined;
    if (d === undefined) return undefined;
    const p = this.parsed[indexAt(this.parsed, b.start - d)];
    if (!p || p.block.start !== b.start - d || p.block.end !== b.end - d || p.block.notation !== b.notation || p.block.mode !== b.mode) return undefined;
    return d === 0 && p.block.paragraph === b.paragraph ? p : { block: b, result: shiftResult(p.result, d) };
  }
}

/** An item that may become a site (an inline `$Wx$` may not: counting it keeps the bound safe). */
const mayList = (it: Item): boolean => it.k !== 'decl' && !(it.k === 'assign' && it.listing === 'no');

/** One edit: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
interface Edit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The edit between two texts: their common prefix and suffix are left out. */
function diff(a: string, b: string): Edit {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/** Parsed blocks by notation, mode and text: a block whose text is one of them is not parsed
 *  again. Keyed by the whole text (hashed once), not by length with a list to search: blocks of
 *  one length (`$y_{1} = W x$`, `$y_{2} = W x$`, …) made every lookup a walk over all of them. */
type Shelf = Map<string, { readonly start: number; readonly result: BlockResult }>;

const shelfKey = (b: Block, text: string): string => `${b.notation}:${b.mode}:${text.slice(b.start, b.end)}`;

function shelve(text: string, parsed: readonly Parsed[], shelf: Shelf = new Map()): Shelf {
  for (const { block, result } of parsed) {
    const key = shelfKey(block, text);
    if (!shelf.has(key)) shelf.set(key, { start: block.start, result });
  }
  return shelf;
}

/** The index of the last block starting at or before `start` (blocks in document order). */
function indexAt(parsed: readonly Parsed[], start: number): number {
  let lo = 0;
  let hi = parsed.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((parsed[mid] as Parsed).block.start <= start) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Parsed {
  readonly block: Block;
  readonly result: BlockResult;
}

/** A declaration in the document, or one whose space could not be read (its names and why). */
type Scoped = { readonly paragraph: number; readonly start: number } & (
  | { readonly decl: Declaration }
  | { readonly unread: { readonly name: string; readonly line: number; readonly message: string } });

/** Sites from parsed blocks: declarations in scope, chains within a paragraph. */
function assemble(text: string, parsed: readonly Parsed[]): DefinitionSite[] {
  const lines = lineStarts(text);
  const decls = new Map<string, Scoped[]>();
  const add = (name: string, s: Scoped) => {
    const list = decls.get(name);
    if (list) list.push(s);
    else decls.set(name, [s]);
  };
  for (const { block, result } of parsed) {
    for (const it of result.items) {
      const { paragraph } = block;
      if (it.k === 'decl') add(it.decl.name, { decl: it.decl, paragraph, start: it.decl.range.start });
      if (it.k === 'error') {
        const unread = { line: lineOf(lines, it.range.start), message: it.error.message };
        for (const name of it.declares ?? []) add(name, { unread: { name, ...unread }, paragraph, start: it.range.start });
      }
    }
  }
  const sites: DefinitionSite[] = [];
  let pool = new Pool();
  let poolParagraph = -1;
  for (const { block, result } of parsed) {
    if (block.paragraph !== poolParagraph) {
      pool = new Pool();
      poolParagraph = block.paragraph;
    }
    const scope: Scope = { decls, paragraph: block.paragraph };
    result.items.forEach((it, j) => {
      const info = result.info[j] as ItemInfo;
      const s = siteOf(it, info, block, result, pool, scope);
      if (!s) return;
      const site: DefinitionSite = { range: s.range, line: lineOf(lines, s.range.start), notation: s.notation, label: info.label };
      if (s.program) Object.assign(site, { program: s.program });
      if (s.error) Object.assign(site, { error: s.error });
      sites.push(site);
    });
  }
  return sites;
}

interface Scope {
  readonly decls: ReadonlyMap<string, readonly Scoped[]>;
  readonly paragraph: number;
}

type Partial = Omit<DefinitionSite, 'line' | 'label'>;

function siteOf(it: Item, info: ItemInfo, block: Block, result: BlockResult, pool: Pool, scope: Scope): Partial | undefined {
  switch (it.k) {
    case 'decl': return undefined;
    case 'error': return { range: it.range, notation: block.notation, error: it.error };
    case 'py': {
      const { site } = it;
      if (site.error) return { range: site.range, notation: block.notation, error: { message: site.error.message, start: site.error.start, end: site.error.end } };
      const program = site.program as Program;
      const extra = inScope(info.names, site.range.start, scope);
      return { range: site.range, notation: block.notation, program: withScope(program, extra) };
    }
    case 'assign': {
      pool.push({ a: it.a, uses: info.names });
      if (it.listing === 'no') return undefined;
      const links = pool.chainOfLast();
      const names = new Set<string>();
      for (const p of links) {
        for (const n of p.uses) names.add(n);
        if (p.a.name !== undefined) names.add(p.a.name);
      }
      const scoped = inScope(names, it.a.range.start, scope);
      if (it.listing === 'matrix' && scoped.declarations.length === 0) return undefined;
      const program = { declarations: [], assignments: links.map((p) => p.a), ...(result.notes.length ? { notes: result.notes } : {}) };
      return { range: it.a.range, notation: block.notation, program: withScope(program, scoped) };
    }
  }
}

/** Declarations in scope at `at` for `names` (in their order): the latest eligible one of each. */
interface InScope {
  readonly declarations: Declaration[];
  /** Names whose declaration in scope could not be read: their sizes are inferred, and a note says so. */
  readonly notes: string[];
}

function inScope(names: ReadonlySet<string>, at: number, scope: Scope): InScope {
  const out: InScope = { declarations: [], notes: [] };
  if (scope.decls.size === 0) return out;
  for (const name of names) {
    const list = scope.decls.get(name);
    if (!list) continue;
    for (let k = list.length - 1; k >= 0; k--) {
      const s = list[k] as Scoped; // in document order: the latest eligible one wins
      if (s.start < at || s.paragraph === scope.paragraph) {
        if ('decl' in s) out.declarations.push(s.decl);
        else out.notes.push(`The declaration of ${name} on line ${s.unread.line + 1} could not be read (${s.unread.message}), so ${name}'s size here is inferred, not declared.`);
        break;
      }
    }
  }
  return out;
}

/** A program with the declarations in scope added, and a note for each unreadable one. */
function withScope(program: Program, { declarations, notes }: InScope): Program {
  if (!declarations.length && !notes.length) return program;
  const all = [...(program.notes ?? []), ...notes];
  return { ...program, declarations: [...program.declarations, ...declarations], ...(all.length ? { notes: all } : {}) };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The innermost site containing `offset` (ends inclusive: the cursor just after a definition counts). */
export function siteAt(sites: readonly DefinitionSite[], offset: number): DefinitionSite | undefined {
  let best: DefinitionSite | undefined;
  for (const s of sites) {
    if (s.range.start <= offset && offset <= s.range.end && (!best || s.range.end - s.range.start < best.range.end - best.range.start)) best = s;
  }
  return best;
}

/**
 * The site for a 0-based `line` (the CLI's `--line N` is `line = N - 1`): the last one starting on
 * that line (it carries the others of the line in its chain), else the innermost one spanning it.
 */
export function siteAtLine(sites: readonly DefinitionSite[], line: number, text?: string): DefinitionSite | undefined {
  let starting: DefinitionSite | undefined;
  for (const s of sites) if (s.line === line) starting = s;
  if (starting || text === undefined) return starting;
  const starts = lineStarts(text);
  let best: DefinitionSite | undefined;
  for (const s of sites) {
    if (s.line <= line && lineOf(starts, s.range.end) >= line && (!best || s.range.end - s.range.start < best.range.end - best.range.start)) best = s;
  }
  return best;
}
