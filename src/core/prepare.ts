// From a parsed program to what every later pass needs: linked expressions, every shape
// (inferred or named symbolically), and the variables to differentiate by.

import { NO_RANGE, UserError, type Expr, type Program } from './ast';
import { children } from './ast/walk';
import type { AnalyzeOptions } from './analysis';
import { defaultParameters, variablesOf } from './calculus/parameters';
import { parseValue } from './numeric/values';
import type { Mat } from './numeric/matrix';
import { constantNamed, greekOf, guessedScalar, readable } from './ast/names';
import { declaredProducts } from './ast/declaredProducts';
import { link, type Linked } from './ast/link';
import { constPoly, isOne, parsePoly, substitute, symPoly } from './shape/dim';
import { constantsAsNodes } from './shape/identity';
import { onesSized } from './shape/ones';
import { rightDivisionsAsInverse } from './shape/division';
import { broadcastNotes } from './shape/broadcast';
import { softmaxAxisNotes } from './shape/softmaxAxis';
import { wholeSumNotes } from './shape/wholeSums';
import { namesIn } from './ast/query';
import { ShapeTable, type KnownShape } from './shape/infer';
import { introducedNames, type IntroducedNames } from './ast/introduced';
import type { Shape } from './shape/rules';

export interface Prepared {
  readonly linked: Linked;
  readonly shapes: ShapeTable;
  /** Symbolic sizes and what they stand for. */
  readonly dims: Record<string, string>;
  readonly variables: readonly string[];
  readonly wrt: readonly string[];
  readonly userValues: ReadonlyMap<string, Mat>;
  /** The program's one-hot matrices of integer indices (never differentiated; one-hot values). */
  readonly indices: ReadonlySet<string>;
  /** The names of the symbols the tool introduces (y, L, g, t, δ, K), none of them one of the user's. */
  readonly names: IntroducedNames;
  /** Readings the user should know of (a guessed scalar that became a vector). */
  readonly notes: readonly string[];
}

/** `e^A`, `\\exp(A)` of a matrix: read entry by entry, which is not the matrix exponential; say so. */
function elementwiseExp(e: Expr, shapes: ShapeTable, out: Set<string>): Set<string> {
  if (e.kind === 'apply' && e.fn === 'exp') {
    const s = shapes.shape(e.arg);
    if (!isOne(s.rows) && !isOne(s.cols)) out.add(`exp of the matrix ${shapes.text(e.arg)} is read entry by entry, not as the matrix exponential, which is not supported.`);
  }
  for (const c of children(e)) elementwiseExp(c, shapes, out);
  return out;
}

/** `μ + x`, `x ⊙ γ`, `Xβ`: the letter suggested a scalar, its use made it a vector; say so. */
function widenedScalars(shapes: ShapeTable, variables: readonly string[], bold: readonly string[] = []): string[] {
  return variables.filter((v) => guessedScalar(v) && !bold.includes(v) && shapes.sources.get(v) === 'inferred').flatMap((v) => {
    const s = shapes.vars.get(v);
    if (!s || (isOne(s.rows) && isOne(s.cols))) return [];
    const name = readable(v);
    return [`${name} is read as ${isOne(s.cols) ? 'a vector' : 'a matrix'} by how it is used (added to a vector, ⊙ with one, or after a matrix as in Xβ); declare ${name} ∈ ℝ to make it a scalar.`];
  });
}

/** Declared symbolic sizes are unknowns that keep their name (`?m`), so values can fix them; a free
 *  size (Program.freeSizes) is one that inference may bind too (`?=m`). */
const declaredDim = (d: number | string, free: ReadonlySet<string> = new Set()) =>
  (typeof d === 'number' ? constPoly(d) : substitute(parsePoly(d), (s) => symPoly(free.has(s) ? `?=${s}` : `?${s}`)));
const concrete = (rows: number, cols: number): Shape => ({ rows: constPoly(rows), cols: constPoly(cols) });

