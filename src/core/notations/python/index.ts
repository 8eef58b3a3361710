// The Python front-end (NumPy, PyTorch, JAX): every tensor definition in a file, each with the
// declarations in scope and the chain of earlier assignments it uses.
//
// A definition is an assignment, `return` or expression statement that computes with tensors
// (`@`, a library function, a module call, arithmetic on a tensor). Its program holds, from the
// same function: the definitions it depends on (latest binding first); from the file: the shapes
// declared before it (constructors, jaxtyping, comments), the class's modules and parameters.
//
// Conventions (documented in the README):
// - `*` is elementwise (⊙), `@` the matrix product, `**` an elementwise power.
// - 1-D tensors are columns (n×1), unless the code uses PyTorch's row convention (a vector on the
//   left of `@`, `@ W.T`, F.linear or an nn.Linear), then rows (1×n); a note says which.
// - A name assigned twice gets numbered values: `x = self.fc1(x); x = F.relu(x)` → x_1, x_2.
// - `self.W` is the name W, `params["W1"]` the name W1.

import { UserError, type Assignment, type Declaration, type Dim, type Expr, type Program, type Range } from '../../ast';
import { lexPython, type PyComment } from './lexer';
import { parseStatement, type PyExpr, type PyStmt } from './syntax';
import { chainOf, constantOf, readsOf, Scope, type Entry } from './scope';
import { baseName, bindingKey, Translator, type Context, type Convention } from './translate';
import { namesIn } from '../../ast/query';
import { shiftProgram } from '../../ast/ranges';
import { forwardOf, type ClassInfo } from './inline';
import { isFlaxDense } from './flax';
import { functionOf, lambdaOf, type FunctionInfo } from './functions';
import { identifiers, moveComment, segments, type ChunkHead, type Segment, type SegmentCache } from './segments';

export interface PySite {
  readonly range: Range;
  readonly program?: Program;
  readonly error?: UserError;
}

export const ROW_NOTE = "PyTorch's row-vector convention: vectors are rows (1×n) and a layer is x @ Wᵀ + b = (W xᵀ + bᵀ)ᵀ, the column form W x + b transposed. Shapes are reported as written.";

/** Parse Python; the program of its last tensor definition. Throws a UserError when there is none or it cannot be read. */
export function parsePython(text: string, span?: Range): Program {
  const sites = readPython(text, span);
  const last = sites[sites.length - 1];
  if (!last) {
    const where = span ?? { start: 0, end: text.length };
    throw UserError.at('no tensor expression found: write e.g. torch.sigmoid(W @ x + b)', where);
  }
  if (last.error) throw last.error;
  return last.program as Program;
}

/** Sites of top-level `def`/`class` chunks, keyed by the module state they start from and their
 *  text: an edit re-reads only the chunks it touches (and those whose module state it changed).
 *  `segments` keeps the top-level pieces of the text, so that unchanged chunks are not lexed again. */
export interface ChunkCache {
  readonly prev: ReadonlyMap<string, Chunk>;
  readonly next: Map<string, Chunk>;
  readonly segments: SegmentCache;
}

interface Chunk {
  readonly start: number;
  readonly sites: readonly PySite[];
  /** A class chunk: the class, which later chunks may instantiate. */
  readonly cls?: ClassInfo;
  /** A function chunk: the function, which later chunks may call. */
  readonly fn?: FunctionInfo;
}

/** A cache for the next scan: what `last` (the previous scan's) kept is re-usable. */
export function nextChunkCache(last?: ChunkCache): ChunkCache {
  return { prev: last?.next ?? new Map(), next: new Map(), segments: { prev: last?.segments.next ?? new Map(), next: new Map() } };
}

/** Every tensor definition in `text` (within `span`), in order. Never throws for user input. */
export function readPython(text: string, span?: Range, cache?: ChunkCache): PySite[] {
  const from = span?.start ?? 0;
  const to = span?.end ?? text.length;
  const w = new Walk(text, cache);
  if (cache) for (const seg of segments(text, from, to, cache.segments)) w.segment(seg);
  else {
    const { lines, comments } = lexPython(text, from, to);
    w.statements(lines.map(parseStatement), comments);
  }
  return w.sites;
}

