// Python statements and expressions, syntax only: the subset a layer definition uses. Anything
// else becomes an `other` node with its range, refused only if a definition needs it.

import type { Range } from '../../ast';
import type { LogicalLine, PyComment, PyToken } from './lexer';
import { ExprReader } from './expr';

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
  /** `lambda x, y: body`: its parameters' names (defaults dropped). */
  | { readonly k: 'lambda'; readonly params: readonly string[]; readonly body: PyExpr; readonly range: Range }
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

const KEYWORDS = new Set(['pass', 'raise', 'assert', 'del', 'global', 'nonlocal', 'break', 'continue']);
const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'async', 'match', 'case']);

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
      return r.peek() ? { k: 'return', value: tupleStatement(r) } : { k: 'return' };
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
