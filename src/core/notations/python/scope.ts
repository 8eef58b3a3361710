// What is known at one point of a Python file: aliases, constants, declared shapes, modules,
// which names hold tensors, and the statements so far in this function (for chains).

import type { Dim, Range } from '../../ast';
import { bindingKey, baseName } from './translate';
import { commentShapes, constructorDims, jaxtypingDims, moduleOf, Names } from './facts';
import type { ModuleEntry } from './modules';
import type { ClassInfo } from './inline';
import type { FunctionInfo } from './functions';
import { isFlaxDense } from './flax';
import type { PyComment } from './lexer';
import type { PyExpr, PyStmt } from './syntax';
import { CONSTRUCTORS, FUNCTIONS, METHODS } from './tables';

export interface Decl {
  readonly dims: readonly Dim[];
  readonly range: Range;
  /** A size the declaration writes that cannot be read: refused where the name is read. */
  readonly unread?: { readonly why: string; readonly range: Range };
}

/** One statement of a function, as far as chains care. */
export interface Entry {
  /** The binding it assigns (`x`, `self.h`), none for `return …` or a bare expression. */
  readonly key?: string;
  /** `def`: a tensor definition; `fact`: a constructor (an input); `opaque`: anything else. */
  readonly kind: 'def' | 'fact' | 'opaque';
  readonly stmt?: PyStmt;
  readonly value?: PyExpr;
}

export class Scope {
  names: Names;
  decls = new Map<string, Decl>();
  modules = new Map<string, ModuleEntry>();
  /** The file's own classes (shared by every scope of the file), and bindings to their instances. */
  classes = new Map<string, ClassInfo>();
  instances = new Map<string, ClassInfo>();
  /** Functions defined so far in this scope and the scopes around it. */
  functions = new Map<string, FunctionInfo>();
  tensors = new Set<string>();
  /** Names known not to hold tensors: loop variables, results of unknown calls, functions, classes. */
  others = new Set<string>();
  /** The scope this one was forked from: `others` is looked up along the chain, not copied. */
  private parent: Scope | undefined;
  entries: Entry[] = [];

  constructor(readonly kind: 'module' | 'class' | 'def', readonly indent: number, names?: Names) {
    this.names = names ?? new Names();
  }

  /** A nested scope: everything known so far, and a fresh chain. */
  fork(kind: 'class' | 'def', indent: number): Scope {
    const s = new Scope(kind, indent, new Names(this.names));
    s.decls = new Map(this.decls);
    s.modules = new Map(this.modules);
    s.classes = this.classes;
    s.instances = new Map(this.instances);
    s.functions = new Map(this.functions);
    s.tensors = new Set(this.tensors);
    s.parent = this;
    return s;
  }

  /** What a top-level `def` or `class` starting at `at` and mentioning the names `uses` can read from
   *  this (module) scope, ranges relative to `at`: equal fingerprints and text give equal sites. */
  fingerprint(at: number, uses: ReadonlySet<string>): string {
    const parts: string[] = [];
    const used = (key: string): boolean => uses.has(rootName(key)) || uses.has(baseName(key));
    for (const [k, v] of this.names.aliases) if (used(k)) parts.push(`a${k}=${v}`);
    for (const [k, v] of this.names.constants) if (used(k)) parts.push(`c${k}=${v}`);
    for (const [k, v] of this.decls) if (used(k)) parts.push(`d${k}=${v.dims.join(',')}${v.unread ? `?${v.unread.why}@${v.unread.range.start - at}` : ''}@${v.range.start - at},${v.range.end - at}`);
    for (const [k, v] of this.modules) if (used(k)) parts.push(`m${k}=${JSON.stringify(v.module)}@${v.range.start - at},${v.range.end - at}`);
    for (const k of this.tensors) if (used(k)) parts.push(`t${k}`);
    for (const [k, v] of this.classes) if (used(k)) parts.push(`k${k}=${v.text}`);
    for (const [k, v] of this.functions) if (used(k)) parts.push(`f${k}=${v.text}`);
    for (const k of uses) if (this.isOther(k)) parts.push(`o${k}`);
    return parts.join(';');
  }

