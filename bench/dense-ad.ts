// Forward-mode AD over dense arrays, done the way jax.jacfwd does it: push every standard
// basis tangent e_k of the flattened parameters through the JVP (linearised once at the
// primal) and store the output tangent as column k of a dense Jacobian. Nothing here knows
// that e_k is one-hot: every tangent is a dense array, as it is for an AD system.

/** The JVP of f at a fixed primal: writes J·dp into out (length = outputs). */
export type Jvp = (dp: Float64Array, out: Float64Array) => void;

// J = [J e_1, …, J e_P], column-major outputs×P
export function jacfwd(jvp: Jvp, P: number, outputs: number): Float64Array {
  const J = new Float64Array(outputs * P);
  const dp = new Float64Array(P);
  const col = new Float64Array(outputs);
  for (let k = 0; k < P; k++) {
    dp[k] = 1;
    jvp(dp, col);
    J.set(col, k * outputs);
    dp[k] = 0;
  }
  return J;
}

// x = Jᵀ y, J column-major rows×cols
export function denseTmatvec(J: Float64Array, rows: number, cols: number, y: Float64Array): Float64Array {
  const x = new Float64Array(cols);
  for (let k = 0; k < cols; k++) {
    let s = 0;
    const o = k * rows;
    for (let i = 0; i < rows; i++) s += J[o + i]! * y[i]!;
    x[k] = s;
  }
  return x;
}

// y = J v, J column-major rows×cols
export function denseMatvec(J: Float64Array, rows: number, cols: number, v: Float64Array): Float64Array {
  const y = new Float64Array(rows);
  for (let k = 0; k < cols; k++) {
    const vk = v[k]!, o = k * rows;
    for (let i = 0; i < rows; i++) y[i]! += J[o + i]! * vk;
  }
  return y;
}
