// The library entry (dist/core.js): analyze and the types it speaks.

export { analyze, analyzeProgram, type Notation } from './analyze';
export { NOTATIONS, NOTATION_NAMES } from './notations';
export type * from './analysis';
export type { Program, Expr, Declaration, Assignment, Range } from './ast';
export { UserError } from './ast';
export { analyzeFile, languageOfPath } from './analyzeFile';
export { scanDocument, siteAt, siteAtLine, DocumentIndex, type DefinitionSite, type ScanLanguage, type TextChange, type ScanOptions } from './scan';
export { inputsOf, MAX_PREAMBLE_BYTES } from './notations/latex/macros';
export { detectNotation } from './notations/detect';
