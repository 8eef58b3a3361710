// Expanding a document's macros in a formula's tokens, as TeX does: a use `\name{a}{b}` is
// replaced by its body with #1, #2 substituted, and the replacement is read again (so macros may
// use macros). The body's tokens take the range of the use; arguments keep their own ranges.
// Depth and size are bounded, and exceeding either is an error at the use.

import { UserError, type Range } from '../../ast';
import { lexLatex, type Token } from './lexer';
import { MAX_EXPANSION_DEPTH, MAX_EXPANSION_TOKENS, type MacroDef, type Macros } from './macros';

/** A token waiting to be read, with how many expansions produced it. */
interface Pending {
  readonly t: Token;
  readonly depth: number;
  /** The macro written in the formula that this token's expansion started from. */
  readonly root?: string;
}

export function expandMacros(toks: readonly Token[], macros: Macros): Token[] {
  if (macros.size === 0 || !toks.some((t) => t.type === 'macro' && macros.has(t.v))) return [...toks];
  const stack: Pending[] = toks.map((t) => ({ t, depth: 0 })).reverse();
  const out: Token[] = [];
  let made = 0;
  for (let it = stack.pop(); it; it = stack.pop()) {
    const def = it.t.type === 'macro' ? macros.get(it.t.v) : undefined;
    if (!def) {
      out.push(it.t);
      continue;
    }
    if (def.unsupported) throw UserError.at(def.unsupported, it.t);
    const root = it.root ?? def.name;
    if (it.depth >= MAX_EXPANSION_DEPTH) {
      throw UserError.at(`${root}: macros nested more than ${MAX_EXPANSION_DEPTH} deep (is it defined in terms of itself?)`, it.t);
    }
    const args = takeArguments(stack, def, it.t);
    const use = { start: it.t.start, end: Math.max(it.t.end, args.end) };
    const body = substitute(template(def, use), args.values, use, { ...it, root });
    made += body.length;
    if (made > MAX_EXPANSION_TOKENS) throw UserError.at(`${root}: its expansion is longer than ${MAX_EXPANSION_TOKENS} tokens`, use);
    for (let k = body.length - 1; k >= 0; k--) stack.push(body[k] as Pending);
  }
  return out;
}

/** The arguments of a use: `{…}` groups or single tokens; an optional first one in `[…]`. */
function takeArguments(stack: Pending[], def: MacroDef, at: Token): { values: Pending[][]; end: number } {
  const values: Pending[][] = [];
  let end = at.end;
  const last = (xs: Pending[]): void => {
    const t = xs[xs.length - 1]?.t;
    if (t) end = Math.max(end, t.end);
  };
  let k = 0;
  if (def.optional !== undefined) {
    k = 1;
    if (stack[stack.length - 1]?.t.v === '[') {
      const taken = takeUntil(stack, '[', ']');
      last(taken.all);
      values.push(taken.inner);
    } else {
      values.push(lexBody(def.optional, def, at).map((t) => ({ t: { ...t, start: at.start, end: at.end }, depth: 0 })));
    }
  }
  for (; k < def.params; k++) {
    const next = stack[stack.length - 1];
    if (!next) throw UserError.at(`${def.name} takes ${def.params} argument${def.params === 1 ? '' : 's'}`, { start: at.start, end });
    if (next.t.v === '{') {
      const taken = takeUntil(stack, '{', '}');
      last(taken.all);
      values.push(taken.inner);
    } else {
      stack.pop();
      last([next]);
      values.push([next]);
    }
  }
  return { values, end };
}

/** A balanced group opened by the next token: everything taken, and its inside. */
function takeUntil(stack: Pending[], open: string, close: string): { all: Pending[]; inner: Pending[] } {
  const all: Pending[] = [];
  let depth = 0;
  for (let it = stack.pop(); it; it = stack.pop()) {
    all.push(it);
    if (it.t.v === open) depth++;
    else if (it.t.v === close && --depth === 0) break;
  }
  return { all, inner: all.slice(1, depth === 0 ? -1 : undefined) };
}

/** The body as tokens and argument slots (numbers 0…8). */
const templates = new WeakMap<MacroDef, Array<Token | number>>();

function template(def: MacroDef, use: Range): Array<Token | number> {
  const known = templates.get(def);
  if (known) return known;
  const out: Array<Token | number> = [];
  const parts = def.body.split(/#([1-9])/);
  parts.forEach((part, k) => {
    if (k % 2 === 1) out.push(Number(part) - 1);
    else out.push(...lexBody(part, def, use));
  });
  templates.set(def, out);
  return out;
}

/** Tokens of a piece of a body; an error in it is reported at the use. */
function lexBody(body: string, def: MacroDef, use: Range): Token[] {
  try {
    return lexLatex(body, 0, body.length);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw UserError.at(`in the definition of ${def.name}: ${e.message}`, use);
  }
}

function substitute(body: ReadonlyArray<Token | number>, args: readonly Pending[][], use: Range, call: Pending): Pending[] {
  const out: Pending[] = [];
  const depth = call.depth + 1;
  for (const piece of body) {
    if (typeof piece === 'number') {
      for (const a of args[piece] ?? []) out.push({ t: a.t, depth: Math.max(a.depth, depth), root: call.root });
    } else {
      out.push({ t: { ...piece, start: use.start, end: use.end, gap: out.length === 0 ? call.t.gap : false }, depth, root: call.root });
    }
  }
  return out;
}
