// Python expressions → AST. `@` is the matrix product, `*` is elementwise (⊙) unless one side is
// a number, `**` an elementwise power; library functions and tensor methods come from
// pythonTables; calls to torch.nn modules are expanded by pythonModules.

import { UserError, type Assignment, type Declaration, type Dim, type Expr, type Range } from '../../ast';
import { axisNumber, softmaxEach } from './axes';
import type { Names } from './facts';
import type { Decl } from './scope';
import { expandModule, type ModuleEntry } from './modules';
import { inlineForward, type ClassInfo } from './inline';
import { inlineFunction, type FunctionInfo } from './functions';
import { flaxDense, isFlaxDense } from './flax';
import { indexingError } from './indexing';
import { axisSize, shapeIndex, sideOf } from './sizes';
import { softmaxNode } from './softmax';
import { functionalEmbedding, indexLookup } from './embedding';
import { axesOfConcat, concatenation } from './concat';
import { axesOfReduction, keptAxis, reduction, unreadAxis, spreadKept, type ReductionArgs } from './reduce';
import type { PyExpr } from './syntax';
import { normalize, type NormSpec } from '../../ops/normalization';
import { eyeOf, onesOf } from '../../ops/constants';
import { constantNamed, guessedScalar } from '../../ast/names';
import { CONSTRUCTORS, FUNCTIONS, METHODS, NORM_EPS, RESHAPE_WHY, SCALAR_LIBRARY, checkFixed, optionOf, type LibFn } from './tables';

export type Convention = 'row' | 'column';

/** What translating one definition needs and collects. */
export interface Context {
  readonly names: Names;
  readonly modules: ReadonlyMap<string, ModuleEntry>;
  /** Instances of the file's own classes (`self.mlp` → MLP), inlined when called. */
  readonly instances: ReadonlyMap<string, ClassInfo>;
  /** Functions of the file (`def gelu(x)`, `f = lambda x: …`), inlined when called. */
  readonly functions: ReadonlyMap<string, FunctionInfo>;
  /** The functions being inlined, outermost first (to refuse recursion). */
  readonly calling?: readonly string[];
  /** Declared dims of inputs, by AST name (any rank). */
  readonly declared: ReadonlyMap<string, Decl>;
  readonly convention: Convention;
  /** Python binding (`x`, `self.h`, `params["W"]`) → AST name of its current value. */
  readonly env: Map<string, string>;
  /** Rows of assigned AST names, when known (for broadcasting a bias over a batch). */
  readonly rows: Map<string, Dim | undefined>;
  /** Columns of assigned AST names, when known (for the size of an axis, k.size(-1)). */
  readonly cols: Map<string, Dim | undefined>;
  /** Axes of assigned AST names (1 for a 1-D tensor), when known (for a reduction along an axis). */
  readonly ranks: Map<string, number | undefined>;
  /** Assigned AST names holding a sum or mean kept with keepdim along each row or column. */
  readonly kept: Map<string, 'row' | 'col'>;
  /** Inputs whose value comes from a statement that is not read (AST name → binding and why): their rank is a guess. */
  readonly unread: Map<string, { key: string; why: string }>;
  /** The one-hot matrices of integer indices made for embedding lookups (never differentiated). */
  readonly indices: Set<string>;
  readonly prelude: Assignment[];
  readonly generated: Declaration[];
  readonly notes: Set<string>;
  /** The user's names of a constant's form (`I`, `I_3`): in Python a name is never the identity, only np.eye(n) is. */
  readonly own: Set<string>;
  fresh(base: string): string;
}

/** The binding a target or a read names: `x`, `self.W`, `params["W"]`; undefined for anything else. */
export function bindingKey(e: PyExpr): string | undefined {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr' && e.obj.k === 'name' && e.obj.id === 'self') return `self.${e.attr}`;
  if (e.k === 'index' && e.obj.k === 'name' && e.index.k === 'str') return `${e.obj.id}[${JSON.stringify(e.index.value)}]`;
  return undefined;
}

/** The AST name a binding goes by before any reassignment: `self.W` → `W`, `params["W1"]` → `W1`. */
/** An input whose declaration writes a size that cannot be read is refused, never given a guessed size. */
export function refuseUnread(ctx: Context, key: string, name: string): void {
  const unread = ctx.declared.get(name)?.unread;
  if (unread) throw UserError.at(`the declared shape of ${key} cannot be read: ${unread.why}`, unread.range);
}

export function baseName(key: string): string {
  if (key.startsWith('self.')) return key.slice(5);
  if (!key.endsWith(']')) return key;
  const m = /\["(.*)"\]$/.exec(key);
  return m ? (m[1] as string).replace(/\W/g, '_') || '_' : key;
}

const num = (value: number, range: Range): Expr => ({ kind: 'num', value, range });

export class Translator {
  /** The 1-D constants written here (`np.ones(n)`): 𝟏 nodes whose axes are 1, not a matrix's 2. */
  private readonly vectors = new WeakSet<Expr>();
  /** Undeclared names given axes where `@` needed them (operandAxes). */
  private readonly guessed = new Map<string, number>();

