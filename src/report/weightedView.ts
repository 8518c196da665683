import type {
  AggregateResult,
  BenchmarkComparison,
  GapResult,
  MeanEstimate,
  ShareEstimate,
} from '../scoring/index.js';

type WeightedFigure = { mean: number; lower: number | null; upper: number | null };
type WeightedGap = { a: number; b: number; difference: number; lower: number; upper: number };

const share = (u: ShareEstimate | null, w: WeightedFigure | null | undefined): ShareEstimate | null =>
  u === null || w === undefined || w === null
    ? u
    : // A logit interval always exists for a share strictly inside (0, 1); at 0 or 1 it is the point.
      { ...u, share: w.mean, lower: w.lower ?? w.mean, upper: w.upper ?? w.mean };

const mean = (u: MeanEstimate | null, w: WeightedFigure | null | undefined): MeanEstimate | null =>
  u === null || w === undefined || w === null
    ? u
    : // The unweighted SD would not match the weighted mean, so it goes.
      { ...u, mean: w.mean, sd: null, lower: w.lower, upper: w.upper };

/**
 * The result as the report shows it when the aggregate is weighted: every share, mean, interval and
 * difference replaced by its weighted, design-based counterpart (`weighted` on each figure), while
 * `n`, counts and suppression stay those of respondents. An unweighted result comes back as it is.
 * `renderReport` applies it itself; use it to read weighted figures in the unweighted shape.
 *
 * @example
 * ```ts
 * const aggregator = createAggregator(survey, { design: { calibration: { method: 'rake', variables: ['sex', 'age_band'] } } });
 * responses.forEach((r, i) => aggregator.add(r, weights[i]));
 * const view = weightedView(aggregator.result());
 * view.scores[0]?.groups[0]?.mean?.mean; // the weighted mean, its interval design-based
 * ```
 */
export function weightedView(result: AggregateResult): AggregateResult {
  if (result.weighting === undefined) return result;
  return {
    ...result,
    items: result.items.map((item) => ({
      ...item,
      groups: item.groups.map((g) => {
        const w = g.weighted;
        if (w === undefined) return g;
        return {
          ...g,
          counts:
            g.counts === null || w.codes === null
              ? g.counts
              : g.counts.map((c) => ({
                  ...c,
                  share: w.codes!.find((x) => x.code === c.code)?.share ?? c.share,
                })),
          favourable: share(g.favourable, w.favourable),
          mean: mean(g.mean, w.mean),
        };
      }),
    })),
    scores: result.scores.map((score) => ({
      ...score,
      groups: score.groups.map((g) =>
        g.weighted === undefined
          ? g
          : {
              ...g,
              mean: mean(g.mean, g.weighted.mean),
              atLeastOne: share(g.atLeastOne, g.weighted.atLeastOne),
            },
      ),
    })),
    sets: result.sets.map((set) => ({
      ...set,
      groups: set.groups.map((g) =>
        g.weighted === undefined ? g : { ...g, atLeastOne: share(g.atLeastOne, g.weighted.atLeastOne) },
      ),
    })),
    gaps: result.gaps.map(weightedGaps),
  };
}

function weightedGaps(gap: GapResult): GapResult {
  const shareGap = <T extends { a: number; b: number; points: number; lower: number; upper: number }>(
    u: T | null,
    w: WeightedGap | null | undefined,
  ): T | null =>
    u === null || w === undefined || w === null
      ? u
      : { ...u, a: w.a, b: w.b, points: w.difference, lower: w.lower, upper: w.upper };
  const meanGap = <T extends { a: number; b: number; difference: number }>(
    u: T | null,
    w: WeightedGap | null | undefined,
  ): T | null =>
    u === null || w === undefined || w === null
      ? u
      : { ...u, a: w.a, b: w.b, difference: w.difference, lower: w.lower, upper: w.upper };
  return {
    ...gap,
    items: gap.items.map((d) => ({
      ...d,
      favourable: shareGap(d.favourable, d.weighted?.favourable),
      mean: meanGap(d.mean, d.weighted?.mean),
    })),
    scores: gap.scores.map((d) => ({
      ...d,
      mean: meanGap(d.mean, d.weighted?.mean),
      atLeastOne: shareGap(d.atLeastOne, d.weighted?.atLeastOne),
    })),
    sets: gap.sets.map((d) => ({ ...d, atLeastOne: shareGap(d.atLeastOne, d.weighted?.atLeastOne) })),
  };
}

/** Benchmark comparisons with our weighted figure (and its SE) in place of the unweighted one. */
export function weightedBenchmarks(
  comparisons: readonly BenchmarkComparison[],
  weighted: boolean,
): readonly BenchmarkComparison[] {
  if (!weighted) return comparisons;
  return comparisons.map((c) => {
    const w = c.weighted;
    if (w === undefined || w === null) return c;
    return {
      ...c,
      share:
        c.share === null
          ? null
          : { ...c.share, a: w.a, points: w.difference, lower: w.lower, upper: w.upper },
      mean:
        c.mean === null
          ? null
          : { ...c.mean, a: w.a, difference: w.difference, lower: w.lower, upper: w.upper },
    };
  });
}
