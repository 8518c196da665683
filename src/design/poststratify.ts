import type { Margin } from './margins.js';
import { cellSums } from './margins.js';
import type { WeightingOptions, WeightingResult } from './weighting.js';
import { describe, prepare, runWeighting } from './weighting.js';

/** Options of {@link poststratify}. */
export interface PoststratifyOptions extends WeightingOptions {
  /** The population count of every post-stratum (one variable or a cross such as sex × age band). */
  cells: Margin;
}

/**
 * Post-stratification: every weight in a cell is multiplied by N_c / Σ_{i∈c} w_i, so that the
 * weighted count of each cell equals its population count. The same weights as R
 * `survey::postStratify()`.
 *
 * @example
 * ```ts
 * const result = poststratify({
 *   records: respondents,
 *   cells: {
 *     variables: ['sex', 'ageBand'],
 *     cells: [
 *       { levels: ['F', '18-39'], total: 2100 },
 *       { levels: ['F', '40+'], total: 3100 },
 *       { levels: ['M', '18-39'], total: 2000 },
 *       { levels: ['M', '40+'], total: 2800 },
 *     ],
 *   },
 * });
 * ```
 */
export function poststratify(options: PoststratifyOptions): WeightingResult {
  const prepared = prepare(options, [options.cells], 'cells');
  const margin = prepared.margins[0]!;
  const index = prepared.cells[0]!;
  return runWeighting(options, prepared, describe('poststratify', prepared.margins), (w) => {
    const sums = cellSums(w, index, margin.totals.length);
    for (let i = 0; i < w.length; i++) w[i]! *= margin.totals[index[i]!]! / sums[index[i]!]!;
    return 1;
  });
}