  constructor(readonly ctx: Context) {}

  expr(e: PyExpr): Expr {
    const range = e.range;
    switch (e.k) {
      case 'num': return num(e.value, range);
      case 'name': case 'index': case 'attr': return this.reference(e);
      case 'bin': return this.binary(e.op, e.left, e.right, range);
      case 'unary': {
        if (e.op === '+') return this.expr(e.arg);
        if (e.op !== '-') throw UserError.at(`the operator '${e.op}' is not supported`, range);
        const arg = this.expr(e.arg);
        return arg.kind === 'num' ? num(-arg.value, range) : { kind: 'neg', arg, range };
      }
      case 'call': return this.call(e);
      case 'str': throw UserError.at('a string is not a tensor', range);
      case 'tuple': case 'list': throw UserError.at('tuples and lists are not supported in a definition', range);
      case 'lambda': throw UserError.at('lambdas are not supported here: assign it to a name (f = lambda x: …) and call f', range);
      case 'other':
        if (e.what === 'missing') throw UserError.at('a value is expected after this', range);
        if (e.what === 'too deep') throw UserError.at('too deeply nested', range);
        if (/^[^\w\s]+$/.test(e.what)) throw UserError.at(`unexpected '${e.what}'`, range);
        throw UserError.at(`'${e.what}' is not supported in a definition`, range);
    }
  }

  /** A name, `self.W`, `params["W"]`, `X.T`, `np.linalg.slogdet(X)[1]`. */
  private reference(e: Extract<PyExpr, { k: 'name' | 'index' | 'attr' }>): Expr {
    const key = bindingKey(e);
    if (key !== undefined) {
      if (this.ctx.modules.has(key)) throw UserError.at(`${key} is a module: call it, ${key}(x)`, e.range);
      const constant = this.ctx.names.constants.get(key);
      if (constant !== undefined) return num(constant, e.range);
      const name = this.ctx.env.get(key) ?? baseName(key);
      if (!this.ctx.env.has(key)) refuseUnread(this.ctx, key, name);
      if (constantNamed(name)) this.ctx.own.add(name);
      return { kind: 'var', name, range: e.range };
    }
    if (e.k === 'attr') {
      if (e.attr === 'T' || e.attr === 'mT') return this.transpose(this.expr(e.obj), e.range);
      const path = this.ctx.names.path(e) ?? '';
      if (/^(numpy|math|torch|jax\.numpy)\.pi$/.test(path)) return num(Math.PI, e.range);
      if (/^(numpy|math|jax\.numpy)\.e$/.test(path)) return num(Math.E, e.range);
      throw UserError.at(`the attribute .${e.attr} is not supported here`, e.range);
    }
    if (e.k === 'index' && e.obj.k === 'call' && this.ctx.names.libraryName(e.obj.fn) === 'slogdet' && e.index.k === 'num' && e.index.value === 1) {
      const [arg] = e.obj.args;
      if (arg) return { kind: 'logdet', arg: this.expr(arg), range: e.range };
    }
    const axis = e.k === 'index' ? shapeIndex(e) : undefined;
    if (axis) return axisSize(this, axis.of, axis.axis, e.range);
    const looked = e.k === 'index' ? indexLookup(this, e) : undefined;
    if (looked) return looked;
    throw indexingError(e);
  }

  private binary(op: string, l: PyExpr, r: PyExpr, range: Range): Expr {
    if (op === '**') return this.power(this.expr(l), this.expr(r), range);
    const [left, right] = op === '*' || op === '/' ? spreadKept(this, this.expr(l), this.expr(r)) : [this.expr(l), this.expr(r)];
    switch (op) {
      case '@': return this.matmul(left, right, range);
      case '*': {
        const scalar = left.kind === 'num' || right.kind === 'num';
        return scalar ? { kind: 'mul', left, right, range } : this.elementwise('hadamard', left, right, range);
      }
      case '/': return this.elementwise('div', left, right, range);
      case '+': case '-': return this.elementwise(op === '+' ? 'add' : 'sub', left, right, range);
      default: throw UserError.at(`the operator '${op}' is not supported`, range);
    }
  }

  /** x ** k with a number k, else x ** y entry by entry. */
  power(base: Expr, exponent: Expr, range: Range): Expr {
    return exponent.kind === 'num' ? { kind: 'epow', base, exponent: exponent.value, range } : { kind: 'pow', left: base, right: exponent, range };
  }

  exponent(e: PyExpr): number {
    const x = this.expr(e);
    if (x.kind !== 'num') throw UserError.at('the exponent of ** must be a number', e.range);
    return x.value;
  }

