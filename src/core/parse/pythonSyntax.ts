// Python statements and expressions, syntax only: the subset a layer definition uses. Anything
// else becomes an `other` node with its range, refused only if a definition needs it.

import type { Range } from '../ast';
import type { LogicalLine, PyComment, PyToken } from './pythonLexer';

export type PyExpr =
  | { readonly k: 'name'; readonly id: string; readonly range: Range }
  | { readonly k: 'num'; readonly value: number; readonly range: Range }
  | { readonly k: 'str'; readonly value: string; readonly range: Range }
  | { readonly k: 'attr'; readonly obj: PyExpr; readonly attr: string; readonly range: Range }
  | { readonly k: 'call'; readonly fn: PyExpr; readonly args: readonly PyExpr[]; readonly kwargs: readonly PyKwarg[]; readonly range: Range }
  | { readonly k: 'index'; readonly obj: PyExpr; readonly index: PyExpr; readonly range: Range }
  | { readonly k: 'tuple' | 'list'; readonly items: readonly PyExpr[]; readonly range: Range }
  | { readonly k: 'bin'; readonly op: string; readonly left: PyExpr; readonly right: PyExpr; readonly range: Range }
  | { readonly k: 'unary'; readonly op: string; readonly arg: PyExpr; readonly range: Range }
  | { readonly k: 'other'; readonly what: string; readonly range: Range };

export interface PyKwarg {
  readonly name: string;
  readonly value: PyExpr;
}

export interface PyParam {
  readonly name: string;
  readonly annotation?: PyExpr;
  readonly range: Range;
}

interface Base {
  readonly indent: number;
  readonly range: Range;
  readonly comments: readonly PyComment[];
}

export type PyStmtBody =
  | { readonly k: 'assign'; readonly targets: readonly PyExpr[]; readonly value: PyExpr; readonly annotation?: PyExpr; readonly op?: string }
  | { readonly k: 'annotate'; readonly target: PyExpr; readonly annotation: PyExpr }
  | { readonly k: 'return'; readonly value?: PyExpr }
  | { readonly k: 'expr'; readonly value: PyExpr }
  | { readonly k: 'def'; readonly name: string; readonly params: readonly PyParam[] }
  | { readonly k: 'class'; readonly name: string }
  | { readonly k: 'import'; readonly names: ReadonlyArray<readonly [alias: string, path: string]> }
  /** `for i, x in …`, `with … as f`, `except E as e`: the names it binds. */
  | { readonly k: 'other'; readonly binds?: readonly string[] };

export type PyStmt = Base & PyStmtBody;

/** Bounds for hostile input: brackets nested deeper, or chains longer, become `other`. */
const MAX_NESTING = 100;
const MAX_CHAIN = 300;

const BINARY: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['+', '-']),
  new Set(['*', '@', '/', '//', '%']),
];
const STOP_WORDS = new Set(['if', 'else', 'for', 'in', 'and', 'or', 'not', 'is', 'lambda', 'async', 'await', 'yield']);
const COMPARISONS = new Set(['<', '>', '==', '!=', '<=', '>=', '|', '&', '^', '<<', '>>', '~']);
const KEYWORDS = new Set(['pass', 'raise', 'assert', 'del', 'global', 'nonlocal', 'break', 'continue']);
const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'async', 'match', 'case']);

/** Expressions by precedence climbing over one line's tokens. */
class ExprReader {
  i = 0;
  private depth = 0;
  constructor(private readonly t: readonly PyToken[], private readonly end: number) {}

  peek(k = 0): PyToken | undefined {
    const tok = this.t[this.i + k];
    return tok && tok.start < this.end ? tok : undefined;
  }
  is(v: string): boolean {
    const p = this.peek();
    return p?.v === v && p.type !== 'string';
  }
  take(): PyToken {
    return this.t[this.i++] as PyToken;
  }

  /** A whole expression; an unknown construct stops the reading and becomes `other`. */
  expr(): PyExpr {
    if (this.depth >= MAX_NESTING) return this.other('too deep', this.peek()?.start ?? this.end - 1);
    this.depth++;
    try {
      return this.expression();
    } finally {
      this.depth--;
    }
  }

