// Functions defined in the same file: `def gelu(x): return 0.5*x*(1 + torch.tanh(…))` or
// `f = lambda x: 1.0/(1.0 + np.exp(-x))`, then `y = gelu(W @ x + b)`. The body is read, never run:
// each argument is bound to a name of its own (`x_gelu = W @ x + b`) and the body translated in
// place of the call, so the derivative is the body's. A body that is not a straight line of
// assignments and a return (a loop, a branch on values) is refused at the call, naming the function.

import { UserError, type Expr, type Range } from '../../ast';
import { Names } from './facts';
import { at, bind } from './inline';
import type { PyExpr, PyStmt } from './syntax';
import { bindingKey, Translator } from './translate';

export interface FunctionInfo {
  readonly name: string;
  readonly params: readonly string[];
  /** Straight-line assignments, then the value returned; absent when the body cannot be read (`why`). */
  readonly body?: { readonly steps: readonly PyStmt[]; readonly result: PyExpr };
  readonly why?: string;
  /** Its source: what a definition calling it depends on. */
  readonly text: string;
}

/** Calls inlined inside one another at the most (a function calling itself is refused before this). */
const MAX_DEPTH = 16;

/** The `def` at `stmts[at]`, its body up to `to`. */
export function functionOf(stmts: readonly PyStmt[], at: number, to: number, text: string): FunctionInfo {
  const def = stmts[at] as Extract<PyStmt, { k: 'def' }>;
  const source = text.slice(def.range.start, (stmts[to - 1] as PyStmt).range.end);
  const base = { name: def.name, params: def.params.map((p) => p.name), text: source };
  const steps: PyStmt[] = [];
  for (let k = at + 1; k < to; k++) {
    const s = stmts[k] as PyStmt;
    if (s.k === 'expr' && s.value.k === 'str') continue; // a docstring
    if (s.k === 'return' && s.value && s.indent === (stmts[at + 1] as PyStmt).indent && k === to - 1) return { ...base, body: { steps, result: s.value } };
    if (s.k !== 'assign' || s.targets.length !== 1 || bindingKey(s.targets[0] as PyExpr) === undefined) break;
    steps.push(s);
  }
  return { ...base, why: 'is not a straight line of assignments ending in a return (a loop, a branch, a tuple, …)' };
}

/** `f = lambda x: body`. */
export function lambdaOf(name: string, e: Extract<PyExpr, { k: 'lambda' }>, source: string): FunctionInfo {
  return { name, params: e.params, body: { steps: [], result: e.body }, text: source };
}

/** `fn(args)` with `fn` a function of the file: the expression its body computes. */
export function inlineFunction(t: Translator, fn: FunctionInfo, args: readonly PyExpr[], call: Range): Expr {
  const calling = t.ctx.calling ?? [];
  if (calling.includes(fn.name)) throw UserError.at(`${fn.name}, defined in this file, calls itself: a recursive function cannot be read as one expression`, call);
  if (calling.length >= MAX_DEPTH) throw UserError.at(`${fn.name}: functions call one another more than ${MAX_DEPTH} deep`, call);
  if (!fn.body) throw UserError.at(`${fn.name}, defined in this file, ${fn.why}: its body cannot be read as one expression (it is never run)`, call);
  if (args.length !== fn.params.length) {
    throw UserError.at(`${fn.name} takes ${fn.params.length} argument${fn.params.length === 1 ? '' : 's'}, here given ${args.length}`, call);
  }
  const values = args.map((a) => t.expr(a));
  const env = new Map<string, string>();
  // a parameter hides a module constant of its name
  const names = fn.params.some((p) => t.ctx.names.constants.has(p)) ? new Names(t.ctx.names) : t.ctx.names;
  for (const p of fn.params) if (names !== t.ctx.names) names.constants.delete(p);
  const sub = new Translator({ ...t.ctx, names, env, calling: [...calling, fn.name] });
  const mark = t.ctx.prelude.length;
  fn.params.forEach((p, i) => env.set(p, bind(t, at(values[i] as Expr, call), `${p}_${fn.name}`, call)));
  try {
    for (const s of fn.body.steps) {
      if (s.k !== 'assign') continue;
      const target = s.targets[0] as PyExpr;
      const value = sub.expr(s.op ? { k: 'bin', op: s.op, left: target, right: s.value, range: s.range } : s.value);
      const key = bindingKey(target) as string;
      env.set(key, bind(sub, at(value, call), `${key}_${fn.name}`, call));
    }
    t.ctx.notes.add(`${fn.name} is a function of this file: its body is read in place of each call (it is never run).`);
    return at(sub.expr(fn.body.result), call);
  } catch (e) {
    if (!(e instanceof UserError) || (e.start === call.start && e.end === call.end)) throw e;
    throw UserError.at(`in ${fn.name}, defined in this file: ${e.message}`, call);
  } finally {
    for (let k = mark; k < t.ctx.prelude.length; k++) {
      const p = t.ctx.prelude[k]!;
      t.ctx.prelude[k] = { ...p, expr: at(p.expr, call), range: call };
    }
  }
}
