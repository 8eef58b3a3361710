// Unicode math (ᵀ, ⊙, ⊗, ‖·‖, −, ·) → the ASCII operators mathjs reads, remembering where each
// character came from so that ranges point at the user's own text.

import { UserError, type Range } from '../../ast';
import { dict } from '../../keys';

export interface Normalized {
  readonly text: string;
  /** A range of `text` → the range of the original document. */
  toOriginal(r: Range): Range;
  /** The operator as the user wrote it (`⊗` rather than `%`). */
  originalSymbol(op: string): string;
}

const REPLACE: Record<string, string> = dict({
  'ᵀ': "'", '⊤': "'", '⊙': '.*', '∘': '.*', '⊗': '%', '·': '*', '⋅': '*', '×': '*', '−': '-', '∕': '/',
});

export function normalizeMath(src: string, offset: number): Normalized {
  let text = '';
  const origin: number[] = [];
  let normOpen = true;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '%') throw new UserError("'%' is not an operator here (write ⊗ or kron(A, B) for a Kronecker product)", offset + i, offset + i + 1);
    let out = REPLACE[ch] ?? ch;
    if (ch === '.' && src[i + 1] === "'") {
      out = "'"; // Octave's .' is the plain transpose: the same for real matrices
      i++;
      origin.push(i - 1);
      text += out;
      continue;
    }
    if (ch === '‖') {
      out = normOpen ? 'norm(' : ')';
      normOpen = !normOpen;
    }
    text += out;
    for (let k = 0; k < out.length; k++) origin.push(i);
  }
  origin.push(src.length);
  return {
    text,
    toOriginal: (r) => {
      const start = Math.min(origin[Math.min(r.start, origin.length - 1)] ?? 0, Math.max(0, src.length - 1));
      const last = origin[Math.max(r.start, Math.min(r.end, origin.length) - 1)] ?? start;
      return { start: offset + start, end: offset + Math.min(src.length, Math.max(start, last + 1)) };
    },
    originalSymbol: (op) => (op === '%' ? '⊗' : op),
  };
}
