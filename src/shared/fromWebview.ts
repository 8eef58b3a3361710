// What the host accepts from a webview: every message checked against the protocol, only the
// named keys kept, anything malformed dropped (`undefined`).

import { isExportFormat } from '../core/export/formats';
import { EXPORT_ACTIONS, type ExportAction, type PanelToHost, type SidebarToHost, type WebviewMessage } from './protocol';

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
    case 'export':
      return isIndex(m.index) && isExportFormat(m.format) && EXPORT_ACTIONS.includes(m.action as ExportAction)
        ? { type, index: m.index, format: m.format, action: m.action as ExportAction }
        : undefined;
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