  /**
   * a @ b as NumPy reads it: a 1-D operand is a row on the left and a column on the right, and the
   * product drops that axis. So two vectors give their inner product (aᵀb for columns, a bᵀ for
   * rows), a vector times a matrix a vector written the convention's way: x @ A = Aᵀx as a column,
   * A @ x = x Aᵀ as a row.
   */
  matmul(left: Expr, right: Expr, range: Range): Expr {
    const known: Axes = [this.axesOf(left), this.axesOf(right)];
    const guess = (e: Expr): number | undefined => (e.kind === 'var' && this.undeclared(e.name) ? (/^[a-z]/.test(e.name) ? 1 : 2) : undefined);
    const guessed: Axes = [known[0] ?? guess(left), known[1] ?? guess(right)];
    const [l, r] = this.arrange(left, right, known);
    const [gl, gr] = this.arrange(left, right, guessed);
    // where the guess changes the reading (w @ w, x @ A), it is kept for the names' later uses
    if (gl !== l || gr !== r) this.keepGuesses([left, right], known, guessed);
    return { kind: 'mul', left: gl, right: gr, range };
  }

  /** The factors of a @ b for operands of `axes`: a 1-D one a row on the left, a column on the right. */
  private arrange(left: Expr, right: Expr, [a, b]: Axes): [Expr, Expr] {
    const row = this.ctx.convention === 'row';
    return a === 1 && b === 1 ? (row ? [left, this.flip(right)] : [this.flip(left), right])
      : a === 1 && b === 2 && !row ? [this.flip(right), left]
      : a === 2 && b === 1 && row ? [right, this.flip(left)]
      : [left, right];
  }

  /**
   * An undeclared name's axes as `@` took them: the shapes' guess (a lower-case name a vector, an
   * upper-case one a matrix), so that w @ w is wᵀw and x @ A @ x is xᵀAx as NumPy computes them; a
   * vector's in a note.
   */
  private keepGuesses(operands: readonly Expr[], known: Axes, guessed: Axes): void {
    operands.forEach((e, i) => {
      const axes = guessed[i];
      if (known[i] !== undefined || axes === undefined || e.kind !== 'var') return;
      this.guessed.set(e.name, axes);
      if (axes === 1) this.ctx.notes.add(`${e.name} is not declared: a lower-case name is read as a 1-D vector, and @ multiplies it as NumPy does (a row on the left, a column on the right); declare ${e.name} (# ${e.name}: (m, n)) if it is a matrix.`);
    });
  }

  /** A name of no known rank: not declared, assigned, brought by a module, unread, or a guessed scalar (`d`, `λ`). */
  private undeclared(name: string): boolean {
    const c = this.ctx;
    return !c.declared.has(name) && !c.ranks.has(name) && !c.unread.has(name) && !c.generated.some((g) => g.name === name) && !guessedScalar(name);
  }

  /** eᵀ, written without a double transpose, through a product ((AB)ᵀ = BᵀAᵀ) and not on a scalar. */
  private flip(e: Expr): Expr {
    if (e.kind === 'transpose') return e.arg;
    if (e.kind === 'num' || this.axesOf(e) === 0) return e;
    if (e.kind === 'mul') return { kind: 'mul', left: this.flip(e.right), right: this.flip(e.left), range: e.range };
    return { kind: 'transpose', arg: e, range: e.range };
  }

  /** `X.T`, `np.transpose(X)`: a 1-D tensor is its own transpose in NumPy. */
  transpose(arg: Expr, range: Range): Expr {
    return this.axesOf(arg) === 1 ? arg : { kind: 'transpose', arg, range };
  }

  /**
   * a ± b, a * b, a / b. A 1-D operand beside a matrix is repeated over its rows, as NumPy and
   * PyTorch broadcast: over a batch of N rows it is written 1_N b (bᵀ when vectors are columns).
   */
  elementwise(kind: 'add' | 'sub' | 'hadamard' | 'div', left: Expr, right: Expr, range: Range): Expr {
    return { kind, left: this.broadcastRow(left, right), right: this.broadcastRow(right, left), range };
  }

  /** `v` as NumPy broadcasts it beside `other`: a row, repeated over other's rows when v is 1-D and other a matrix. */
  private broadcastRow(v: Expr, other: Expr): Expr {
    if (this.axesOf(v) !== 1) return v;
    const axes = this.axesOf(other) ?? this.batchGuess(v, other);
    if (axes === 0 || axes === 1) return v;
    const n = this.rowsOf(other);
    const row = this.ctx.convention === 'row';
    if (axes === undefined && (!row || n === undefined)) return v;
    const asRow = row ? v : this.flip(v);
    if (n === undefined || n === 1) return asRow;
    const name = show(v);
    this.ctx.notes.add(`${name} (a 1-D vector) is repeated over every row of a batch, as NumPy and PyTorch broadcast it: written 1_N ${name}${row ? '' : 'ᵀ'} with 1_N the ones column (N = ${n}).`);
    return broadcast(asRow, n);
  }

