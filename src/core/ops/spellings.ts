// The front-ends' tables, derived from the catalogue: which word, macro or library name builds
// which node. Nothing here names an operation; the entries do.

import type { ElementwiseFn, Expr, Range } from '../ast';
import { ELEMENTWISE, ELEMENTWISE_NAMES, primedOf } from './elementwise';
import { NODE_OPS, type NodeOpName } from './nodes';
import type { NodeOp, Spellings } from './types';
import { dict } from '../keys';

export type Builder = (args: readonly Expr[], range: Range) => Expr;

/** What a spelling stands for: an elementwise function, or an operation with its own node. */
export type OpRef = { readonly k: 'apply'; readonly fn: ElementwiseFn } | { readonly k: 'node'; readonly op: NodeOp };

const NODE_NAMES = Object.keys(NODE_OPS) as NodeOpName[];

const ALL: ReadonlyArray<readonly [Spellings, OpRef]> = [
  ...ELEMENTWISE_NAMES.map((fn) => [ELEMENTWISE[fn].spell, { k: 'apply', fn }] as const),
  ...NODE_NAMES.map((n) => [NODE_OPS[n].spell, { k: 'node', op: NODE_OPS[n] }] as const),
];

function table(pick: (s: Spellings) => readonly string[] | undefined): Readonly<Record<string, OpRef>> {
  const out: Record<string, OpRef> = {};
  for (const [s, ref] of ALL) for (const name of pick(s) ?? []) out[name] = ref;
  return dict(out);
}

function one(args: readonly Expr[]): Expr {
  const [a] = args;
  if (args.length !== 1 || !a) throw new Error('arity is checked by the caller');
  return a;
}

/** The node `ref` builds from its arguments (their number checked by the caller against `arityOf`). */
export function build(ref: OpRef, args: readonly Expr[], range: Range): Expr {
  if (ref.k === 'apply') return { kind: 'apply', fn: ref.fn, arg: one(args), range };
  if (ref.op.construct) return ref.op.construct(args, range);
  if (ref.op.arity === 2) return { kind: ref.op.kind, left: args[0] as Expr, right: args[1] as Expr, range } as Expr;
  return { kind: ref.op.kind, arg: one(args), range } as Expr;
}

export const arityOf = (ref: OpRef): number => (ref.k === 'apply' ? 1 : ref.op.arity);

const MATH = table((s) => s.math);

/** A function word: its arguments (`most` when a dimension may follow them) and how it builds its node. */
export interface FunctionWord {
  readonly arity: number;
  readonly most: number;
  readonly build: Builder;
}

/** A function word in math notation (or in `\operatorname{…}`): exact, else lower-cased. */
export function lookupFunction(name: string): FunctionWord | undefined {
  const ref = MATH[name] ?? MATH[name.toLowerCase()];
  if (!ref) return undefined;
  const arity = arityOf(ref);
  return { arity, most: arity + (ref.k === 'node' && ref.op.dimension ? 1 : 0), build: (args, range) => build(ref, args, range) };
}

/** What is wrong with calling `name` with `n` arguments, or undefined when nothing is. */
export function arityError(name: string, fn: FunctionWord, n: number): string | undefined {
  if (n >= fn.arity && n <= fn.most) return undefined;
  const takes = fn.most > fn.arity ? `${fn.arity} or ${fn.most} arguments` : `${fn.arity} argument${fn.arity > 1 ? 's' : ''}`;
  return `${name} takes ${takes}, not ${n}`;
}

/** LaTeX function macros → the math word they stand for (`\tr` → `trace`), looked up as above. */
export const LATEX_MACROS: Readonly<Record<string, string>> = dict(Object.fromEntries(
  ALL.flatMap(([s]) => s.latex.map((macro) => [macro, s.math[0] ?? ''] as const)),
));

/** Python library functions and tensor methods by last name. */
export const PYTHON_FUNCTIONS = table((s) => s.python);

/** torch.nn activation modules by class name. */
export const PYTHON_MODULES: Readonly<Record<string, ElementwiseFn>> = dict(Object.fromEntries(
  ELEMENTWISE_NAMES.flatMap((fn) => (ELEMENTWISE[fn].spell.module ?? []).map((cls) => [cls, fn] as const)),
));

export { primedOf };

/** The functions a user may call, for messages and docs: each operation's first math word. */
export const SUPPORTED_FUNCTIONS: readonly string[] = ALL.flatMap(([s]) => s.math.slice(0, 1));
