// The notation files a LaTeX or Markdown document `\input`s or `\include`s (the Deep Learning book's
// math_commands.tex), read for their macros, so that `\vx` or `\mW` in a formula expands as it does in
// the typeset document. Which files may be read and how is the caller's (workspace.ts: .tex and .sty
// files of the workspace, by size); here is the order TeX reads them in: each file's own inputs before
// it, two levels deep, each file once. Nothing is kept: the text goes to the scanner and is dropped.

import { inputsOf } from '../../core/index';

/** Nested `\input`s followed at most this deep (the document's own are level 0), as the CLI does. */
export const MAX_DEPTH = 2;
/** Files read for one document at most: a document of many `\input` chapters is not a notation file. */
export const MAX_FILES = 16;

export interface PreambleIO<F> {
  /** The file `path` (as written in `\input{…}`, with TeX's `.tex` added) names beside `from`, or why it
   *  is not read (not a .tex or .sty file, outside the workspace). */
  locate(from: F, path: string): F | { readonly why: string };
  /** Its text, or why it is not read (too large, unreadable). */
  read(file: F): Promise<string | { readonly why: string }>;
  /** One string per file (its URI), to read it once. */
  key(file: F): string;
}

export interface Preamble {
  /** The files' text, in reading order, for ScanOptions.preamble. */
  readonly text: string;
  /** The keys of the files read (a change to one of them changes the preamble). */
  readonly files: readonly string[];
}

/** The preamble of `doc`, whose text is `text`; `warn` hears of each input that is not read, and why. */
export async function readPreamble<F>(doc: F, text: string, io: PreambleIO<F>, warn: (message: string) => void): Promise<Preamble> {
  const seen = new Set<string>([io.key(doc)]);
  const files: string[] = [];
  const visit = async (from: F, body: string, depth: number): Promise<string> => {
    if (depth >= MAX_DEPTH) return '';
    let out = '';
    for (const input of inputsOf(body)) {
      const file = io.locate(from, input.path);
      if (isWhy(file)) {
        warn(`${input.path} (\\input by ${io.key(from)}) is not read for macros: ${file.why}`);
        continue;
      }
      const key = io.key(file);
      if (seen.has(key)) continue;
      seen.add(key);
      if (files.length >= MAX_FILES) {
        warn(`${input.path} (\\input by ${io.key(from)}) is not read for macros: more than ${MAX_FILES} files are input`);
        continue;
      }
      const read = await io.read(file);
      if (isWhy(read)) {
        warn(`${input.path} (\\input by ${io.key(from)}) is not read for macros: ${read.why}`);
        continue;
      }
      files.push(key);
      out += `${await visit(file, read, depth + 1)}${read}\n`;
    }
    return out;
  };
  const preamble = await visit(doc, text, 0);
  return { text: preamble, files };
}

const isWhy = (v: unknown): v is { readonly why: string } => typeof v === 'object' && v !== null && 'why' in v;