  /**
   * 2 when `other` is a data-first product X @ W … whose batch X is an undeclared upper-case name,
   * which the shapes read as a matrix: a 1-D `v` beside it is then a row over the batch (said in a note).
   */
  private batchGuess(v: Expr, other: Expr): 2 | undefined {
    // X @ W @ … keeps X's axes only when each factor after it is a matrix
    let first = other;
    while (first.kind === 'mul' || first.kind === 'neg' || first.kind === 'apply') {
      if (first.kind === 'mul' && this.axesOf(first.right) !== 2) return undefined;
      first = first.kind === 'mul' ? first.left : first.arg;
    }
    if (first === other || first.kind !== 'var' || !/^[A-Z]/.test(first.name)) return undefined;
    const known = this.ctx.declared.has(first.name) || this.ctx.ranks.has(first.name) || this.ctx.unread.has(first.name) || this.ctx.generated.some((g) => g.name === first.name);
    if (known) return undefined;
    this.ctx.notes.add(`${first.name} is not declared: an upper-case name is read as a matrix, a batch of rows, so ${show(v)} (1-D) is added to each row as NumPy broadcasts it; declare ${first.name} (# ${first.name}: (N, n), or (n,) for one sample) if it is not.`);
    return 2;
  }

  /** 1 for a declared vector, 2 for a matrix, undefined when unknown. */
  rankOf(e: Expr): number | undefined {
    return e.kind === 'var' ? this.ctx.declared.get(e.name)?.dims.length : undefined;
  }

  /** The axes of a value, followed through assignments and the operations that keep or drop them. */
  axesOf(e: Expr): number | undefined {
    if (this.vectors.has(e)) return 1;
    const reduced = axesOfReduction(e) ?? axesOfConcat(e);
    if (reduced !== undefined) return reduced;
    switch (e.kind) {
      case 'var': return this.ctx.ranks.get(e.name) ?? this.rankOf(e) ?? this.generatedRank(e.name) ?? this.guessed.get(e.name);
      case 'num': case 'sum': case 'trace': case 'det': case 'logdet': case 'norm': return 0;
      // a flatten is 1-D; 𝟏 and I are the matrices a front-end writes (1_N b, X𝟏)
      case 'vec': return 1;
      case 'ones': case 'eye': case 'inv': case 'mpow': case 'kron': return 2;
      case 'neg': case 'apply': case 'softmax': case 'transpose': return this.axesOf(e.arg);
      case 'add': case 'sub': case 'hadamard': case 'div': {
        // broadcasting gives the larger rank; a matrix on either side makes a matrix
        const [l, r] = [this.axesOf(e.left), this.axesOf(e.right)];
        if (l === 2 || r === 2) return 2;
        return l === undefined || r === undefined ? undefined : Math.max(l, r);
      }
      case 'mul': {
        const [l, r] = [this.axesOf(e.left), this.axesOf(e.right)];
        if (l === 0 || r === 0) return l === 0 ? r : l;
        // a matrix product drops the axis it sums over: 2·2 → 2, 2·1 → 1, 1·1 → 0
        return l === undefined || r === undefined ? undefined : l + r - 2;
      }
      default: return undefined;
    }
  }

  /** A parameter a module brings (W of an nn.Linear): a matrix when neither size is 1; a vector's rank is not told by its 2-D shape. */
  private generatedRank(name: string): number | undefined {
    const shape = this.ctx.generated.find((g) => g.name === name)?.shape;
    return shape && shape[0] !== 1 && shape[1] !== 1 ? 2 : undefined;
  }

  /** Names `e` as `name` for later lines: its rows and axes, as far as they are known. */
  remember(name: string, e: Expr, rows: Dim | undefined = this.rowsOf(e)): void {
    this.ctx.rows.set(name, rows);
    this.ctx.cols.set(name, sideOf(this, e, 1));
    this.ctx.ranks.set(name, this.axesOf(e));
    const kept = keptAxis(this, e);
    if (kept) this.ctx.kept.set(name, kept);
  }

  /** Rows of a value, where declarations tell (row convention: a vector is one row). */
  rowsOf(e: Expr): Dim | undefined {
    switch (e.kind) {
      case 'var': {
        if (this.ctx.rows.has(e.name)) return this.ctx.rows.get(e.name);
        const dims = this.ctx.declared.get(e.name)?.dims;
        if (!dims) return undefined;
        return dims.length === 2 ? dims[0] : dims.length === 1 && this.ctx.convention === 'row' ? 1 : undefined;
      }
      // a product has its left factor's rows, unless that factor is a scalar
      case 'mul': return e.left.kind === 'num' || this.axesOf(e.left) === 0 ? this.rowsOf(e.right) : this.rowsOf(e.left);
      case 'ones': return e.rows;
      case 'add': case 'sub': case 'hadamard': case 'div': return this.rowsOf(e.left) ?? this.rowsOf(e.right);
      case 'neg': case 'apply': case 'softmax': return this.rowsOf(e.arg);
      default: return undefined;
    }
  }

