// What a section renderer may use: the options in force, the channel to the host, and the
// panel's memory (open sections, drafts of edited numbers, plots to redraw on theme change).

import type { PanelConfig, PanelOptions, PanelToHost } from '../../src/shared/protocol';
import type { SectionMemory } from './section';

export interface PanelContext extends SectionMemory {
  readonly config: PanelConfig;
  readonly options: PanelOptions;
  post(message: PanelToHost): void;
  /** A short message in the status line (announced politely). */
  status(text: string): void;
  /** An edited number: remembered while typed, posted as `setValue` after a pause or on Enter. */
  edit(name: string, row: number, col: number, text: string, mode: EditMode): void;
  /** The text a cell shows while its edit is pending, if any. */
  draft(name: string, row: number, col: number): string | undefined;
  /** Small UI choices kept across renders and reloads (the loss picker's state). */
  recall(key: string): string | undefined;
  remember(key: string, value: string): void;
  /** Renders the panel again (after a change of what is shown, not of the analysis). */
  rerender(): void;
  /** Registers a drawing to repeat when the theme or the width changes. */
  onRedraw(draw: () => void): void;
}

/** `typing`: wait for a pause; `commit`: post now; `cancel`: forget the draft. */
export type EditMode = 'typing' | 'commit' | 'cancel';

export const cellKey = (name: string, row: number, col: number): string => `cell:${name}:${row}:${col}`;
