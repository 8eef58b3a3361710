// Gradients in matrix form by reverse accumulation over the AST: the adjoint of each node is
// pushed to its children by reading the vec identities backwards ((Bᵀ ⊗ A)ᵀ g = vec(Aᵀ G B)).
// Non-trivial adjoints entering a nonlinearity are named δ, δ₁, δ₂, … as in backpropagation.

import { NO_RANGE, type ConcatAxis, type Expr, type ExprOf, type Kind, type Span } from '../ast';
import { substituteVars } from '../ast/substitute';
import { children } from '../ast/walk';
import { addPoly, dimOf, isOne, type Poly } from '../shape/dim';
import type { ShapeTable } from '../shape/infer';
import {
  addE, adjE, applyE, divE, lessOne, powE, epowE, eye, hadamardE, invE, mpowE, mulE, negE, num, ones, scaleE, subE, sumE, transposeE, varE, vecE,
} from '../ast/build';
import { derivativeOf } from '../ops/elementwise';
import { euclideanSquare, normTwoGradient } from './rules';
import { softmaxAlong } from '../ops/nodes';
import { kronAdjoints, unvecOf } from './reshape';
import { isZero, knownShapes, simplifier } from './simplify';

export interface GradientForms {
  /** ∂L/∂X in X's own shape, per variable. */
  readonly perVariable: ReadonlyMap<string, Expr>;
  /** δ definitions in the order they must be computed; δ is ∂L/∂(argument of `at`) along `at` alone. */
  readonly definitions: ReadonlyArray<GradientDefinition>;
}

export interface GradientDefinition {
  readonly name: string;
  readonly expr: Expr;
  /** The nonlinearity (apply or softmax node) whose argument δ is the gradient for. */
  readonly at: ExprOf<'apply' | 'softmax'>;
}

interface BackCtx {
  isScalar(e: Expr): boolean;
  shape: ShapeTable;
  /** Name a non-trivial adjoint that flows from `at` on into its argument (δ). */
  name(adjoint: Expr, at: ExprOf<'apply' | 'softmax'>): Expr;
}

type Push = ReadonlyArray<readonly [Expr, Expr]>;
type Rule<K extends Kind> = (e: ExprOf<K>, g: Expr, c: BackCtx) => Push;

const trivial = (g: Expr): boolean => g.kind === 'num' || g.kind === 'ones';

/** The adjoint of a broadcast operand: sum over what was broadcast. */
function unbroadcast(g: Expr, child: Expr, out: Expr, c: BackCtx): Expr {
  const s = c.shape.shape(child);
  const o = c.shape.shape(out);
  if (c.isScalar(child) && !c.isScalar(out)) return sumE(g);
  if (isOne(s.cols) && !isOne(o.cols)) return mulE(g, ones(dimOf(o.cols), 1));
  if (isOne(s.rows) && !isOne(o.rows)) return mulE(ones(1, dimOf(o.rows)), g);
  return g;
}

/** ∂/∂a of ⟨G, a B⟩ for a scalar a: the sum of G ⊙ B. */
const scalarAdjoint = (g: Expr, b: Expr, c: BackCtx): Expr => (c.isScalar(b) ? mulE(g, b) : sumE(hadamardE(g, b)));

function product(e: ExprOf<'mul'>, g: Expr, c: BackCtx): Push {
  const { left: a, right: b } = e;
  if (c.isScalar(a)) return [[a, scalarAdjoint(g, b, c)], [b, scaleE(a, g)]];
  if (c.isScalar(b)) return [[b, scalarAdjoint(g, a, c)], [a, scaleE(b, g)]];
  // d⟨G, AB⟩ = ⟨G Bᵀ, dA⟩ + ⟨Aᵀ G, dB⟩
  return [[a, mulE(g, transposeE(b))], [b, mulE(transposeE(a), g)]];
}

