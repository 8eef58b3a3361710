// Variable names as Python identifiers: δ₁ reads `delta1`, a keyword or a name the generated
// code uses itself gets a trailing `_`; anything else not allowed in an identifier becomes `_`.

import { RESERVED } from './dialects';

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);

export function pythonName(name: string): string {
  let n = name.replace(/^δ/, 'delta').replace(/[^\p{L}\p{N}_]/gu, '_');
  if (/^\d/.test(n)) n = `_${n}`;
  return KEYWORDS.has(n) || RESERVED.has(n) ? `${n}_` : n;
}
