// What the LaTeX front-end knows about macros: names, styles, decorations, functions, and the
// ones it refuses with a reason. Everything else is an unknown command (a UserError).
import { dict } from '../../keys';


const GREEK_LOWER = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon',
  'phi', 'varphi', 'chi', 'psi', 'omega',
];
const GREEK_UPPER = ['Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega'];

/** `\theta` → the name `theta` (ASCII, so that `--wrt theta` can be typed). */
export const GREEK: ReadonlySet<string> = new Set([...GREEK_LOWER, ...GREEK_UPPER, 'ell'].map((g) => `\\${g}`));

/** Typeface macros: `\mathbf{W}` is the name `W`. */
export const STYLES: ReadonlySet<string> = new Set([
  '\\mathbf', '\\boldsymbol', '\\bm', '\\pmb', '\\mathit', '\\mathsf', '\\mathcal', '\\mathscr', '\\mathfrak',
  '\\mathbb', '\\symbf', '\\symbfit', '\\mathbfit', '\\bold', '\\mathnormal', '\\vec', '\\underline',
]);

/** Typefaces (and the arrow) that mark a vector or a matrix: `\mathbf{m}` is no size m, `\boldsymbol\alpha` no coefficient. */
export const BOLD: ReadonlySet<string> = new Set([
  '\\mathbf', '\\boldsymbol', '\\bm', '\\pmb', '\\symbf', '\\symbfit', '\\mathbfit', '\\bold', '\\vec',
]);

/** Macros whose argument is read as a word: a function name (`\operatorname{ReLU}`) or a name (`\mathrm{out}`). */
export const WORDS: ReadonlySet<string> = new Set([
  '\\operatorname', '\\mathrm', '\\text', '\\textrm', '\\textit', '\\textbf', '\\textsf', '\\texttt',
  '\\mathtt', '\\textnormal', '\\mbox',
]);

/** `\text{…}` between statements is prose (`\text{and}`, `\text{where}`), a separator. */
export const PROSE: ReadonlySet<string> = new Set(['\\text', '\\textrm', '\\textnormal', '\\mbox', '\\textit', '\\textbf']);

/** Accents make a different name: `\hat{y}` is `y_hat`. */
export const DECORATIONS: Readonly<Record<string, string>> = dict({
  '\\hat': 'hat', '\\widehat': 'hat', '\\tilde': 'tilde', '\\widetilde': 'tilde', '\\bar': 'bar',
  '\\overline': 'bar', '\\dot': 'dot', '\\ddot': 'ddot', '\\check': 'check', '\\breve': 'breve',
});

/** Spellings of the real numbers after `\in`; `\mathbb{S}^n` (symmetric matrices) declares n×n. */
export const REALS: ReadonlySet<string> = new Set(['\\R', '\\Reals', '\\reals', '\\RR']);

/** Assignment signs: `=`, `:=`, `\coloneqq`, `\triangleq`, `\equiv`, `\doteq`. */
export const ASSIGN_OPS: ReadonlySet<string> = new Set(['=', ':=', '\\coloneqq', '\\coloneq', '\\triangleq', '\\equiv', '\\doteq', '\\defeq', '\\eqqcolon']);

export const OPENERS: Readonly<Record<string, string>> = dict({
  '(': ')', '[': ']', '\\{': '\\}', '{': '}', '\\lbrack': '\\rbrack', '\\lparen': '\\rparen', '\\lbrace': '\\rbrace',
});

/** Norm bars: `\|x\|`, `\lVert x \rVert`, `\Vert x \Vert`, `||x||`, `‖x‖`. */
export const NORM_OPEN: ReadonlySet<string> = new Set(['\\|', '\\lVert', '\\Vert']);
export const NORM_CLOSE: ReadonlySet<string> = new Set(['\\|', '\\rVert', '\\Vert']);
export const ABS_OPEN: ReadonlySet<string> = new Set(['|', '\\lvert', '\\vert']);
export const ABS_CLOSE: ReadonlySet<string> = new Set(['|', '\\rvert', '\\vert']);

/** Explicit products; `\times` between matrices is read as the matrix product. */
export const PRODUCT_OPS: ReadonlySet<string> = new Set(['\\cdot', '\\times', '*', '\\ast']);
export const HADAMARD_OPS: ReadonlySet<string> = new Set(['\\odot', '\\circ']);
export const DIVIDE_OPS: ReadonlySet<string> = new Set(['/', '\\oslash', '\\div']);

/** Known commands that have no meaning here, with the reason given to the user. */
export const UNSUPPORTED: Readonly<Record<string, string>> = dict({
  '\\sum': 'index sums are not supported: write \\mathbf{1}^\\top x for the sum of a vector',
  '\\prod': 'products over an index are not supported',
  '\\int': 'integrals are not supported',
  '\\partial': 'derivatives are what Kronecker Lens computes: write the function itself',
  '\\nabla': 'gradients are what Kronecker Lens computes: write the function itself',
  '\\mathrm{d}': 'differentials are not supported',
  '\\dots': 'ellipses are not supported: write the expression in matrix form',
  '\\ldots': 'ellipses are not supported: write the expression in matrix form',
  '\\cdots': 'ellipses are not supported: write the expression in matrix form',
  '\\vdots': 'ellipses are not supported: write the expression in matrix form',
  '\\ddots': 'ellipses are not supported: write the expression in matrix form',
  '\\min': 'min is not supported (max(0, z) is read as ReLU)',
  '\\arg': 'arg min / arg max are not supported',
  '\\argmax': 'arg max is not supported',
  '\\argmin': 'arg min is not supported',
  '\\lim': 'limits are not supported',
  '\\infty': 'infinity is not supported here',
  '\\pm': '± is not supported',
  '\\mp': '∓ is not supported',
  '\\oplus': 'direct sums are not supported',
  '\\to': 'maps (f: A \\to B) are not supported: declare shapes with x \\in \\mathbb{R}^n',
  '\\mapsto': 'maps are not supported: write y = f(x)',
  '\\rightarrow': 'arrows are not supported',
  '\\leq': 'inequalities are not supported', '\\le': 'inequalities are not supported',
  '\\geq': 'inequalities are not supported', '\\ge': 'inequalities are not supported',
  '\\neq': 'inequalities are not supported', '\\ne': 'inequalities are not supported',
  '\\approx': '≈ is not supported', '\\sim': '~ (distributed as) is not supported',
  '\\propto': '∝ is not supported', '\\top': '\\top is the transpose only in a superscript: W^\\top',
  '\\intercal': '\\intercal is the transpose only in a superscript: W^\\intercal',
  '\\prime': '\\prime belongs in a superscript: \\sigma^\\prime(z)',
  '\\E': 'expectations are not supported', '\\mathbb{E}': 'expectations are not supported',
  '\\in': '\\in declares a shape: x \\in \\mathbb{R}^n, with a name on its left',
});
