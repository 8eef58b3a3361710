// The CLI's arguments, read with `node:util` parseArgs: flags, their values and the files they
// name. Every mistake is a UsageError (exit 2 with the usage), never a stack trace.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NOTATION_NAMES, type AnalyzeOptions } from './core';
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from './core/export';
import { MAX_DOCUMENT_CHARS } from './core/limits';

export const USAGE = `usage: kronecker-lens analyze (--expr EXPR | --file PATH [--line N])
        [--wrt NAME,NAME] [--shape NAME=RxC]... [--values FILE.json] [--seed N]
        [--loss sse|xent|EXPR] [--notation ${NOTATION_NAMES.join('|')}] [--numeric] [--json] [--explain]
        [--emit ${EXPORT_FORMATS.join('|')} [--out FILE]]
       kronecker-lens --help | --version

Exit codes: 0 the analysis holds; 1 its numbers do not (the check failed, or a value is not
finite); 2 the input or the command line is wrong.`;

export class UsageError extends Error {}

export type Args =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'analyze'; expr?: string; file?: string; line?: number; json: boolean; explain: boolean;
      emit?: ExportFormat; out?: string; options: AnalyzeOptions };

const FLAGS = {
  expr: { type: 'string' },
  file: { type: 'string' },
  line: { type: 'string' },
  wrt: { type: 'string' },
  shape: { type: 'string', multiple: true },
  values: { type: 'string' },
  seed: { type: 'string' },
  loss: { type: 'string' },
  notation: { type: 'string' },
  numeric: { type: 'boolean' },
  json: { type: 'boolean' },
  explain: { type: 'boolean' },
  emit: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** `--values` files are small JSON objects; anything larger is refused before it is read. */
const MAX_VALUES_BYTES = 256 * 2 ** 20;

export function readArgs(argv: string[]): Args {
  let parsed;
  try {
    // Strict: `--expr --numeric` is refused (a value that starts with dashes goes as `--expr=-x`).
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(shortMessage(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command !== 'analyze') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if ((v.expr === undefined) === (v.file === undefined)) throw new UsageError('give exactly one of --expr or --file');
  if (v.line !== undefined && v.file === undefined) throw new UsageError('--line goes with --file');
  if (v.out !== undefined && v.emit === undefined) throw new UsageError('--out goes with --emit');
  const options: AnalyzeOptions = {};
  if (v.wrt !== undefined) options.wrt = v.wrt.split(',').map((s) => s.trim()).filter(Boolean);
  if (v.shape) options.shapes = shapesOf(v.shape);
  if (v.values !== undefined) options.values = readJson(v.values);
  if (v.seed !== undefined) options.seed = whole('--seed', v.seed, 0);
  if (v.loss !== undefined) options.loss = v.loss;
  if (v.notation !== undefined) options.notation = notation(v.notation);
  if (v.numeric) options.numeric = true;
  if (v.json) options.printsNumbers = true;
  return {
    kind: 'analyze',
    ...(v.expr !== undefined ? { expr: v.expr } : {}),
    ...(v.file !== undefined ? { file: v.file } : {}),
    ...(v.line !== undefined ? { line: whole('--line', v.line, 1) } : {}),
    json: v.json === true,
    explain: v.explain === true,
    ...(v.emit !== undefined ? { emit: emitFormat(v.emit) } : {}),
    ...(v.out !== undefined ? { out: v.out } : {}),
    options,
  };
}

/** parseArgs' messages, in this tool's words (their first line is the point). */
const MESSAGES: ReadonlyArray<[RegExp, (flag: string) => string]> = [
  [/^Unknown option '([^']*)'/, (f) => `unknown flag '${f}'`],
  [/^Option '([^' ]*)[^']*' argument missing/, (f) => `${f} needs a value`],
  [/^Option '([^' ]*)[^']*' argument is ambiguous/, (f) => `${f} needs a value (to give one that starts with a dash: ${f}=-…)`],
];

function shortMessage(e: unknown): string {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] as string;
  for (const [re, say] of MESSAGES) {
    const m = re.exec(first);
    if (m) return say(m[1] as string);
  }
  return first;
}

/** Repeated `--shape` flags, each NAME=RxC or NAME=R; a name given twice is a mistake, not "the last wins". */
function shapesOf(specs: string[]): Record<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const spec of specs) {
    const m = /^([^=]+)=(\d+)(?:[x×,](\d+))?$/.exec(spec.trim());
    if (!m) throw new UsageError(`--shape ${spec}: expected NAME=RxC or NAME=R`);
    const name = (m[1] as string).trim();
    if (shapes.has(name)) throw new UsageError(`--shape ${spec}: ${name} was already given a shape`);
    shapes.set(name, m[3] ? [Number(m[2]), Number(m[3])] : [Number(m[2])]);
  }
  return Object.fromEntries(shapes);
}

function whole(flag: string, s: string, min: number): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} ${s}: expected a whole number ≥ ${min}`);
  return n;
}

function emitFormat(s: string): ExportFormat {
  if (isExportFormat(s)) return s;
  throw new UsageError(`--emit ${s}: expected ${EXPORT_FORMATS.join(', ')}`);
}

function notation(s: string): AnalyzeOptions['notation'] {
  if (s === 'auto' || (NOTATION_NAMES as readonly string[]).includes(s)) return s as AnalyzeOptions['notation'];
  throw new UsageError(`--notation ${s}: expected ${NOTATION_NAMES.slice(0, -1).join(', ')} or ${NOTATION_NAMES.at(-1)}`);
}

function readJson(path: string): Record<string, unknown> {
  const text = readText(path, MAX_VALUES_BYTES, '--values');
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`--values ${path}: not valid JSON (${(e as Error).message})`);
  }
  throw new UsageError(`--values ${path}: expected an object of values by name`);
}

/** A regular file of at most `max` bytes, as UTF-8. Checked on the open descriptor, so a device
 *  (/dev/zero), a FIFO or a directory is refused before a byte is read; opened non-blocking, since
 *  opening a FIFO for reading waits for a writer (a hang, before any check). */
export function readText(path: string, max = MAX_DOCUMENT_CHARS, flag = '--file'): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`${flag} ${path}: cannot open it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UsageError(`${flag} ${path}: not a regular file (a directory, device or pipe is not read)`);
    if (st.size > max) throw new UsageError(`${flag} ${path}: ${overLimit(st.size, max)}`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, null);
      if (n === 0) break;
      got += n;
    }
    return buf.toString('utf8', 0, got);
  } finally {
    closeSync(fd);
  }
}

const mb = (n: number): string => (n < 2 ** 20 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 2 ** 20).toFixed(1)} MB`);
const bytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

/** The size against the limit, in bytes when one decimal of KB or MB would print the two alike. */
function overLimit(size: number, max: number): string {
  const [a, b] = mb(size) === mb(max) ? [bytes(size), bytes(max)] : [mb(size), mb(max)];
  return `${a} is over the limit of ${b}`;
}
