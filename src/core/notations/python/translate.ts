// Python expressions → AST. `@` is the matrix product, `*` is elementwise (⊙) unless one side is
// a number, `**` an elementwise power; library functions and tensor methods come from
// pythonTables; calls (library functions, methods, modules, the file's own functions) are read
// in calls.ts.

import { UserError, type Assignment, type Declaration, type Dim, type Expr, type Range, type SoftmaxAxis } from '../../ast';
import { constantNamed, guessedScalar } from '../../ast/names';
import { translateCall } from './calls';
import { axesOfConcat } from './concat';
import { indexLookup } from './embedding';
import type { Names } from './facts';
import type { FunctionInfo } from './functions';
import { indexingError } from './indexing';
import type { ClassInfo } from './inline';
import type { ModuleEntry } from './modules';
import { axesOfReduction, keptAxis, spreadKept } from './reduce';
import type { Decl } from './scope';
import { axisSize, shapeIndex, sideOf } from './sizes';
import type { PyExpr } from './syntax';

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
  /** Undeclared names that are matrices whatever their case (torch.mm's operands): Program.matrices. */
  readonly matrices: Set<string>;
  /** Sizes named here that the text does not give (an nn.Linear's that cannot be read): Program.freeSizes. */
  readonly free: Set<string>;
  readonly prelude: Assignment[];
  readonly generated: Declaration[];
  readonly notes: Set<string>;
  /** The user's names of a constant's form (`I`, `I_3`): in Python a name is never the identity, only np.eye(n) is. */
  readonly own: Set<string>;
  fresh(base: string): string;
}

/** The binding a target or a read names: `x`, `self.W`, `params["W"]`; undefined for anything else. */
/** A product whose function requires its operands' axes: torch.mm (2, 2), torch.mv (2, 1). */
export interface Strict {
  readonly name: string;
  readonly ranks: readonly [number, number];
}

export function bindingKey(e: PyExpr): string | undefined {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr' && e.obj.k === 'name' && e.obj.id === 'self') return `self.${e.attr}`;
  if (e.k === 'index' && e.obj.k === 'name' && e.index.k === 'str') return `${e.obj.id}[${JSON.stringify(e.index.value)}]`;
  return undefined;
}

/** An input whose declaration writes a size that cannot be read is refused, never given a guessed size. */
export function refuseUnread(ctx: Context, key: string, name: string): void {
  const unread = ctx.declared.get(name)?.unread;
  if (unread) throw UserError.at(`the declared shape of ${key} cannot be read: ${unread.why}`, unread.range);
}

/** The AST name a binding goes by before any reassignment: `self.W` → `W`, `params["W1"]` → `W1`. */
export function baseName(key: string): string {
  if (key.startsWith('self.')) return key.slice(5);
  if (!key.endsWith(']')) return key;
  const m = /\["(.*)"\]$/.exec(key);
  return m ? (m[1] as string).replace(/\W/g, '_') || '_' : key;
}

const num = (value: number, range: Range): Expr => ({ kind: 'num', value, range });

export class Translator {
  /** The 1-D constants written here (`np.ones(n)`, constants.ts): 𝟏 nodes whose axes are 1, not a matrix's 2. */
  readonly vectors = new WeakSet<Expr>();
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
      case 'call': return translateCall(this, e);
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
  matmul(left: Expr, right: Expr, range: Range, strict?: Strict): Expr {
    const known: Axes = [this.axesOf(left), this.axesOf(right)];
    if (strict) this.requireRanks([left, right], known, strict);
    const guess = (e: Expr, i: number): number | undefined => (e.kind === 'var' && this.undeclared(e.name) ? strict?.ranks[i] ?? (/^[a-z]/.test(e.name) ? 1 : 2) : undefined);
    const guessed: Axes = [known[0] ?? guess(left, 0), known[1] ?? guess(right, 1)];
    const [l, r] = this.arrange(left, right, known);
    const [gl, gr] = this.arrange(left, right, guessed);
    // where the guess changes the reading (w @ w, x @ A), it is kept for the names' later uses
    if (gl !== l || gr !== r) this.keepGuesses([left, right], known, guessed);
    return { kind: 'mul', left: gl, right: gr, range };
  }

