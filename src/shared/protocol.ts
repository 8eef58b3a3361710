// The wire protocol between the extension host and its two webviews (the panel and the
// sidebar inspector): discriminated unions imported by both sides. What arrives is checked by
// fromWebview.ts (on the host) and fromHost.ts (in the webviews). No `vscode` and no DOM here.

import type { Analysis, Formula, FormulaCheck, ShapeJSON, SourceError } from '../core/analysis';
import type { ExportFormat } from '../core/export/formats';

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
      jacobian: Formula & { shape: ShapeJSON; nnz: number | string; denseCount: number | string; check?: FormulaCheck; where?: Formula[] };
      gradient: Array<Formula & { name: string; shape: ShapeJSON; check?: FormulaCheck }>;
      /** What the loss is called in ∂L/∂W (ℓ when the user has an L). */
      loss: string;
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
  | { type: 'openPanel'; index: number }
  /** Export `definitions[index]` with numbers: to the clipboard, or below it as one undoable edit. */
  | { type: 'export'; index: number; format: ExportFormat; action: ExportAction };

export type WebviewMessage = PanelToHost | SidebarToHost;
