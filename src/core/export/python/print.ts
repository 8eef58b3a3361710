// Expressions → Python for one array library, one rule per AST kind (the same trees the
// LaTeX and Unicode printers render). Every value is a 2-D array; a 1×1 operand multiplies with
// `*`, matrices with `@`, and nothing here ever builds a Kronecker product of a derivative.

import { UserError, type Dim, type ElementwiseFn, type Expr, type ExprOf, type Kind, type Span } from '../../ast';
import { elementwise, genericParts, isGeneric } from '../../ops/elementwise';
import type { Dialect } from './dialects';

/** Python binding strength: sums < products < unary minus < ** < atoms (calls, names, `.T`). */
const PREC = { sum: 1, product: 2, unary: 3, power: 4, atom: 5 } as const;

interface Code {
  readonly text: string;
  readonly prec: number;
}

export interface CodeCtx {
  readonly d: Dialect;
  isScalar(e: Expr): boolean;
  /** A size as a number (symbolic sizes get the numbers the analysis chose). */
  size(d: Dim): number;
  /** A variable's Python name. */
  name(n: string): string;
}

type Rule<K extends Kind> = (e: ExprOf<K>, c: CodeCtx) => Code;

const at = (text: string, prec: number): Code => ({ text, prec });
const wrap = (p: Code, min: number): string => (p.prec < min ? `(${p.text})` : p.text);
const arg = (e: Expr, c: CodeCtx, min: number = PREC.atom): string => wrap(code(e, c), min);

/** A float literal Python reads back exactly (JavaScript's shortest round-trip form). */
export const floatLiteral = (v: number): string => {
  const s = String(v);
  return /[.eE]/.test(s) || !Number.isFinite(v) ? s : `${s}.0`;
};

const binary = (op: string, prec: number) => (e: { left: Expr; right: Expr }, c: CodeCtx): Code =>
  at(`${arg(e.left, c, prec)} ${op} ${arg(e.right, c, prec + 1)}`, prec);

const call = (fn: (c: CodeCtx) => string) => (e: { arg: Expr }, c: CodeCtx): Code => at(`${fn(c)}(${code(e.arg, c).text})`, PREC.atom);

/**
 * The catalogue's primitives by helper or library name; every other entry (σ′, GELU, Φ, …) is
 * printed from its `definition` in terms of these, so no formula is written twice.
 */
const PRIMITIVES: { readonly [F in ElementwiseFn]?: (c: CodeCtx) => string } = {
  sigmoid: () => 'sigmoid',
  tanh: (c) => `${c.d.m}.tanh`,
  relu: () => 'relu',
  "relu'": () => 'step',
  leaky_relu: () => 'leaky_relu',
  "leaky_relu'": () => 'd_leaky_relu',
  softplus: () => 'softplus',
  exp: (c) => `${c.d.m}.exp`,
  log: (c) => `${c.d.m}.log`,
  sin: (c) => `${c.d.m}.sin`,
  cos: (c) => `${c.d.m}.cos`,
  tan: (c) => `${c.d.m}.tan`,
  arcsin: (c) => `${c.d.m}.arcsin`,
  arccos: (c) => `${c.d.m}.arccos`,
  arctan: (c) => `${c.d.m}.arctan`,
  sign: (c) => `${c.d.m}.sign`,
  sqrt: (c) => `${c.d.m}.sqrt`,
  abs: (c) => `${c.d.m}.abs`,
  "abs'": (c) => `${c.d.m}.sign`,
  erf: () => 'erf',
};

/** f(X) by its primitive, or by the catalogue's definition of it in other entries. */
function applyFn(e: ExprOf<'apply'>, c: CodeCtx): Code {
  // f of a number is a number (torch.log(2.0) is a type error: torch's functions take tensors)
  if (e.arg.kind === 'num' && !isGeneric(e.fn)) return code({ kind: 'num', value: elementwise(e.fn).f(e.arg.value), range: e.range }, c);
  const primitive = PRIMITIVES[e.fn];
  if (primitive) return at(`${primitive(c)}(${code(e.arg, c).text})`, PREC.atom);
  if (isGeneric(e.fn)) {
    throw new UserError(`no code for ${genericParts(e.fn)[0]}: a generic function has no formula to compute; use a concrete one such as σ, tanh or ReLU`, e.range.start, e.range.end);
  }
  const definition = elementwise(e.fn).definition;
  if (!definition) throw new Error(`no code for ${e.fn}: neither a primitive nor defined by others`);
  return code(definition(e.arg), c);
}

