// erf(x) = (2/√π) ∫₀ˣ exp(−t²) dt to about 1e-15: its Maclaurin series near 0 and Lentz's continued
// fraction for erfc in the tails (Numerical Recipes §6.2; Abramowitz & Stegun 7.1.5 and 7.1.14).

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf x = (2/√π) Σₙ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n + 1)), for |x| ≤ 2.5 (terms stay below e^{x²} ≈ 520). */
function series(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= -x2 / n;
    sum += term / (2 * n + 1);
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erfc x = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), for x > 2.5. */
function erfcTail(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) <= 2.5) return series(x);
  const tail = erfcTail(Math.abs(x));
  return x > 0 ? 1 - tail : tail - 1;
}
