// A size in a math-notation declaration (`W: d x (n+1)`, `x: R^{2n}`, `b: n - 1`) as the shape
// layer's polynomial: sums and differences of terms, a term a product of juxtaposed or `*`-joined
// numbers, names and bracketed sums, each with an optional whole power (`n^2`).

import type { Dim } from '../../ast';
import { addPoly, constPoly, constValue, dimOf, mulPoly, symPoly, type Poly } from '../../ast/dim';

/** An atom of a size, and sums of them, for the declaration's pattern (a bracketed sum is one atom).
 *  A number is not juxtaposed with a name starting x: `3x4` is 3 × 4. */
const ATOM = String.raw`(?:\d+|[A-Za-z_]\w*|\d+[A-Za-wyz_]\w*|\([^(),]*\))(?:\^\d)?`;
export const SIZE = String.raw`(?:${ATOM}(?:\s*[-+]\s*${ATOM})*)`;

const TOKEN = /\s*(\d+|[A-Za-z_]\w*|[-+*^()])/y;

/** The size the text writes (matched by SIZE), or undefined when it is none (a negative constant). */
export function readSize(text: string): Dim | undefined {
  const toks: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) toks.push(m[1] as string);
  if (TOKEN.lastIndex !== 0 || toks.join('').length !== text.replace(/\s+/g, '').length) return undefined;
  let i = 0;
  const sum = (): Poly => {
    let out: Poly = new Map();
    let sign = toks[i] === '-' ? (i++, -1) : 1;
    for (;;) {
      out = addPoly(out, mulPoly(constPoly(sign), term()));
      if (toks[i] !== '+' && toks[i] !== '-') return out;
      sign = toks[i++] === '-' ? -1 : 1;
    }
  };
  const term = (): Poly => {
    let out = factor();
    while (i < toks.length && !['+', '-', ')'].includes(toks[i] as string)) {
      if (toks[i] === '*') i++;
      out = mulPoly(out, factor());
    }
    return out;
  };
  const factor = (): Poly => {
    const t = toks[i++] ?? '';
    const base = t === '(' ? sum() : /^\d+$/.test(t) ? constPoly(Number(t)) : symPoly(t);
    if (t === '(' && toks[i++] !== ')') throw new RangeError('unclosed');
    if (toks[i] !== '^') return base;
    const k = Number(toks[i + 1]);
    i += 2;
    let out = constPoly(1);
    for (let j = 0; j < k; j++) out = mulPoly(out, base);
    return out;
  };
  let p: Poly;
  try {
    p = sum();
  } catch {
    return undefined;
  }
  if (i !== toks.length) return undefined;
  const c = constValue(p);
  return c !== undefined && c < 0 ? undefined : dimOf(p);
}
