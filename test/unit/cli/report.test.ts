// The readable report's Numbers section: the first six numbers of the output and of each
// gradient, in row-major order, then … when there are more.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core';
import { formatReport } from '../../../src/cliReport';

test('Numbers: ∂L/∂W (3×4) shows its first row and two of the second, then …; ∂L/∂b (3) all of it', () => {
  const W = [[0.5, -1, 2, 0.25], [1.5, 0, -0.5, 1], [-2, 0.75, 1, -1]];
  const a = analyze('sigmoid(W*x + b)', { values: { W, x: [1, -2, 0.5, 3], b: [0.1, -0.2, 0.3] }, numeric: true });
  assert.ok(a.ok, a.ok ? '' : a.error.message);
  const gW = a.gradient?.W?.values as number[][];
  const gb = a.gradient?.b?.values as number[];
  const fixed = (v: number): string => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toFixed(4));
  const lines = formatReport(a, true).split('\n');
  const line = (start: string): string | undefined => lines.find((l) => l.trimStart().startsWith(start));
  assert.equal(line('∂L/∂W [')?.trim(), `∂L/∂W [${[...(gW[0] as number[]), ...(gW[1] as number[]).slice(0, 2)].map(fixed).join(' ')} …]`);
  assert.equal(line('∂L/∂b [')?.trim(), `∂L/∂b [${gb.map(fixed).join(' ')}]`);
  assert.ok(line('Numbers')?.includes(`output [${Array.from(a.numbers!.output.data).map(fixed).join(' ')}]`), line('Numbers'));
});
