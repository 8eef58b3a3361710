// A call, by what is called: a Flax Dense, a module of the model (nn.Linear, …), an instance of the
// file's own class, a function of the file, a library function (`np.tanh`, `torch.cat`), a
// constant (`np.eye(n)`), a tensor method (`x.sum()`) or an axis size (`x.size(-1)`).

import { UserError, type Expr } from '../../ast';
import { Args, type Call } from './args';
import { allOnes, identityOf } from './constants';
import { flaxDense, isFlaxDense } from './flax';
import { inlineFunction } from './functions';
import { inlineForward } from './inline';
import { build } from './library';
import { expandModule } from './modules';
import { axisSize } from './sizes';
import type { PyExpr } from './syntax';
import { CONSTRUCTORS, FUNCTIONS, METHODS, SCALAR_LIBRARY } from './tables';
import { bindingKey, type Translator } from './translate';

export function translateCall(t: Translator, e: Call): Expr {
  if (isFlaxDense(e.fn, t.ctx.names)) return flaxDense(t, e.fn, e);
  const key = bindingKey(e.fn);
  const module = key === undefined ? undefined : t.ctx.modules.get(key);
  const instance = key === undefined ? undefined : t.ctx.instances.get(key);
  if (instance) {
    const [arg] = e.args;
    if (e.args.length !== 1 || !arg) throw UserError.at(`${key} is a ${instance.name} called with ${e.args.length} inputs: a module of this file is read through a forward of one input; analyse the lines of ${instance.name}.forward itself`, e.range);
    return inlineForward(t, key as string, instance, t.expr(arg), e.range);
  }
  if (module) {
    const [arg] = e.args;
    if (e.args.length !== 1 || !arg) throw UserError.at(`${key} takes one input, not ${e.args.length}`, e.range);
    return expandModule(t, module, t.expr(arg), e.range, e.fn.range);
  }
  const own = e.fn.k === 'name' && !t.ctx.env.has(e.fn.id) ? t.ctx.functions.get(e.fn.id) : undefined;
  if (own) {
    if (e.kwargs.length) throw UserError.at(`${own.name} is called with keyword arguments: pass them in order`, e.range);
    return inlineFunction(t, own, e.args, e.range);
  }
  const lib = t.ctx.names.libraryName(e.fn);
  if (lib !== undefined) return libraryCall(t, e, lib);
  if (e.fn.k === 'attr') return methodCall(t, e, e.fn, key);
  if (e.fn.k !== 'name') t.expr(e.fn); // a lambda, say: its own error
  const name = e.fn.k === 'name' ? e.fn.id : 'this';
  throw UserError.at(`unknown function ${name}: calls to your own functions are not followed`, e.fn.range);
}

/** `np.tanh(x)`, `torch.cat([a, b])`, `np.eye(n)`: the library function `lib` (its last name). */
function libraryCall(t: Translator, e: Call, lib: string): Expr {
  const fn = FUNCTIONS[lib];
  const constant = CONSTRUCTORS[lib] === 'eye' ? identityOf(e) : lib === 'ones' ? allOnes(t, e) : undefined;
  if (constant) return constant;
  if (!fn && CONSTRUCTORS[lib]) throw UserError.at(`${lib}(…) makes an input: assign it to a name first`, e.fn.range);
  if (!fn) throw UserError.at(`${t.ctx.names.path(e.fn)} is not supported`, e.fn.range);
  const built = build(t, fn, lib, new Args(t, e, undefined));
  if (t.ctx.names.path(e.fn)?.startsWith(`${SCALAR_LIBRARY}.`)) scalarArguments(t, built, e);
  return built;
}

/** `x.sum()`, `W.T.dot(x)`, `x.size(-1)`: a tensor method, its object the first argument. */
function methodCall(t: Translator, e: Call, fnExpr: Extract<PyExpr, { k: 'attr' }>, key: string | undefined): Expr {
  // `self.ln_1(x)` with a layer this does not read: say what it is, not "a method"
  if (key?.startsWith('self.')) {
    throw UserError.at(`${key} is not a layer read here (an nn.Linear, an activation, an nn.Sequential or a module class of this file)`, fnExpr.range);
  }
  if (fnExpr.attr === 'size') return axisSize(t, fnExpr.obj, e.kwargs.find((k) => k.name === 'dim')?.value ?? e.args[0], e.range);
  const fn = METHODS[fnExpr.attr];
  // `mod.sqrt(x)`: a function of an unknown module, not the method x.sqrt() of `mod`
  if (fn && (fn.k === 'apply' || fn.k === 'unary') && tensorLike(e.args[0]) && fnExpr.obj.k === 'name' && !isValue(t, fnExpr.obj.id)) {
    throw UserError.at(`${fnExpr.obj.id}.${fnExpr.attr}(…): ${fnExpr.obj.id} is not a known library (numpy, torch, jax, scipy or math)`, fnExpr.range);
  }
  if (!fn) throw UserError.at(`the method .${fnExpr.attr}() is not supported`, fnExpr.range);
  return build(t, fn, fnExpr.attr, new Args(t, e, fnExpr.obj));
}

/** Is `id` a value here (declared or assigned) rather than possibly a module? */
const isValue = (t: Translator, id: string): boolean => t.ctx.declared.has(id) || t.ctx.env.has(id);

/** Could this argument be a tensor (a name, a product, a call), rather than an axis or a number? */
const tensorLike = (a: PyExpr | undefined): boolean => !!a && ['name', 'attr', 'bin', 'call', 'index'].includes(a.k);

/** `math.sqrt(d)`: an undeclared name under a `math` function is a scalar (math has no tensors). */
function scalarArguments(t: Translator, built: Expr, call: Call): void {
  const arg = built.kind === 'apply' ? built.arg : undefined;
  if (arg?.kind !== 'var' || t.ctx.declared.has(arg.name) || t.ctx.env.has(arg.name)) return;
  if (!t.ctx.generated.some((g) => g.name === arg.name)) t.ctx.generated.push({ name: arg.name, shape: [1, 1], range: call.range });
}