  /**
   * torch.mm(a, b) takes two matrices and torch.mv(A, v) a matrix and a vector, whatever the names'
   * case: an operand of other known axes is refused, and an undeclared one is a matrix of unknown
   * sizes (Program.matrices), not the vector a lower-case name is guessed to be.
   */
  private requireRanks(operands: readonly Expr[], known: Axes, { name, ranks }: Strict): void {
    operands.forEach((e, i) => {
      const want = ranks[i] as number;
      const has = known[i];
      const what = (n: number) => (n === 2 ? 'a matrix' : n === 1 ? 'a 1-D vector' : n === 0 ? 'a scalar' : `a tensor of ${n} axes`);
      if (has !== undefined && has !== want) throw UserError.at(`${name} takes ${what(want)} as its ${i ? 'second' : 'first'} operand, and this is ${what(has)}: use @ (torch.matmul), which takes any`, e.range);
      if (want === 2 && e.kind === 'var' && this.undeclared(e.name)) {
        this.guessed.set(e.name, 2);
        this.ctx.matrices.add(e.name);
      }
    });
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

  /**
   * An undeclared lower-case name beside a matrix in `+ − * /` is the 1-D vector such a name is read
   * as everywhere, so it is added to each row as NumPy and PyTorch broadcast it (a GCN's
   * `out + self.bias`), not repeated across the columns as a column would be; a note says so.
   */
  private vectorBeside(v: Expr, matrix: Expr): void {
    if (v.kind !== 'var' || !this.undeclared(v.name) || !/^[a-z]/.test(v.name)) return;
    this.guessed.set(v.name, 1);
    this.ctx.notes.add(`${v.name} is not declared: a lower-case name is read as a 1-D vector, and beside a matrix it is added to each row, as NumPy and PyTorch broadcast it; declare ${v.name} (# ${v.name}: (${this.rowsOf(matrix) ?? 'N'}, 1)) if it is a column, one number per row.`);
  }

  /**
   * `e` named by an axis a 1-D tensor does not have (softmax along dim=1): an undeclared name, or the
   * value of a statement not read, is a matrix of unknown sizes (Program.matrices), said in a note.
   */
  asMatrix(e: Expr, what: string, each: SoftmaxAxis | undefined): void {
    if (e.kind !== 'var' || this.axesOf(e) !== undefined && !this.ctx.unread.has(e.name)) return;
    if (!this.undeclared(e.name) && !this.ctx.unread.has(e.name)) return;
    const from = this.ctx.unread.get(e.name);
    this.guessed.set(e.name, 2);
    this.ctx.matrices.add(e.name);
    this.ctx.notes.add(`${what} needs 2 axes or more, which ${from ? from.key : e.name} is not declared to have${from ? ' (its statement is not read)' : ''}: it is read as a matrix, ${each === 'col' ? 'each column normalised along its first axis' : 'each row normalised along its last axis'}; if it has 3 axes or more, declare one sample as a matrix (# ${from ? from.key : e.name}: (N, d)).`);
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
    if (this.axesOf(v) === undefined && this.axesOf(other) === 2) this.vectorBeside(v, other);
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
        const dims = this.ctx.declared.get(e.name)?.dims ?? this.ctx.generated.find((g) => g.name === e.name)?.shape;
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
}

type Axes = [number | undefined, number | undefined];

/** 1_N b: a row vector b repeated over N rows. */
export function broadcast(b: Expr, n: Dim): Expr {
  return { kind: 'mul', left: { kind: 'ones', rows: n, cols: 1, range: b.range }, right: b, range: b.range };
}

const show = (e: Expr): string => (e.kind === 'var' ? e.name : 'the vector');
