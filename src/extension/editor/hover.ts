// Hover previews: over a definition, its Jacobian and gradients (MathJax SVG images with the
// Unicode as their text) and a link that opens the panel; over one of its variables, that
// variable's shape and Jacobian block.

import * as vscode from 'vscode';
import type { AnalysisOk, JacobianBlock } from '../../core/analysis';
import { Cancelled } from '../worker/analyzer';
import { config } from '../config';
import type { Ctx } from '../ctx';
import { rangeOf } from './documents';
import { siteAt } from './sites';
import {
  blockMath, commandUri, definitionHover, definitionMath, errorHover, type MathImages, type MathLine, variableAt,
  variableHover,
} from './hoverText';
import { mathImages } from '../worker/math/images';

/** The one command a hover may run (`isTrusted.enabledCommands`). */
export const HOVER_COMMAND = 'kroneckerLens.showJacobian';

/** The argument of a hover's command link: which definition to open. */
export interface HoverLinkArg {
  uri: string;
  offset: number;
}

export function isHoverLinkArg(x: unknown): x is HoverLinkArg {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.uri === 'string' && typeof r.offset === 'number' && Number.isInteger(r.offset) && r.offset >= 0;
}

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: Ctx) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken):
    Promise<vscode.Hover | undefined> {
    if (!config.hoverEnabled()) return undefined;
    try {
      return await this.hover(doc, pos, token);
    } catch (e) {
      if (!(e instanceof Cancelled)) this.ctx.log.warn(`hover: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private async hover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken):
    Promise<vscode.Hover | undefined> {
    const sites = await this.ctx.documents.definitions(doc, 'interactive', token);
    const site = siteAt(sites, doc.offsetAt(pos));
    if (!site || token.isCancellationRequested) return undefined;
    const range = rangeOf(doc, site.range.start, site.range.end);
    const { analysis } = await this.ctx.documents.analyzeSite(doc, site, {}, 'interactive', token);
    if (!analysis.ok) return new vscode.Hover(markdown(errorHover(analysis)), range);
    const arg: HoverLinkArg = { uri: doc.uri.toString(), offset: site.range.start };
    const link = commandUri(HOVER_COMMAND, [arg]);
    const name = variableAt(doc.lineAt(pos.line).text, pos.character, new Set(Object.keys(analysis.variables)));
    if (name === undefined) {
      const images = await this.images(definitionMath(analysis), token);
      return new vscode.Hover(markdown(definitionHover(analysis, link, images)), range);
    }
    const block = await this.block(doc, site, analysis, name, token);
    const images = await this.images(block ? [blockMath(analysis, block)] : [], token);
    return new vscode.Hover(markdown(variableHover(analysis, name, block, link, images)), range);
  }

  /** SVG images of the formulas; none when rendering fails (the hover still shows their text). */
  private async images(lines: MathLine[], token: vscode.CancellationToken): Promise<MathImages> {
    try {
      return await mathImages(this.ctx.analyzer, lines, token);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      this.ctx.log.warn(`hover math: ${e instanceof Error ? e.message : String(e)}`);
      return new Map();
    }
  }

  /** The variable's block of the Jacobian; for one outside the default `wrt`, a second analysis by it. */
  private async block(doc: vscode.TextDocument, site: Parameters<Ctx['documents']['analyzeSite']>[1],
    a: AnalysisOk, name: string, token: vscode.CancellationToken): Promise<JacobianBlock | undefined> {
    const own = a.jacobian.blocks.find((b) => b.wrt === name);
    if (own) return own;
    const { analysis } = await this.ctx.documents.analyzeSite(doc, site, { wrt: [name] }, 'interactive', token);
    return analysis.ok ? analysis.jacobian.blocks.find((b) => b.wrt === name) : undefined;
  }
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = { enabledCommands: [HOVER_COMMAND] };
  return md;
}