/** One pass over the statements, piece by piece, with a stack of scopes (module, class, def). */
class Walk {
  readonly sites: PySite[] = [];
  private readonly stack: Scope[] = [new Scope('module', -1)];
  /** Own-line comments not read yet: they come before the next statement. */
  private waiting: readonly PyComment[] = [];

  constructor(private readonly text: string, private readonly cache?: ChunkCache) {}

  segment(seg: Segment): void {
    if (seg.head && this.reuse(seg.start, seg.head)) return;
    const { stmts, comments } = seg.parsed();
    this.statements(stmts, comments, seg.head?.ids);
  }

  /** A top-level chunk from the cache, as `statements` would re-use it; false on a miss. */
  private reuse(start: number, head: ChunkHead): boolean {
    this.stack.length = 1;
    const scope = this.stack[0] as Scope;
    for (const cm of this.waiting) scope.comment(cm);
    this.waiting = [];
    if (typeof this.lookup(scope, start, head.name, head.ids, head.body) === 'string') return false;
    this.waiting = head.trailing.map((cm) => moveComment(cm, start));
    return true;
  }

  /** The cached sites of the top-level chunk `name` at `start` are added (true), else its cache key is returned. */
  private lookup(scope: Scope, start: number, name: string, ids: ReadonlySet<string>, body: string): string | true {
    const cache = this.cache as ChunkCache;
    const key = `${scope.fingerprint(start, ids)}\u0000${body}`;
    const hit = cache.next.get(key) ?? cache.prev.get(key);
    if (!hit) return key;
    const d = start - hit.start;
    for (const site of hit.sites) this.sites.push(shiftSite(site, d));
    if (hit.cls) scope.classes.set(name, hit.cls);
    if (hit.fn) scope.functions.set(name, hit.fn);
    cache.next.set(key, hit);
    scope.notTensor(name);
    return true;
  }

  /** `ids`: the names the first statement's chunk mentions, when known. */
  statements(stmts: readonly PyStmt[], own: readonly PyComment[], ids?: ReadonlySet<string>): void {
    const { sites, stack, cache, text } = this;
    const comments = this.waiting.length ? [...this.waiting, ...own] : own;
    let c = 0;
    let pending: { key: string; start: number; from: number; until: number; cls?: ClassInfo; fn?: FunctionInfo } | undefined;
    const keep = (p: NonNullable<typeof pending>) =>
      cache?.next.set(p.key, { start: p.start, sites: sites.slice(p.from), ...(p.cls ? { cls: p.cls } : {}), ...(p.fn ? { fn: p.fn } : {}) });
    for (let i = 0; i < stmts.length; i++) {
      const stmt = stmts[i] as PyStmt;
      if (pending && i === pending.until) {
        keep(pending);
        pending = undefined;
      }
      while (stack.length > 1 && stmt.indent <= (stack[stack.length - 1] as Scope).indent) stack.pop();
      let scope = stack[stack.length - 1] as Scope;
      for (; c < comments.length && (comments[c] as PyComment).start < stmt.range.start; c++) scope.comment(comments[c] as PyComment);
      if (stmt.k === 'def' || stmt.k === 'class') {
        if (cache && stack.length === 1) {
          const until = chunkEnd(stmts, i);
          const end = (stmts[until - 1] as PyStmt).range.end;
          const body = text.slice(stmt.range.start, end);
          const key = this.lookup(scope, stmt.range.start, stmt.name, (i === 0 && ids) || identifiers(body), body);
          if (key === true) {
            while (c < comments.length && (comments[c] as PyComment).start < end) c++;
            i = until - 1;
            continue;
          }
          pending = { key, start: stmt.range.start, from: sites.length, until };
        }
        scope.notTensor(stmt.name);
      }
      if (stmt.k === 'def') {
        // a function (not a method): calls to it later in the file read its body
        if (scope.kind !== 'class') {
          const fn = functionOf(stmts, i, chunkEnd(stmts, i), text);
          scope.functions.set(stmt.name, fn);
          if (pending && stack.length === 1) pending.fn = fn;
        }
        scope = defScope(scope, stmt);
        stack.push(scope);
      } else if (stmt.k === 'class') {
        const outer = scope;
        scope = scope.fork('class', stmt.indent);
        learnClass(scope, stmts, i);
        const cls = classInfo(stmt.name, scope, stmts, i, text);
        outer.classes.set(stmt.name, cls);
        if (pending && stack.length === 1) pending.cls = cls;
        stack.push(scope);
      }
      const site = visit(scope, stmt, text);
      if (Array.isArray(site)) sites.push(...site);
      else if (site) sites.push(site);
    }
    if (pending) keep(pending);
    this.waiting = comments.slice(c);
  }
}

