// What the webviews accept from the host: a shallow check of each message's shape, with the
// optional parts of an Analysis filled in, so a renderer never meets `undefined` arrays.

import type { Analysis, AnalysisOk } from '../core/analysis';
import type { DefinitionEntry, HostToPanel, HostToSidebar, InspectSummary, PanelConfig, PanelOptions, SourceRef } from './protocol';

type Rec = Record<string, unknown>;

/** Entries of J beyond which it is always a plot, whatever the configured limit. */
const MAX_TABLE = 10_000;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] | undefined => (Array.isArray(x) && x.every((s) => typeof s === 'string') ? x : undefined);

export function asHostToPanel(x: unknown): HostToPanel | undefined {
  if (!isRec(x) || typeof x.type !== 'string') return undefined;
  const type = x.type as HostToPanel['type'];
  switch (type) {
    case 'analysis': {
      const analysis = asAnalysis(x.analysis);
      if (!analysis) return undefined;
      return { type, analysis, options: asOptions(x.options, analysis), source: asSource(x.source) };
    }
    case 'busy':
      return { type };
    case 'copied':
      return typeof x.what === 'string' ? { type, what: x.what } : { type };
    case 'error':
      return typeof x.message === 'string'
        ? { type, message: x.message, detail: typeof x.detail === 'string' ? x.detail : undefined }
        : undefined;
    case 'config':
      return isRec(x.config) ? { type, config: asConfig(x.config) } : undefined;
    default:
      return unknownType(type);
  }
}

function unknownType(_t: never): undefined {
  return undefined;
}

function asAnalysis(x: unknown): Analysis | undefined {
  if (!isRec(x) || typeof x.input !== 'string') return undefined;
  if (x.ok === false) {
    const e = x.error;
    return isRec(e) && typeof e.message === 'string'
      ? { ok: false, input: x.input, error: { message: e.message, start: Number(e.start) || 0, end: Number(e.end) || 0 } }
      : undefined;
  }
  if (x.ok !== true || !isRec(x.jacobian) || !isRec(x.variables) || !isRec(x.definition) || !isRec(x.output)) return undefined;
  const a = x as unknown as AnalysisOk;
  return {
    ...a,
    wrt: strings(a.wrt) ?? [],
    dims: isRec(a.dims) ? a.dims : {},
    derivation: Array.isArray(a.derivation) ? a.derivation.filter(isStep).map((d) => ({ ...d, rule: isFormula(d.rule) ? d.rule : undefined, source: typeof d.source === 'string' ? d.source : undefined })) : [],
    notes: strings(a.notes) ?? [],
    layouts: isRec(a.layouts) && [a.layouts.numerator, a.layouts.denominator, a.layouts.pytorch].every(isFormula) && typeof a.layouts.relation === 'string' ? a.layouts : undefined,
    cost: isRec(a.cost) ? a.cost : undefined,
    jacobian: {
      ...a.jacobian,
      blocks: Array.isArray(a.jacobian.blocks) ? a.jacobian.blocks : [],
      factors: Array.isArray(a.jacobian.factors) ? a.jacobian.factors : [],
      where: Array.isArray(a.jacobian.where) ? a.jacobian.where.filter((d) => isFormula(d) && typeof d.name === 'string') : undefined,
    },
  };
}

const isFormula = (f: unknown): f is { latex: string; unicode: string } => isRec(f) && typeof f.latex === 'string' && typeof f.unicode === 'string';
const isStep = (s: unknown): s is AnalysisOk['derivation'][number] => isFormula(s) && typeof (s as Rec).note === 'string';

function asOptions(x: unknown, a: Analysis): PanelOptions {
  const o = isRec(x) ? x : {};
  return {
    wrt: strings(o.wrt) ?? (a.ok ? a.wrt : []),
    loss: typeof o.loss === 'string' ? o.loss : a.ok && (a.loss?.kind === 'sse' || a.loss?.kind === 'xent') ? a.loss.kind : '',
    numeric: o.numeric !== false,
    seed: typeof o.seed === 'number' ? o.seed : undefined,
  };
}

function asSource(x: unknown): SourceRef | undefined {
  return isRec(x) && typeof x.file === 'string' && typeof x.line === 'number' ? { file: x.file, line: x.line } : undefined;
}

function asConfig(x: Rec): Partial<PanelConfig> {
  const c: Partial<PanelConfig> = {};
  // A table of numbers stops being readable (and cheap) long before a user's setting might.
  if (typeof x.matrixTableLimit === 'number' && x.matrixTableLimit >= 0) c.matrixTableLimit = Math.min(x.matrixTableLimit, MAX_TABLE);
  if (typeof x.editDebounceMs === 'number' && x.editDebounceMs >= 0) c.editDebounceMs = x.editDebounceMs;
  return c;
}

/** A message for the sidebar, or `undefined` for anything malformed (drop it). */
export function asHostToSidebar(x: unknown): HostToSidebar | undefined {
  if (!isRec(x) || typeof x.type !== 'string') return undefined;
  const type = x.type as HostToSidebar['type'];
  switch (type) {
    case 'inspect': {
      if (!Array.isArray(x.definitions)) return undefined;
      const definitions = x.definitions.filter(
        (d): d is DefinitionEntry => isRec(d) && typeof d.label === 'string' && typeof d.line === 'number',
      );
      const current = isRec(x.current) ? (x.current as unknown as InspectSummary) : undefined;
      return { type, definitions, current, document: typeof x.document === 'string' ? x.document : undefined };
    }
    default:
      return unknownType(type);
  }
}
