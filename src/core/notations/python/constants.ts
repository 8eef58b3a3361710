// The constants a call writes: `np.eye(n)` is the identity, `np.ones((m, n))` the all-ones matrix
// and `np.ones(n)` the all-ones vector 𝟏 — never an input to differentiate.

import type { Expr } from '../../ast';
import { eyeOf, onesOf } from '../../ops/constants';
import type { Call } from './args';
import type { PyExpr } from './syntax';
import type { Translator } from './translate';

/** A size written in a constructor: a whole number, a name, or an attribute (`cfg.d` → d). */
function sizeOf(a: PyExpr | undefined): Expr | undefined {
  if (a?.k === 'num' && Number.isInteger(a.value) && a.value >= 1) return { kind: 'num', value: a.value, range: a.range };
  if (a?.k === 'name') return { kind: 'var', name: a.id, range: a.range };
  if (a?.k === 'attr') return { kind: 'var', name: a.attr, range: a.range };
  return undefined;
}

/** The sizes as written: `f((m, n))`, `f([m, n])` or `f(m, n)`. */
function sizesWritten(e: Call): readonly PyExpr[] {
  const [first] = e.args;
  return e.args.length === 1 && (first?.k === 'tuple' || first?.k === 'list') ? first.items : e.args;
}

/** `np.ones((m, n))`, `torch.ones(m, n)`: the all-ones constant of that size, as the math word ones(m, n)
 *  builds it; `np.ones(n)`: the all-ones vector. Undefined for sizes not read here. */
export function allOnes(t: Translator, e: Call): Expr | undefined {
  const sizes = sizesWritten(e).map(sizeOf);
  if (sizes.some((s) => !s)) return undefined;
  if (sizes.length === 2) return onesOf(sizes as Expr[], e.range);
  return sizes.length === 1 ? onesVector(t, sizes[0] as Expr, e) : undefined;
}

/** `np.ones(n)`, `torch.ones(n)`: the all-ones vector 𝟏 of n entries, a column (a row in PyTorch's row
 *  convention) that `@` and broadcasting treat as 1-D, as NumPy does. */
function onesVector(t: Translator, n: Expr, e: Call): Expr {
  const one: Expr = { kind: 'num', value: 1, range: e.range };
  const ones = onesOf(t.ctx.convention === 'row' ? [one, n] : [n, one], e.range);
  t.vectors.add(ones);
  return ones;
}

/** `np.eye(3)`, `torch.eye(n)`, `torch.eye(cfg.d)`: the identity I₃ (a node), I_n, I_d (named: prepare reads the size). */
export function identityOf(e: Call): Expr | undefined {
  const [n, ...rest] = e.args;
  const size = rest.length ? undefined : sizeOf(n);
  // a number's is the node itself, so that a user's own I_3 stays theirs
  return size && eyeOf([size], e.range);
}