/** The index after the body of the statement at `i` (the first one indented no deeper). */
function chunkEnd(stmts: readonly PyStmt[], i: number): number {
  const indent = (stmts[i] as PyStmt).indent;
  let k = i + 1;
  while (k < stmts.length && (stmts[k] as PyStmt).indent > indent) k++;
  return k;
}

/** A site moved by `d` characters. */
export function shiftSite(s: PySite, d: number): PySite {
  if (d === 0) return s;
  const range = { start: s.range.start + d, end: s.range.end + d };
  if (s.error) return { range, error: new UserError(s.error.message, s.error.start + d, s.error.end + d) };
  return { range, program: shiftProgram(s.program as Program, d) };
}

function defScope(parent: Scope, stmt: Extract<PyStmt, { k: 'def' }>): Scope {
  const s = parent.fork('def', stmt.indent);
  for (const p of stmt.params) {
    if (p.name === 'self' || p.name === 'cls') continue;
    s.isA(p.name);
    s.names.constants.delete(p.name);
    s.annotate(p.name, p.annotation, p.range);
  }
  return s;
}

/** A class's `self.…` facts from all its methods, and its annotated fields (`W: Float[Array, "m n"]`). */
function learnClass(scope: Scope, stmts: readonly PyStmt[], at: number): void {
  const indent = (stmts[at] as PyStmt).indent;
  let body = -1;
  for (let j = at + 1; j < stmts.length && (stmts[j] as PyStmt).indent > indent; j++) {
    const s = stmts[j] as PyStmt;
    if (body < 0) body = s.indent;
    if (s.k === 'annotate' && s.indent === body && s.target.k === 'name') scope.annotate(`self.${s.target.id}`, s.annotation, s.range);
    // a dataclass field with a number (Flax: `hidden: int = 16`) is the constant self.hidden
    if (s.k === 'assign' && s.indent === body && s.targets.length === 1 && s.targets[0]?.k === 'name') {
      const c = constantOf(s.value, scope.names);
      if (c !== undefined) scope.names.constants.set(`self.${s.targets[0].id}`, c);
    }
    if (s.k !== 'assign') continue;
    for (const t of s.targets) {
      const key = bindingKey(t);
      if (!key?.startsWith('self.')) continue;
      scope.learn(key, s.value, s.range);
      scope.annotate(key, s.annotation, s.range);
      for (const cm of s.comments) scope.comment(cm, key);
    }
  }
  scope.entries = [];
}

/** A class of the file, for the modules that instantiate it: its layers and its forward. */
function classInfo(name: string, scope: Scope, stmts: readonly PyStmt[], at: number, text: string): ClassInfo {
  const until = chunkEnd(stmts, at);
  const own = <T>(m: ReadonlyMap<string, T>): Map<string, T> => new Map([...m].filter(([k]) => k.startsWith('self.')));
  const source = text.slice((stmts[at] as PyStmt).range.start, (stmts[until - 1] as PyStmt).range.end);
  return { name, modules: own(scope.modules), instances: own(scope.instances), text: source, ...forwardOf(stmts, at + 1, until) };
}