  declare(key: string, dims: readonly Dim[] | undefined, range: Range, unread?: Decl['unread']): void {
    if (!dims) return;
    this.decls.set(baseName(key), unread ? { dims, range, unread } : { dims, range });
    this.isA(key);
  }

  comment(c: PyComment, target?: string): boolean {
    let bare = false;
    for (const s of commentShapes(c, this.names)) {
      if (s.name !== undefined) this.declare(s.name, s.dims, s.range, s.unread);
      else if (target !== undefined) {
        this.declare(target, s.dims, s.range, s.unread);
        bare = true;
      }
    }
    return bare;
  }

  /** Learn from `key = value`: a constant, a module, a constructor's shape; true when it was one of those. */
  learn(key: string, value: PyExpr, range: Range): boolean {
    const c = constantOf(value, this.names);
    if (c !== undefined) {
      this.names.constants.set(key, c);
      this.tensors.delete(key);
      return true;
    }
    this.names.constants.delete(key);
    const module = moduleOf(value, this.names);
    if (module) {
      this.modules.set(key, { key, module, range: value.range });
      return true;
    }
    this.modules.delete(key);
    const cls = value.k === 'call' && value.fn.k === 'name' ? this.classes.get(value.fn.id) : undefined;
    if (cls) {
      this.instances.set(key, cls);
      return true;
    }
    this.instances.delete(key);
    const dims = constructorDims(value, this.names);
    if (dims) {
      this.declare(key, dims, range);
      this.entries.push({ key, kind: 'fact' });
      return true;
    }
    return false;
  }

  annotate(key: string, annotation: PyExpr | undefined, range: Range): void {
    this.declare(key, jaxtypingDims(annotation, this.names), range);
  }

  /** Does `e` compute with tensors (so that it is a definition)? */
  isDefinition(e: PyExpr): boolean {
    switch (e.k) {
      case 'bin':
        if (e.left.k === 'str' || e.right.k === 'str') return false;
        return e.op === '@' || this.isDefinition(e.left) || this.isDefinition(e.right) || this.isTensor(e.left) || this.isTensor(e.right);
      case 'unary': return this.isDefinition(e.arg) || (e.op === '-' && this.isTensor(e.arg));
      case 'call': {
        const key = bindingKey(e.fn);
        if (key !== undefined && (this.modules.has(key) || this.instances.has(key))) return true;
        if (isFlaxDense(e.fn, this.names)) return true;
        if (e.fn.k === 'name' && this.functions.has(e.fn.id)) return e.args.some((a) => this.isDefinition(a) || this.isTensor(a));
        const lib = this.names.libraryName(e.fn);
        // an unknown library function of a tensor computation is listed too, to say it is not supported
        if (lib !== undefined) return CONSTRUCTORS[lib] === undefined && (FUNCTIONS[lib] !== undefined || e.args.some((a) => this.isDefinition(a)));
        if (e.fn.k === 'attr' && METHODS[e.fn.attr] !== undefined && (this.isTensor(e.fn.obj) || this.isDefinition(e.fn.obj))) return true;
        // an unknown function of a tensor computation: listed, to say that it cannot be followed
        return !(e.fn.k === 'name' && BUILTINS.has(e.fn.id)) && e.args.some((a) => this.isDefinition(a));
      }
      case 'attr': return (e.attr === 'T' || e.attr === 'mT') && (this.isTensor(e.obj) || this.isDefinition(e.obj));
      // E[idx] with declared indices is an embedding lookup
      case 'index': return this.isDefinition(e.obj) || (e.index.k === 'name' && this.decls.has(e.index.id) && this.isTensor(e.obj));
      default: return false;
    }
  }