/** d⟨G, X.^p⟩ = ⟨G ⊙ p X.^(p−1), dX⟩; for ‖X‖²: 2G X. */
function power(e: { base: Expr; exponent: number }, g: Expr, c: BackCtx): Push {
  const vector = (x: Expr): boolean => isOne(c.shape.shape(x).rows) || isOne(c.shape.shape(x).cols);
  if (euclideanSquare(e, vector) && 'arg' in e.base) return [[e.base.arg, mulE(g, mulE(num(2), e.base.arg))]];
  if (e.exponent === 0) return []; // a constant: no NaN from 0 · X.^(−1) at a zero entry
  const d = mulE(num(e.exponent), epowE(e.base, e.exponent - 1));
  return [[e.base, c.isScalar(e.base) ? mulE(g, d) : hadamardE(g, d)]];
}

/**
 * The softmax's reverse rule is S ⊙ (G − M), M holding each group's ⟨gᵢ, sᵢ⟩: (diag(s) − s sᵀ) g
 * = s ⊙ (g − (sᵀg) 𝟏) for a column, (g sᵀ) 𝟏ᵀ for a row; along each row of a matrix (G ⊙ S) 𝟏𝟏ᵀ,
 * along each column 𝟏𝟏ᵀ (G ⊙ S). The scalar stands in front, as the simplifier puts it where it knows
 * the shapes (not always: a named δ's are not known to it).
 */
function softmaxMean(e: ExprOf<'softmax'>, g: Expr, c: BackCtx): Expr {
  const { rows, cols } = c.shape.shape(e);
  const along = softmaxAlong(e.each, isOne(rows), isOne(cols));
  if (along === 'all') return isOne(rows) && !isOne(cols) ? mulE(mulE(g, transposeE(e)), ones(1, dimOf(cols))) : mulE(mulE(transposeE(e), g), ones(dimOf(rows), 1));
  const gs = hadamardE(g, e);
  if (along === 'row') return mulE(mulE(gs, ones(dimOf(cols), 1)), ones(1, dimOf(cols)));
  return mulE(ones(dimOf(rows), 1), mulE(ones(1, dimOf(rows)), gs));
}

/** d⟨G, [A₁ A₂ …]⟩ = Σ ⟨G Eᵢ, dAᵢ⟩: each part's adjoint is the block of G where it sits (columns, or rows when stacked). */
function concatAdjoints(e: ExprOf<'concat'>, g: Expr, c: BackCtx): Push {
  let start: Poly = new Map();
  return e.parts.map((p) => {
    const s = c.shape.shape(p);
    const size = e.axis === 'rows' ? s.rows : s.cols;
    const span = { start: dimOf(start), size: dimOf(size) };
    start = addPoly(start, size);
    return [p, blockOf(g, e.axis, span)] as const;
  });
}

/** A block of G along one axis; a block of a block along the other axis is one block of both (G₁₂, not (G₁)₂). */
function blockOf(g: Expr, axis: ConcatAxis, span: Span): Expr {
  if (g.kind === 'block' && !g[axis]) return { ...g, [axis]: span };
  return { kind: 'block', arg: g, [axis]: span, range: NO_RANGE } as Expr;
}

