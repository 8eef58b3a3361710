// A size in a math-notation declaration (`W: d x (n+1)`, `x: R^{2n}`, `W: (2(n+1)) x d`) as the shape
// layer's polynomial: sums and differences of terms, a term a product of juxtaposed or `*`-joined
// numbers, names and bracketed sums (`2(n+1)` is 2·(n+1)), each with an optional whole power (`n^2`).
// A size that cannot be read is refused where it stands.

import { UserError, type Dim, type Range } from '../../ast';
import { MAX_DEPTH } from '../../ast/query';
import { addPoly, constPoly, constValue, dimOf, mulPoly, symPoly, type Poly } from '../../ast/dim';
import { CLOSE, isCloser, isOpener } from '../brackets';

export interface SizeToken extends Range {
  readonly v: string;
  /** Whitespace before it. */
  readonly gap: boolean;
}

/** A power above this is no size a layer has; it also bounds the work on hostile input. */
const MAX_POWER = 8;

/** A number is not juxtaposed with a name starting x: `3x4` is 3 × 4. Any other character is no size's. */
const TOKEN = /(\s*)(\\times|\d+|(?<=\d)x|[A-Za-z_]\w*|[-+*^()[\]{},×])/y;

/** The tokens of `text` (at `offset`), or undefined when it holds a character no size has. */
export function sizeTokens(text: string, offset: number): SizeToken[] | undefined {
  const out: SizeToken[] = [];
  let read = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = offset + m.index + (m[1] as string).length;
    out.push({ v: m[2] as string, start, end: start + (m[2] as string).length, gap: m[1] !== '' });
    read = TOKEN.lastIndex;
  }
  return text.slice(read).trim() ? undefined : out;
}

/** The size the tokens write; `what` names it in errors (`the size of W`). */
export function readSize(toks: readonly SizeToken[], what: string): Dim {
  const fail = (why: string, at: Range): never => {
    throw UserError.at(`${what} cannot be read: ${why}`, at);
  };
  let i = 0;
  let depth = 0;
  const sum = (): Poly => {
    let out: Poly = new Map();
    let sign = toks[i]?.v === '-' ? (i++, -1) : 1;
    for (;;) {
      out = addPoly(out, mulPoly(constPoly(sign), term()));
      if (toks[i]?.v !== '+' && toks[i]?.v !== '-') return out;
      sign = toks[i++]?.v === '-' ? -1 : 1;
    }
  };
  const term = (): Poly => {
    let out = factor();
    for (let t = toks[i]; t && t.v !== '+' && t.v !== '-' && !isCloser(t.v); t = toks[i]) {
      if (t.v === '*') i++;
      out = mulPoly(out, factor());
    }
    return out;
  };
  const factor = (): Poly => {
    const t = toks[i++];
    if (!t) return fail('a size is missing', toks[toks.length - 1] ?? { start: 0, end: 0 });
    let base: Poly;
    if (isOpener(t.v)) {
      if (++depth > MAX_DEPTH) fail('its brackets are nested too deep', t);
      base = sum();
      depth--;
      if (toks[i++]?.v !== CLOSE[t.v]) fail(`this '${t.v}' is never closed`, t);
    } else if (/^\d+$/.test(t.v)) base = constPoly(Number(t.v));
    else if (/^[A-Za-z_]/.test(t.v)) {
      const next = toks[i];
      if (next?.v === '(' && !next.gap) fail(`${t.v}(…) reads as a call: write ${t.v}*(…) for a product`, { start: t.start, end: next.end });
      base = symPoly(t.v);
    } else return fail(`'${t.v}' is not read in a size`, t);
    return toks[i]?.v === '^' ? power(base) : base;
  };
  const power = (base: Poly): Poly => {
    const k = toks[++i];
    i++;
    if (!k || !/^\d+$/.test(k.v) || Number(k.v) > MAX_POWER) fail(`a power in a size must be a whole number from 0 to ${MAX_POWER}`, k ?? toks[i - 2]!);
    let out = constPoly(1);
    for (let j = 0; j < Number(k!.v); j++) out = mulPoly(out, base);
    return out;
  };
  const p = sum();
  const extra = toks[i];
  if (extra) fail(`'${extra.v}' is not read in a size`, extra);
  const c = constValue(p);
  if (c !== undefined && c < 0) fail(`a size cannot be negative (this one is ${c})`, { start: toks[0]!.start, end: toks[toks.length - 1]!.end });
  return dimOf(p);
}
