// The commands: each a factory `(ctx) => handler`, registered in one loop by main.ts.

import * as vscode from 'vscode';
import type { Analysis, AnalyzeOptions } from '../core/analysis';
import { config } from './config';
import type { Ctx } from './ctx';
import { followedEditor, scanLanguage, sliceOf } from './editor/documents';
import { isAnalysis, onePiece, siteAt, siteForSelection, type SiteJob } from './editor/sites';
import { isHoverLinkArg } from './editor/hover';
import { JacobianPanel, type PanelTarget, type SavedTarget } from './views/panel';
import type { PanelOptions } from '../shared/protocol';
import type { Notation, ScanLanguage, SiteJSON } from './worker/protocol';

type Handler = (...args: unknown[]) => unknown;

export const COMMANDS = {
  'kroneckerLens.showJacobian': (ctx: Ctx): Handler => (arg) => showPanel(ctx, arg, 'jacobian'),
  'kroneckerLens.showGradient': (ctx: Ctx): Handler => (arg) => showPanel(ctx, arg, 'gradient'),
  'kroneckerLens.openInspector': (): Handler => () => vscode.commands.executeCommand('kroneckerLens.inspector.focus'),
  'kroneckerLens.openExample': (ctx: Ctx): Handler => () => openExample(ctx),
} satisfies Record<string, (ctx: Ctx) => Handler>;

type Mode = 'jacobian' | 'gradient';

/**
 * Open the panel on the definition a hover link names, or else on the selection / the cursor
 * of the active editor. Resolves to the analysis shown (undefined when there was nothing to show).
 */
async function showPanel(ctx: Ctx, arg: unknown, mode: Mode): Promise<Analysis | undefined> {
  const target = isHoverLinkArg(arg) ? await linkTarget(ctx, arg.uri, arg.offset) : await editorTarget(ctx);
  if (!target) return undefined;
  return JacobianPanel.createOrShow(ctx, target, panelOptions(mode)).settled();
}

export function panelOptions(mode: Mode): PanelOptions {
  const loss = config.defaultLoss();
  return {
    wrt: [],
    loss: loss !== 'none' ? loss : mode === 'gradient' ? 'sse' : '',
    numeric: true,
    seed: config.seed(),
  };
}

async function linkTarget(ctx: Ctx, uri: string, offset: number): Promise<PanelTarget | undefined> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  const site = siteAt((await ctx.documents.sites(doc)) ?? [], offset);
  if (site) return siteTarget(ctx, doc, site);
  void vscode.window.showWarningMessage('Kronecker Lens: that definition is no longer in the document.');
  return undefined;
}

/** A panel's definition after a reload, read again from its document at the saved range (the
 *  workspace state keeps no text): the site there, else the text of the range as is. */
export async function savedTarget(ctx: Ctx, saved: SavedTarget): Promise<PanelTarget | undefined> {
  if (!saved.uri || !saved.range) return undefined;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(saved.uri, true));
  const sites = scanLanguage(doc) ? ((await ctx.documents.sites(doc)) ?? []) : [];
  const site = siteForSelection(sites, saved.range.start, saved.range.end);
  if (site) return siteTarget(ctx, doc, site);
  const input = sliceOf(doc)(saved.range.start, saved.range.end);
  if (!input.trim()) return undefined;
  const job: SiteJob = { job: { op: 'analyze', input, notation: notationOf(doc) }, pieces: onePiece(saved.range.start, input.length) };
  return { job, uri: saved.uri, file: displayName(doc), line: doc.positionAt(saved.range.start).line, range: saved.range, label: input.trim() };
}

/** The definition the selection touches (or the cursor is in); else the selected text, or the line, as is. */
async function editorTarget(ctx: Ctx): Promise<PanelTarget | undefined> {
  const editor = followedEditor();
  if (!editor) {
    void vscode.window.showWarningMessage('Kronecker Lens: open a document and select a definition first.');
    return undefined;
  }
  const doc = editor.document;
  const sel = editor.selection;
  const sites = scanLanguage(doc) ? ((await ctx.documents.sites(doc)) ?? []) : [];
  const site = siteForSelection(sites, doc.offsetAt(sel.start), doc.offsetAt(sel.end));
  if (site) return siteTarget(ctx, doc, site);
  const range = sel.isEmpty ? doc.lineAt(sel.active.line).range : sel;
  const input = doc.getText(range);
  if (!input.trim()) {
    void vscode.window.showWarningMessage('Kronecker Lens: no definition under the cursor — select one, e.g. y = σ(Wx + b).');
    return undefined;
  }
  const start = doc.offsetAt(range.start);
  return {
    job: { job: { op: 'analyze', input, notation: notationOf(doc) }, pieces: onePiece(start, input.length) },
    uri: doc.uri.toString(),
    file: displayName(doc),
    line: range.start.line,
    range: { start, end: doc.offsetAt(range.end) },
    label: input.trim(),
  };
}

export function siteTarget(ctx: Ctx, doc: vscode.TextDocument, site: SiteJSON): PanelTarget {
  const j = ctx.documents.job(doc, site);
  // A site that did not parse: analyse its text, so the panel shows the core's own message.
  const job: SiteJob = isAnalysis(j)
    ? { job: { op: 'analyze', input: j.input, notation: site.notation }, pieces: onePiece(site.range.start, j.input.length) }
    : j;
  return { job, uri: doc.uri.toString(), file: displayName(doc), line: site.line, range: site.range, label: site.label };
}

/** A document language that is itself a notation fixes it; in the others the text tells. */
const NOTATION_OF: { readonly [L in ScanLanguage]: Notation | 'auto' } = { markdown: 'auto', plaintext: 'auto', latex: 'latex', python: 'python' };

function notationOf(doc: vscode.TextDocument): AnalyzeOptions['notation'] {
  const lang = scanLanguage(doc);
  return lang ? NOTATION_OF[lang] : 'auto';
}

function displayName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() || doc.uri.toString();
}

/** The walkthrough's example: the bundled layer.md, the cursor on its layer. */
async function openExample(ctx: Ctx): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(ctx.asset('examples/layer.md'));
  const line = Math.max(0, doc.getText().split('\n').findIndex((l) => l.trim() === 'y = \\sigma(Wx + b)'));
  const at = new vscode.Position(line, 0);
  // Beside the walkthrough, so that its next step (Show Jacobian) finds this editor.
  await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(at, at), preview: false, viewColumn: vscode.ViewColumn.Beside });
}
