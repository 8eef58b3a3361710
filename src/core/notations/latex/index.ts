// The LaTeX front-end: statements of a formula → Program.
//
//   z = Wx + b, \quad y = \sigma(z)                  statements, split by `,` `;` `.` `\\` `\text{…}`
//                                                     or a line break / `\quad` before `name =`
//   W \in \mathbb{R}^{m \times n},\; x, b \in \R^n   declarations (`\mathbb{S}^n`: n×n)
//   y = \sigma(Wx + b) \in \mathbb{R}^m              an assignment that also declares its shape
//   L &= \tfrac12\|y - t\|^2 \\ &= …                 a chain: the first right-hand side counts
//   \mathcal{L}(W, b) = …                            a function-style left side is its name
//
// Ranges are offsets into the whole `text`; only [span.start, span.end) is read.

import { UnreadDeclaration, UserError, type Assignment, type Declaration, type Dim, type Program, type Range } from '../../ast';
import type { Token } from './lexer';
import { lexAround, readDefinitions, type Macros } from './macros';
import { expandMacros } from './expand';
import { ExprParser } from './expr';
import { readName, readScript, readWord, Stream, takeGroupBody, type Script } from './names';
import { rejectStrayOnes } from './ones';
import { readSize } from './sizes';
import { isUnbalanced, splitOutside } from '../brackets';
import { depthOf, MAX_DEPTH } from '../../ast/query';
import { ASSIGN_OPS, OPENERS, PROSE, REALS, WORDS } from './tables';
import { checkExpressionSize } from '../../limits';

/** Parse a LaTeX formula (or several); throws a UserError unless it holds an expression to analyse. */
export function parseLatex(text: string, span?: Range, macros?: Macros): Program {
  const program = readLatex(text, span, macros);
  if (program.assignments.length === 0) {
    const where = span ?? { start: 0, end: text.length };
    const message = program.declarations.length ? 'only declarations: add an expression to analyse' : 'empty input: nothing to analyse';
    throw UserError.at(message, where);
  }
  return program;
}

/** Parse a LaTeX formula into declarations and assignments (either list may be empty), with the
 *  document's `macros` and those the formula itself defines expanded. */
export function readLatex(text: string, span?: Range, macros?: Macros): Program {
  const whole = { start: span?.start ?? 0, end: span?.end ?? text.length };
  checkExpressionSize(text, whole.start, whole.end, '%');
  const p = new ExprParser(tokensOf(text, whole, macros), whole, startsStatement);
  const declarations: Declaration[] = [];
  const assignments: Assignment[] = [];
  let afterAssignment = false;
  while (!p.eof) {
    if (skipSeparator(p)) continue;
    if (afterAssignment && ASSIGN_OPS.has(p.peek()?.v ?? '')) {
      skipChainTail(p); // `&= …` continues the previous line's chain
      continue;
    }
    afterAssignment = statement(p, declarations, assignments);
    if (!p.eof && !atSeparator(p) && !startsStatement(p)) {
      const t = p.peek() as Token;
      throw UserError.at(t.v === ')' || t.v === '}' || t.v === ']' ? `unmatched '${t.v}'` : `unexpected '${t.v}'`, t);
    }
  }
  for (const a of assignments) {
    if (depthOf(a.expr) > MAX_DEPTH) throw UserError.at('the formula is too long: split it into several assignments', a.range);
    rejectStrayOnes(a.expr);
  }
  return { declarations, assignments, ...(p.notes.size ? { notes: [...p.notes] } : {}), ...(p.bold.size ? { bold: [...p.bold] } : {}) };
}

/** Does the formula open like a definition (`y = …`, `\hat{y} := …`, `W \in …`)? An equation such as
 *  `\operatorname{vec}(ABC) = …` or `\frac{\partial y}{\partial x} = …` does not: the scanner does not
 *  report such formulas as broken definitions. */
