// The wire protocol between the extension host and its two webviews (the panel and the
// sidebar inspector): discriminated unions imported by both sides, and a validator for
// everything that arrives from a webview. No `vscode` and no DOM here.

import type { Analysis, Formula, FormulaCheck, ShapeJSON, SourceError } from '../core/analysis';
import { isExportFormat, type ExportFormat } from '../core/export/formats';

// ─── host → panel ────────────────────────────────────────────────────────────────────────

/** The options the analysis was computed with; the panel shows them in its toolbar. */
export interface PanelOptions {
  /** Variables differentiated by, in column order. */
  wrt: string[];
  /** `sse`, `xent`, or a custom expression in `y` and `t`; `''` for none (scalar output). */
  loss: string;
  numeric: boolean;
  seed?: number;
}

/** Where the analysed definition came from (shown in the panel header). */
export interface SourceRef {
  /** A display name such as `layers.py`. */
  file: string;
  /** 0-based line. */
  line: number;
}

export interface PanelConfig {
  /** Largest rows·cols of J shown as a table of numbers; beyond it, a sparsity plot. */
  matrixTableLimit: number;
  /** Milliseconds between the last edit of a number and its `setValue`. */
  editDebounceMs: number;
}

export const defaultPanelConfig: PanelConfig = { matrixTableLimit: 400, editDebounceMs: 350 };

export type HostToPanel =
  | { type: 'analysis'; analysis: Analysis; options: PanelOptions; source?: SourceRef }
  /** The host is recomputing; the panel shows progress until the next `analysis`/`error`. */
  | { type: 'busy' }
  /** A failure outside the analysis itself (an internal error, a missing document). */
  | { type: 'error'; message: string; detail?: string }
  | { type: 'config'; config: Partial<PanelConfig> }
  /** The host copied the LaTeX (or the named export) to the clipboard. */
  | { type: 'copied'; what?: string };

// ─── panel → host ────────────────────────────────────────────────────────────────────────

export type PanelToHost =
  | { type: 'ready' }
  | { type: 'setWrt'; wrt: string[] }
  | { type: 'setLoss'; loss: string }
  /** An edited input number (row-major position in the input's own shape); recompute live. */
  | { type: 'setValue'; name: string; row: number; col: number; value: number }
  /** Analyse again with the numbers shown (edited ones included) and the same seed. */
  | { type: 'recompute' }
  /** Draw new random values: the next seed, and the edited numbers dropped. */
  | { type: 'newValues' }
  | { type: 'copyLatex'; latex: string }
  | { type: 'revealDefinition' }
  /** Export what the panel shows: to the clipboard, or below the definition as one undoable edit. */
  | { type: 'export'; format: ExportFormat; action: ExportAction };

export type ExportAction = 'copy' | 'insert';
export const EXPORT_ACTIONS: readonly ExportAction[] = ['copy', 'insert'];

// ─── host → sidebar ──────────────────────────────────────────────────────────────────────

/** A position as in `vscode.Position` (0-based). */
export interface PositionJSON {
  line: number;
  character: number;
}

export interface RangeJSON {
  start: PositionJSON;
  end: PositionJSON;
}

/** One definition found in the document. */
export interface DefinitionEntry {
  /** The source text of the definition, e.g. `y = sigmoid(W*x + b)`. */
  label: string;
  line: number;
  range: RangeJSON;
  ok: boolean;
  /** Output shape when `ok`. */
  shape?: ShapeJSON;
  /** The error message when not `ok`. */
  error?: string;
}

export interface NamedShape {
  name: string;
  shape: ShapeJSON;
  role?: 'parameter' | 'input' | 'output';
}

/** What the inspector shows for the definition under the cursor. */
export type InspectSummary =
  | {
      ok: true;
      /** Index into `definitions`, or -1 when the cursor is not on a listed definition. */
      index: number;
      definition: Formula;
      output: NamedShape;
      variables: NamedShape[];
      wrt: string[];
      jacobian: Formula & { shape: ShapeJSON; nnz: number | string; denseCount: number | string; check?: FormulaCheck };
      gradient: Array<Formula & { name: string; shape: ShapeJSON; check?: FormulaCheck }>;
    }
  | { ok: false; index: number; input: string; error: SourceError };

export type HostToSidebar = {
  type: 'inspect';
  /** The document's display name. */
  document?: string;
  current?: InspectSummary;
  definitions: DefinitionEntry[];
};

