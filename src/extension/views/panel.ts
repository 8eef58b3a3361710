// The Jacobian panel: one WebviewPanel beside the editor, restored after a reload by a
// serializer. It shows one definition at a time and recomputes it (in the worker) when the
// user changes what to differentiate by, the loss, or a number.

import * as vscode from 'vscode';
import type { Analysis, AnalyzeOptions } from '../../core/analysis';
import { AnalysisTimeout, Cancelled } from '../worker/analyzer';
import { config } from '../config';
import { ASSETS, type Ctx } from '../ctx';
import { localize, withOptions, type SiteJob } from '../editor/sites';
import { toSource } from '../editor/siteSource';
import type { ExportFormat } from '../../core/export/formats';
import { exportDefinition } from './insertExport';
import { parsePanelMessage } from '../../shared/fromWebview';
import type { ExportAction, HostToPanel, PanelOptions, PanelToHost } from '../../shared/protocol';
import { setValue, toOptionValues, type Values } from '../values';
import { makeNonce, webviewHtml } from './webviewHtml';

/** What the panel shows: a definition's analysis job and where it came from. */
export interface PanelTarget {
  job: SiteJob;
  /** The document (a URI string), its display name, and the definition's range in it. */
  uri?: string;
  file: string;
  line: number;
  range?: { start: number; end: number };
  label: string;
}

/** Where a target came from: all the workspace state keeps of it (no text of the document). */
export type SavedTarget = Pick<PanelTarget, 'uri' | 'file' | 'line' | 'range'>;

/** Finds a saved definition again in its document (after a reload). */
export type TargetResolver = (saved: SavedTarget) => Promise<PanelTarget | undefined>;

interface SavedState {
  target: SavedTarget;
  options: PanelOptions;
  values: Values;
  lossChosen?: boolean;
}

/** Work longer than this shows a notification with a Cancel button. */
const PROGRESS_AFTER_MS = 200;

interface PanelState {
  target: PanelTarget;
  options: PanelOptions;
  values: Values;
  /** The user picked the loss in the panel (else it is the default, dropped for a scalar output). */
  lossChosen?: boolean;
}

const STATE_KEY = 'kroneckerLens.panel';
const NOTHING_YET: HostToPanel = { type: 'error', message: 'Select a definition and run “Kronecker Lens: Show Jacobian”.' };

export class JacobianPanel implements vscode.Disposable {
  static readonly viewType = 'kroneckerLens.panel';
  private static current: JacobianPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private analysis: Analysis | undefined;
  private generation = 0;
  private pending: Promise<void> = Promise.resolve();
  /** Cancels the running analysis when a newer request replaces it (or the panel closes). */
  private running: vscode.CancellationTokenSource | undefined;
  /** Reading a restored panel's definition again from its document (after a reload). */
  private restoring = false;

  /** The open panel, if any (tests read its analysis). */
  static get instance(): JacobianPanel | undefined {
    return JacobianPanel.current;
  }

  static createOrShow(ctx: Ctx, target: PanelTarget, options: PanelOptions): JacobianPanel {
    const column = vscode.ViewColumn.Beside;
    const state: PanelState = { target, options, values: {} };
    const cur = JacobianPanel.current;
    if (cur) {
      cur.panel.reveal(column, true);
      cur.show(state);
      return cur;
    }
    const panel = vscode.window.createWebviewPanel(JacobianPanel.viewType, title(target),
      { viewColumn: column, preserveFocus: true }, { ...ctx.webviewOptions(), retainContextWhenHidden: false });
    return new JacobianPanel(ctx, panel, state);
  }

  /** After a reload: the serializer hands back the panel, shown at once as busy; where its
   *  definition was is in the workspace state, and the definition is then read again from its
   *  document and analysed (awaiting that first left the restored panel empty). */
  static revive(ctx: Ctx, panel: vscode.WebviewPanel, resolve: TargetResolver): JacobianPanel {
    panel.webview.options = ctx.webviewOptions();
    const saved = ctx.extension.workspaceState.get<SavedState>(STATE_KEY);
    JacobianPanel.current?.dispose();
    const p = new JacobianPanel(ctx, panel, undefined);
    if (saved?.target) p.pending = p.restore(saved, resolve);
    return p;
  }

