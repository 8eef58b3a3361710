// Numbers the user edits in the panel: kept per input as a row-major matrix, and handed to the
// core in the shape `AnalyzeOptions.values` expects. No `vscode` import.

import type { MatrixJSON } from '../core/analysis';

export type Values = Record<string, { shape: [number, number]; data: number[] }>;

/**
 * `values` with `name[row, col] = value`, starting from the numbers the last analysis used
 * (`inputs`), so that an edit keeps every other number as the user saw it. Undefined when the
 * input or the position does not exist (a stale or hostile message).
 */
export function setValue(values: Values, inputs: Record<string, MatrixJSON> | undefined, name: string,
  row: number, col: number, value: number): Values | undefined {
  const base = Object.hasOwn(values, name) ? values[name] : plain(inputs && Object.hasOwn(inputs, name) ? inputs[name] : undefined);
  if (!base) return undefined;
  const [rows, cols] = base.shape;
  if (row >= rows || col >= cols) return undefined;
  const data = base.data.slice();
  data[row * cols + col] = value;
  return { ...values, [name]: { shape: [rows, cols], data } };
}

function plain(m: MatrixJSON | undefined): Values[string] | undefined {
  if (!m) return undefined;
  return { shape: [m.shape[0], m.shape[1]], data: Array.from(m.data) };
}

/** As `AnalyzeOptions.values`: a scalar as a number, a column vector flat, a matrix as nested rows. */
export function toOptionValues(values: Values): Record<string, unknown> | undefined {
  const names = Object.keys(values);
  if (names.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const { shape: [rows, cols], data } = values[name]!;
    if (rows === 1 && cols === 1) out[name] = data[0];
    else if (cols === 1) out[name] = data.slice();
    else out[name] = Array.from({ length: rows }, (_, r) => data.slice(r * cols, (r + 1) * cols));
  }
  return out;
}
