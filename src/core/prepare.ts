// From a parsed program to what every later pass needs: linked expressions, every shape
// (inferred or named symbolically), and the variables to differentiate by.

import { UserError, type Program } from './ast';
import type { AnalyzeOptions } from './analysis';
import { defaultParameters, variablesOf } from './calculus/parameters';
import { parseValue } from './numeric/values';
import type { Mat } from './numeric/matrix';
import { link, type Linked } from './ast/link';
import { constPoly, isOne, symPoly } from './shape/dim';
import { ShapeTable, type KnownShape } from './shape/infer';
import type { Shape } from './shape/rules';

export interface Prepared {
  readonly linked: Linked;
  readonly shapes: ShapeTable;
  /** Symbolic sizes and what they stand for. */
  readonly dims: Record<string, string>;
  readonly variables: readonly string[];
  readonly wrt: readonly string[];
  readonly userValues: ReadonlyMap<string, Mat>;
}

/** Declared symbolic sizes are unknowns that keep their name (`?m`), so values can fix them. */
const declaredDim = (d: number | string) => (typeof d === 'number' ? constPoly(d) : symPoly(`?${d}`));
const concrete = (rows: number, cols: number): Shape => ({ rows: constPoly(rows), cols: constPoly(cols) });

function shapeTable(program: Program, source: string, options: AnalyzeOptions, values: ReadonlyMap<string, Mat>): ShapeTable {
  const declared = new Map<string, KnownShape>();
  for (const d of program.declarations) {
    declared.set(d.name, { shape: { rows: declaredDim(d.shape[0]), cols: declaredDim(d.shape[1]) }, source: 'declared' });
  }
  const table = new ShapeTable(declared, source);
  for (const [name, v] of values) table.constrain(name, concrete(v.rows, v.cols), 'values', 'its values');
  for (const [name, dims] of Object.entries(options.shapes ?? {})) {
    if (dims.length < 1 || dims.length > 2 || dims.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new UserError(`shape of ${name}: expected one or two positive whole numbers, got [${dims.join(', ')}]`, 0, 0);
    }
    table.constrain(name, concrete(dims[0] as number, dims[1] ?? 1), 'option', 'the sizes given for it');
  }
  return table;
}

/** The same name declared twice with different shapes is an error naming both. */
function checkDeclarations(program: Program): void {
  const seen = new Map<string, Program['declarations'][number]>();
  for (const d of program.declarations) {
    const prior = seen.get(d.name);
    if (prior && (prior.shape[0] !== d.shape[0] || prior.shape[1] !== d.shape[1])) {
      throw UserError.at(`${d.name} is declared ${d.shape.join('×')} here but ${prior.shape.join('×')} before`, d.range);
    }
    seen.set(d.name, d);
  }
}

export function prepare(program: Program, source: string, options: AnalyzeOptions): Prepared {
  checkDeclarations(program);
  const linked = link(program);
  const userValues = new Map(Object.entries(options.values ?? {}).map(([k, v]) => [k, parseValue(k, v)] as const));
  const shapes = shapeTable(program, source, options, userValues);
  for (const step of linked.steps) shapes.of(step.expr);
  const variables = variablesOf(linked.output);
  if (variables.length === 0) {
    throw UserError.at('this expression has no variables, so there is nothing to differentiate', linked.output.range);
  }
  const taken = new Set([...variables, ...program.declarations.map((d) => d.name)]);
  const dims = shapes.freeze(variables, taken);
  const isMatrix = (name: string) => {
    const s = shapes.vars.get(name);
    return !!s && !isOne(s.rows) && !isOne(s.cols);
  };
  const wrt = options.wrt?.length ? options.wrt : defaultParameters(linked.output, isMatrix);
  for (const w of wrt) {
    if (!variables.includes(w)) {
      throw new UserError(`cannot differentiate by '${w}': it is not a variable of the output (its variables are ${variables.join(', ') || 'none'})`, linked.output.range.start, linked.output.range.end);
    }
  }
  return { linked, shapes, dims, variables, wrt, userValues };
}