// ─── sidebar → host ──────────────────────────────────────────────────────────────────────

export type SidebarToHost =
  | { type: 'ready' }
  /** Move the editor's selection to `definitions[index]`. */
  | { type: 'reveal'; index: number }
  /** Open `definitions[index]` in the panel. */
  | { type: 'openPanel'; index: number };

export type WebviewMessage = PanelToHost | SidebarToHost;
export type HostMessage = HostToPanel | HostToSidebar;

/** The inspector's view of an Analysis (what the sidebar needs, without the numbers). */
export function summarize(analysis: Analysis, index: number): InspectSummary {
  if (!analysis.ok) return { ok: false, index, input: analysis.input, error: analysis.error };
  const a = analysis;
  const j = a.jacobian;
  return {
    ok: true,
    index,
    definition: { latex: a.definition.latex, unicode: a.definition.unicode },
    output: { name: a.output.name ?? 'f', shape: a.output.shape, role: 'output' },
    variables: Object.entries(a.variables).map(([name, v]) => ({ name, shape: v.shape, role: v.role })),
    wrt: a.wrt,
    jacobian: { latex: j.latex, unicode: j.unicode, shape: j.shape, nnz: j.nnz, denseCount: j.denseCount, ...(j.check ? { check: j.check } : {}) },
    gradient: Object.entries(a.gradient ?? {}).map(([name, g]) => ({
      name,
      latex: g.latex,
      unicode: g.unicode,
      shape: g.shape,
      ...(g.check ? { check: g.check } : {}),
    })),
  };
}

// ─── validation of what a webview sends ──────────────────────────────────────────────────

const MAX_NAME = 128;
const MAX_NAMES = 256;
const MAX_LOSS = 2000;
const MAX_LATEX = 200_000;
const MAX_INDEX = 1_000_000;

type Rec = Record<string, unknown>;

const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isName = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_NAME;
const isIndex = (x: unknown, max = MAX_INDEX): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;
const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

/** Only the named keys, so nothing extra a webview attaches reaches the host. */
function parsePanel(m: Rec): PanelToHost | undefined {
  const type = m.type as PanelToHost['type'];
  switch (type) {
    case 'ready':
    case 'recompute':
    case 'newValues':
    case 'revealDefinition':
      return { type };
    case 'setWrt': {
      const wrt = m.wrt;
      if (!Array.isArray(wrt) || wrt.length > MAX_NAMES || !wrt.every(isName)) return undefined;
      if (new Set(wrt).size !== wrt.length) return undefined;
      return { type, wrt: [...wrt] };
    }
    case 'setLoss':
      return isText(m.loss, MAX_LOSS) ? { type, loss: m.loss } : undefined;
    case 'setValue': {
      const { name, row, col, value } = m;
      if (!isName(name) || !isIndex(row) || !isIndex(col)) return undefined;
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      return { type, name, row, col, value };
    }
    case 'copyLatex':
      return isText(m.latex, MAX_LATEX) ? { type, latex: m.latex } : undefined;
    case 'export':
      return isExportFormat(m.format) && EXPORT_ACTIONS.includes(m.action as ExportAction)
        ? { type, format: m.format, action: m.action as ExportAction }
        : undefined;
    default:
      return exhaustive(type);
  }
}

function parseSidebar(m: Rec): SidebarToHost | undefined {
  const type = m.type as SidebarToHost['type'];
  switch (type) {
    case 'ready':
      return { type };
    case 'reveal':
    case 'openPanel':
      return isIndex(m.index) ? { type, index: m.index } : undefined;
    default:
      return exhaustive(type);
  }
}

/** Unknown tags land here at run time; at compile time this proves the switch is complete. */
function exhaustive(_type: never): undefined {
  return undefined;
}

/** A message from the panel, or `undefined` for anything malformed (drop it). */
export function parsePanelMessage(x: unknown): PanelToHost | undefined {
  return isRecord(x) && typeof x.type === 'string' ? parsePanel(x) : undefined;
}

/** A message from the sidebar, or `undefined` for anything malformed (drop it). */
export function parseSidebarMessage(x: unknown): SidebarToHost | undefined {
  return isRecord(x) && typeof x.type === 'string' ? parseSidebar(x) : undefined;
}

/** A message from either webview, or `undefined` for anything malformed (drop it). */
export function parseWebviewMessage(x: unknown): WebviewMessage | undefined {
  return parsePanelMessage(x) ?? parseSidebarMessage(x);
}
