import type { Issue } from '../core/issue.js';
import { designIssue, fail, throwIfAny } from './messages.js';
import type { DesignRecord } from './records.js';
import { cellLabel, isMissing, ownValue } from './records.js';
import type { WeightDiagnostics } from './weightDiagnostics.js';
import { weightDiagnostics } from './weightDiagnostics.js';
import type { CalibrationInfo, WeightingOptions } from './weighting.js';
import { readWeights } from './weighting.js';

/** Options of {@link adjustNonresponse}. */
export interface AdjustNonresponseOptions extends Omit<WeightingOptions, 'trim'> {
  /** Every eligible sampled person, respondents and nonrespondents, with their base weights. */
  records: readonly DesignRecord[];
  /** Whether a record responded: a column (true, 1, "1", "true", "yes" count as yes) or a function. */
  responded: string | ((record: DesignRecord, row: number) => boolean);
  /** Columns forming the weighting classes (for example stratum, sex, age band). */
  classes: readonly string[];
}

/** The adjustment of one weighting class. */
export interface ClassFactor {
  levels: string[];
  label: string;
  /** Eligible sampled people in the class, and how many responded. */
  sampled: number;
  respondents: number;
  /** Σw of all, Σw of respondents; the factor is their ratio. */
  weightedSampled: number;
  weightedRespondents: number;
  factor: number;
}

/** The result of {@link adjustNonresponse}. */
export interface NonresponseAdjustment {
  /** One weight per record: the adjusted weight for respondents, 0 for nonrespondents. */
  weights: number[];
  /** Rows of the respondents, in order. */
  respondents: number[];
  factors: ClassFactor[];
  calibration: CalibrationInfo;
  /** Of the respondents' adjusted weights. */
  diagnostics: WeightDiagnostics;
}

const yes = (v: unknown) =>
  v === true || v === 1 || (typeof v === 'string' && /^(1|true|yes|y)$/i.test(v.trim()));

/**
 * Nonresponse adjustment within weighting classes: in each class the respondents' weights are
 * multiplied by Σ_{sampled} w / Σ_{respondents} w, so that respondents carry the weight of
 * everyone sampled in their class. A class without respondents is an error (collapse it with a
 * neighbour). The weighting-class ratio adjustment of Kalton & Flores-Cervantes (2003).
 *
 * @example
 * ```ts
 * const adjusted = adjustNonresponse({
 *   records: sample, // [{ stratum: '北', sex: 'M', weight: 12.5, responded: true }, …]
 *   weight: 'weight',
 *   responded: 'responded',
 *   classes: ['stratum', 'sex'],
 * });
 * adjusted.factors; // [{ label: '北 × M', sampled: 80, respondents: 22, factor: 3.64, … }, …]
 * ```
 */
export function adjustNonresponse(options: AdjustNonresponseOptions): NonresponseAdjustment {
  const { records, classes, locale } = options;
  if (classes.length === 0) {
    fail('invalid_option', ['classes'], locale, {
      expectedJa: '1つ以上の列',
      expectedEn: 'at least one column',
    });
  }
  const w = readWeights(records, options.weight, locale);
  const issues: Issue[] = [];
  const groups = new Map<string, ClassFactor & { rows: number[] }>();
  const answered = records.map((record, row) =>
    typeof options.responded === 'function'
      ? options.responded(record, row)
      : yes(ownValue(record, options.responded)),
  );
  records.forEach((record, row) => {
    const levels = classes.map((field) => {
      const value = ownValue(record, field);
      if (isMissing(value))
        issues.push(designIssue('missing_value', ['records', row, field], locale, { row: row + 1, field }));
      return String(value);
    });
    const key = JSON.stringify(levels);
    let group = groups.get(key);
    if (!group) {
      group = {
        levels,
        label: cellLabel(levels),
        sampled: 0,
        respondents: 0,
        weightedSampled: 0,
        weightedRespondents: 0,
        factor: 0,
        rows: [],
      };
      groups.set(key, group);
    }
    group.rows.push(row);
    group.sampled++;
    group.weightedSampled += w[row]!;
    if (answered[row]) {
      group.respondents++;
      group.weightedRespondents += w[row]!;
    }
  });
  for (const group of groups.values()) {
    if (group.respondents === 0)
      issues.push(designIssue('empty_class', ['classes', group.label], locale, { cell: group.label }));
  }
  throwIfAny(issues);
  const out = new Array<number>(records.length).fill(0);
  const factors: ClassFactor[] = [];
  for (const { rows, ...group } of groups.values()) {
    group.factor = group.weightedSampled / group.weightedRespondents;
    for (const row of rows) if (answered[row]) out[row] = w[row]! * group.factor;
    factors.push(group);
  }
  const respondents = answered.flatMap((a, row) => (a ? [row] : []));
  return {
    weights: out,
    respondents,
    factors,
    calibration: {
      method: 'poststratify',
      variables: [...classes],
      terms: [[...classes]],
      numeric: [],
      totals: 'sample',
    },
    diagnostics: weightDiagnostics({ weights: respondents.map((r) => out[r]!) }),
  };
}
