import type { RandomStream } from './randomStream.js';

// Exact sampling after Canonne, Kamath & Steinke, "The Discrete Gaussian for Differential
// Privacy" (NeurIPS 2020), Algorithms 1 and 2: only uniform integers and exact rational
// comparisons, no floating-point logarithms, so the output distribution is exactly the intended one.

/** The exact value of a finite positive double as a fraction num/den (den a power of two). */
export function exactFraction(x: number): { num: bigint; den: bigint } {
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2; // exact: doubling a double only changes its exponent
    den *= 2n;
  }
  let num = BigInt(v);
  while (den > 1n && num % 2n === 0n) {
    num /= 2n;
    den /= 2n;
  }
  return { num, den };
}

/** true with probability exp(−num/den), for num ≥ 0 (Algorithm 1). */
function bernoulliExp(num: bigint, den: bigint, random: RandomStream): boolean {
  if (num > den) {
    for (let i = num / den; i > 0n; i--) if (!bernoulliExp(1n, 1n, random)) return false;
    return bernoulliExp(num % den, den, random);
  }
  let k = 1n;
  // Count how many successive Bernoulli(γ/k) trials succeed; the count is even with probability exp(−γ).
  while (random.bigBelow(den * k) < num) k++;
  return k % 2n === 1n;
}

/**
 * One draw of the discrete Laplace distribution P(x) ∝ exp(−ε|x|) over the integers, with
 * ε = num/den exactly (Algorithm 2, with scale den/num).
 */
export function sampleDiscreteLaplace(epsilon: { num: bigint; den: bigint }, random: RandomStream): bigint {
  const { num: s, den: t } = epsilon;
  for (;;) {
    const u = random.bigBelow(t);
    if (!bernoulliExp(u, t, random)) continue;
    let v = 0n;
    while (bernoulliExp(1n, 1n, random)) v++;
    const y = (u + t * v) / s;
    const negative = random.below(2) === 1;
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}