const RULES: { readonly [K in Kind]: Rule<K> } = {
  var: () => [],
  num: () => [],
  ones: () => [],
  eye: () => [],
  ref: (e, g) => [[e.def, g]],
  add: (e, g, c) => [[e.left, unbroadcast(g, e.left, e, c)], [e.right, unbroadcast(g, e.right, e, c)]],
  sub: (e, g, c) => [[e.left, unbroadcast(g, e.left, e, c)], [e.right, negE(unbroadcast(g, e.right, e, c))]],
  neg: (e, g) => [[e.arg, negE(g)]],
  mul: product,
  hadamard: (e, g, c) =>
    c.isScalar(e.left) || c.isScalar(e.right)
      ? product({ ...e, kind: 'mul' }, g, c)
      : [[e.left, hadamardE(g, e.right)], [e.right, hadamardE(g, e.left)]],
  div: (e, g, c) => {
    const { left: x, right: y } = e;
    const viaY = negE(hadamardE(g, divE(x, epowE(y, 2))));
    const gx = divE(g, y);
    return [[x, c.isScalar(x) && !c.isScalar(e) ? sumE(gx) : gx], [y, c.isScalar(y) && !c.isScalar(e) ? sumE(viaY) : viaY]];
  },
  epow: (e, g, c) => power(e, g, c),
  mpow: (e, g, c) => {
    const x = e.base;
    if (c.isScalar(x)) return power(e, g, c);
    const pow = (i: number): Expr => (i === 0 ? eye(dimOf(c.shape.shape(x).rows)) : mpowE(x, i));
    // d⟨G, X^k⟩ = Σᵢ ⟨(Xⁱ)ᵀ G (X^{k−1−i})ᵀ, dX⟩
    const terms = Array.from({ length: e.exponent }, (_, i) => mulE(mulE(transposeE(pow(i)), g), transposeE(pow(e.exponent - 1 - i))));
    return terms.length ? [[x, terms.reduce(addE)]] : [];
  },
  transpose: (e, g) => [[e.arg, transposeE(g)]],
  apply: (e, g, c) => {
    const adj = hadamardE(derivativeOf(e.fn, e.arg), g);
    return [[e.arg, trivial(g) ? adj : c.name(adj, e)]];
  },
  softmax: (e, g, c) => [[e.arg, c.name(hadamardE(e, subE(g, softmaxMean(e, g, c))), e)]],
  sum: (e, g, c) => {
    const s = c.shape.shape(e.arg);
    return [[e.arg, mulE(g, ones(dimOf(s.rows), dimOf(s.cols)))]];
  },
  // d⟨g, tr X⟩ = ⟨g I, dX⟩: the identity stays when g is a scalar factor (0.1 I₃, not 0.1)
  trace: (e, g, c) => [[e.arg, scaleE(g, eye(dimOf(c.shape.shape(e.arg).rows)))]],
  det: (e, g) => [[e.arg, mulE(g, transposeE(adjE(e.arg)))]],
  // d⟨G, adj X⟩ = ⟨G, adj X⟩ tr(X⁻¹dX) − ⟨X⁻ᵀ G adj(X)ᵀ, dX⟩
  adj: (e, g) => [[e.arg, subE(scaleE(sumE(hadamardE(g, e)), transposeE(invE(e.arg))), mulE(mulE(transposeE(invE(e.arg)), g), transposeE(e)))]],
  logdet: (e, g) => [[e.arg, mulE(g, transposeE(invE(e.arg)))]],
  // d⟨G, X⁻¹⟩ = ⟨−X⁻ᵀ G X⁻ᵀ, dX⟩
  inv: (e, g) => [[e.arg, negE(mulE(mulE(transposeE(e), g), transposeE(e)))]],
  norm: (e, g) => [[e.arg, mulE(g, divE(e.arg, e))]],
  kron: (e, g, c) => {
    const [viaA, viaB] = kronAdjoints(e.left, e.right, g, (x) => c.shape.shape(x));
    return [[e.left, viaA], [e.right, viaB]];
  },
  vec: (e, g, c) => {
    const s = c.shape.shape(e.arg);
    return [[e.arg, unvecOf(g, s.rows, s.cols, (x) => c.shape.shape(x))]];
  },
  // ⟨G, vec⁻¹ x⟩ = ⟨vec G, x⟩
  unvec: (e, g, c) => [[e.arg, isOne(c.shape.shape(g).cols) ? g : vecE(g)]],
  // ⟨G, diag(x)⟩ = ⟨diag(G), x⟩ (a row x takes diag(G)ᵀ); ⟨g, diag(X)⟩ = ⟨diag(g), X⟩
  // d⟨G, Aᵇ⟩ = ⟨G ⊙ B ⊙ A^(B−1), dA⟩ + ⟨G ⊙ Aᵇ ⊙ log A, dB⟩, summed over what a scalar side was broadcast to
  pow: (e, g, c) => {
    const { left: a, right: b } = e;
    const spread = (side: Expr, adj: Expr): Expr => (c.isScalar(side) && !c.isScalar(e) ? sumE(adj) : adj);
    // g has the output's shape (and may be a δ, which has no entry in the shape table)
    const times = (x: Expr, y: Expr): Expr => (c.isScalar(x) || c.isScalar(y) ? mulE(x, y) : hadamardE(x, y));
    const withG = (y: Expr): Expr => (c.isScalar(e) || c.isScalar(y) ? mulE(g, y) : hadamardE(g, y));
    return [
      [a, spread(a, withG(times(b, powE(a, lessOne(b)))))],
      [b, spread(b, withG(times(e, applyE('log', a))))],
    ];
  },
  norm1: (e, g) => [[e.arg, mulE(g, applyE('sign', e.arg))]],
  norm2: (e, g, c) => [[e.arg, mulE(g, normTwoGradient(e, c.shape.shape(e.arg)))]],
  norminf: (e, g) => [[e.arg, mulE(g, { kind: 'peak', arg: e.arg, range: NO_RANGE })]],
  peak: () => [],
  singular: () => [],
  concat: concatAdjoints,
  block: () => { throw new Error('a block of a gradient appears in gradients only, never differentiated'); },
  diag: (e, g, c) => {
    const { rows } = c.shape.shape(e.arg);
    const d: Expr = { kind: 'diag', arg: g, range: NO_RANGE };
    return [[e.arg, isOne(rows) && !c.isScalar(e.arg) ? transposeE(d) : d]];
  },
};

