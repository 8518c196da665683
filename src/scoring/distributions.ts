// Distribution functions for intervals and tests, written here so that scoring has no dependencies.
// Accuracy is checked in test/scoring/distributions.test.ts against published tables: CDFs to about
// 1e-13 relative, quantiles refined by Newton steps on those CDFs to about 1e-12.

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);

// Lanczos approximation (g = 7, nine coefficients), about 15 significant digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** erfc(x) for x ≥ 0: a positive series for erf below 2.5, Lentz's continued fraction above. */
function erfcNonNegative(x: number): number {
  if (x < 2.5) {
    // erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)); every term is positive.
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x2) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** The standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 0.5 * erfcNonNegative(-z / SQRT2);
  return 1 - 0.5 * erfcNonNegative(z / SQRT2);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|), accurate in the far tail. */
export function normalTwoSided(z: number): number {
  return erfcNonNegative(Math.abs(z) / SQRT2);
}

/** The standard normal quantile Φ⁻¹(p), 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) as the start, then Halley steps on the exact CDF.
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
  );
  for (let i = 0; i < 4; i++) {
    const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    if (density === 0) break;
    const u = (normalCdf(x) - p) / density;
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * The regularised incomplete beta function I_x(a, b), by the continued fraction of Numerical
 * Recipes (modified Lentz), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where that converges faster.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The quantile of the beta distribution: the x with I_x(a, b) = p, for a, b > 0 (R `qbeta`).
 * Bisection on {@link incompleteBeta} narrows the bracket, Newton steps on the density finish it.
 * For a, b ≥ 1 the start is Abramowitz & Stegun 26.5.22's normal approximation, which leaves
 * Newton two or three steps: each step costs a continued fraction whose length grows with a and b,
 * and a weighted result asks for thousands of these quantiles.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logB = logGamma(a) + logGamma(b) - logGamma(a + b);
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  if (a >= 1 && b >= 1) {
    const y = -normalQuantile(p);
    const lambda = (y * y - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w =
      (y * Math.sqrt(h + lambda)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5 / 6 - 2 / (3 * h));
    const start = a / (a + b * Math.exp(2 * w));
    if (start > 0 && start < 1) x = start;
  }
  for (let i = 0; i < 300; i++) {
    const f = incompleteBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f > 0) hi = x;
    else lo = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB);
    let next = density > 0 && Number.isFinite(density) ? x - f / density : (lo + hi) / 2;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 1e-16 * hi) return next;
    x = next;
  }
  return x;
}

/** Lower tail P(T ≤ t) of Student's t distribution with `df` > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/** Two-sided p-value P(|T| ≥ |t|) of Student's t, computed without cancellation. */
export function studentTTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

function studentTDensity(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The quantile of Student's t with `df` > 0 degrees of freedom. Closed forms for 1 and 2 degrees of
 * freedom; otherwise the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5) as a start, refined by
 * safeguarded Newton steps on {@link studentTCdf}.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) {
    if (df > 0 && p === 0) return -Infinity;
    if (df > 0 && p === 1) return Infinity;
    return Number.NaN;
  }
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const z = normalQuantile(p);
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  let x =
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
  // Bracket the root (the quantile is negative here, since p ≤ 0.5), then Newton with bisection fallback.
  let lo = Math.min(x, -1);
  while (studentTCdf(lo, df) > p) lo *= 2;
  let hi = 0;
  if (!(x > lo && x < hi)) x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(x, df) - p;
    if (f === 0) return x;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / studentTDensity(x, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/**
 * {@link studentTQuantile}, remembering what it computed: a result asks for thousands of intervals
 * on a few thousand distinct degrees of freedom. Upper quantiles are the negated lower ones, as
 * studentTQuantile computes them, so a t(1 − α/2) and a t(α/2) share one computation.
 */
export function rememberedTQuantile(): (p: number, df: number) => number {
  const known = new Map<number, Map<number, number>>();
  const lower = (p: number, df: number): number => {
    let byDf = known.get(p);
    if (!byDf) {
      byDf = new Map();
      known.set(p, byDf);
    }
    let q = byDf.get(df);
    if (q === undefined) {
      q = studentTQuantile(p, df);
      byDf.set(df, q);
    }
    return q;
  };
  return (p, df) => (p > 0.5 && p < 1 && df > 0 ? -lower(1 - p, df) : lower(p, df));
}

/**
 * P(X ≤ k) for X ~ Binomial(n, 1/2): binomial coefficients summed as integers, then scaled by 2⁻ⁿ,
 * so the result is exact for n up to 50 (McNemar's exact test uses it below 25).
 */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let coefficient = 1;
  let sum = 1;
  for (let i = 1; i <= k; i++) {
    coefficient = (coefficient * (n - i + 1)) / i;
    sum += coefficient;
  }
  return Math.min(1, sum * 0.5 ** n);
}
