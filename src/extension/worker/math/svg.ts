// LaTeX → a standalone SVG with MathJax (runs in the analysis worker, never on the extension
// host's thread). The SVG is shown as a `data:` image in a hover, where it cannot inherit the
// theme's colour, so `currentColor` is replaced by the colour the host asks for; its sizes in
// `ex` become pixels, since an image has no font to measure an ex against.

import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor, type LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js';
import type { LiteText } from 'mathjax-full/js/adaptors/lite/Text.js';
import type { LiteDocument } from 'mathjax-full/js/adaptors/lite/Document.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';

type Doc = MathDocument<LiteElement | LiteText, LiteText, LiteDocument>;

/** Pixels per ex: about half of a 14px hover font, a little larger so that indices stay legible. */
const PX_PER_EX = 8;
/** Longest LaTeX rendered; beyond it the hover keeps its Unicode text. */
export const MAX_LATEX = 4000;

let mj: { adaptor: LiteAdaptor; doc: Doc } | undefined;

function engine(): { adaptor: LiteAdaptor; doc: Doc } {
  if (mj) return mj;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  // A TeX error throws (the caller falls back to text) instead of rendering red error boxes.
  const tex = new TeX({
    packages: ['base', 'ams'],
    formatError: (_jax: unknown, err: { message: string }) => { throw new Error(err.message); },
  });
  const svg = new SVG({ fontCache: 'local' });
  const doc = mathjax.document('', { InputJax: tex, OutputJax: svg }) as unknown as Doc;
  mj = { adaptor, doc };
  return mj;
}

/** `color` is a CSS colour: `#rrggbb`. */
export function texToSvg(latex: string, color: string): string {
  if (latex.length > MAX_LATEX) throw new Error('formula too long to render');
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) throw new Error(`not a colour: ${color}`);
  const { adaptor, doc } = engine();
  const node = doc.convert(latex, { display: true }) as LiteElement;
  const svg = adaptor.firstChild(node) as LiteElement;
  let out = adaptor.outerHTML(svg);
  out = out.replace(/(width|height)="(-?[\d.]+)ex"/g, (_m, attr: string, v: string) =>
    `${attr}="${(Number(v) * PX_PER_EX).toFixed(2)}px"`);
  out = out.replace(/currentColor/g, color);
  if (!out.includes('xmlns=')) out = out.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return out;
}
