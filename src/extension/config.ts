// Every setting of the extension, read through one typed getter each (package.json
// `contributes.configuration` declares the same keys, defaults and ranges).

import * as vscode from 'vscode';

export const SECTION = 'kroneckerLens';

/** `sse`: ½‖y − t‖²; `xent`: softmax cross-entropy; `none`: the Jacobian only. */
export type LossSetting = 'sse' | 'xent' | 'none';

const LOSSES: readonly LossSetting[] = ['sse', 'xent', 'none'];

function get<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
}

export const config = {
  /** The loss whose gradient the panel shows for a non-scalar output. */
  defaultLoss(): LossSetting {
    const v = get<string>('defaultLoss', 'sse');
    return (LOSSES as readonly string[]).includes(v) ? (v as LossSetting) : 'sse';
  },
  /** Seed of the random values used for inputs the document does not give. */
  seed(): number {
    const v = get<number>('seed', 0);
    return Number.isInteger(v) && v >= 0 ? v : 0;
  },
  /** Largest rows·cols of a Jacobian shown as a table of numbers; beyond it, a sparsity plot. */
  denseDisplayLimit(): number {
    const v = get<number>('denseDisplayLimit', 400);
    return Number.isFinite(v) && v >= 0 ? Math.floor(v) : 400;
  },
  hoverEnabled(): boolean {
    return get<boolean>('hover.enabled', true);
  },
};

/** Whether a configuration change touches any of these settings. */
export function affects(e: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.length === 0
    ? e.affectsConfiguration(SECTION)
    : keys.some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