/** Children before parents; a ref's definition is a child of the ref. */
function postOrder(root: Expr): Expr[] {
  const seen = new Set<Expr>();
  const out: Expr[] = [];
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    for (const k of children(e)) visit(k);
    out.push(e);
  };
  visit(root);
  return out;
}

/** Matrix-form gradients of ⟨seed, output⟩. */
export function symbolicGradient(output: Expr, seed: Expr, wrt: readonly string[], shape: ShapeTable, delta: string): GradientForms {
  const adjoint = new Map<Expr, Expr>([[output, seed]]);
  const perVariable = new Map<string, Expr>();
  const definitions: GradientDefinition[] = [];
  const ctx: BackCtx = {
    shape,
    isScalar: (e) => {
      const s = shape.shape(e);
      return isOne(s.rows) && isOne(s.cols);
    },
    name: (adj, at) => {
      if (at.arg.kind === 'var') return adj;
      const name = `δ#${definitions.length}`;
      definitions.push({ name, expr: adj, at });
      return varE(name);
    },
  };
  const wrtSet = new Set(wrt);
  const memo = new Map<Expr, boolean>();
  const varies = (e: Expr): boolean => {
    let v = memo.get(e);
    if (v === undefined) {
      v = e.kind === 'var' ? wrtSet.has(e.name) : children(e).some(varies);
      memo.set(e, v);
    }
    return v;
  };
  for (const e of postOrder(output).reverse()) {
    const g = adjoint.get(e);
    if (!g) continue;
    if (e.kind === 'var') {
      const prev = perVariable.get(e.name);
      perVariable.set(e.name, prev ? addE(prev, g) : g);
    }
    for (const [child, contribution] of (RULES[e.kind] as Rule<Kind>)(e as never, g, ctx)) {
      // a constant part gets no adjoint: no δ is named for it, and nothing of it is evaluated
      // (‖C‖₂ of a constant C with a repeated σ₁ has no derivative, and needs none)
      if (!varies(child)) continue;
      const prev = adjoint.get(child);
      adjoint.set(child, prev ? addE(prev, contribution) : contribution);
    }
  }
  for (const v of wrt) if (!perVariable.has(v)) perVariable.set(v, num(0));
  const simplify = simplifier(knownShapes((e) => shape.shape(e)));
  return renameDeltas(delta, {
    perVariable: new Map([...perVariable].map(([v, e]) => [v, isZero(simplify(e)) ? num(0) : simplify(e)])),
    definitions: definitions.map((d) => ({ ...d, expr: simplify(d.expr) })),
  });
}

/** δ#k placeholders → δ (one) or δ₁ for the innermost … δₙ for the outermost (computed first);
 *  `delta` is δ unless the user has a δ (ast/introduced.ts). */
function renameDeltas(delta: string, f: GradientForms): GradientForms {
  const n = f.definitions.length;
  const nameOf = (k: number) => (n === 1 ? delta : `${delta}${n - k}`);
  const rename = (e: Expr): Expr => substituteVars(e, ({ name }) => {
    const m = /^δ#(\d+)$/.exec(name);
    return m ? varE(nameOf(Number(m[1]))) : undefined;
  });
  return {
    perVariable: new Map([...f.perVariable].map(([v, e]) => [v, rename(e)])),
    definitions: f.definitions.map((d, k) => ({ ...d, name: nameOf(k), expr: rename(d.expr) })),
  };
}
