// The public entry: text (or a parsed program) + options → Analysis. Never throws on user
// input: a UserError becomes `{ok: false, error}`; an internal bug is reported the same way.

import type { Analysis, AnalysisError, AnalysisOk, AnalyzeOptions } from './analysis';
import { UserError, type Expr, type Program } from './ast';
import { symbolicGradient } from './calculus/gradient';
import { genericParts, isGeneric } from './ops/elementwise';
import { readable } from './ast/names';
import { children } from './ast/walk';
import { differentiate } from './calculus/jacobian';
import { NOTATIONS, isNotation, type Notation, type NotationEntry } from './notations';
import { detectNotation } from './notations/detect';
import { prepare, type Prepared } from './prepare';
import { Renderer } from './present/renderer';
import { costOf, layoutsOf } from './report/conventions';
import { derivation } from './report/derivation';
import { gradientForms, outputRef, planGradient, type GradientPlan } from './report/gradient';
import { computeNumbers } from './report/numbers';
import { shareInJacobian, shareRepeated } from './report/share';
import { pytorchRows } from './report/rowForm';
import { definitionOf, jacobianInfo, outputInfo, variablesInfo } from './report/symbolic';

export type { Notation };

/** The notation asked for, or the one the text is written in. */
export function notationOf(input: string, asked: AnalyzeOptions['notation']): Notation {
  return isNotation(asked) ? asked : detectNotation(input);
}

/** Options as given by any caller (JSON, a webview): wrong types are user errors, not crashes. */
function checkedOptions(o: unknown): AnalyzeOptions {
  if (o === undefined || o === null) return {};
  if (typeof o !== 'object' || Array.isArray(o)) throw new UserError('options must be an object', 0, 0);
  const { wrt, shapes, values, seed, loss, defaultLoss, denseLimit } = o as Record<string, unknown>;
  if (wrt !== undefined && !(Array.isArray(wrt) && wrt.every((w) => typeof w === 'string'))) throw new UserError('wrt must be a list of variable names', 0, 0);
  if (shapes !== undefined && (typeof shapes !== 'object' || shapes === null || Object.values(shapes).some((d) => !Array.isArray(d)))) {
    throw new UserError('shapes must map names to [rows, cols]', 0, 0);
  }
  if (values !== undefined && (typeof values !== 'object' || values === null || Array.isArray(values))) throw new UserError('values must map names to numbers', 0, 0);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UserError('seed must be a whole number', 0, 0);
  if (loss !== undefined && typeof loss !== 'string') throw new UserError('loss must be sse, xent or an expression', 0, 0);
  if (defaultLoss !== undefined && typeof defaultLoss !== 'string') throw new UserError('defaultLoss must be sse, xent or an expression', 0, 0);
  if (denseLimit !== undefined && !(typeof denseLimit === 'number' && denseLimit >= 0)) throw new UserError('denseLimit must be a number ≥ 0', 0, 0);
  return o as AnalyzeOptions;
}

export function analyze(input: string, options: AnalyzeOptions = {}): Analysis {
  try {
    const text = String(input ?? '');
    options = checkedOptions(options);
    const notation = notationOf(text, options.notation);
    return analyzeProgram(NOTATIONS[notation].parse(text), text, notation, options);
  } catch (e) {
    return failure(input, e);
  }
}

export function analyzeProgram(program: Program, source: string, notation: Notation, options: AnalyzeOptions = {}): Analysis {
  try {
    return run(program, source, notation, checkedOptions(options)).analysis;
  } catch (e) {
    return failure(source, e);
  }
}

/** The Analysis and what it was made from, for the exporters (which print the same trees). */
export interface Run {
  readonly analysis: AnalysisOk;
  readonly prepared: Prepared;
  readonly plan: GradientPlan;
}

/** As `analyzeProgram`, keeping the intermediate products; user errors throw UserError. */
export const runProgram = (program: Program, source: string, notation: Notation, options: AnalyzeOptions): Run =>
  run(program, source, notation, checkedOptions(options));

