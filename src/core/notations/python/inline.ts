// Modules defined in the same file: `self.mlp = MLP(config)` then `self.mlp(x)` inlines
// `MLP.forward` (or `__call__`), statement by statement, as assignments named after the attribute
// (`x_mlp`, `x_mlp_1`, …); its own layers' parameters are named with the attribute as a prefix
// (`self.c_fc` of `self.mlp` → W_mlp_c_fc). A forward that is not a straight line of assignments
// and a return is refused at the call, naming the class. Every inlined node carries the range of
// the call, so that a site does not point into another class's text.

import { UserError, type Expr, type Range } from '../../ast';
import { mapChildren } from '../../ast/walk';
import type { ModuleEntry } from './modules';
import type { PyStmt } from './syntax';
import { baseName, bindingKey, Translator } from './translate';

export interface ClassInfo {
  readonly name: string;
  /** Its layers (`self.c_fc` → an nn.Linear) and instances of other classes of the file. */
  readonly modules: ReadonlyMap<string, ModuleEntry>;
  readonly instances: ReadonlyMap<string, ClassInfo>;
  /** `forward(self, x)`: its input's name and body; absent when it cannot be inlined (`why`). */
  readonly forward?: { readonly param: string; readonly body: readonly PyStmt[] };
  readonly why?: string;
  /** The class's source: what a module using it depends on. */
  readonly text: string;
}

/** What a class's forward is: its input and body, or why it cannot be inlined. */
export function forwardOf(stmts: readonly PyStmt[], from: number, to: number): Pick<ClassInfo, 'forward' | 'why'> {
  const at = stmts.findIndex((s, k) => k >= from && k < to && s.k === 'def' && (s.name === 'forward' || s.name === '__call__'));
  const def = stmts[at];
  if (at < 0 || def?.k !== 'def') return { why: 'has no forward method' };
  const inputs = def.params.filter((p) => p.name !== 'self');
  if (inputs.length !== 1) return { why: `takes ${inputs.length} inputs, not one` };
  const body: PyStmt[] = [];
  for (let k = at + 1; k < to && (stmts[k] as PyStmt).indent > def.indent; k++) {
    const s = stmts[k] as PyStmt;
    const straight = (s.k === 'assign' && s.targets.length === 1 && bindingKey(s.targets[0]!) !== undefined) || s.k === 'return' || (s.k === 'expr' && s.value.k === 'str');
    if (!straight) return { why: 'is not a straight line of assignments and a return (an if, a loop, a tuple, …)' };
    body.push(s);
  }
  return { forward: { param: (inputs[0] as { name: string }).name, body } };
}

/** `key(input)` where `key` holds an instance of `cls`: the expression its forward computes. */
export function inlineForward(t: Translator, key: string, cls: ClassInfo, input: Expr, call: Range): Expr {
  if (!cls.forward) throw UserError.at(`${key} is a ${cls.name}, defined in this file, whose forward ${cls.why}: analyse the lines of ${cls.name}.forward itself`, call);
  const prefix = baseName(key);
  const ctx = t.ctx;
  const modules = new Map(ctx.modules);
  for (const [k, m] of cls.modules) modules.set(k, { ...m, key: `self.${prefix}_${baseName(k)}`, range: call });
  const env = new Map(ctx.env);
  const sub = new Translator({ ...ctx, modules, instances: cls.instances, env });
  const mark = ctx.prelude.length;
  env.set(cls.forward.param, bind(t, input, `${cls.forward.param}_${prefix}`, call));
  try {
    for (const s of cls.forward.body) {
      if (s.k === 'return') return at(s.value ? sub.expr(s.value) : input, call);
      if (s.k !== 'assign') continue;
      const target = bindingKey(s.targets[0]!) as string;
      const value = s.op ? sub.expr({ k: 'bin', op: s.op, left: s.targets[0]!, right: s.value, range: s.range }) : sub.expr(s.value);
      env.set(target, bind(sub, at(value, call), `${baseName(target)}_${prefix}`, call));
    }
  } catch (e) {
    if (!(e instanceof UserError) || (e.start === call.start && e.end === call.end)) throw e;
    throw UserError.at(`${key} is a ${cls.name}: in ${cls.name}.forward, ${e.message}`, call);
  } finally {
    for (let k = mark; k < ctx.prelude.length; k++) {
      const p = ctx.prelude[k]!;
      ctx.prelude[k] = { ...p, expr: at(p.expr, call), range: call };
    }
  }
  throw UserError.at(`${key} is a ${cls.name}, whose forward returns nothing`, call);
}

/** A value given a name of its own in the chain (a name is kept as it is). */
export function bind(t: Translator, e: Expr, base: string, range: Range): string {
  if (e.kind === 'var') return e.name;
  const name = t.ctx.fresh(base);
  t.ctx.prelude.push({ name, expr: e, range });
  t.remember(name, e);
  return name;
}

/** `e` with every range set to `r` (the call it was inlined at). */
export function at(e: Expr, r: Range): Expr {
  return { ...mapChildren(e, (c) => at(c, r)), range: r } as Expr;
}
