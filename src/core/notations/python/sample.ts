// An input whose shape nothing declares, met by a layer that fixes its columns (nn.Linear's
// in_features, a norm's d): in PyTorch's row convention it is taken as one sample, a row 1×d,
// and a note says how to declare a batch. A norm needs its rows, and a Linear's input takes this
// reading too, so both read an undeclared x the same way.

import type { Dim, Expr, Range } from '../../ast';
import type { Translator } from './translate';

/** `input`, an undeclared name, taken as one sample: a row 1×`d` (a generated declaration), with a note. */
export function asOneSample(t: Translator, input: Expr, d: Dim, range: Range): void {
  const ctx = t.ctx;
  if (input.kind !== 'var' || ctx.declared.has(input.name) || ctx.rows.has(input.name)) return;
  if (ctx.generated.some((g) => g.name === input.name)) return;
  ctx.generated.push({ name: input.name, shape: [1, d], range });
  ctx.notes.add(`${input.name} has no declared shape: it is taken as one sample, a row 1×${d} (declare a batch with # ${input.name}: (N, ${d})).`);
}
