// Python expressions, syntax only, by precedence climbing over one logical line's tokens. A
// construct outside the subset (a comparison, a comprehension) becomes `other` with its
// range; nesting and chains are bounded, so hostile input cannot exhaust the stack.

import type { Range } from '../../ast';
import type { PyToken } from './lexer';
import type { PyExpr, PyKwarg } from './syntax';

/** Bounds for hostile input: brackets nested deeper, or chains longer, become `other`. */
const MAX_NESTING = 100;
const MAX_CHAIN = 300;

const BINARY: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['+', '-']),
  new Set(['*', '@', '/', '//', '%']),
];
const STOP_WORDS = new Set(['if', 'else', 'for', 'in', 'and', 'or', 'not', 'is', 'lambda', 'async', 'await', 'yield']);
const COMPARISONS = new Set(['<', '>', '==', '!=', '<=', '>=', '|', '&', '^', '<<', '>>', '~']);
/** Expressions by precedence climbing over one line's tokens. */
export class ExprReader {
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
    if (first?.type === 'name' && first.v === 'lambda') return this.lambda(first);
    let e = this.binary(0);
    const next = this.peek();
    if (next && next.type === 'name' && STOP_WORDS.has(next.v)) return this.other(next.v, e.range.start);
    if (next && next.type === 'op' && COMPARISONS.has(next.v)) {
      return this.other(next.v, e.range.start);
    }
    return e;
  }

  /** `lambda x, y=1: body`, from the keyword on. */
  private lambda(first: PyToken): PyExpr {
    this.take();
    const params: string[] = [];
    while (this.peek() && !this.is(':')) {
      const p = this.take();
      if (p.type === 'name') params.push(p.v);
      if (this.is('=')) { this.take(); this.other('default', p.start); }
      if (this.is(',')) this.take();
    }
    if (this.is(':')) this.take();
    const body = this.expr();
    return { k: 'lambda', params, body, range: { start: first.start, end: body.range.end } };
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
      items.push(close === ']' ? this.sliceOr(close) : this.expr());
      if (!this.is(',')) break;
      this.take();
      comma = true;
    }
    const end = this.t[this.i - 1]?.end ?? start;
    if (items.length === 1 && !comma) return items[0] as PyExpr;
    return { k: 'tuple', items, range: { start, end } };
  }

  /** One subscript: an expression, or a slice `a:b:c` (any part may be absent) as `other`. */
  private sliceOr(close: string): PyExpr {
    const start = this.peek()?.start ?? this.end;
    const bound = () => (this.is(':') || this.is(',') || this.is(close) ? undefined : this.expr());
    const first = bound();
    if (!this.is(':')) return first ?? this.other('missing', start);
    while (this.is(':')) {
      this.take();
      bound();
    }
    return { k: 'other', what: 'slice', range: { start, end: this.t[this.i - 1]?.end ?? start } };
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
    case 'lambda': return { k: 'lambda', params: e.params, body: e.body, range };
    case 'other': return { k: 'other', what: e.what, range };
  }
}

function unquote(s: string): string {
  const m = /^[rRbBuUfF]{0,2}('''|"""|'|")([\s\S]*?)\1?$/.exec(s);
  return m ? (m[2] ?? '') : s;
}
