// The space a value lives in, as people write it: ℝ^{3×15}, ℝ^{m×(mn + m)}, ℝ^m for a column.

import { formatPoly, type Poly } from '../shape/dim';
import type { Shape } from '../shape/rules';
import type { Style } from './style';

function grouped(p: Poly, style: Style): string {
  const t = formatPoly(p).replace(/−/g, style.latex ? '-' : '−');
  return / [+\-−] /.test(t) ? `(${t})` : t;
}

export const spaceOf = (s: Shape, style: Style): string => style.reals(grouped(s.rows, style), grouped(s.cols, style));
