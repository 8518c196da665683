import type { Reliability } from './aggregateResult.js';

/**
 * Cronbach's alpha from the reliability state: α = k/(k−1) · (1 − Σ var xᵢ / var T), and without
 * item j: T − xⱼ has variance var T + var xⱼ − 2 cov(xⱼ, T).
 */
export function reliabilityOf(
  state: Float64Array,
  at: number,
  ids: readonly string[],
  min: number,
): Reliability {
  const n = state[at]!;
  const k = ids.length;
  if (n > 0 && n < min) return { n, suppressed: true, alpha: null, items: null };
  if (n < 2 || k < 2) return { n, suppressed: false, alpha: null, items: null };
  const m2T = state[at + 2]!;
  let sumM2 = 0;
  for (let i = 0; i < k; i++) sumM2 += state[at + 3 + 3 * i + 1]!;
  const alpha = m2T > 0 ? (k / (k - 1)) * (1 - sumM2 / m2T) : null;
  const items = ids.map((id, j) => {
    const m2 = state[at + 3 + 3 * j + 1]!;
    const c = state[at + 3 + 3 * j + 2]!;
    const rest = m2T + m2 - 2 * c;
    // Rounding can leave a tiny non-zero variance where the exact value is zero.
    const restOk = rest > 1e-12 * Math.max(1, m2T);
    const alphaIfDeleted = k >= 3 && restOk ? ((k - 1) / (k - 2)) * (1 - (sumM2 - m2) / rest) : null;
    const itemRestCorrelation = restOk && m2 > 0 ? (c - m2) / Math.sqrt(m2 * rest) : null;
    return { id, alphaIfDeleted, itemRestCorrelation };
  });
  return { n, suppressed: false, alpha, items };
}