/** Learn from one statement; the site when it is a tensor definition. */
function visit(scope: Scope, stmt: PyStmt, text: string): PySite | PySite[] | undefined {
  switch (stmt.k) {
    case 'import':
      for (const [alias, path] of stmt.names) scope.names.alias(alias, path);
      return undefined;
    case 'def': case 'class':
      for (const cm of stmt.comments) scope.comment(cm);
      return undefined;
    case 'other':
      for (const name of stmt.binds ?? []) scope.notTensor(name);
      return undefined;
    case 'annotate': {
      const key = bindingKey(stmt.target);
      if (key) scope.annotate(key, stmt.annotation, stmt.range);
      return undefined;
    }
    case 'assign': return assign(scope, stmt, text);
    case 'return': case 'expr': {
      for (const cm of stmt.comments) scope.comment(cm);
      // `return h, y`: each element is a definition of its own
      if (stmt.k === 'return' && stmt.value?.k === 'tuple') return tupleReturn(scope, stmt, stmt.value.items);
      if (!stmt.value || !scope.isDefinition(stmt.value)) return undefined;
      scope.entries.push({ kind: 'def', stmt, value: stmt.value });
      return site(scope, scope.entries.length - 1);
    }
    default: return undefined;
  }
}

/** The sites of `return a, b`: one per element that computes with tensors, each at its own range. */
function tupleReturn(scope: Scope, stmt: PyStmt, items: readonly PyExpr[]): PySite | PySite[] | undefined {
  const out: PySite[] = [];
  for (const value of items) {
    if (!scope.isDefinition(value)) continue;
    scope.entries.push({ kind: 'def', stmt: { ...stmt, k: 'return', value, range: value.range }, value });
    out.push(site(scope, scope.entries.length - 1));
  }
  return out;
}

function assign(scope: Scope, stmt: Extract<PyStmt, { k: 'assign' }>, text: string): PySite | undefined {
  const [target] = stmt.targets;
  if (stmt.targets.length === 1 && target?.k === 'tuple') {
    target.items.forEach((t, j) => {
      const key = bindingKey(t);
      const v = stmt.value.k === 'tuple' ? stmt.value.items[j] : undefined;
      if (key && !(v && scope.learn(key, v, stmt.range))) scope.notTensor(key);
    });
    return undefined;
  }
  const key = target && stmt.targets.length === 1 ? bindingKey(target) : undefined;
  if (!key || !target) return undefined;
  if (target.k === 'name' && stmt.value.k === 'lambda') {
    scope.functions.set(key, lambdaOf(key, stmt.value, text.slice(stmt.range.start, stmt.range.end)));
    scope.notTensor(key);
    return undefined;
  }
  scope.functions.delete(key);
  const value: PyExpr = stmt.op ? { k: 'bin', op: stmt.op, left: target, right: stmt.value, range: stmt.range } : stmt.value;
  if (scope.learn(key, value, stmt.range)) {
    for (const cm of stmt.comments) scope.comment(cm);
    return undefined;
  }
  scope.annotate(key, stmt.annotation, stmt.range);
  const definition = scope.isDefinition(value);
  for (const cm of stmt.comments) scope.comment(cm, definition ? undefined : key);
  if (!definition) {
    scope.entries.push({ key, kind: 'opaque' });
    if (!scope.decls.has(baseName(key))) scope.notTensor(key);
    return undefined;
  }
  scope.isA(key);
  scope.entries.push({ key, kind: 'def', stmt, value });
  return site(scope, scope.entries.length - 1);
}

function site(scope: Scope, at: number): PySite {
  const range = (scope.entries[at] as Entry).stmt?.range as Range;
  try {
    const opaque: Entry[] = [];
    const chain = chainOf(scope.entries, at, opaque);
    const program = buildProgram(scope, chain, opaque);
    // a value assigned by a statement that is not read (`q = q.view(…).transpose(1, 2)`) is an input: say so
    const unread = opaque.map((e) => `${e.key} is assigned by a statement that cannot be read as a matrix expression, so its value is taken as an input here.`);
    return { range, program: unread.length ? { ...program, notes: [...(program.notes ?? []), ...unread] } : program };
  } catch (e) {
    if (e instanceof UserError) return { range, error: e };
    throw e;
  }
}

