import type { Margin } from './margins.js';
import { cellSums } from './margins.js';
import { fail } from './messages.js';
import type { WeightingOptions, WeightingResult } from './weighting.js';
import { describe, prepare, runWeighting, worstDeviation } from './weighting.js';

/** Options of {@link rake}. */
export interface RakeOptions extends WeightingOptions {
  /** Population margins: one variable each or a cross (sex × age band). All must sum to the same total. */
  margins: readonly Margin[];
  /** Stop when every margin cell is within this relative deviation of its target. Default 1e-7. */
  tolerance?: number;
  /** Cycles through the margins at most. Default 100. */
  maxIterations?: number;
  /** Called after every cycle with its number and the largest relative deviation left (for a progress bar). */
  onCycle?: (cycle: number, deviation: number) => void;
}

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): post-stratifies to each margin
 * in turn, cycle after cycle, until after a full cycle every margin cell is within `tolerance`
 * (relative) of its population count. Gives the same weights as R `survey::rake()` run to
 * convergence (R stops on the change of the joint weighted table instead; see docs/design.en.md).
 * Throws when the cycles run out, naming the iterations and the largest remaining deviation.
 *
 * @example
 * ```ts
 * const result = rake({
 *   records: respondents, // [{ sex: 'F', ageBand: '30-39', district: '北', w: 12.5 }, …]
 *   weight: 'w',
 *   margins: [
 *     { variable: 'sex', totals: { F: 5200, M: 4800 } },
 *     { variable: 'district', totals: { 北: 6000, 南: 4000 } },
 *   ],
 * });
 * result.weights; // one per respondent
 * result.diagnostics.designEffect;
 * ```
 */
export function rake(options: RakeOptions): WeightingResult {
  const { locale } = options;
  const tolerance = options.tolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 100;
  if (!(tolerance > 0) || !Number.isFinite(tolerance)) {
    fail('invalid_option', ['tolerance'], locale, { expectedJa: '正の数', expectedEn: 'a positive number' });
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    fail('invalid_option', ['maxIterations'], locale, {
      expectedJa: '1以上の整数',
      expectedEn: 'a positive integer',
    });
  }
  if (options.margins.length === 0) {
    fail('invalid_option', ['margins'], locale, {
      expectedJa: '1つ以上の周辺',
      expectedEn: 'at least one margin',
    });
  }
  const prepared = prepare(options, options.margins, 'margins');
  const { margins, cells } = prepared;
  const factors = margins.map((m) => new Float64Array(m.totals.length));
  return runWeighting(options, prepared, describe('rake', margins), (w) => {
    for (let iteration = 1; ; iteration++) {
      margins.forEach((margin, m) => {
        const index = cells[m]!;
        const sums = cellSums(w, index, margin.totals.length);
        const factor = factors[m]!;
        for (let c = 0; c < factor.length; c++) factor[c] = sums[c]! > 0 ? margin.totals[c]! / sums[c]! : 0;
        for (let i = 0; i < w.length; i++) w[i]! *= factor[index[i]!]!;
      });
      const worst = worstDeviation(w, prepared);
      options.onCycle?.(iteration, worst.deviation);
      if (worst.deviation < tolerance) return iteration;
      if (iteration >= maxIterations) {
        fail('not_converged', ['margins'], locale, { iterations: iteration, ...worst });
      }
    }
  });
}
