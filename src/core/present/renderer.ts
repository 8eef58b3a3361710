// Both notations at once, for everything the Analysis carries as a Formula (the core uses it
// while building the Analysis; surfaces read the Analysis through index.ts).

import type { Formula } from '../analysis';
import type { Expr } from '../ast';
import type { IntroducedNames } from '../ast/introduced';
import type { Op } from '../calculus/ops';
import { isOne, jsonDim } from '../shape/dim';
import type { ShapeTable } from '../shape/infer';
import type { Shape } from '../shape/rules';
import { print, type PrintCtx } from './expr';
import { printFactored, printOp } from './ops';
import { space } from './size';
import { LATEX, UNICODE, type Style } from './style';

export class Renderer {
  private readonly ctx: Record<'latex' | 'unicode', PrintCtx>;

  /** `symbols`: the names of what the tool introduces (K, L, y, …), none of them the user's. */
  constructor(shapes: ShapeTable, readonly symbols: IntroducedNames) {
    const { commutation } = symbols;
    const make = (style: Style): PrintCtx => ({
      style,
      commutation,
      identity: style.name(symbols.identity),
      ones: style.name(symbols.ones),
      isScalar: (e) => {
        const s = shapes.shape(e);
        return isOne(s.rows) && isOne(s.cols);
      },
      isVector: (e) => {
        const s = shapes.shape(e);
        return isOne(s.rows) || isOne(s.cols);
      },
    });
    this.ctx = { latex: make(LATEX), unicode: make(UNICODE) };
  }

  private both(f: (c: PrintCtx) => string): Formula {
    return { latex: f(this.ctx.latex), unicode: f(this.ctx.unicode) };
  }

  expr = (e: Expr): Formula => this.both((c) => print(e, c).text);
  op = (o: Op): Formula => this.both((c) => printOp(o, c).text);
  factored = (common: readonly Op[], rest: readonly Op[]): Formula => this.both((c) => printFactored(common, rest, c));
  name = (n: string): Formula => this.both((c) => c.style.name(n));
  space = (s: Shape): Formula => this.both((c) => space([jsonDim(s.rows), jsonDim(s.cols)], c.style));

  /** `lhs = rhs` (or `lhs ∈ …`) in both notations. */
  static relation(lhs: Formula, rel: [string, string], rhs: Formula): Formula {
    return { latex: `${lhs.latex} ${rel[0]} ${rhs.latex}`, unicode: `${lhs.unicode} ${rel[1]} ${rhs.unicode}` };
  }
}

export const EQ: [string, string] = ['=', '='];
