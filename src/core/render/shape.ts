// Shapes as people write them: `3 × 15`, `m × (mn + m)`, `ℝ^{3×15}`, `\mathbb{R}^{3 \times 15}`.

import { formatPoly, type Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';
import type { Style } from './style';

const grouped = (p: Poly): string => {
  const t = formatPoly(p);
  return / [+−] /.test(t) ? `(${t})` : t;
};

export const shapeText = (s: Shape): string => `${grouped(s.rows)} × ${grouped(s.cols)}`;

export function shapeLatex(s: Shape): string {
  return `${grouped(s.rows)} \\times ${grouped(s.cols)}`.replace(/−/g, '-');
}

/** The space a value lives in: ℝ^{3×15}, ℝ^m for a column. */
export function spaceOf(s: Shape, style: Style): string {
  const r = formatPoly(s.rows).replace(/−/g, style.latex ? '-' : '−');
  const c = formatPoly(s.cols);
  return style.reals(style.latex ? r : r.replace(/ /g, ''), style.latex ? c : c.replace(/ /g, ''));
}
