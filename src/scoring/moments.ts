// Streaming moments: Welford's update for one value, Chan et al.'s combination of two partial states.
// A state is three numbers at an offset of a Float64Array: n, mean, M2 (the sum of squared deviations).
// Combining is exact in n and, for the floating-point mean and M2, agrees with a single pass to within
// a few ulps per merge (docs/analyse.en.md states the tolerance tested: 1e-9 relative).

/** Adds `x` to the state at `at`. */
export function addMoment(state: Float64Array, at: number, x: number): void {
  const n = state[at]! + 1;
  const mean = state[at + 1]!;
  const delta = x - mean;
  const nextMean = mean + delta / n;
  state[at] = n;
  state[at + 1] = nextMean;
  state[at + 2] = state[at + 2]! + delta * (x - nextMean);
}

/** Adds the state at `from` of `source` into the state at `at` of `target` (Chan, Golub & LeVeque 1979). */
export function combineMoments(target: Float64Array, at: number, source: Float64Array, from: number): void {
  const nb = source[from]!;
  if (nb === 0) return;
  const na = target[at]!;
  const n = na + nb;
  const delta = source[from + 1]! - target[at + 1]!;
  target[at + 1] = target[at + 1]! + (delta * nb) / n;
  target[at + 2] = target[at + 2]! + source[from + 2]! + (delta * delta * na * nb) / n;
  target[at] = n;
}

/**
 * Reliability state of one score with `k` items: n, mean and M2 of the total T, then for each item
 * its mean, M2 and co-moment with T. These suffice for Cronbach's alpha and alpha-if-item-deleted:
 * var(T − xᵢ) = var T + var xᵢ − 2 cov(xᵢ, T), in O(k) per response instead of O(k²) for a full
 * covariance matrix.
 */
export function addReliability(
  state: Float64Array,
  at: number,
  k: number,
  total: number,
  x: Float64Array,
): void {
  const n = state[at]! + 1;
  const meanT = state[at + 1]!;
  const deltaT = total - meanT;
  const nextMeanT = meanT + deltaT / n;
  state[at] = n;
  state[at + 1] = nextMeanT;
  state[at + 2] = state[at + 2]! + deltaT * (total - nextMeanT);
  const afterT = total - nextMeanT;
  for (let i = 0, p = at + 3; i < k; i++, p += 3) {
    const xi = x[i]!;
    const delta = xi - state[p]!;
    const nextMean = state[p]! + delta / n;
    state[p] = nextMean;
    state[p + 1] = state[p + 1]! + delta * (xi - nextMean);
    state[p + 2] = state[p + 2]! + delta * afterT;
  }
}

/** Combines two reliability states of a `k`-item score (Chan's update for means, M2 and co-moments). */
export function combineReliability(
  target: Float64Array,
  at: number,
  source: Float64Array,
  from: number,
  k: number,
): void {
  const nb = source[from]!;
  if (nb === 0) return;
  const na = target[at]!;
  const n = na + nb;
  const w = (na * nb) / n;
  const deltaT = source[from + 1]! - target[at + 1]!;
  target[at + 1] = target[at + 1]! + (deltaT * nb) / n;
  target[at + 2] = target[at + 2]! + source[from + 2]! + deltaT * deltaT * w;
  for (let i = 0, p = at + 3, q = from + 3; i < k; i++, p += 3, q += 3) {
    const delta = source[q]! - target[p]!;
    target[p] = target[p]! + (delta * nb) / n;
    target[p + 1] = target[p + 1]! + source[q + 1]! + delta * delta * w;
    target[p + 2] = target[p + 2]! + source[q + 2]! + delta * deltaT * w;
  }
  target[at] = n;
}
