// A hover's formulas as `data:` SVG images drawn by the worker in the theme's text colour. An
// image cannot inherit the editor's colours, so the ink follows the theme kind: dark text on
// light themes, light on dark, pure black or white in high contrast (LaTeX Workshop's
// dark-on-dark and high-contrast bugs came from a fixed colour).

import * as vscode from 'vscode';
import type { Analyzer, CancelToken } from '../analyzer';
import type { MathImages, MathLine } from '../../editor/hoverText';

/** The default themes' editor foregrounds, per kind. */
const INK: Record<vscode.ColorThemeKind, string> = {
  [vscode.ColorThemeKind.Light]: '#3b3b3b',
  [vscode.ColorThemeKind.Dark]: '#cccccc',
  [vscode.ColorThemeKind.HighContrast]: '#ffffff',
  [vscode.ColorThemeKind.HighContrastLight]: '#000000',
};

export function inkColor(kind: vscode.ColorThemeKind = vscode.window.activeColorTheme.kind): string {
  return INK[kind] ?? INK[vscode.ColorThemeKind.Dark];
}

/** The images of `lines` that MathJax could draw; on any failure, none (the hover shows text). */
export async function mathImages(analyzer: Analyzer, lines: MathLine[], token?: CancelToken): Promise<MathImages> {
  const latex = [...new Set(lines.map((l) => l.latex).filter((l) => l.length > 0))];
  const images = new Map<string, string>();
  if (!latex.length) return images;
  const svgs = await analyzer.svg(latex, inkColor(), token);
  svgs.forEach((svg, i) => {
    if (svg) images.set(latex[i]!, `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`);
  });
  return images;
}