function buildProgram(scope: Scope, chain: readonly Entry[], opaque: readonly Entry[]): Program {
  const convention = conventionOf(scope, chain);
  const taken = new Set<string>();
  for (const e of scope.entries) if (e.key) taken.add(baseName(e.key));
  for (const e of chain) for (const k of readsOf(e.value as PyExpr)) taken.add(baseName(k));
  const ctx: Context = {
    names: scope.names, modules: scope.modules, instances: scope.instances, functions: scope.functions, declared: scope.decls, convention,
    env: new Map(), rows: new Map(), cols: new Map(), ranks: new Map(), kept: new Map(), indices: new Set(), free: new Set(), matrices: new Set(), prelude: [], generated: [], notes: new Set(), own: new Set(),
    unread: new Map(opaque.map((e) => [baseName(e.key as string), { key: e.key as string, why: `${e.key} is assigned by a statement that cannot be read as a matrix expression` }])),
    fresh: (base) => {
      let name = base;
      for (let k = 1; taken.has(name); k++) name = `${base}_${k}`;
      taken.add(name);
      return name;
    },
  };
  const t = new Translator(ctx);
  const assignments: Assignment[] = [];
  const used = new Set<string>();
  const renamed = new Set<string>();
  for (const entry of chain) {
    const stmt = entry.stmt as PyStmt;
    const expr = translateEarlier(t, entry, entry === chain[chain.length - 1]);
    if (!expr) continue;
    assignments.push(...ctx.prelude.splice(0));
    for (const a of assignments) if (a.name) used.add(a.name);
    namesIn(expr, used);
    if (entry.key === undefined) {
      if (entry === chain[chain.length - 1] && expr.kind === 'var' && assignments.some((a) => a.name === expr.name)) break;
      assignments.push({ expr, range: stmt.range });
      continue;
    }
    const base = baseName(entry.key);
    const name = used.has(base) || ctx.env.has(entry.key) ? ctx.fresh(base) : base;
    if (name !== base) renamed.add(base);
    taken.add(name);
    used.add(name);
    ctx.env.set(entry.key, name);
    t.remember(name, expr);
    assignments.push({ name, expr, range: stmt.range });
  }
  const declarations = declarationsFor(assignments, ctx, convention);
  const vectors = declarations.filter((d) => ctx.declared.get(d.name)?.dims.length === 1).map((d) => d.name);
  const columns = convention === 'column' && vectors.length ? [`1-D tensors (${vectors.join(', ')}) are read as columns (n×1), as in W @ x.`] : [];
  const notes = [...(convention === 'row' ? [ROW_NOTE] : columns), ...ctx.notes];
  for (const base of renamed) notes.push(`${base} is assigned more than once: its successive values are named ${base}_1, ${base}_2, …`);
  return { declarations, assignments, ...(notes.length ? { notes } : {}), ...(ctx.own.size ? { ownNames: [...ctx.own] } : {}), ...(ctx.indices.size ? { indices: [...ctx.indices] } : {}), ...(ctx.free.size ? { freeSizes: [...ctx.free] } : {}), ...(ctx.matrices.size ? { matrices: [...ctx.matrices] } : {}), expEntrywise: true };
}

/**
 * One statement of the chain. An earlier statement that cannot be read (`x = x.view(-1, 784)`)
 * does not sink the line asked about: its target becomes an input under a fresh name, with a note.
 */