  private call(e: Call): Expr {
    if (isFlaxDense(e.fn, this.ctx.names)) return flaxDense(this, e.fn, e);
    const key = bindingKey(e.fn);
    const module = key === undefined ? undefined : this.ctx.modules.get(key);
    const instance = key === undefined ? undefined : this.ctx.instances.get(key);
    if (instance) {
      const [arg] = e.args;
      if (e.args.length !== 1 || !arg) throw UserError.at(`${key} takes one input here`, e.range);
      return inlineForward(this, key as string, instance, this.expr(arg), e.range);
    }
    if (module) {
      const [arg] = e.args;
      if (e.args.length !== 1 || !arg) throw UserError.at(`${key} takes one input`, e.range);
      return expandModule(this, module, this.expr(arg), e.range, e.fn.range);
    }
    const own = e.fn.k === 'name' && !this.ctx.env.has(e.fn.id) ? this.ctx.functions.get(e.fn.id) : undefined;
    if (own) {
      if (e.kwargs.length) throw UserError.at(`${own.name} is called with keyword arguments: pass them in order`, e.range);
      return inlineFunction(this, own, e.args, e.range);
    }
    const lib = this.ctx.names.libraryName(e.fn);
    if (lib !== undefined) {
      const fn = FUNCTIONS[lib];
      const constant = CONSTRUCTORS[lib] === 'eye' ? identityOf(e) : lib === 'ones' ? allOnesOf(e) ?? this.onesVector(e) : undefined;
      if (constant) return constant;
      if (!fn && CONSTRUCTORS[lib]) throw UserError.at(`${lib}(…) makes an input: assign it to a name first`, e.fn.range);
      if (!fn) throw UserError.at(`${this.ctx.names.path(e.fn)} is not supported`, e.fn.range);
      const built = this.build(fn, lib, new Args(this, e, undefined));
      if (this.ctx.names.path(e.fn)?.startsWith(`${SCALAR_LIBRARY}.`)) this.scalarArguments(built, e);
      return built;
    }
    if (e.fn.k === 'attr') {
      // `self.ln_1(x)` with a layer this does not read: say what it is, not "a method"
      if (key?.startsWith('self.')) {
        throw UserError.at(`${key} is not a layer read here (an nn.Linear, an activation, an nn.Sequential or a module class of this file)`, e.fn.range);
      }
      if (e.fn.attr === 'size') return axisSize(this, e.fn.obj, e.kwargs.find((k) => k.name === 'dim')?.value ?? e.args[0], e.range);
      const fn = METHODS[e.fn.attr];
      // `mod.sqrt(x)`: a function of an unknown module, not the method x.sqrt() of `mod`
      if (fn && (fn.k === 'apply' || fn.k === 'unary') && tensorLike(e.args[0]) && e.fn.obj.k === 'name' && !this.isValue(e.fn.obj.id)) {
        throw UserError.at(`${e.fn.obj.id}.${e.fn.attr}(…): ${e.fn.obj.id} is not a known library (numpy, torch, jax, scipy or math)`, e.fn.range);
      }
      if (!fn) throw UserError.at(`the method .${e.fn.attr}() is not supported`, e.fn.range);
      return this.build(fn, e.fn.attr, new Args(this, e, e.fn.obj));
    }
    if (e.fn.k !== 'name') this.expr(e.fn); // a lambda, say: its own error
    const name = e.fn.k === 'name' ? e.fn.id : 'this';
    throw UserError.at(`unknown function ${name}: calls to your own functions are not followed`, e.fn.range);
  }

  /** `np.ones(n)`, `torch.ones(n)`: the all-ones vector 𝟏 of n entries, a column (a row in PyTorch's row
   *  convention) that `@` and broadcasting treat as 1-D, as NumPy does. */
  private onesVector(e: Call): Expr | undefined {
    const [first] = e.args;
    const written = e.args.length === 1 && (first?.k === 'tuple' || first?.k === 'list') ? first.items : e.args;
    const n = written.length === 1 ? sizeOf(written[0]) : undefined;
    if (!n) return undefined;
    const one: Expr = { kind: 'num', value: 1, range: e.range };
    const ones = onesOf(this.ctx.convention === 'row' ? [one, n] : [n, one], e.range);
    this.vectors.add(ones);
    return ones;
  }

  /** Is `id` a value here (declared or assigned) rather than possibly a module? */
  private isValue(id: string): boolean {
    return this.ctx.declared.has(id) || this.ctx.env.has(id);
  }

  /** `math.sqrt(d)`: an undeclared name under a `math` function is a scalar (math has no tensors). */
  private scalarArguments(built: Expr, call: Call): void {
    const arg = built.kind === 'apply' ? built.arg : undefined;
    if (arg?.kind !== 'var' || this.ctx.declared.has(arg.name) || this.ctx.env.has(arg.name)) return;
    if (!this.ctx.generated.some((g) => g.name === arg.name)) this.ctx.generated.push({ name: arg.name, shape: [1, 1], range: call.range });
  }

