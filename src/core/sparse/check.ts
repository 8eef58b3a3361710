// Input checks shared by the operators. Misuse of an operator is an internal bug, so these
// throw a plain Error that names the operator and both shapes.

/** `3×4` */
export function shapeOf(op: { readonly rows: number; readonly cols: number }): string {
  return `${op.rows}×${op.cols}`;
}

/** A size must be a non-negative integer. */
export function checkDim(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what}: size must be a non-negative integer, got ${n}`);
}

/** A vector handed to matvec/rmatvec must have exactly the length the operator expects. */
export function checkLength(x: Float64Array, n: number, who: string): void {
  if (x.length !== n) throw new Error(`${who}: expected a vector of length ${n}, got length ${x.length}`);
}

/** Dense materialisation of rows×cols entries is refused above `budget` entries. */
export function checkDenseBudget(rows: number, cols: number, budget: number, who: string): void {
  const entries = rows * cols;
  if (entries > budget) {
    const mb = (entries * 8) / 2 ** 20;
    throw new Error(
      `${who}: a ${rows}×${cols} dense matrix has ${entries} entries (${mb.toFixed(1)} MB), ` +
        `over the budget of ${budget} entries; use toCSR/toCOO or raise the budget`,
    );
  }
}
