// The registry of notations: each one's front-end and what names it. Everything that lists the
// notations (the CLI's --notation, the options' type, detection, Markdown fences) reads this table,
// so a new notation is one folder here plus one entry below.

import type { Program } from '../ast';
import { parseLatex } from './latex';
import { parseMath } from './math';
import { parsePython } from './python';

export interface NotationEntry {
  /** The front-end: the whole text in this notation → the one AST. */
  readonly parse: (text: string) => Program;
  /** Markdown fence info strings (```python) whose block is wholly in this notation. */
  readonly fences: readonly string[];
  /** How the scanner reads a block in this notation: a code file, a display formula, or line by line. */
  readonly block: 'code' | 'display' | 'lines';
  /** Octave's and MATLAB's too, whose sum(X) and mean(X) of a matrix are its column sums and means (Program.octaveSums). */
  readonly octaveSums?: true;
}

export const NOTATIONS = {
  // Octave/MATLAB lines are math notation: `'` transposes, `.*` `./` `.^` act entry by entry, `;` ends a statement
  math: { parse: (text) => parseMath(text), fences: ['', 'text', 'txt', 'plaintext', 'octave', 'matlab'], block: 'lines', octaveSums: true },
  latex: { parse: (text) => parseLatex(text), fences: ['latex', 'tex'], block: 'display' },
  python: { parse: (text) => parsePython(text), fences: ['python', 'py', 'python3', 'pycon'], block: 'code' },
} as const satisfies Record<string, NotationEntry>;

export type Notation = keyof typeof NOTATIONS;

export const NOTATION_NAMES = Object.keys(NOTATIONS) as Notation[];

export const isNotation = (v: unknown): v is Notation => typeof v === 'string' && Object.hasOwn(NOTATIONS, v);

/** The notation whose fences include `info`, if any. */
export const notationOfFence = (info: string): Notation | undefined =>
  NOTATION_NAMES.find((n) => (NOTATIONS[n].fences as readonly string[]).includes(info));
