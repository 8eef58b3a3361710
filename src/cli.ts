// The command-line tool: `kronecker-lens analyze …`, readable Unicode by default, `--json` for
// machines. Exit codes: 0 the analysis holds, 1 its numbers do not (a failed check, a value that
// is not finite), 2 bad input or a bad command line, with the place in the source and no stack.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, analyzeFile } from './core';
import type { Analysis, AnalysisError, AnalyzeOptions, ScanOptions } from './core';
import { exportExpression, exportFile, type Exported } from './core/export';
import { readArgs, readText, USAGE, UsageError, type Args } from './cliArgs';
import { writeJson } from './cliJson';
import { formatReport, formatError, formatExplain } from './cliReport';
import { readPreamble } from './cliPreamble';

type AnalyzeArgs = Extract<Args, { kind: 'analyze' }>;

/** The document's `\input` files, for their macros. */
const scanOptions = (path: string, text: string): ScanOptions => ({ preamble: readPreamble(path, text, (l) => process.stderr.write(`${l}\n`)) });

function version(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    return String((pkg as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** `--emit`: the export to standard output or `--out FILE`; a user error as the report prints it. */
function emit(args: AnalyzeArgs, text: string | undefined): number {
  const format = args.emit!;
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

function analysisOf(args: AnalyzeArgs, text: string | undefined): Analysis {
  const analyzeWith = (o: AnalyzeOptions): Analysis =>
    text !== undefined ? analyzeFile(text, args.file as string, args.line, o, scanOptions(args.file as string, text)) : analyze(args.expr as string, o);
  // Numbers and the finite-difference check only with --numeric: a symbolic answer computes no numbers.
  return analyzeWith(args.options);
}

/** Numbers in `v` that are NaN or ±∞ (an overflow, 0/0): JSON has no word for them. */
function nonFinite(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? 0 : 1;
  if (ArrayBuffer.isView(v) || Array.isArray(v)) {
    const a = v as ArrayLike<unknown>;
    let n = 0;
    for (let i = 0; i < a.length; i++) n += nonFinite(a[i]);
    return n;
  }
  return v !== null && typeof v === 'object' ? Object.values(v).reduce<number>((n, x) => n + nonFinite(x), 0) : 0;
}

function run(argv: string[]): number {
  let args: Args;
  let analysis: Analysis;
  try {
    args = readArgs(argv);
    if (args.kind === 'help') return void process.stdout.write(`${USAGE}\n`), 0;
    if (args.kind === 'version') return void process.stdout.write(`${version()}\n`), 0;
    const text = args.file !== undefined ? readText(args.file) : undefined;
    if (args.emit) return emit(args, text);
    analysis = analysisOf(args, text);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`kronecker-lens: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (!analysis.ok) {
    if (args.json) writeJson(analysis, process.stdout), process.stdout.write('\n');
    else process.stderr.write(formatError(analysis));
    return 2;
  }
  const bad = args.json ? writeJson(analysis, process.stdout) : nonFinite(analysis.numbers ?? {}) + nonFinite(analysis.jacobian.values ?? {});
  process.stdout.write(args.json ? '\n' : formatReport(analysis, args.options.numeric === true) + (args.explain ? formatExplain(analysis) : ''));
  let code = 0;
  if (bad) {
    process.stderr.write(`kronecker-lens: ${bad} computed value${bad === 1 ? ' is' : 's are'} not finite (an overflow or 0/0)${args.json ? ' and printed as null' : ''}\n`);
    code = 1;
  }
  if (analysis.check && !analysis.check.passed) {
    process.stderr.write(`kronecker-lens: the check failed: max. relative error ${analysis.check.maxRelError} over the tolerance ${analysis.check.tolerance}\n`);
    code = 1;
  }
  return code;
}

// A closed pipe (`… | head`) ends the output quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});
process.exitCode = run(process.argv.slice(2));
