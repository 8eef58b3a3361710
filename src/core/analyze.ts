// The public entry: text (or a parsed program) + options → Analysis. Never throws on user
// input: a UserError becomes `{ok: false, error}`; an internal bug is reported the same way.

import type { Analysis, AnalysisError, AnalysisOk, AnalyzeOptions } from './analysis';
import { UserError, type Program } from './ast';
import { differentiate } from './calculus/jacobian';
import { parseLatex } from './parse/latex';
import { parseMath } from './parse/math';
import { detectNotation, type Notation } from './parse/notation';
import { parsePython } from './parse/python';
import { prepare } from './prepare';
import { Renderer } from './render';
import { derivation } from './report/derivation';
import { gradientForms, planGradient } from './report/gradient';
import { computeNumbers } from './report/numbers';
import { definitionOf, jacobianInfo, outputInfo, variablesInfo } from './report/symbolic';

export type { Notation };

export const FRONT_ENDS: { readonly [N in Notation]: (text: string) => Program } = {
  math: (text) => parseMath(text),
  latex: (text) => parseLatex(text),
  python: (text) => parsePython(text),
};

/** The notation asked for, or the one the text is written in. */
function notationOf(input: string, asked: AnalyzeOptions['notation']): Notation {
  return asked === 'math' || asked === 'latex' || asked === 'python' ? asked : detectNotation(input);
}

export function analyze(input: string, options: AnalyzeOptions = {}): Analysis {
  try {
    const text = String(input ?? '');
    const notation = notationOf(text, options.notation);
    return analyzeProgram(FRONT_ENDS[notation](text), text, notation, options);
  } catch (e) {
    return failure(input, e);
  }
}

export function analyzeProgram(program: Program, source: string, notation: Notation, options: AnalyzeOptions = {}): Analysis {
  try {
    return run(program, source, notation, options);
  } catch (e) {
    return failure(source, e);
  }
}

function run(program: Program, source: string, notation: Notation, options: AnalyzeOptions): AnalysisOk {
  const p = prepare(program, source, options);
  const r = new Renderer(p.shapes);
  const blocks = differentiate(p.linked.output, p.wrt, p.shapes);
  const plan = planGradient(p, options.loss, r);
  for (const [name, s] of plan.extra) p.shapes.vars.set(name, s);
  const definition = definitionOf(p, r);
  const jacobian = jacobianInfo(blocks, p, r);
  const { gradient, gradientDefinitions } = gradientForms(p, plan, r);
  const result: AnalysisOk = {
    ok: true,
    input: source,
    notation,
    definition,
    output: outputInfo(p, r),
    variables: variablesInfo(p, r),
    wrt: [...p.wrt],
    dims: p.dims,
    jacobian,
    gradient,
    gradientDefinitions,
    loss: plan.loss,
    derivation: derivation(p, { definition, jacobian, gradient, gradientDefinitions }, r),
    notes: [...(program.notes ?? [])],
  };
  if (!options.numeric) return result;
  const n = computeNumbers(p, blocks, plan, options);
  const denseBytes = typeof jacobian.denseCount === 'number' ? jacobian.denseCount * 8 : undefined;
  result.jacobian = { ...jacobian, nnz: n.nnz, bytes: n.bytes, denseBytes, values: n.values };
  for (const [w, v] of Object.entries(n.gradient)) {
    const g = gradient?.[w];
    if (g) g.values = v;
  }
  result.numbers = n.numbers;
  result.check = n.check;
  result.notes.push(...n.notes);
  return result;
}

function failure(input: string, e: unknown): AnalysisError {
  const text = typeof input === 'string' ? input : '';
  if (e instanceof UserError) return { ok: false, input: text, error: { message: e.message, start: e.start, end: e.end } };
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, input: text, error: { message: `internal error: ${message}`, start: 0, end: text.length } };
}