function shapeTable(program: Program, source: string, options: AnalyzeOptions, values: ReadonlyMap<string, Mat>): ShapeTable {
  const declared = new Map<string, KnownShape>();
  const free = new Set(program.freeSizes);
  for (const d of program.declarations) {
    declared.set(d.name, { shape: { rows: declaredDim(d.shape[0], free), cols: declaredDim(d.shape[1], free) }, source: 'declared' });
  }
  const table = new ShapeTable(declared, source, new Set(program.bold));
  for (const [name, v] of values) table.constrain(name, concrete(v.rows, v.cols), 'values', 'its values');
  for (const [name, dims] of Object.entries(options.shapes ?? {})) {
    if (dims.length < 1 || dims.length > 2 || dims.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new UserError(`shape of ${name}: expected one or two positive whole numbers, got [${dims.join(', ')}]`, 0, 0);
    }
    table.constrain(name, concrete(dims[0] as number, dims[1] ?? 1), 'option', 'the sizes given for it');
  }
  for (const name of program.matrices ?? []) table.guessMatrix(name);
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

/** `y = Wx \in ℝ^3`, `H \in ℝ^{n×h}` beside `H = φ(XW + b)`: the declarations of assigned names, whose
 *  value the declared size holds (it was dropped). A name assigned twice, or used before it is
 *  assigned (x = f(x), an input's declaration), is left out: its declaration is the input's. */
function declaredSteps(program: Program): Map<string, Program['declarations'][number]> {
  const out = new Map<string, Program['declarations'][number]>();
  const used = new Set<string>();
  const assigned = new Map<string, number>();
  for (const a of program.assignments) {
    namesIn(a.expr, used);
    if (a.name !== undefined && !used.has(a.name)) assigned.set(a.name, (assigned.get(a.name) ?? 0) + 1);
    else if (a.name !== undefined) assigned.set(a.name, 2);
  }
  for (const d of program.declarations) if (assigned.get(d.name) === 1) out.set(d.name, d);
  return out;
}

function holdToDeclared(d: Program['declarations'][number], expr: Expr, s: Shape, shapes: ShapeTable): void {
  const declared = shapes.variable(d.name, d.range);
  const fail = () => `${d.name} is declared ${shapes.fmt(declared)}, but its definition ${shapes.text(expr)} is ${shapes.fmt(s)}`;
  shapes.unify(s.rows, declared.rows, fail, d.range);
  shapes.unify(s.cols, declared.cols, fail, d.range);
}

/** `w \cdot x`, `s I_n`: a lower-case name is a vector or a number by convention; when nothing but
 *  a product made it a matrix (the dot product w·x read as w x), say so. */
function lowerCaseMatrices(shapes: ShapeTable, variables: readonly string[]): string[] {
  return variables.filter((v) => /^[a-z]/.test(v) && !greekOf(v) && shapes.sources.get(v) === 'inferred').flatMap((v) => {
    const s = shapes.vars.get(v);
    if (!s || isOne(s.rows) || isOne(s.cols)) return [];
    return [`${v} is read as a matrix (${shapes.fmt(s)}), as the product it stands in needs, though a lower-case name is usually a vector or a number; declare ${v}'s size if that is not meant (a dot product of vectors is ${v}ᵀ times the other).`];
  });
}

/** `I_t` beside `C_{t-1}` (C_tm1), `X_t`: the other name whose subscript has I's letter, and whether the
 *  letter steps there (t−1, t+1), which makes it an index, never a size (an LSTM's input gate I_t). */
function indexOf(eye: string, names: ReadonlySet<string>): { in: string; steps: boolean } | undefined {
  const letter = /^I_([A-Za-z])$/.exec(eye)?.[1];
  if (!letter) return undefined;
  const subscripts = (n: string) => n.split('_').slice(1);
  const others = [...names].filter((n) => n !== eye);
  const stepped = others.find((n) => subscripts(n).some((s) => new RegExp(`^${letter}[mp]\\d+$`).test(s)));
  if (stepped) return { in: stepped, steps: true };
  const shared = others.find((n) => subscripts(n).includes(letter));
  return shared ? { in: shared, steps: false } : undefined;
}

/** The names read as constants: `I`, `I_n`, `I_3` (the identity) and `𝟏` (the ones), unless the user
 *  made them theirs (declared them, gave values or a size), which a note says. */
function constants(program: Program, options: AnalyzeOptions, values: ReadonlyMap<string, Mat>): { names: Set<string>; notes: string[] } {
  const used = new Set<string>();
  for (const a of program.assignments) namesIn(a.expr, used);
  const names = new Set<string>();
  const notes: string[] = [];
  for (const name of used) {
    const constant = constantNamed(name);
    if (!constant || program.ownNames?.includes(name)) continue;
    if (program.declarations.some((d) => d.name === name) || values.has(name) || options.shapes?.[name]) {
      notes.push(`${name} is given a size or values, so it is a variable of yours, not the ${constant.kind === 'eye' ? 'identity' : 'ones'} it would be otherwise.`);
      continue;
    }
    const index = constant.kind === 'eye' ? indexOf(name, used) : undefined;
    if (index?.steps) {
      notes.push(`${name} is read as a variable of yours, not the identity: its subscript is an index that steps in ${readable(index.in)}.`);
      continue;
    }
    if (index) notes.push(`${name} is read as the identity, though its subscript also indexes ${readable(index.in)}; declare ${name}'s size if it is a variable.`);
    names.add(name);
  }
  return { names, notes };
}

/**
 * A constant's sizes, before inference: an identity is square; a size its name gives (`I_3`,
 * `eye(n)`, `ones(m, 1)`) is that number, or the size the user's declarations name so. A size named
 * nowhere else is an unknown that keeps its name (`?=n`): declared sizes are fixed by values and
 * options only, and `eye(n)` beside `--shape X=4x3` must take n = 3, not refuse.
 */
function sizeConstants(names: ReadonlySet<string>, declarations: Program['declarations'], shapes: ShapeTable): void {
  const declaredSizes = new Set(declarations.flatMap((d) => d.shape.filter((x): x is string => typeof x === 'string')));
  for (const name of names) {
    const constant = constantNamed(name);
    if (!constant) continue;
    const s = shapes.variable(name, NO_RANGE);
    if (constant.kind === 'eye') shapes.unify(s.rows, s.cols, () => `${name} is the identity, so it must be square, but here it is ${shapes.fmt(s)}`, NO_RANGE);
    constant.shape?.forEach((d, i) => {
      const size = typeof d === 'string' && !declaredSizes.has(d) ? symPoly(`?=${d}`) : declaredDim(d);
      shapes.unify(i === 0 ? s.rows : s.cols, size, () => `${name} is ${constant.shape?.join('×')}, but here it is ${shapes.fmt(s)}`, NO_RANGE);
    });
  }
}

/** A flat list is a column, unless its name is declared a row (a 1-D tensor in PyTorch's row
 *  convention): a flat list has no orientation, so its entries fill that row. */
function flatAsDeclaredRow(program: Program, name: string, raw: unknown, m: Mat): Mat {
  const d = program.declarations.find((x) => x.name === name);
  const flat = Array.isArray(raw) && raw.every((v) => typeof v === 'number');
  return flat && m.rows > 1 && d?.shape[0] === 1 && d.shape[1] !== 1 ? { ...m, rows: 1, cols: m.rows } : m;
}

/** Sizes or values given for a name the expression does not have (a typo, W2 for W_2) are not
 *  used; said, so that the answer is not read as one with them. A loss's target and upstream
 *  gradient (t, g) may be given without being in the expression. */
function unusedOptions(options: AnalyzeOptions, names: readonly string[], loss: readonly string[]): string[] {
  const has = new Set([...names, ...loss]);
  const unused = (given: object | undefined) => Object.keys(given ?? {}).filter((n) => !has.has(n));
  const what = [['sizes', unused(options.shapes)], ['values', unused(options.values)]] as const;
  return what.filter(([, given]) => given.length).map(([kind, given]) =>
    `The ${kind} given for ${given.join(', ')} are not used: not a name of the expression (${names.join(', ')}).`);
}

export function prepare(given: Program, source: string, options: AnalyzeOptions): Prepared {
  checkDeclarations(given);
  const declared = new Set([...given.declarations.map((d) => d.name), ...Object.keys(options.shapes ?? {}), ...Object.keys(options.values ?? {})]);
  const userValues = new Map(Object.entries(options.values ?? {}).map(([k, v]) => [k, flatAsDeclaredRow(given, k, v, parseValue(k, v))] as const));
  const program = declaredProducts(given, declared);
  const eyes = constants(program, options, userValues);
  let linked = link(program);
  const shapes = shapeTable(program, source, options, userValues);
  sizeConstants(eyes.names, program.declarations, shapes);
  const declaredStep = declaredSteps(program);
  for (const step of linked.steps) {
    const s = shapes.of(step.expr);
    const d = step.name === undefined ? undefined : declaredStep.get(step.name);
    if (d) holdToDeclared(d, step.expr, s, shapes);
  }
  linked = rightDivisionsAsInverse(linked, shapes);
  const found = variablesOf(linked.output);
  const variables = found.filter((v) => !eyes.names.has(v));
  if (variables.length === 0) {
    throw UserError.at('this expression has no variables, so there is nothing to differentiate', linked.output.range);
  }
  const taken = new Set([...variables, ...program.declarations.map((d) => d.name)]);
  const dims = shapes.freeze([...variables, ...found.filter((v) => eyes.names.has(v))], taken);
  linked = onesSized(constantsAsNodes(linked, shapes, eyes.names), shapes);
  for (const name of eyes.names) shapes.forget(name);
  const isMatrix = (name: string) => {
    const s = shapes.vars.get(name);
    return !!s && !isOne(s.rows) && !isOne(s.cols);
  };
  const indices = new Set(program.indices ?? []);
  const wrt = options.wrt?.length ? options.wrt : defaultParameters(linked.output, isMatrix).filter((v) => !indices.has(v));
  for (const w of wrt) {
    if (indices.has(w)) {
      throw new UserError(`cannot differentiate by '${w}': it is the one-hot matrix of integer indices, which have no derivative`, linked.output.range.start, linked.output.range.end);
    }
    if (!variables.includes(w)) {
      throw new UserError(`cannot differentiate by '${w}': it is not a variable of the output (its variables are ${variables.join(', ') || 'none'})`, linked.output.range.start, linked.output.range.end);
    }
  }
  // the expression's names only: values or a declaration for t (or g) with no use in it are the loss's target's
  const users = [...variables, ...linked.steps.flatMap((s) => (s.name ? [s.name] : []))];
  const names = introducedNames(users, linked.outputName);
  return { linked, shapes, dims, variables, wrt, userValues, indices, names, notes: [...unusedOptions(options, [...new Set([...users, ...found])], [names.target, names.upstream]), ...eyes.notes, ...shapes.notes, ...widenedScalars(shapes, variables, program.bold), ...lowerCaseMatrices(shapes, variables), ...(given.expEntrywise ? [] : elementwiseExp(linked.output, shapes, new Set())), ...broadcastNotes(linked.output, shapes), ...softmaxAxisNotes(linked.output, shapes), ...(given.octaveSums ? wholeSumNotes(linked.output, shapes) : [])] };
}
