// PyTorch's row-vector form of the gradient. nn.Linear computes x Wᵀ + b with the activations
// as rows, so every column vector v of the column form is the row vᵀ there, under the same name.
// Writing each column v as (v_row)ᵀ and moving the transposes inward by (AB)ᵀ = BᵀAᵀ and
// f(A)ᵀ = f(Aᵀ) turns ∂L/∂W = δ xᵀ into W.grad = δᵀ x, ∂L/∂b = δ into b.grad = δ (a vector's
// .grad is a row), and δ = σ′(Wx + b) ⊙ g into δ = σ′(x Wᵀ + b) ⊙ g.

import type { Expr, ExprOf, Kind } from '../ast';
import { addE, hadamardE, mulE, negE, ones, transposeE, varE } from '../ast/build';
import { children, mapChildren } from '../ast/walk';
import { isOne } from '../shape/dim';
import type { Prepared } from '../prepare';
import { Renderer } from '../present/renderer';
import { ShapeTable, type KnownShape } from '../shape/infer';
import type { Shape } from '../shape/rules';
import { definitionsInOrder, type SharedForms } from './share';

export interface RowCtx {
  /** The shape of a node of the column form. */
  readonly shape: (e: Expr) => Shape;
}

const isColumn = (s: Shape): boolean => isOne(s.cols) && !isOne(s.rows);
const isScalar = (s: Shape): boolean => isOne(s.rows) && isOne(s.cols);

type Rule<K extends Kind> = (e: ExprOf<K>, c: Rows) => Expr;

/** eᵀ in row names, for the kinds the transpose moves into; any other is (e in row names)ᵀ. */
const TRANSPOSED: { readonly [K in Kind]?: Rule<K> } = {
  transpose: (e, c) => c.of(e.arg),
  // (s A)ᵀ = s Aᵀ keeps its order, and is not simplified: s I must not lose its I
  mul: (e, c) =>
    c.isScalar(e.left) ? { ...e, left: c.of(e.left), right: c.t(e.right) }
    : c.isScalar(e.right) ? { ...e, left: c.t(e.left), right: c.of(e.right) }
    : mulE(c.t(e.right), c.t(e.left)),
  add: (e, c) => addE(c.t(e.left), c.t(e.right)),
  sub: (e, c) => ({ ...e, left: c.t(e.left), right: c.t(e.right) }),
  hadamard: (e, c) => hadamardE(c.t(e.left), c.t(e.right)),
  div: (e, c) => ({ ...e, left: c.t(e.left), right: c.t(e.right) }),
  neg: (e, c) => negE(c.t(e.arg)),
  apply: (e, c) => ({ ...e, arg: c.t(e.arg) }),
  epow: (e, c) => ({ ...e, base: c.t(e.base) }),
  // a softmax over all the entries of a vector is the same for its transpose
  softmax: (e, c) => (e.each ? transposeE(c.children(e)) : { ...e, arg: c.t(e.arg) }),
  ones: (e) => ones(e.cols, e.rows),
};

const transposes = (e: Expr): number => (e.kind === 'transpose' ? 1 : 0) + children(e).reduce((n, c) => n + transposes(c), 0);

class Rows {
  private readonly refs = new Map<string, Expr>();
  constructor(private readonly ctx: RowCtx) {}

  /** The value of e, written in row names: a column as (its row)ᵀ, (y − t)ᵀ rather than yᵀ − tᵀ. */
  of = (e: Expr): Expr => {
    const s = this.ctx.shape(e);
    if (e.kind === 'var') return isColumn(s) ? transposeE(e) : e;
    if (e.kind === 'ref') return isColumn(s) ? transposeE(this.ref(e)) : this.ref(e);
    if (e.kind === 'transpose') return this.t(e.arg);
    if (isColumn(s)) return transposeE(this.t(e));
    const plain = this.children(e);
    // a scalar is its own transpose: 𝟏ᵀt reads t 𝟏 in rows, not 𝟏ᵀ tᵀ
    if (isScalar(s) && e.kind === 'mul') {
      const flipped = TRANSPOSED.mul!(e, this);
      return transposes(flipped) < transposes(plain) ? flipped : plain;
    }
    return plain;
  };

  /** eᵀ, written in row names (the same value as e for a scalar). */
  t = (e: Expr): Expr => {
    const s = this.ctx.shape(e);
    if (isScalar(s)) return this.of(e);
    if (e.kind === 'var') return isColumn(s) ? e : transposeE(e);
    if (e.kind === 'ref') return isColumn(s) ? this.ref(e) : transposeE(this.ref(e));
    const rule = TRANSPOSED[e.kind] as Rule<Kind> | undefined;
    return rule ? rule(e as never, this) : transposeE(this.children(e));
  };

  isScalar = (e: Expr): boolean => isScalar(this.ctx.shape(e));

  /** e with its children in row names (not `of`, which for a column comes back here through `t`). */
  children = (e: Expr): Expr => mapChildren(e, this.of);

  /** A shared name keeps its name; its definition is the row (a column's transpose) in row names. */
  private ref(e: ExprOf<'ref'>): Expr {
    const known = this.refs.get(e.name);
    if (known) return known;
    const def = isColumn(this.ctx.shape(e.def)) ? this.t(e.def) : this.of(e.def);
    const out: Expr = { ...e, def };
    this.refs.set(e.name, out);
    return out;
  }
}

/**
 * A quantity of the column form in row form: a column vector (a δ, ∂L/∂b) becomes its row, any
 * other value (∂L/∂W) is the same value written in row names.
 */
export function rowForm(e: Expr, ctx: RowCtx): Expr {
  const rows = new Rows(ctx);
  return isColumn(ctx.shape(e)) ? rows.t(e) : rows.of(e);
}

/** The shapes in the row form: every column vector is a row. */
export const rowShape = (s: Shape): Shape => (isColumn(s) ? { rows: s.cols, cols: s.rows } : s);

export interface RowForms {
  /** Each parameter's .grad: a matrix as it is, a vector as a row. */
  readonly perVariable: ReadonlyMap<string, Expr>;
  /** The names they use, each after the names it reads (a δ is bound by name, a shared name carries its definition). */
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr; readonly shared: boolean }>;
}

export function rowForms(forms: SharedForms, ctx: RowCtx): RowForms {
  return {
    perVariable: new Map([...forms.perVariable].map(([w, e]) => [w, rowForm(e, ctx)])),
    definitions: definitionsInOrder(forms).map((d) => ({ ...d, expr: rowForm(d.expr, ctx) })),
  };
}

/** The row forms of a program's gradient, and a renderer that knows their shapes. */
export function pytorchRows(p: Prepared, forms: SharedForms): { forms: RowForms; r: Renderer } {
  const shape = (e: Expr): Shape => p.shapes.shape(e);
  const known = [...p.shapes.vars.keys()].map((n): [string, KnownShape] => [n, { shape: rowShape(shape(varE(n))), source: 'declared' }]);
  return { forms: rowForms(forms, { shape }), r: new Renderer(new ShapeTable(new Map(known), ''), p.names) };
}
