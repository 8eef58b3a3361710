// The presentation module's entry for the surfaces (CLI, hover, sidebar, panel): an Analysis
// → text, in Unicode or LaTeX. Surfaces take every size, name and ∂-label from here and never
// parse what another surface printed. Pure and small: the webviews bundle it.

export { LATEX, UNICODE, type Style } from './style';
export { checkVerdict, formulaVerdict, type Verdict } from './marks';
export { bytes, costLine, count, density, memory, percent, shape, shapeCell, shapeCompact, size, space } from './size';
export {
  blockLabel, blockLine, gradientLabel, lossChoices, lossGradientLabel, symbolsOf, gradientLine, jacobianLabel, jacobianLine, nameText,
  jacobianWithWhere, outputName, partial, vecText, whereLines,
} from './labels';
