// The constants users write by name: eye(n), the identity, and ones(m, n), the all-ones matrix.
// Their arguments are sizes: a whole number builds the node at once; a size's name (`eye(n)`)
// becomes a named constant (`I_n,n`), declared and read back once shapes are known (prepare.ts),
// so that the name means the same size as in the user's declarations.

import { UserError, type Dim, type Expr, type Range } from '../ast';
import { identityName, onesName } from '../ast/names';

/** A size argument: a whole number ≥ 1 or a size's name. */
function sizeArg(fn: string, a: Expr | undefined, range: Range): Dim {
  if (a?.kind === 'num' && Number.isInteger(a.value) && a.value >= 1) return a.value;
  if (a?.kind === 'var' && /^[A-Za-z]\w*$/.test(a.name)) return a.name;
  throw UserError.at(`${fn} takes sizes: a whole number or a size's name (as in ${fn === 'eye' ? 'eye(3), eye(n)' : 'ones(3, 1), ones(n, 1)'})`, a?.range ?? range);
}

export function eyeOf(args: readonly Expr[], range: Range): Expr {
  const n = sizeArg('eye', args[0], range);
  return typeof n === 'number' ? { kind: 'eye', n, range } : { kind: 'var', name: identityName(n), range };
}

export function onesOf(args: readonly Expr[], range: Range): Expr {
  const rows = sizeArg('ones', args[0], range);
  const cols = sizeArg('ones', args[1], range);
  return typeof rows === 'number' && typeof cols === 'number'
    ? { kind: 'ones', rows, cols, range }
    : { kind: 'var', name: onesName(rows, cols), range };
}
