// The default variables to differentiate by. A layer `f(P u + c)` (or `u Pᵀ + c` in the row
// convention) has parameters P and c; without such a pattern, every variable is one.

import type { Expr } from '../ast';
import { looksLikeData, looksLikeWeight } from '../ast/names';
import { children } from '../ast/walk';

const varName = (e: Expr): string | undefined =>
  e.kind === 'var' ? e.name : e.kind === 'transpose' && e.arg.kind === 'var' ? e.arg.name : undefined;

/** The bias of an affine pattern: `c`, or `𝟏 c` / `𝟏 cᵀ`, a 1-D bias repeated over a batch's rows. */
const biasName = (e: Expr): string | undefined =>
  e.kind === 'var' ? e.name : e.kind === 'mul' && e.left.kind === 'ones' ? varName(e.right) : undefined;

/** Variables in order of first appearance (refs followed into their definitions). */
export function variablesOf(root: Expr): string[] {
  const out: string[] = [];
  const seen = new Set<Expr>();
  const visit = (e: Expr) => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.kind === 'var' && !out.includes(e.name)) out.push(e.name);
    children(e).forEach(visit);
  };
  visit(root);
  return out;
}

/** Affine patterns, innermost first, each giving [weight, bias]. */
export function defaultParameters(root: Expr, isMatrix: (name: string) => boolean): string[] {
  const layers: Array<{ depth: number; names: string[] }> = [];
  const seen = new Set<Expr>();
  const visit = (e: Expr, depth: number) => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.kind === 'add') {
      for (const [term, bias] of [[e.left, e.right], [e.right, e.left]] as const) {
        const prod = term.kind === 'ref' ? term.def : term;
        const b = biasName(bias);
        if (prod.kind !== 'mul' || !b) continue;
        // in the row convention (X Wᵀ + b) the weight is the transposed factor
        const factors = [prod.left, prod.right].sort((a, b) => Number(b.kind === 'transpose') - Number(a.kind === 'transpose'));
        const matrices = factors.map(varName).filter((n): n is string => n !== undefined && isMatrix(n));
        // `X W + b`, `X V + c`: the weight by its name, else what is not named as data; of one output
        // (`h W_headᵀ + b_head`, nn.Linear(n, 1)) the weight is a row, found by its name
        const weight = matrices.find(looksLikeWeight) ?? matrices.find((n) => !looksLikeData(n)) ?? matrices[0]
          ?? factors.map(varName).find((n) => n !== undefined && looksLikeWeight(n));
        if (weight) layers.push({ depth, names: [weight, b] });
      }
    }
    children(e).forEach((k) => visit(k, depth + 1));
  };
  visit(root, 0);
  const names = layers.sort((a, b) => b.depth - a.depth).flatMap((l) => l.names);
  return names.length ? [...new Set(names)] : variablesOf(root);
}