  private expression(): PyExpr {
    const first = this.peek();
    if (first?.type === 'name' && first.v === 'lambda') {
      this.take();
      this.other('lambda', first.start); // the parameters, up to ':'
      if (this.is(':')) this.take();
      const body = this.expr();
      return { k: 'other', what: 'lambda', range: { start: first.start, end: body.range.end } };
    }
    let e = this.binary(0);
    const next = this.peek();
    if (next && next.type === 'name' && STOP_WORDS.has(next.v)) return this.other(next.v, e.range.start);
    if (next && next.type === 'op' && COMPARISONS.has(next.v)) {
      return this.other(next.v, e.range.start);
    }
    return e;
  }

  /** Skip to the end of the enclosing construct (bracket depth 0, before `,` `)` `]` `}` `:` `=`). */
  private other(what: string, start: number): PyExpr {
    let depth = 0;
    for (let p = this.peek(); p; p = this.peek()) {
      if (depth === 0 && p.type === 'op' && [',', ')', ']', '}', ':', '='].includes(p.v)) break;
      if (p.type === 'op' && '([{'.includes(p.v)) depth++;
      if (p.type === 'op' && ')]}'.includes(p.v)) depth--;
      this.take();
    }
    const last = this.t[this.i - 1];
    const here = this.peek();
    const end = last && last.end > start ? last.end : here ? here.end : start;
    return { k: 'other', what, range: { start, end } };
  }