  /** A library function or method applied to its arguments (a method's object first). */
  private build(fn: LibFn, name: string, a: Args): Expr {
    const range = a.call.range;
    switch (fn.k) {
      case 'apply': {
        const f = optionOf(fn.fn, this.ctx.names.path(a.call.fn) ?? '', (k) => a.kw(k));
        checkFixed(f, (k, i) => a.kw(k) ?? a.raw(i + 1));
        return { kind: 'apply', fn: f, arg: a.first(), range };
      }
      case 'unary': return this.unary(fn.node, a);
      case 'binary': {
        if (a.length !== 2) throw UserError.at(`${name} takes two arguments, not ${a.length}`, range);
        const [l, r] = [a.at(0) as Expr, a.at(1) as Expr];
        if (fn.node === 'mul') return this.matmul(l, r, range);
        if (fn.node === 'add' || fn.node === 'sub' || fn.node === 'hadamard' || fn.node === 'div') return this.elementwise(fn.node, l, r, range);
        return { kind: fn.node, left: l, right: r, range };
      }
      case 'special': return this.special(fn.name, a);
      case 'parts': return concatenation(this, name, a.raw(0), a.kw('dim') ?? a.kw('axis') ?? a.raw(1), range);
      case 'unsupported': throw UserError.at(fn.why, a.call.fn.range);
    }
  }

  private unary(node: Extract<LibFn, { k: 'unary' }>['node'], a: Args): Expr {
    const range = a.call.range;
    const arg = a.first();
    if (node === 'sum' && (a.length > 1 || a.call.kwargs.length)) return reduction(this, reductionArgs(a), false);
    if (node === 'norm') {
      // ord 2 is spectral on a matrix (Euclidean on a vector), ord 1 a vector's Σ|xᵢ|; 'fro' and none Frobenius
      const ord = a.kw('ord') ?? a.kw('p') ?? a.raw(1);
      if (!ord || (ord.k === 'str' && ord.value === 'fro')) return { kind: 'norm', arg, range };
      if (ord.k === 'num' && (ord.value === 1 || ord.value === 2)) return { kind: ord.value === 1 ? 'norm1' : 'norm2', arg, range };
      if (isInfinity(ord)) return { kind: 'norminf', arg, range };
      throw UserError.at("the norms read are ord='fro' (Frobenius), 2 (Euclidean, or spectral of a matrix), 1 and inf (of a vector)", ord.range);
    }
    if (node === 'transpose' && a.length > 1) {
      const dims = [a.raw(1), a.raw(2)].map((d) => (d?.k === 'num' ? d.value : d?.k === 'unary' && d.arg.k === 'num' ? -d.arg.value : NaN));
      const pair = dims.sort((x, y) => x - y).join(',');
      if (pair !== '0,1' && pair !== '-2,-1') throw UserError.at('only the transpose of the two axes of a matrix is supported', range);
      return this.transpose(arg, range);
    }
    if (node === 'transpose' && a.length === 1) return this.transpose(arg, range);
    if (node === 'softmax') return this.softmax(a);
    if (a.length > 1) throw UserError.at(`expected one argument, not ${a.length}`, range);
    return { kind: node, arg, range };
  }

  /** softmax(z, dim=…) along the axis it names (`torch.softmax(z, -1)`, `z.softmax(dim=0)`, `axis=`). */
  private softmax(a: Args): Expr {
    const each = softmaxEach(a.kw('dim') ?? a.kw('axis') ?? a.raw(1), this.ctx.names.path(a.call.fn) ?? '');
    const arg = a.first();
    // over all of a 1-D tensor, each row (or column) of a matrix: with the vectors the other way
    // round the two differ, and a value of a statement not read has a guessed rank
    const unread = each && this.axesOf(arg) === undefined && each === (this.ctx.convention === 'row' ? 'col' : 'row') ? unreadAxis(this, arg, 'softmax', a.call.range) : undefined;
    if (unread) throw unread;
    return softmaxNode(this, arg, each, a.call.range);
  }