function run(program: Program, source: string, notation: Notation, options: AnalyzeOptions): Run {
  const octave = (NOTATIONS[notation] as NotationEntry).octaveSums;
  const p = prepare(octave ? { ...program, octaveSums: octave } : program, source, options);
  const r = new Renderer(p.shapes, p.names);
  const plan = planGradient(p, options, r);
  const y = outputRef(p);
  const taken = new Set([...p.variables, ...plan.extra.keys(), y.name]);
  const shared = shareInJacobian(differentiate(p.linked.output, p.wrt, p.shapes), new Set(taken), [y]);
  const blocks = shared.blocks;
  const definition = definitionOf(p, r);
  const jacobian = jacobianInfo(shared, p, r);
  const raw = symbolicGradient(plan.target, plan.seed, p.wrt, p.shapes, p.names.adjoint);
  const forms = shareRepeated(raw, taken, [y], shared.shared);
  const { gradient, gradientDefinitions } = gradientForms(p, forms, r);
  const rows = pytorchRows(p, forms);
  const output = outputInfo(p, r);
  const result: AnalysisOk = {
    ok: true,
    input: source,
    notation,
    definition,
    output,
    symbols: p.names,
    variables: variablesInfo(p, r),
    wrt: [...p.wrt],
    dims: p.dims,
    jacobian,
    gradient,
    gradientDefinitions,
    loss: plan.loss,
    derivation: derivation(p, blocks, { definition, jacobian, gradient, gradientDefinitions }, plan, r),
    cost: costOf({ jacobian }),
    layouts: layoutsOf(p, blocks, { jacobian, gradient, output }, plan, r, rows),
    notes: [...(program.notes ?? []), ...p.notes],
  };
  if (!options.numeric) return { analysis: result, prepared: p, plan };
  const generic = genericFunctionsIn(p.linked.output);
  if (generic.length) {
    result.notes.push(`No numbers: ${generic.join(', ')} ${generic.length > 1 ? 'are generic functions' : 'is a generic function'} (read as elementwise, derivative ${generic.map((g) => `${g}′`).join(', ')}); numbers need a concrete function such as σ, tanh or ReLU.`);
    return { analysis: result, prepared: p, plan };
  }
  const n = computeNumbers(p, blocks, plan, forms, rows.forms, options);
  // Symbolic sizes keep their symbolic counts; the numbers then use the sizes chosen in the notes.
  const concrete = typeof jacobian.denseCount === 'number';
  result.jacobian = concrete
    ? { ...jacobian, nnz: n.nnz, bytes: n.bytes, denseBytes: (jacobian.denseCount as number) * 8, values: n.values }
    : { ...jacobian, values: n.values };
  result.jacobian.check = n.checks.jacobian;
  result.jacobian.blocks.forEach((b, i) => {
    b.check = n.checks.blocks[i];
    if (concrete) b.nnz = n.blockNnz[i] as number;
  });
  for (const [w, v] of Object.entries(n.gradient)) {
    const g = gradient?.[w];
    if (g) Object.assign(g, { values: v, check: n.checks.gradient[w] });
  }
  if (concrete && result.cost) result.cost = { ...result.cost, structuredEntries: n.nnz, structuredBytes: n.bytes };
  // δ's are checked; a shared name is a part of the formulas that use it, checked with them
  const deltaCheck = new Map(forms.definitions.map((d, i) => [d.name, n.checks.definitions[i]]));
  gradientDefinitions?.forEach((d) => (d.check = deltaCheck.get(d.name)));
  if (result.layouts) result.layouts.pytorch.check = n.checks.pytorch;
  result.numbers = n.numbers;
  result.check = n.checks.check;
  result.notes.push(...n.notes);
  return { analysis: result, prepared: p, plan };
}

/** Names of the generic functions (`f`, `φ`) an expression applies, each once. */
function genericFunctionsIn(e: Expr, out: Set<string> = new Set()): string[] {
  if (e.kind === 'apply' && isGeneric(e.fn)) out.add(readable(genericParts(e.fn)[0]));
  for (const c of children(e.kind === 'ref' ? e.def : e)) genericFunctionsIn(c, out);
  if (e.kind === 'ref') genericFunctionsIn(e.def, out);
  return [...out];
}

export function failure(input: string, e: unknown): AnalysisError {
  const text = typeof input === 'string' ? input : '';
  if (e instanceof UserError) return { ok: false, input: text, error: { message: e.message, start: e.start, end: e.end } };
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, input: text, error: { message: `internal error: ${message}`, start: 0, end: text.length } };
}