  /** A tensor-valued name: a declared or computed one, or a free name nothing says otherwise about. */
  isTensor(e: PyExpr): boolean {
    const key = bindingKey(e);
    if (key === undefined) return false;
    if (this.tensors.has(key) || e.k === 'index') return true;
    if (e.k !== 'name' || this.isOther(key) || BUILTINS.has(key)) return false;
    return !this.names.constants.has(key) && !this.names.aliases.has(key) && !this.modules.has(key) && !this.instances.has(key);
  }

  private isOther(key: string): boolean {
    return this.others.has(key) || (this.parent?.isOther(key) ?? false);
  }

  /** `key` now holds a tensor. */
  isA(key: string): void {
    this.tensors.add(key);
    this.others.delete(key);
  }

  /** `key` now holds something that is not a tensor. */
  notTensor(key: string): void {
    this.tensors.delete(key);
    this.others.add(key);
  }
}

/** The name a binding key starts with: `self` in `self.W`, `params` in `params["W1"]`. */
function rootName(key: string): string {
  let end = key.length;
  for (let i = 0; i < end; i++) {
    const c = key.charCodeAt(i);
    if (c === 46 || c === 91) end = i; // `.` or `[`
  }
  return key.slice(0, end);
}

/** Python builtins that never compute a tensor definition (`print(W @ x)` is not one). */
const BUILTINS: ReadonlySet<string> = new Set([
  'print', 'len', 'range', 'str', 'repr', 'int', 'float', 'bool', 'list', 'tuple', 'dict', 'set', 'type',
  'isinstance', 'enumerate', 'zip', 'map', 'filter', 'sorted', 'reversed', 'min', 'max', 'sum', 'any', 'all',
  'open', 'iter', 'next', 'super', 'self', 'None', 'True', 'False', 'format', 'round', 'id', 'hash', 'vars',
]);

/** A number: `4`, `-1.5`, or a name bound to one. */
export function constantOf(e: PyExpr, names: Names): number | undefined {
  if (e.k === 'num') return e.value;
  if (e.k === 'unary' && e.op === '-' && e.arg.k === 'num') return -e.arg.value;
  return e.k === 'name' ? names.constants.get(e.id) : undefined;
}

/** Binding keys an expression reads (module calls read the module, not a tensor). */
export function readsOf(e: PyExpr, out: Set<string> = new Set()): Set<string> {
  const key = bindingKey(e);
  if (key !== undefined) {
    out.add(key);
    return out;
  }
  switch (e.k) {
    case 'attr': readsOf(e.obj, out); break;
    case 'index': readsOf(e.obj, out); readsOf(e.index, out); break;
    case 'call':
      if (e.fn.k === 'attr') readsOf(e.fn.obj, out);
      for (const a of e.args) readsOf(a, out);
      for (const k of e.kwargs) readsOf(k.value, out);
      break;
    case 'bin': readsOf(e.left, out); readsOf(e.right, out); break;
    case 'unary': readsOf(e.arg, out); break;
    case 'tuple': case 'list': for (const it of e.items) readsOf(it, out); break;
    default: break;
  }
  return out;
}

/** The definitions `entries[at]` depends on, in order, ending with it (latest binding wins); the
 *  bindings it reads from statements that are not definitions go to `opaque`. */
export function chainOf(entries: readonly Entry[], at: number, opaque: Entry[] = []): Entry[] {
  const target = entries[at] as Entry;
  const needed = readsOf(target.value as PyExpr);
  const chain = [target];
  for (let j = at - 1; j >= 0 && needed.size; j--) {
    const e = entries[j] as Entry;
    if (e.key === undefined || !needed.has(e.key)) continue;
    needed.delete(e.key);
    if (e.kind === 'opaque') opaque.push(e);
    if (e.kind !== 'def') continue;
    chain.unshift(e);
    readsOf(e.value as PyExpr, needed);
  }
  return chain;
}
