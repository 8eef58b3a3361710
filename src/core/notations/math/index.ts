// The math-notation front-end: lines of declarations (`W: 3x4`), assignments (`z = W*x + b`)
// and a final expression. Blank lines and comments (`#`, `//`, `%`) are skipped.

import { UserError, type Assignment, type Declaration, type Program } from '../../ast';
import { parseDeclaration } from './declarations';
import { parseExpression } from './mathjs';
import { checkExpressionSize } from '../../limits';

const ASSIGN = /^\s*([A-Za-z_\u0370-\u03ff][\w\u0370-\u03ff]*)\s*=(?!=)/;
const COMMENT = /^\s*(?:#|\/\/|%)/;

/** Parse `text`, whose first character is at `offset` in the whole document. */
export function parseMath(text: string, offset = 0): Program {
  const declarations: Declaration[] = [];
  const assignments: Assignment[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const start = offset + at;
    at += line.length + 1;
    if (!line.trim() || COMMENT.test(line)) continue;
    for (const [part, partStart] of splitStatements(line, start)) {
      const decl = parseDeclaration(part, partStart);
      if (decl) declarations.push(decl);
      else assignments.push(parseAssignment(part, partStart));
    }
  }
  if (assignments.length === 0) {
    const message = declarations.length ? 'only declarations: add an expression to analyse' : 'empty input: nothing to analyse';
    throw new UserError(message, offset, offset + text.length);
  }
  return { declarations, assignments };
}

/** `;` separates statements on one line (and ends one in Octave), except inside brackets, where it
 *  stacks blocks ([A; B]); `%` after it starts a comment. */
function* splitStatements(line: string, start: number): Generator<[string, number]> {
  let from = 0;
  let depth = 0;
  for (let i = 0; i <= line.length; i++) {
    const ch = line[i];
    if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth = Math.max(0, depth - 1);
    if (i < line.length && (ch !== ';' || depth > 0)) continue;
    const part = line.slice(from, i);
    if (from > 0 && part.trimStart().startsWith('%')) return;
    if (part.trim()) yield [part, start + from];
    from = i + 1;
  }
}

function parseAssignment(line: string, start: number): Assignment {
  checkExpressionSize(line, 0, line.length, '', start);
  const m = ASSIGN.exec(line);
  const lead = line.length - line.trimStart().length;
  const range = { start: start + lead, end: start + line.trimEnd().length };
  if (!m) return { expr: parseExpression(line, start), range };
  const rhs = line.slice(m[0].length);
  return { name: m[1], expr: parseExpression(rhs, start + m[0].length), range };
}