function power(base: Expr, k: number, c: CodeCtx): Code {
  return at(`${arg(base, c, PREC.atom)} ** ${floatLiteral(k)}`, PREC.power);
}

const RULES: { readonly [K in Kind]: Rule<K> } = {
  var: (e, c) => at(c.name(e.name), PREC.atom),
  ref: (e, c) => at(c.name(e.name), PREC.atom),
  num: (e) => at(floatLiteral(e.value), e.value < 0 ? PREC.unary : PREC.atom),
  add: binary('+', PREC.sum),
  sub: binary('-', PREC.sum),
  neg: (e, c) => at(`-${arg(e.arg, c, PREC.power)}`, PREC.unary),
  mul: (e, c) => binary(c.isScalar(e.left) || c.isScalar(e.right) ? '*' : '@', PREC.product)(e, c),
  hadamard: binary('*', PREC.product),
  div: binary('/', PREC.product),
  epow: (e, c) => power(e.base, e.exponent, c),
  mpow: (e, c) => (c.isScalar(e.base) ? power(e.base, e.exponent, c) : at(`${c.d.m}.linalg.matrix_power(${code(e.base, c).text}, ${e.exponent})`, PREC.atom)),
  // a 1×1 is its own transpose (and .T of a 0-d value is deprecated in PyTorch)
  transpose: (e, c) => (c.isScalar(e.arg) ? code(e.arg, c) : at(`${arg(e.arg, c)}.T`, PREC.atom)),
  apply: applyFn,
  softmax: (e, c) => (e.each ? at(`softmax(${code(e.arg, c).text}, ${e.each === 'row' ? 1 : 0})`, PREC.atom) : call(() => 'softmax')(e, c)),
  sum: call((c) => `${c.d.m}.sum`),
  trace: call((c) => `${c.d.m}.trace`),
  det: call((c) => `${c.d.m}.linalg.det`),
  // log |det X|, as the core evaluates it
  logdet: (e, c) => at(`${c.d.m}.linalg.slogdet(${code(e.arg, c).text})[1]`, PREC.atom),
  inv: call((c) => `${c.d.m}.linalg.inv`),
  adj: call(() => 'adj'),
  norm: call((c) => `${c.d.m}.linalg.norm`),
  kron: (e, c) => at(`kron(${code(e.left, c).text}, ${code(e.right, c).text})`, PREC.atom),
  vec: call(() => 'vec'),
  diag: call(() => 'diag'),
  pow: (e, c) => at(`${arg(e.left, c, PREC.atom)} ** ${arg(e.right, c, PREC.atom)}`, PREC.power),
  norm1: (e, c) => at(`${c.d.m}.sum(${c.d.m}.abs(${code(e.arg, c).text}))`, PREC.atom),
  norm2: call(() => 'norm2'),
  norminf: (e, c) => at(`${c.d.m}.max(${c.d.m}.abs(${code(e.arg, c).text}))`, PREC.atom),
  peak: call(() => 'peak'),
  singular: (e, c) => at(`top_singular(${code(e.arg, c).text})[${e.side === 'u' ? 0 : 1}]`, PREC.atom),
  unvec: (e, c) => at(`unvec(${code(e.arg, c).text}, ${c.size(e.rows)}, ${c.size(e.cols)})`, PREC.atom),
  ones: (e, c) => at(`ones(${c.size(e.rows)}, ${c.size(e.cols)})`, PREC.atom),
  eye: (e, c) => at(`eye(${c.size(e.n)})`, PREC.atom),
  // every value is 2-D, where hstack and vstack join columns and rows in NumPy, PyTorch and JAX alike
  concat: (e, c) => at(`${c.d.m}.${e.axis === 'rows' ? 'vstack' : 'hstack'}([${e.parts.map((p) => code(p, c).text).join(', ')}])`, PREC.atom),
  block: (e, c) => {
    const span = (s: Span | undefined): string => (s ? `${c.size(s.start)}:${c.size(s.start) + c.size(s.size)}` : ':');
    return at(`${arg(e.arg, c)}[${span(e.rows)}, ${span(e.cols)}]`, PREC.atom);
  },
};

export function code(e: Expr, c: CodeCtx): Code {
  return (RULES[e.kind] as Rule<Kind>)(e as never, c);
}