  private async restore(saved: SavedState, resolve: TargetResolver): Promise<void> {
    this.restoring = true;
    await this.post({ type: 'busy' });
    const target = await resolve(saved.target).catch((e: unknown) => {
      this.ctx.log.error(`panel: restoring: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    this.restoring = false;
    // A definition shown meanwhile (or a closed panel) wins over the restored one.
    if (this.state || JacobianPanel.current !== this) return;
    if (!target) {
      await this.post({ type: 'error', message: `The definition this panel showed is no longer in ${saved.target.file}.` });
      return;
    }
    this.state = { ...saved, target };
    this.panel.title = title(target);
    await this.recompute();
  }

  private save(s: PanelState): void {
    const { uri, file, line, range } = s.target;
    const saved: SavedState = { target: { uri, file, line, range }, options: s.options, values: s.values, lossChosen: s.lossChosen };
    void this.ctx.extension.workspaceState.update(STATE_KEY, saved);
  }

  private constructor(private readonly ctx: Ctx, private readonly panel: vscode.WebviewPanel,
    private state: PanelState | undefined) {
    JacobianPanel.current = this;
    const webview = panel.webview;
    webview.html = webviewHtml(webview, makeNonce(), ctx.asset(ASSETS.panel.script),
      ASSETS.panel.styles.map((s) => ctx.asset(s)), 'Kronecker Lens');
    panel.iconPath = { light: ctx.asset('media/icons/panel-light.svg'), dark: ctx.asset('media/icons/panel-dark.svg') };
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this.disposables);
    if (state) this.pending = this.recompute();
    else void this.post(NOTHING_YET);
  }

  get current(): Analysis | undefined {
    return this.analysis;
  }

  get options(): PanelOptions | undefined {
    return this.state?.options;
  }

  private show(state: PanelState): void {
    this.state = state;
    this.panel.title = title(state.target);
    this.pending = this.recompute();
  }

  /** Every message is validated; anything malformed is dropped. */
  private receive(raw: unknown): void {
    const m = parsePanelMessage(raw);
    if (!m) {
      this.ctx.log.debug('panel: dropped a malformed message');
      return;
    }
    void this.handle(m);
  }

  private async handle(m: PanelToHost): Promise<void> {
    const s = this.state;
    switch (m.type) {
      case 'ready':
        await this.postConfig();
        if (this.analysis && s) await this.postAnalysis(this.analysis, s);
        else if (s || this.restoring) await this.post({ type: 'busy' });
        else await this.post(NOTHING_YET);
        return;
      case 'setWrt':
        if (s) this.update({ ...s, options: { ...s.options, wrt: m.wrt } });
        return;
      case 'setLoss':
        if (s) this.update({ ...s, options: { ...s.options, loss: m.loss }, lossChosen: true });
        return;
      case 'setValue': {
        const inputs = this.analysis?.ok ? this.analysis.numbers?.inputs : undefined;
        const values = s && setValue(s.values, inputs, m.name, m.row, m.col, m.value);
        if (s && values) this.update({ ...s, values });
        return;
      }
      case 'recompute':
        if (s) this.update(s);
        return;
      case 'newValues':
        if (s) this.update({ ...s, values: {}, options: { ...s.options, seed: nextSeed(s.options.seed ?? config.seed()) } });
        return;
      case 'copyLatex':
        await vscode.env.clipboard.writeText(m.latex);
        await this.post({ type: 'copied' });
        return;
      case 'revealDefinition':
        if (s) await revealTarget(s.target);
        return;
      case 'export':
        if (s) await this.export(s, m.format, m.action);
        return;
      default:
        return exhaustive(m);
    }
  }

  /** The export runs in the worker with the panel's options (numbers included). */
  private async export(s: PanelState, format: ExportFormat, action: ExportAction): Promise<void> {
    const copied = await exportDefinition(this.ctx, s.target, analyzeOptions(s), format, action);
    if (copied) await this.post({ type: 'copied', what: copied });
  }

  private update(state: PanelState): void {
    this.state = state;
    this.pending = this.recompute();
  }

  /** The analysis shown once every recomputation asked for so far has finished. */
  async settled(): Promise<Analysis | undefined> {
    let p: Promise<void>;
    do {
      p = this.pending;
      await p;
    } while (p !== this.pending);
    return this.analysis;
  }

  /** Analyse in the worker (numbers included), with progress; only the newest result is shown. */
  private async recompute(): Promise<void> {
    const s = this.state;
    if (!s) return;
    const gen = ++this.generation;
    this.running?.cancel();
    const source = (this.running = new vscode.CancellationTokenSource());
    this.save(s);
    await this.post({ type: 'busy' });
    try {
      const analysis = await withCancellableProgress(this.analyze(s, source.token), source);
      if (gen !== this.generation) return;
      this.analysis = analysis;
      if (analysis.ok) {
        if (s.options.wrt.length === 0) s.options = { ...s.options, wrt: analysis.wrt };
        this.panel.title = title({ ...s.target, label: analysis.definition.unicode });
        this.save(s);
      }
      await this.postAnalysis(analysis, s);
    } catch (e) {
      if (gen !== this.generation) return;
      if (e instanceof Cancelled) {
        await this.post({ type: 'error', message: 'The analysis was cancelled.' });
        return;
      }
      const message = e instanceof AnalysisTimeout ? e.message : 'Kronecker Lens could not analyse this definition.';
      this.ctx.log.error(`panel: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      await this.post({ type: 'error', message, detail: e instanceof Error ? e.message : String(e) });
    }
  }

  /**
   * One analysis: a scalar output is its own loss, so the default loss goes as `defaultLoss` (the
   * core drops it for a scalar) and only a loss the user chose as `loss`.
   */
  private async analyze(s: PanelState, token: vscode.CancellationToken): Promise<Analysis> {
    const a = await this.ctx.analyzer.analyze(withOptions(s.target.job, analyzeOptions(s)), 'interactive', token);
    if (a.ok && !s.lossChosen && s.options.loss && a.loss?.kind === 'output') s.options = { ...s.options, loss: '' };
    // The pieces map document offsets into the job's source (in a notebook, a piece from an earlier cell lies before 0).
    const { job, pieces } = s.target.job;
    const r = s.target.range;
    return job.op === 'analyzeProgram' && r ? localize(a, job.source, { start: toSource(pieces, r.start), end: toSource(pieces, r.end) }) : a;
  }

  private postAnalysis(analysis: Analysis, s: PanelState): Thenable<boolean> {
    return this.post({ type: 'analysis', analysis, options: s.options, source: { file: s.target.file, line: s.target.line } });
  }

  /** A message to the webview; dropped once the panel is closed. */
  private post(m: HostToPanel): Thenable<boolean> {
    if (JacobianPanel.current !== this) return Promise.resolve(false);
    return this.panel.webview.postMessage(m).then(undefined, () => false);
  }

  /** The settings the webview reads (sent again when they change). */
  postConfig(): Thenable<boolean> {
    return this.post({ type: 'config', config: { matrixTableLimit: config.denseDisplayLimit() } });
  }

  dispose(): void {
    if (JacobianPanel.current === this) JacobianPanel.current = undefined;
    this.generation++;
    this.running?.cancel();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function analyzeOptions(s: PanelState): AnalyzeOptions {
  const o: AnalyzeOptions = { numeric: true, seed: s.options.seed ?? config.seed() };
  if (s.options.wrt.length) o.wrt = s.options.wrt;
  if (s.options.loss) o[s.lossChosen ? 'loss' : 'defaultLoss'] = s.options.loss;
  const values = toOptionValues(s.values);
  if (values) o.values = values;
  return o;
}

/** Seeds count up (the panel shows which one drew the numbers), wrapping at 2³¹. */
const nextSeed = (seed: number): number => (seed + 1) % 2 ** 31;

function title(t: PanelTarget): string {
  const label = t.label.replace(/\s+/g, ' ').trim();
  return `Kronecker Lens: ${label.length > 40 ? `${label.slice(0, 39)}…` : label}`;
}

/** Select the definition in its editor. */
export async function revealTarget(t: PanelTarget): Promise<void> {
  if (!t.uri) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(t.uri));
  const range = t.range
    ? new vscode.Range(doc.positionAt(t.range.start), doc.positionAt(t.range.end))
    : doc.lineAt(Math.min(t.line, doc.lineCount - 1)).range;
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function exhaustive(m: never): void {
  throw new Error(`unhandled panel message ${JSON.stringify(m)}`);
}

export class PanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly ctx: Ctx, private readonly resolve: TargetResolver) {}
  deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    JacobianPanel.revive(this.ctx, panel, this.resolve);
    return Promise.resolve();
  }
}

/** `work`, with a notification and a Cancel button once it has taken longer than PROGRESS_AFTER_MS;
 *  Cancel cancels `source` (which stops the worker's job). */
function withCancellableProgress<T>(work: Promise<T>, source: vscode.CancellationTokenSource): Promise<T> {
  const timer = setTimeout(() => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Kronecker Lens: analysing…', cancellable: true },
      (_progress, token) => {
        const sub = token.onCancellationRequested(() => source.cancel());
        return work.then(() => undefined, () => undefined).finally(() => sub.dispose());
      },
    );
  }, PROGRESS_AFTER_MS);
  return work.finally(() => clearTimeout(timer));
}