  private binary(level: number): PyExpr {
    if (level >= BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    let count = 0;
    for (let p = this.peek(); p && p.type === 'op' && BINARY[level]?.has(p.v); p = this.peek()) {
      if (++count > MAX_CHAIN) return this.other('too deep', left.range.start);
      this.take();
      const right = this.binary(level + 1);
      left = { k: 'bin', op: p.v, left, right, range: { start: left.range.start, end: right.range.end } };
    }
    return left;
  }

  private unary(): PyExpr {
    const p = this.peek();
    if (p && p.type === 'op' && (p.v === '-' || p.v === '+' || p.v === '~')) {
      if (this.depth >= MAX_NESTING) return this.other('too deep', p.start);
      this.take();
      this.depth++;
      const arg = this.unary();
      this.depth--;
      return { k: 'unary', op: p.v, arg, range: { start: p.start, end: arg.range.end } };
    }
    return this.power();
  }

  private power(): PyExpr {
    const base = this.postfix(this.atom());
    if (!this.is('**')) return base;
    this.take();
    const exp = this.unary(); // right-associative; binds tighter than a unary minus on its left
    return { k: 'bin', op: '**', left: base, right: exp, range: { start: base.range.start, end: exp.range.end } };
  }

  private postfix(e: PyExpr): PyExpr {
    for (let count = 0; ; count++) {
      if (count > MAX_CHAIN) return this.other('too deep', e.range.start);
      if (this.is('.') && this.peek(1)?.type === 'name') {
        this.take();
        const name = this.take();
        e = { k: 'attr', obj: e, attr: name.v, range: { start: e.range.start, end: name.end } };
      } else if (this.is('(')) {
        e = this.call(e);
      } else if (this.is('[')) {
        this.take();
        const index = this.tupleOr(']');
        const close = this.closeWith(']', e.range.start);
        e = { k: 'index', obj: e, index, range: { start: e.range.start, end: close } };
      } else return e;
    }
  }

  private call(fn: PyExpr): PyExpr {
    this.take();
    const args: PyExpr[] = [];
    const kwargs: PyKwarg[] = [];
    while (this.peek() && !this.is(')')) {
      const p = this.peek() as PyToken;
      if (p.type === 'name' && this.peek(1)?.v === '=' && this.peek(1)?.type === 'op') {
        this.take();
        this.take();
        kwargs.push({ name: p.v, value: this.expr() });
      } else if (this.is('*') || this.is('**')) {
        args.push(this.other('*args', p.start));
      } else args.push(this.expr());
      if (!this.is(',')) break;
      this.take();
    }
    const end = this.closeWith(')', fn.range.start);
    return { k: 'call', fn, args, kwargs, range: { start: fn.range.start, end } };
  }

  /** Items up to `close` (not taken): one expression, or a tuple when there is a comma. */
  private tupleOr(close: string): PyExpr {
    const start = this.peek()?.start ?? this.end;
    const items: PyExpr[] = [];
    let comma = false;
    while (this.peek() && !this.is(close)) {
      items.push(this.is(':') ? this.other('slice', start) : this.expr());
      if (this.is(':')) items.push(this.other('slice', start));
      if (!this.is(',')) break;
      this.take();
      comma = true;
    }
    const end = this.t[this.i - 1]?.end ?? start;
    if (items.length === 1 && !comma) return items[0] as PyExpr;
    return { k: 'tuple', items, range: { start, end } };
  }

  /** Take `v`; the end offset. A missing closer ends the expression where the line ends. */
  private closeWith(v: string, start: number): number {
    if (this.is(v)) return this.take().end;
    while (this.peek() && !this.is(v)) this.take();
    if (this.is(v)) return this.take().end;
    return this.t[this.i - 1]?.end ?? start;
  }

  private atom(): PyExpr {
    const p = this.peek();
    if (!p) {
      const prev = this.t[this.i - 1];
      return { k: 'other', what: 'missing', range: prev ? { start: prev.start, end: prev.end } : { start: this.end - 1, end: this.end - 1 } };
    }
    const range = { start: p.start, end: p.end };
    if (p.type === 'name') {
      if (STOP_WORDS.has(p.v)) return this.other(p.v, p.start);
      this.take();
      if (p.v === 'None' || p.v === 'True' || p.v === 'False') return { k: 'other', what: p.v, range };
      return { k: 'name', id: p.v, range };
    }
    if (p.type === 'number') {
      this.take();
      const value = Number(p.v.replace(/_/g, ''));
      return Number.isFinite(value) ? { k: 'num', value, range } : { k: 'other', what: p.v, range };
    }
    if (p.type === 'string') {
      this.take();
      let end = p.end;
      let value = unquote(p.v);
      while (this.peek()?.type === 'string') { const s = this.take(); value += unquote(s.v); end = s.end; }
      return { k: 'str', value, range: { start: p.start, end } };
    }
    if (p.v === '(' || p.v === '[') {
      this.take();
      const close = p.v === '(' ? ')' : ']';
      const inner = this.tupleOr(close);
      const whole = { start: p.start, end: this.closeWith(close, p.start) };
      if (p.v === '(') return withRange(inner, whole);
      return { k: 'list', items: inner.k === 'tuple' ? inner.items : [inner], range: whole };
    }
    return this.other(p.v, p.start);
  }
}

/** `e` with another range, written out per kind (spreads over many shapes are slow). */
function withRange(e: PyExpr, range: Range): PyExpr {
  switch (e.k) {
    case 'name': return { k: 'name', id: e.id, range };
    case 'num': return { k: 'num', value: e.value, range };
    case 'str': return { k: 'str', value: e.value, range };
    case 'attr': return { k: 'attr', obj: e.obj, attr: e.attr, range };
    case 'call': return { k: 'call', fn: e.fn, args: e.args, kwargs: e.kwargs, range };
    case 'index': return { k: 'index', obj: e.obj, index: e.index, range };
    case 'tuple': case 'list': return { k: e.k, items: e.items, range };
    case 'bin': return { k: 'bin', op: e.op, left: e.left, right: e.right, range };
    case 'unary': return { k: 'unary', op: e.op, arg: e.arg, range };
    case 'other': return { k: 'other', what: e.what, range };
  }
}

function unquote(s: string): string {
  const m = /^[rRbBuUfF]{0,2}('''|"""|'|")([\s\S]*?)\1?$/.exec(s);
  return m ? (m[2] ?? '') : s;
}

/** One logical line → a statement. (No object spreads here: they are slow on many shapes.) */
export function parseStatement(line: LogicalLine): PyStmt {
  const stmt = parseBody(line) as PyStmtBody & { indent: number; range: Range; comments: readonly PyComment[] };
  stmt.indent = line.indent;
  stmt.range = { start: line.start, end: line.end };
  stmt.comments = line.comments;
  return stmt;
}

function parseBody(line: LogicalLine): PyStmtBody {
  const t = line.toks;
  const first = t[0] as PyToken;
  const end = line.end + 1;
  if (first.type === 'name') {
    if (first.v === 'def' || (first.v === 'async' && t[1]?.v === 'def')) return parseDef(t, first.v === 'async' ? 2 : 1, end);
    if (first.v === 'class') return { k: 'class', name: t[1]?.v ?? '' };
    if (first.v === 'import' || first.v === 'from') return { k: 'import', names: parseImport(t) };
    if (first.v === 'return') {
      const r = new ExprReader(t, end);
      r.i = 1;
      return r.peek() ? { k: 'return', value: r.expr() } : { k: 'return' };
    }
    if (COMPOUND.has(first.v) || KEYWORDS.has(first.v)) return { k: 'other', binds: bindsOf(t) };
  }
  if (first.v === '@') return { k: 'other' }; // a decorator
  return parseSimple(t, end);
}

/** Names a compound statement binds: the targets of `for … in`, and the name after each `as`. */
function bindsOf(t: readonly PyToken[]): string[] {
  const out: string[] = [];
  if (t[0]?.v === 'for') {
    for (let i = 1; i < t.length && t[i]?.v !== 'in'; i++) if (t[i]?.type === 'name') out.push(t[i]!.v);
  }
  t.forEach((tok, i) => {
    const next = t[i + 1];
    if (tok.type === 'name' && tok.v === 'as' && next?.type === 'name') out.push(next.v);
  });
  return out;
}

function parseDef(t: readonly PyToken[], at: number, end: number): { k: 'def'; name: string; params: PyParam[] } {
  const name = t[at]?.v ?? '';
  const params: PyParam[] = [];
  const r = new ExprReader(t, end);
  r.i = at + 2; // past the name and '('
  while (r.peek() && !r.is(')')) {
    const p = r.peek() as PyToken;
    if (p.type === 'name') {
      r.take();
      const annotation = r.is(':') ? (r.take(), r.expr()) : undefined;
      if (r.is('=')) { r.take(); r.expr(); }
      params.push(annotation ? { name: p.v, annotation, range: { start: p.start, end: annotation.range.end } } : { name: p.v, range: { start: p.start, end: p.end } });
    } else r.take(); // `*`, `/`, `**kwargs`
    if (r.is(',')) r.take();
  }
  return { k: 'def', name, params };
}

function parseImport(t: readonly PyToken[]): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  const dotted = (i: number): [string, number] => {
    let s = t[i]?.v ?? '';
    while (t[i + 1]?.v === '.' && t[i + 2]?.type === 'name') { s += `.${t[i + 2]?.v}`; i += 2; }
    return [s, i + 1];
  };
  if (t[0]?.v === 'import') {
    for (let i = 1; i < t.length;) {
      const [path, j] = dotted(i);
      const alias = t[j]?.v === 'as' ? t[j + 1]?.v ?? path : (path.split('.')[0] as string);
      out.push([alias, t[j]?.v === 'as' ? path : alias]);
      i = (t[j]?.v === 'as' ? j + 2 : j) + 1;
    }
    return out;
  }
  const [from, j] = dotted(1);
  for (let i = j + 1; i < t.length; i++) {
    const name = t[i];
    if (name?.type !== 'name') continue;
    const alias = t[i + 1]?.v === 'as' ? (t[i + 2]?.v ?? name.v) : name.v;
    out.push([alias, `${from}.${name.v}`]);
    if (t[i + 1]?.v === 'as') i += 2;
  }
  return out;
}

const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '@=', '**=']);

/** `a = b = expr`, `a: T = expr`, `a += expr`, `a: T`, or an expression statement. */
function parseSimple(t: readonly PyToken[], end: number): Extract<PyStmtBody, { k: 'assign' | 'annotate' | 'expr' }> {
  const r = new ExprReader(t, end);
  const first = tupleStatement(r);
  if (r.is(':')) {
    r.take();
    const annotation = r.expr();
    if (!r.is('=')) return { k: 'annotate', target: first, annotation };
    r.take();
    return { k: 'assign', targets: [first], value: tupleStatement(r), annotation };
  }
  const op = r.peek();
  if (op && op.type === 'op' && AUGMENTED.has(op.v)) {
    r.take();
    return { k: 'assign', targets: [first], value: tupleStatement(r), op: op.v.slice(0, -1) };
  }
  const targets = [first];
  while (r.is('=')) {
    r.take();
    targets.push(tupleStatement(r));
  }
  const value = targets.pop() as PyExpr;
  return targets.length ? { k: 'assign', targets, value } : { k: 'expr', value };
}

/** The right-hand side, which may be a bare tuple: `d_in, d_out = 4, 3`. */
function tupleStatement(r: ExprReader): PyExpr {
  const first = r.expr();
  if (!r.is(',')) return first;
  const items = [first];
  while (r.is(',')) {
    r.take();
    if (!r.peek() || r.is('=')) break;
    items.push(r.expr());
  }
  return { k: 'tuple', items, range: { start: first.range.start, end: items[items.length - 1]!.range.end } };
}
