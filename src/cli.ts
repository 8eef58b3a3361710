// The command-line tool: `kronecker-lens analyze …`, readable Unicode by default, `--json` for
// machines. Bad input prints the message with the place in the source and exits with 2.

import { readFileSync, writeFileSync } from 'node:fs';
import { analyze, analyzeFile, NOTATION_NAMES } from './core';
import type { Analysis, AnalysisError, AnalyzeOptions, ScanOptions } from './core';
import { EXPORT_FORMATS, exportExpression, exportFile, isExportFormat, type ExportFormat, type Exported } from './core/export';
import { formatReport, formatError, formatExplain } from './cliReport';
import { readPreamble } from './cliPreamble';

const USAGE = `usage: kronecker-lens analyze (--expr EXPR | --file PATH [--line N])
        [--wrt NAME,NAME] [--shape NAME=RxC]... [--values FILE.json] [--seed N]
        [--loss sse|xent|EXPR] [--notation ${NOTATION_NAMES.join('|')}] [--numeric] [--json] [--explain]
        [--emit numpy|pytorch|jax|latex|mtx|csv [--out FILE]]`;

class UsageError extends Error {}

interface Args {
  expr?: string;
  file?: string;
  line?: number;
  json: boolean;
  explain: boolean;
  emit?: ExportFormat;
  out?: string;
  options: AnalyzeOptions;
}

function parseShape(spec: string): [string, number[]] {
  const m = /^([^=]+)=(\d+)(?:[x×,](\d+))?$/.exec(spec.trim());
  if (!m) throw new UsageError(`--shape ${spec}: expected NAME=RxC or NAME=R`);
  return [m[1] as string, m[3] ? [Number(m[2]), Number(m[3])] : [Number(m[2])]];
}

function readJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--values ${path}: cannot read the file`);
  }
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`--values ${path}: not valid JSON (${(e as Error).message})`);
  }
  throw new UsageError(`--values ${path}: expected an object of values by name`);
}

function parseArgs(argv: string[]): Args {
  if (argv[0] !== 'analyze') throw new UsageError(argv[0] ? `unknown command '${argv[0]}'` : 'missing command');
  const args: Args = { json: false, explain: false, options: {} };
  const shapes: Record<string, number[]> = {};
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--expr': args.expr = value(); break;
      case '--file': args.file = value(); break;
      case '--line': args.line = positive(flag, value()); break;
      case '--wrt': args.options.wrt = value().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--shape': { const [n, d] = parseShape(value()); shapes[n] = d; break; }
      case '--values': args.options.values = readJson(value()); break;
      case '--seed': args.options.seed = positive(flag, value(), 0); break;
      case '--loss': args.options.loss = value(); break;
      case '--notation': args.options.notation = notation(value()); break;
      case '--numeric': args.options.numeric = true; break;
      case '--json': args.json = true; break;
      case '--explain': args.explain = true; break;
      case '--emit': args.emit = emitFormat(value()); break;
      case '--out': args.out = value(); break;
      case '--help': case '-h': throw new UsageError('');
      default: throw new UsageError(`unknown flag '${flag}'`);
    }
  }
  if (Object.keys(shapes).length) args.options.shapes = shapes;
  if ((args.expr === undefined) === (args.file === undefined)) throw new UsageError('give exactly one of --expr or --file');
  if (args.line !== undefined && args.file === undefined) throw new UsageError('--line goes with --file');
  if (args.out !== undefined && args.emit === undefined) throw new UsageError('--out goes with --emit');
  return args;
}

function positive(flag: string, v: string, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} ${v}: expected a whole number ≥ ${min}`);
  return n;
}

function emitFormat(v: string): ExportFormat {
  if (isExportFormat(v)) return v;
  throw new UsageError(`--emit ${v}: expected ${EXPORT_FORMATS.join(', ')}`);
}

/** `--emit`: the export to standard output or `--out FILE`; a user error as the report prints it. */
function emit(args: Args, text: string | undefined): number {
  const format = args.emit as ExportFormat;
  const r: Exported | AnalysisError = text !== undefined
    ? exportFile(text, args.file as string, args.line, format, args.options, scanOptions(args.file as string, text))
    : exportExpression(args.expr as string, format, args.options);
  if (!r.ok) {
    process.stderr.write(formatError(r));
    return 2;
  }
  if (args.out === undefined) {
    process.stdout.write(r.text);
    return 0;
  }
  try {
    writeFileSync(args.out, r.text);
  } catch (e) {
    process.stderr.write(`kronecker-lens: cannot write ${args.out} (${(e as Error).message})\n`);
    return 2;
  }
  return 0;
}

function notation(v: string): AnalyzeOptions['notation'] {
  if (v === 'auto' || (NOTATION_NAMES as readonly string[]).includes(v)) return v as AnalyzeOptions['notation'];
  throw new UsageError(`--notation ${v}: expected ${NOTATION_NAMES.slice(0, -1).join(', ')} or ${NOTATION_NAMES.at(-1)}`);
}

/** JSON with typed arrays as plain arrays. */
const toJson = (a: unknown): string =>
  JSON.stringify(a, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2);

/** The document's `\input` files, for their macros. */
const scanOptions = (path: string, text: string): ScanOptions => ({ preamble: readPreamble(path, text, (l) => process.stderr.write(`${l}\n`)) });

function run(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message ? `kronecker-lens: ${e.message}\n` : ''}${USAGE}\n`);
    return 2;
  }
  let text: string | undefined;
  if (args.file !== undefined) {
    try {
      text = readFileSync(args.file, 'utf8');
    } catch {
      process.stderr.write(`kronecker-lens: cannot read ${args.file}\n`);
      return 2;
    }
  }
  if (args.emit) return emit(args, text);
  const analyzeWith = (o: AnalyzeOptions): Analysis =>
    text !== undefined ? analyzeFile(text, args.file as string, args.line, o, scanOptions(args.file as string, text)) : analyze(args.expr as string, o);
  // Numbers and the finite-difference check only with --numeric: a symbolic answer computes no numbers.
  const analysis = analyzeWith(args.options);
  const report = (a: typeof analysis & { ok: true }) => formatReport(a, args.options.numeric === true) + (args.explain ? formatExplain(a) : '');
  process.stdout.write(args.json ? `${toJson(analysis)}\n` : analysis.ok ? report(analysis) : '');
  if (!analysis.ok && !args.json) process.stderr.write(formatError(analysis));
  // a failed check (a printed formula that disagrees with the numbers, or NaN) is never a success
  return !analysis.ok ? 2 : analysis.check && !analysis.check.passed ? 1 : 0;
}

// A closed pipe (`… | head`) ends the output quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});
process.exitCode = run(process.argv.slice(2));
