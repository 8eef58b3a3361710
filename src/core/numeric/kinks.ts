// Points where an operation has no derivative, checked at the values before any derivative is
// evaluated there: refused at the operation's place (never a NaN shown as an answer), or, where the
// formula's sign(·) is a subgradient that central differences also give, said in a note.

import { UserError, type Expr, type ExprOf } from '../ast';
import { namesIn, visitOnce } from '../ast/query';
import type { EvalCtx } from './evaluate';
import type { Mat } from './matrix';

type Kink<K extends Expr['kind']> = (e: ExprOf<K>, c: EvalCtx) => string | undefined;

const isVector = (m: Mat): boolean => m.rows === 1 || m.cols === 1;
const allZero = (m: Mat): boolean => m.data.every((v) => v === 0);

// ‖x‖ = √(xᵀx): d‖x‖ = xᵀdx / ‖x‖ is 0/0 at x = 0, where the cone has no tangent plane
const AT_ZERO = 'the norm is not differentiable where its argument is 0, as it is at these values (its derivative x/‖x‖ is 0/0); a squared norm is: write it as xᵀx, or sum(x.^2)';

// aᵇ with b an expression: d(aᵇ) = b a^(b−1) da + aᵇ log a db needs a > 0; seeded values make a
// plain name positive, but not an expression such as x − 2
const BASE = 'a power whose exponent is an expression needs a positive base (its derivative has log a), but this base is not positive at these values: give values that make it positive, or write a power with a number for exponent';

// ‖x‖∞ = |x_k| has the derivative sign(x_k) e_k only where one entry alone is the largest in size
const TIE = 'the ∞-norm is not differentiable here: the largest |xᵢ| is reached by more than one entry (or x = 0) at these values, so no single entry\'s sign gives its derivative';

function tied(x: Mat): boolean {
  const top = x.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return top === 0 || x.data.filter((v) => Math.abs(v) === top).length > 1;
}

const REFUSE: { readonly [K in 'norm' | 'norm2' | 'pow' | 'norminf']: Kink<K> } = {
  norminf: (e, c) => (tied(c.value(e.arg)) ? TIE : undefined),
  pow: (e, c) => (c.value(e.left).data.some((v) => !(v > 0)) ? BASE : undefined),
  norm: (e, c) => (allZero(c.value(e.arg)) ? AT_ZERO : undefined),
  // a matrix's σ₁ = 0 is refused by its singular vectors (numeric/singular.ts)
  norm2: (e, c) => (isVector(c.value(e.arg)) && allZero(c.value(e.arg)) ? AT_ZERO : undefined),
};

const NOTE: { readonly [K in 'norm1' | 'norminf']: Kink<K> } = {
  norminf: () => 'eₖ(x) in the gradient of ‖x‖∞ is sign(x_k) e_k, the k-th unit vector signed, at the k of the largest |x_k|.',
  norm1: (e, c) => (c.value(e.arg).data.some((v) => v === 0)
    ? '‖x‖₁ is not differentiable where an entry of x is 0, as one is at these values: the gradient there uses sign(0) = 0, a subgradient (the one of least norm), which central differences also give.'
    : undefined),
};

const refusal = (e: Expr, c: EvalCtx): string | undefined =>
  e.kind in REFUSE ? (REFUSE[e.kind as keyof typeof REFUSE] as Kink<Expr['kind']>)(e as never, c) : undefined;
const note = (e: Expr, c: EvalCtx): string | undefined =>
  e.kind in NOTE ? (NOTE[e.kind as keyof typeof NOTE] as Kink<Expr['kind']>)(e as never, c) : undefined;

/** Refuses a node (one that depends on a `wrt` variable) at a point where it has no derivative; returns the notes. */
export function checkKinks(roots: readonly Expr[], wrt: readonly string[], c: EvalCtx): string[] {
  const notes = new Set<string>();
  visitOnce(roots, (e) => {
    if (!(e.kind in REFUSE || e.kind in NOTE) || ![...namesIn(e)].some((n) => wrt.includes(n))) return;
    const no = refusal(e, c);
    if (no) throw UserError.at(no, e.range);
    const n = note(e, c);
    if (n) notes.add(n);
  });
  return [...notes];
}