function translateEarlier(t: Translator, entry: Entry, last: boolean): Expr | undefined {
  try {
    return t.expr(entry.value as PyExpr);
  } catch (e) {
    if (last || entry.key === undefined || !(e instanceof UserError)) throw e;
    const ctx = t.ctx;
    ctx.prelude.splice(0);
    const base = baseName(entry.key);
    const name = ctx.fresh(base);
    ctx.env.set(entry.key, name);
    ctx.notes.add(`An earlier assignment to ${entry.key} cannot be read (${e.message}), so its value is taken as an input here, named ${name}.`);
    const declared = ctx.declared.get(base);
    if (declared && !declared.unread) {
      // its declaration still says what it is
      ctx.generated.push({ name, shape: shapeOf(entry.key, declared.dims, declared.range, ctx.convention), range: declared.range });
      ctx.ranks.set(name, declared.dims.length);
    } else ctx.unread.set(name, { key: entry.key, why: `the assignment to ${entry.key} cannot be read (${e.message})` });
    return undefined;
  }
}

/** Declarations of the names the program reads: declared shapes (vectors per the convention) and module parameters. */
function declarationsFor(assignments: readonly Assignment[], ctx: Context, convention: Convention): Declaration[] {
  const assigned = new Set(assignments.map((a) => a.name));
  const read = new Set<string>();
  for (const a of assignments) namesIn(a.expr, read);
  const out: Declaration[] = [];
  for (const name of read) {
    const d = ctx.declared.get(name);
    if (!d || assigned.has(name)) continue;
    out.push({ name, shape: shapeOf(name, d.dims, d.range, convention), range: d.range });
  }
  for (const g of ctx.generated) if (!out.some((d) => d.name === g.name)) out.push(g);
  return out;
}

function shapeOf(name: string, dims: readonly Dim[], range: Range, convention: Convention): readonly [Dim, Dim] {
  const [a, b] = dims;
  if (dims.length === 0) return [1, 1];
  if (dims.length === 1) return convention === 'row' ? [1, a as Dim] : [a as Dim, 1];
  if (dims.length === 2) return [a as Dim, b as Dim];
  // a batch of sequences, or heads: the matrix form holds one sample (one head) at a time
  const last = dims.slice(-2).join(', ');
  throw UserError.at(
    `${name} has ${dims.length} axes (${dims.join(', ')}): Kronecker Lens works with matrices and vectors; ` +
    `to analyse one sample or one head, declare it as a matrix of the last two axes (# ${name}: (${last}))`, range);
}

/** Row convention when the chain calls an nn.Linear, uses F.linear, or multiplies a vector from the left (`x @ W.T`). */
function conventionOf(scope: Scope, chain: readonly Entry[]): Convention {
  const row = (e: PyExpr): boolean => {
    switch (e.k) {
      case 'bin': return (e.op === '@' && leftIsRow(e.left, e.right)) || row(e.left) || row(e.right);
      case 'unary': return row(e.arg);
      case 'attr': return row(e.obj);
      case 'index': return row(e.obj);
      case 'call': {
        const key = bindingKey(e.fn);
        const m = key === undefined ? undefined : scope.modules.get(key);
        // a layer, or a norm over the last axis (its vectors are rows)
        if (m && (m.module.k === 'linear' || m.module.k === 'seq' || m.module.k === 'norm' || m.module.k === 'embedding')) return true;
        if (key !== undefined && scope.instances.has(key)) return true;
        if (isFlaxDense(e.fn, scope.names)) return true;
        if (['linear', 'layer_norm', 'rms_norm', 'embedding'].includes(scope.names.libraryName(e.fn) ?? '')) return true;
        const lib = scope.names.libraryName(e.fn);
        if ((lib === 'matmul' || lib === 'dot' || lib === 'mm') && e.args[0] && e.args[1] && leftIsRow(e.args[0], e.args[1])) return true;
        return (e.fn.k === 'attr' && row(e.fn.obj)) || e.args.some(row);
      }
      default: return false;
    }
  };
  const leftIsRow = (l: PyExpr, r: PyExpr): boolean => {
    const key = bindingKey(l);
    const rank = key === undefined ? undefined : scope.decls.get(baseName(key))?.dims.length;
    return rank === 1 || (r.k === 'attr' && (r.attr === 'T' || r.attr === 'mT') && rank !== 0);
  };
  return chain.some((e) => e.value !== undefined && row(e.value)) ? 'row' : 'column';
}

