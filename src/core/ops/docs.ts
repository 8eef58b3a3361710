// The README's table of operations, written from the catalogue (scripts/ops-docs.ts puts it in the
// README; a unit test fails when the README's copy is stale).

import { ELEMENTWISE, ELEMENTWISE_NAMES } from './elementwise';
import { NODE_OPS, type NodeOpName } from './nodes';
import type { Spellings } from './types';

const code = (xs: readonly string[]): string => xs.map((x) => `\`${x}\``).join(', ');

function row(name: string, s: Spellings, what: string): string {
  const python = [...s.python, ...(s.module ?? []).map((m) => `nn.${m}`)];
  return `| \`${name}\` | ${code(s.math)} | ${code(s.latex)} | ${code(python)} | ${what.replaceAll('|', '\\|')} |`;
}

export function operationsTable(): string {
  const spelled = (s: Spellings) => s.math.length + s.latex.length + s.python.length > 0;
  const rows = [
    ...ELEMENTWISE_NAMES.filter((n) => spelled(ELEMENTWISE[n].spell)).map((n) => row(n, ELEMENTWISE[n].spell, `elementwise; ${ELEMENTWISE[n].cites}`)),
    ...(Object.keys(NODE_OPS) as NodeOpName[]).map((n) => {
      const { identity: id, about, syntax } = NODE_OPS[n];
      const what = id ? `${id.note}: ${id.rule.unicode}` : about ?? 'linear: its Jacobian is a permutation or the identity';
      return row(n, NODE_OPS[n].spell, syntax ? `written ${syntax}; ${what}` : what);
    }),
  ];
  return ['| operation | math | LaTeX | Python | derivative |', '|---|---|---|---|---|', ...rows].join('\n');
}