  private special(name: Extract<LibFn, { k: 'special' }>['name'], a: Args): Expr {
    const range = a.call.range;
    const isZero = (x: PyExpr | undefined): boolean => x?.k === 'num' && x.value === 0;
    switch (name) {
      case 'identity': return a.at(0) ?? a.first();
      case 'maximum':
        if (isZero(a.raw(1))) return { kind: 'apply', fn: 'relu', arg: a.at(0) as Expr, range };
        if (isZero(a.raw(0)) && a.length === 2) return { kind: 'apply', fn: 'relu', arg: a.at(1) as Expr, range };
        throw UserError.at('maximum is supported only as maximum(x, 0), the ReLU', range);
      case 'clamp': {
        const min = a.kw('min') ?? a.kw('a_min') ?? a.raw(1);
        const max = a.kw('max') ?? a.kw('a_max') ?? a.raw(2);
        if (isZero(min) && (!max || (max.k === 'other' && max.what === 'None'))) return { kind: 'apply', fn: 'relu', arg: a.first(), range };
        throw UserError.at('clamp is supported only as clamp(x, min=0), the ReLU', range);
      }
      case 'power': return this.power(a.first(), this.expr(a.raw(1) ?? a.call), range);
      case 'square': return { kind: 'epow', base: a.first(), exponent: 2, range };
      case 'matrix_power': {
        const k = this.exponent(a.raw(1) ?? a.call);
        if (!Number.isInteger(k)) throw UserError.at('matrix_power needs an integer exponent', range);
        return { kind: 'mpow', base: a.first(), exponent: k, range };
      }
      case 'linear': {
        const [x, w] = [a.at(0), a.at(1)];
        if (!x || !w) throw UserError.at('linear(x, W, b) needs x and W', range);
        const xw = this.matmul(x, this.transpose(w, w.range), range);
        const b = a.at(2) ?? (a.kw('bias') ? this.expr(a.kw('bias') as PyExpr) : undefined);
        return b ? this.elementwise('add', xw, b, range) : xw;
      }
      case 'log_softmax': return { kind: 'apply', fn: 'log', arg: this.softmax(a), range };
      case 'slogdet': throw UserError.at('slogdet gives (sign, logdet): write slogdet(X)[1]', range);
      case 'layer_norm': case 'rms_norm': return this.functionalNorm(name === 'rms_norm', a);
      case 'flatten': case 'reshape': return this.flatten(a, name === 'reshape');
      case 'dropout':
        this.ctx.notes.add(DROPOUT_NOTE);
        return a.first();
      case 'mean': return reduction(this, reductionArgs(a), true);
      case 'embedding': return functionalEmbedding(this, a.raw(0), a.kw('weight') ?? a.raw(1), range);
    }
  }

  /**
   * x.flatten(), x.view(-1), x.reshape(-1), np.ravel(x): the entries row by row (C order), which is
   * vec(Xᵀ) — vec stacks columns, so the commutation matrix K appears in the Jacobian; `order='F'`
   * is vec X. A 1-D result is a row in PyTorch's convention. `flatten(x, 1)` of a declared matrix is x.
   */
  private flatten(a: Args, reshape: boolean): Expr {
    const x = a.first();
    const arg = reshape ? a.kw('shape') ?? a.raw(1) : a.kw('start_dim') ?? a.raw(1);
    // only a declared matrix is known to have nothing after its second axis
    if (!reshape && axisNumber(arg) === 1 && this.rankOf(x) === 2) return x;
    const positional = Array.from({ length: Math.max(0, a.length - 1) }, (_, i) => a.raw(i + 1) as PyExpr);
    const shape = arg?.k === 'tuple' || arg?.k === 'list' ? arg.items : a.kw('shape') ? [arg as PyExpr] : positional;
    const whole = reshape ? shape.length === 1 && axisNumber(shape[0]) === -1 : !arg || axisNumber(arg) === 0;
    if (!whole) throw UserError.at(RESHAPE_WHY, a.call.fn.range);
    const order = a.kw('order');
    const range = a.call.range;
    const v: Expr = { kind: 'vec', arg: order?.k === 'str' && order.value === 'F' ? x : { kind: 'transpose', arg: x, range }, range };
    return this.ctx.convention === 'row' ? { kind: 'transpose', arg: v, range } : v;
  }

  /** F.layer_norm(x, (d,), weight, bias, eps), F.rms_norm(x, (d,), weight, eps); `shape` may be `w.shape`. */
  private functionalNorm(rms: boolean, a: Args): Expr {
    const range = a.call.range;
    const shape = a.kw('normalized_shape') ?? a.raw(1);
    if (!shape) throw UserError.at('the normalised shape is missing: layer_norm(x, (d,), …)', range);
    const d = this.lastDim(shape);
    const param = (kw: string, i: number): Expr | undefined => {
      const v = a.kw(kw) ?? a.raw(i);
      return v && !(v.k === 'other' && v.what === 'None') ? this.expr(v) : undefined;
    };
    const epsArg = a.kw('eps') ?? a.raw(rms ? 3 : 4);
    if (epsArg && epsArg.k !== 'num' && !(epsArg.k === 'other' && epsArg.what === 'None')) throw UserError.at('eps must be a number written out (1e-5)', epsArg.range);
    const eps = epsArg?.k === 'num' ? epsArg.value : rms ? NORM_EPS.rms : NORM_EPS.layer;
    return normalizeRows(this, a.first(), { rms, d, eps, gamma: param('weight', 2), beta: rms ? undefined : param('bias', 3) }, range);
  }

  /** The size of the one normalised axis: `(d,)`, `d`, `[d]`, or `w.shape` of a declared `w`. */
  private lastDim(shape: PyExpr): Dim {
    const list = shape.k === 'tuple' || shape.k === 'list' ? shape.items : [shape];
    const [only] = list;
    if (list.length !== 1 || !only) throw UserError.at('a norm over more than the last axis has no matrix form: normalise a vector or each row of a matrix', shape.range);
    if (only.k === 'attr' && only.attr === 'shape') {
      const key = bindingKey(only.obj);
      const dims = key === undefined ? undefined : this.ctx.declared.get(this.ctx.env.get(key) ?? baseName(key))?.dims;
      const last = dims?.[dims.length - 1];
      if (last !== undefined) return last;
    }
    const d = this.ctx.names.dim(only);
    if (d === undefined) throw UserError.at('the normalised size must be a number or a named size (d, config.n_embd), or w.shape of a declared w', only.range);
    return d;
  }
}