export function startsLikeDefinition(text: string, span: Range, macros?: Macros): boolean {
  try {
    const p = new ExprParser(tokensOf(text, span, macros), span, startsStatement);
    return startsStatement(p) || (readName(p) !== undefined && p.is(','));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return /^\s*[A-Za-z][\w']*\s*(?:=|:=|\\in\b)/.test(text.slice(span.start, span.end));
  }
}

/** The formula's tokens, its own definitions left out, macros expanded. */
function tokensOf(text: string, whole: Range, macros?: Macros): Token[] {
  const own = readDefinitions(text, whole.start, whole.end);
  const all = own.ranges.length === 0 ? macros : new Map([...(macros ?? []), ...own.macros]);
  const toks = lexAround(text, whole.start, whole.end, own.ranges);
  return all ? expandMacros(toks, all) : toks;
}

/** One statement; true when it was an assignment (so that `= …` on the next line continues it). */
function statement(p: ExprParser, declarations: Declaration[], assignments: Assignment[]): boolean {
  const first = p.peek() as Token;
  const decls = tryDeclarations(p);
  if (decls) {
    declarations.push(...decls);
    return false;
  }
  const name = tryLeftSide(p);
  const expr = p.parseExpr();
  const range = { start: first.start, end: p.lastEnd };
  assignments.push(name === undefined ? { expr, range } : { name, expr, range });
  if (p.is('\\in')) {
    const inTok = p.next();
    if (name === undefined) throw UserError.at('\\in declares the shape of a name: x \\in \\mathbb{R}^n', inTok);
    const shape = declaredSpace(p, [name]);
    declarations.push({ name, shape, range: { start: first.start, end: p.lastEnd } });
  }
  if (ASSIGN_OPS.has(p.peek()?.v ?? '')) {
    if (name === undefined) throw UserError.at("the left side of '=' must be a name", range);
    skipChainTail(p);
  }
  return true;
}

/** `x \in …`, `x, b \in …`, or in brackets as an aside (`(\mathbf{W} \in \mathbb{R}^{3 \times 4})`): the
 *  declarations, or undefined with nothing taken. */
function tryDeclarations(p: ExprParser): Declaration[] | undefined {
  if (p.is('(') && declarationAside(p)) {
    p.next();
    const inner = tryDeclarations(p) as Declaration[];
    const close = p.peek();
    if (close?.v !== ')') throw UserError.at(close ? `expected ')' to close the declaration, found '${close.v}'` : 'the formula ends too early', close ?? p.endRange());
    p.next();
    return inner;
  }
  const save = p.i;
  const names = [readName(p)];
  while (names[names.length - 1] && p.is(',')) {
    p.next();
    names.push(readName(p));
  }
  if (!p.is('\\in') || names.some((n) => n === undefined)) {
    p.i = save;
    return undefined;
  }
  p.next();
  const shape = declaredSpace(p, names.map((n) => n!.name));
  return names.map((n) => ({ name: n!.name, shape, range: { start: n!.range.start, end: p.lastEnd } }));
}

/** The space after `\in`; when it cannot be read, the error says which names it was to declare. */
function declaredSpace(p: ExprParser, names: readonly string[]): ReturnType<typeof parseSpace> {
  try {
    return parseSpace(p);
  } catch (e) {
    throw e instanceof UserError ? new UnreadDeclaration(e, names) : e;
  }
}

/** `y =`, `\hat{y} :=`, `\mathcal{L}(W, b) =`, `\mathbf{w}^* =`, `\mathrm{LN}(x) =`: the name, with the sign
 *  taken; else nothing taken. */
function tryLeftSide(p: Stream): string | undefined {
  const save = p.i;
  const name = leftName(p);
  if (name && (p.peek()?.v ?? '') in OPENERS && p.peek()?.v !== '{') skipBalanced(p);
  if (name && ASSIGN_OPS.has(p.peek()?.v ?? '')) {
    p.next();
    return name;
  }
  p.i = save;
  return undefined;
}

/** `(` then `name \in` or `name, name \in`: a declaration in brackets? Nothing is taken. */
function declarationAside(p: Stream): boolean {
  const save = p.i;
  p.next();
  let ok = readName(p) !== undefined;
  while (ok && p.eat(',')) ok = readName(p) !== undefined;
  ok = ok && p.is('\\in');
  p.i = save;
  return ok;
}

/** Does a new statement (`name =`, `name \in`, `(name \in …)`) start at the current token? Nothing is taken. */
function startsStatement(p: Stream): boolean {
  if (p.is('(') && declarationAside(p)) return true;
  const save = p.i;
  const name = leftName(p);
  let yes = false;
  if (name) {
    if (p.is('\\in')) yes = true;
    else {
      if ((p.peek()?.v ?? '') in OPENERS && p.peek()?.v !== '{') skipBalanced(p);
      yes = ASSIGN_OPS.has(p.peek()?.v ?? '');
    }
  }
  p.i = save;
  return yes;
}

const STARS: ReadonlySet<string> = new Set(['*', '\\star', '\\ast']);

/** The name a statement may open with: a name, starred as an optimum (`\mathbf{w}^* =`, `\theta^\star =`:
 *  w_star; only here, where it is defined, since after it `^*` may be an adjoint), or an upright word
 *  defined as a function of names (`\mathrm{LN}(\mathbf{x}) =`, though LN spells ln). Taken when found. */
function leftName(p: Stream): string | undefined {
  const save = p.i;
  const name = readName(p)?.name ?? definedWord(p);
  if (name === undefined) return undefined;
  if (p.is('^') && (STARS.has(p.peek(1)?.v ?? '') || (p.is('{', 1) && STARS.has(p.peek(2)?.v ?? '') && p.is('}', 3)))) {
    const at = p.i;
    p.next();
    readScript(p);
    if (!startsDefinitionSign(p)) {
      p.i = at;
      return name;
    }
    return `${name}_star`;
  }
  if (p.i === save) return undefined;
  return name;
}

/** `=` or `\in`, or `(…) =` of a function-style left side, next? Nothing is taken. */
function startsDefinitionSign(p: Stream): boolean {
  const save = p.i;
  if ((p.peek()?.v ?? '') in OPENERS && p.peek()?.v !== '{') skipBalanced(p);
  const yes = ASSIGN_OPS.has(p.peek()?.v ?? '') || p.is('\\in');
  p.i = save;
  return yes;
}

/** `\mathrm{LN}(x, y)`: an upright word applied to names only, the left side of a function's definition
 *  (an identity such as `\operatorname{vec}(ABC) =` applies the word to an expression). The word; the
 *  bracket is left. */
function definedWord(p: Stream): string | undefined {
  const t = p.peek();
  if (!t || !WORDS.has(t.v)) return undefined;
  const save = p.i;
  p.next();
  const word = readWord(p);
  if (word && /^[A-Za-z]\w*$/.test(word.text) && p.is('(') && namesThenClose(p)) return word.text;
  p.i = save;
  return undefined;
}

/** At `(`: is it `(name, name, …)` followed by an assignment sign? Nothing is taken. */
function namesThenClose(p: Stream): boolean {
  const save = p.i;
  p.next();
  let ok = readName(p) !== undefined;
  while (ok && p.eat(',')) ok = readName(p) !== undefined;
  ok = ok && !!p.eat(')') && ASSIGN_OPS.has(p.peek()?.v ?? '');
  p.i = save;
  return ok;
}

function atSeparator(p: Stream): boolean {
  const v = p.peek()?.v ?? '';
  return v === ',' || v === ';' || v === '.' || v === '\\\\' || PROSE.has(v);
}

function skipSeparator(p: Stream): boolean {
  if (!atSeparator(p)) return false;
  const t = p.next();
  if (PROSE.has(t.v) && p.is('{')) takeGroupBody(p, p.next());
  return true;
}

/** Past a bracketed group (any brackets, balanced by depth). */
function skipBalanced(p: Stream): void {
  let depth = 0;
  do {
    const t = p.next();
    if (t.v in OPENERS) depth++;
    else if ([')', ']', '\\}', '}', '\\rbrack', '\\rparen', '\\rbrace'].includes(t.v)) depth--;
  } while (depth > 0 && !p.eof);
}

/** Past `= …` up to the next separator at bracket depth 0 (the rest of an `a = b = c` chain). */
function skipChainTail(p: Stream): void {
  let depth = 0;
  while (!p.eof) {
    const t = p.peek() as Token;
    if (depth === 0 && (atSeparator(p) || (t.gap && startsStatement(p)))) return;
    if (t.v in OPENERS) depth++;
    else if ([')', ']', '\\}', '}', '\\rbrack', '\\rparen', '\\rbrace'].includes(t.v)) depth = Math.max(0, depth - 1);
    p.next();
  }
}

/** `\mathbb{R}^{m \times n}`, `\R^n`, `\mathbb R^{3}`, `\mathbb{R}` (a scalar), `\mathbb{S}^n` (n×n). */
function parseSpace(p: Stream): readonly [Dim, Dim] {
  const t = p.peek();
  if (!t) throw UserError.at('a space is expected after \\in: \\mathbb{R}^{m \\times n}', p.endRange());
  p.next();
  let set: string | undefined;
  if (REALS.has(t.v)) set = 'R';
  else if (t.type === 'letter' && t.v === 'R') set = 'R';
  else if (t.type === 'macro' && /^\\(mathbb|mathbf|mathcal|mathrm|mathsf|boldsymbol|bm)$/.test(t.v)) set = readWord(p)?.text;
  if (set !== 'R' && set !== 'S') {
    throw UserError.at('only real spaces are understood here: \\mathbb{R}^{m \\times n}, \\mathbb{R}^n or \\mathbb{S}^n', { start: t.start, end: p.lastEnd });
  }
  let dims: Script | undefined;
  for (;;) {
    if (p.eat('_')) readScript(p); // \mathbb{R}_+, \mathbb{S}_{++}: the sign does not change the shape
    else if (!dims && p.eat('^')) dims = readScript(p);
    else break;
  }
  const sizes = dims ? parseDims(dims, p.whole) : [];
  if (set === 'S') {
    if (sizes.length !== 1) throw UserError.at('\\mathbb{S}^n (symmetric n×n) takes one size', dims ?? { start: t.start, end: p.lastEnd });
    return [sizes[0] as Dim, sizes[0] as Dim];
  }
  if (sizes.length > 2) throw UserError.at('tensors with 3 or more axes are not supported: use matrices', dims as Script);
  return [sizes[0] ?? 1, sizes[1] ?? 1];
}

const DIM_SEPARATORS = new Set(['\\times', ',', '*', '\\cdot', '\\ast']);

/** The sizes in a script: `m \times n` → ["m", "n"], `3` → [3], `d_{\text{in}}` → ["d_in"], `d \times (d + 1)` → ["d", "d+1"]. */
function parseDims(script: Script, whole: Range): Dim[] {
  const parts = splitOutside(script.toks, (t) => t.v, (t) => DIM_SEPARATORS.has(t.v));
  if (isUnbalanced(parts)) throw UserError.at(`${parts.why} in the size`, script.toks[parts.at] as Token);
  return parts.map((toks) => readSize(toks, toks.length ? { start: toks[0]!.start, end: toks[toks.length - 1]!.end } : script, whole));
}
