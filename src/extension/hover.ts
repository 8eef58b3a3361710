// Hover previews: over a definition, its Jacobian in Unicode and a link that opens the panel;
// over one of its variables, that variable's shape and Jacobian block.

import * as vscode from 'vscode';
import type { AnalysisOk, JacobianBlock } from '../core/analysis';
import { Cancelled } from './analyzer';
import { config } from './config';
import type { Ctx } from './ctx';
import { rangeOf } from './documents';
import { siteAt } from './sites';
import { commandUri, definitionHover, errorHover, variableAt, variableHover } from './hoverText';

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
    if (name === undefined) return new vscode.Hover(markdown(definitionHover(analysis, link)), range);
    const block = await this.block(doc, site, analysis, name, token);
    return new vscode.Hover(markdown(variableHover(analysis, name, block, link)), range);
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
