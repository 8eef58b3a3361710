// Embedding lookups on a table the file holds as a tensor: `F.embedding(idx, E)` and `E[idx]` with
// integer indices idx, read as nn.Embedding is (modules.ts: lookup), the one-hot product
// onehot_idx E. The table's rows (the vocabulary) come from its declaration; `E[idx]` is a lookup
// only when idx is declared as indices, since `E[i]` of a number or a slice is something else.

import { UserError, type Dim, type Expr, type Range } from '../../ast';
import { lookup } from './modules';
import { declaredDims } from './sizes';
import type { PyExpr } from './syntax';
import { baseName, bindingKey, type Translator } from './translate';

/** `F.embedding(idx, E)`: both must be names, the table a declared matrix. */
export function functionalEmbedding(t: Translator, idx: PyExpr | undefined, table: PyExpr | undefined, range: Range): Expr {
  if (!idx || !table) throw UserError.at('embedding(idx, weight) needs the indices and the table', range);
  const i = t.expr(idx);
  if (i.kind !== 'var') throw UserError.at('embedding looks up rows by integer indices: pass them by name, embedding(idx, E)', idx.range);
  const { name, count } = tableOf(t, table);
  return lookup(t, { name: i.name, range: idx.range }, { name, range: table.range }, count, `embedding(${i.name}, ${name})`, range);
}

/** `E[idx]` with `idx` declared as integer indices, else undefined (not a lookup). */
export function indexLookup(t: Translator, e: Extract<PyExpr, { k: 'index' }>): Expr | undefined {
  const [tableKey, idxKey] = [bindingKey(e.obj), bindingKey(e.index)];
  if (tableKey === undefined || idxKey === undefined || e.index.k !== 'name') return undefined;
  const idx = t.ctx.env.get(idxKey) ?? baseName(idxKey);
  if (t.ctx.env.has(idxKey) || !t.ctx.declared.has(idx)) {
    throw UserError.at(`${tableKey}[${idxKey}] is read as a lookup of rows by integer indices when ${idxKey} is declared as them (# ${idxKey}: (T,))`, e.range);
  }
  const { name, count } = tableOf(t, e.obj);
  return lookup(t, { name: idx, range: e.index.range }, { name, range: e.obj.range }, count, `${tableKey}[${idxKey}]`, e.range);
}

/** The table's AST name and its rows, from its declaration as a matrix. */
function tableOf(t: Translator, table: PyExpr): { name: string; count: Dim } {
  const key = bindingKey(table);
  const dims = key === undefined ? undefined : declaredDims(t, key);
  if (!dims || dims.length !== 2) {
    const what = key ?? 'the table';
    throw UserError.at(`the rows of ${what} are looked up: declare it as a matrix of one row per index (# ${what}: (V, d))`, table.range);
  }
  return { name: t.ctx.env.get(key as string) ?? baseName(key as string), count: dims[0] as Dim };
}