export const DROPOUT_NOTE = 'Dropout is read as the identity (the network in evaluation mode).';

/** LayerNorm or RMSNorm of each row of `input` (ops/normalization.ts), its steps named in the prelude. */
export function normalizeRows(t: Translator, input: Expr, spec: Omit<NormSpec, 'rows'>, range: Range): Expr {
  const rows = t.rowsOf(input);
  if (rows === undefined) throw UserError.at(`${spec.rms ? 'RMSNorm' : 'LayerNorm'} normalises each row: declare the rows of its input (# x: (N, ${spec.d}), or (${spec.d},) for one sample)`, input.range);
  return normalize(input, { ...spec, rows }, range, (base, e) => {
    const name = t.ctx.fresh(base);
    t.ctx.prelude.push({ name, expr: e, range });
    t.remember(name, e, rows);
    return { kind: 'var', name, range };
  });
}

type Call = Extract<PyExpr, { k: 'call' }>;

/** The arguments of a call, translated when asked for; a method's object is argument 0. */
class Args {
  constructor(private readonly t: Translator, readonly call: Call, private readonly self: PyExpr | undefined) {}
  get length(): number {
    return this.call.args.length + (this.self ? 1 : 0);
  }
  raw(i: number): PyExpr | undefined {
    if (this.self) return i === 0 ? this.self : this.call.args[i - 1];
    return this.call.args[i];
  }
  at(i: number): Expr | undefined {
    const r = this.raw(i);
    return r && this.t.expr(r);
  }
  /** The one tensor argument (extra arguments such as `dim=0` or a slope are allowed). */
  first(): Expr {
    const r = this.raw(0);
    if (!r) throw UserError.at('an argument is expected', this.call.range);
    return this.t.expr(r);
  }
  kw(name: string): PyExpr | undefined {
    return this.call.kwargs.find((k) => k.name === name)?.value;
  }
}

/** sum(x, dim, keepdim) and mean(…): the axis and keepdim by keyword (PyTorch's or NumPy's) or position. */
const reductionArgs = (a: Args): ReductionArgs => ({
  range: a.call.range,
  first: () => a.first(),
  axis: a.kw('dim') ?? a.kw('axis') ?? a.raw(1),
  keep: a.kw('keepdim') ?? a.kw('keepdims') ?? a.raw(2),
});

/** Could this argument be a tensor (a name, a product, a call), rather than an axis or a number? */
const tensorLike = (a: PyExpr | undefined): boolean => !!a && ['name', 'attr', 'bin', 'call', 'index'].includes(a.k);

type Axes = [number | undefined, number | undefined];

/** 1_N b: a row vector b repeated over N rows. */
export function broadcast(b: Expr, n: Dim): Expr {
  return { kind: 'mul', left: { kind: 'ones', rows: n, cols: 1, range: b.range }, right: b, range: b.range };
}

const show = (e: Expr): string => (e.kind === 'var' ? e.name : 'the vector');

/** A size written in a constructor: a whole number, a name, or an attribute (`cfg.d` → d). */
function sizeOf(a: PyExpr | undefined): Expr | undefined {
  if (a?.k === 'num' && Number.isInteger(a.value) && a.value >= 1) return { kind: 'num', value: a.value, range: a.range };
  if (a?.k === 'name') return { kind: 'var', name: a.id, range: a.range };
  if (a?.k === 'attr') return { kind: 'var', name: a.attr, range: a.range };
  return undefined;
}

/** `np.ones((m, n))`, `torch.ones(m, n)`: the all-ones constant of that size, as the math word ones(m, n)
 *  builds it (a 1-D `np.ones(n)` is a vector: Translator.onesVector). */
function allOnesOf(e: Call): Expr | undefined {
  const [first] = e.args;
  const written = e.args.length === 1 && (first?.k === 'tuple' || first?.k === 'list') ? first.items : e.args;
  const sizes = written.map(sizeOf);
  if (sizes.length !== 2 || sizes.some((s) => !s)) return undefined;
  return onesOf(sizes as Expr[], e.range);
}

/** `np.eye(3)`, `torch.eye(n)`, `torch.eye(cfg.d)`: the identity I₃ (a node), I_n, I_d (named: prepare reads the size). */
function identityOf(e: Call): Expr | undefined {
  const [n, ...rest] = e.args;
  const size = rest.length ? undefined : sizeOf(n);
  // a number's is the node itself, so that a user's own I_3 stays theirs
  return size && eyeOf([size], e.range);
}

/** `np.inf`, `math.inf`, `torch.inf`, `float('inf')`: the ord of ‖x‖∞. */
const isInfinity = (e: PyExpr): boolean =>
  (e.k === 'attr' && e.attr === 'inf') || (e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'float' && e.args[0]?.k === 'str' && e.args[0].value === 'inf');
