import type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
import { designIssue, fail, throwIfAny } from './messages.js';
import type { DesignRecord } from './records.js';
import { cellLabel, isMissing, ownValue } from './records.js';

/**
 * Known population counts of one variable or of a cross of variables. Either one variable with a
 * count per category, `{ variable: 'sex', totals: { F: 5200, M: 4800 } }`, or several with a count
 * per cell, `{ variables: ['sex', 'ageBand'], cells: [{ levels: ['F', '20-29'], total: 610 }, …] }`.
 */
export type Margin =
  | { variable: string; totals: Readonly<Record<string, number>> }
  | { variables: readonly string[]; cells: ReadonlyArray<{ levels: readonly string[]; total: number }> };

/** A margin in one shape: its cells in the order given, each with its population count. */
export interface NormalMargin {
  variables: string[];
  /** The variables joined for messages: `sex × ageBand`. */
  name: string;
  labels: string[];
  levels: string[][];
  totals: number[];
  /** JSON of the levels → cell index. */
  index: Map<string, number>;
  /** Path of the margin in the options, for issues. */
  path: PathSegment[];
}

/** Normalises margins, checking counts and that every margin sums to the same population. */
export function normaliseMargins(
  margins: readonly Margin[],
  option: string,
  locale: MessageLocale | undefined,
): NormalMargin[] {
  const out = margins.map((margin, m): NormalMargin => {
    const path: PathSegment[] = [option, m];
    const variables = 'variable' in margin ? [margin.variable] : [...margin.variables];
    if (variables.length === 0 || variables.some((v) => typeof v !== 'string' || v === '')) {
      fail('invalid_option', path, locale, {
        expectedJa: '変数名のある周辺',
        expectedEn: 'a margin naming its variables',
      });
    }
    const cells: Array<{ levels: string[]; total: number }> =
      'variable' in margin
        ? Object.keys(margin.totals).map((level) => ({ levels: [level], total: margin.totals[level]! }))
        : margin.cells.map((c) => ({ levels: c.levels.map(String), total: c.total }));
    const index = new Map<string, number>();
    cells.forEach((cell, c) => {
      const label = cellLabel(cell.levels);
      if (cell.levels.length !== variables.length || index.has(JSON.stringify(cell.levels))) {
        fail('invalid_option', [...path, c], locale, {
          expectedJa: `「${label}」: 変数ごとに1つの値を持つ重複のないセル`,
          expectedEn: `"${label}": cells with one value per variable, each once`,
        });
      }
      if (typeof cell.total !== 'number' || !Number.isFinite(cell.total) || cell.total < 0) {
        fail('invalid_total', [...path, label], locale, {
          cell: `${cellLabel(variables)} = ${label}`,
          value: cell.total,
        });
      }
      index.set(JSON.stringify(cell.levels), c);
    });
    return {
      variables,
      name: cellLabel(variables),
      labels: cells.map((c) => cellLabel(c.levels)),
      levels: cells.map((c) => c.levels),
      totals: cells.map((c) => c.total),
      index,
      path,
    };
  });
  const sums = out.map((m) => m.totals.reduce((a, b) => a + b, 0));
  for (let m = 1; m < out.length; m++) {
    if (Math.abs(sums[m]! - sums[0]!) > 1e-9 * Math.max(sums[0]!, sums[m]!)) {
      fail('margins_disagree', out[m]!.path, locale, {
        first: out[0]!.name,
        firstTotal: sums[0],
        other: out[m]!.name,
        otherTotal: sums[m],
      });
    }
  }
  return out;
}

/**
 * The cell of every record in every margin. Reports records whose category is not in a margin,
 * margin cells with a population but no respondent, and respondents in cells whose population is 0.
 */
export function cellIndexes(
  records: readonly DesignRecord[],
  margins: readonly NormalMargin[],
  locale: MessageLocale | undefined,
): Int32Array[] {
  const issues: Issue[] = [];
  const indexes = margins.map((margin) => {
    const cells = new Int32Array(records.length);
    const counts = new Array<number>(margin.totals.length).fill(0);
    // Raw value → cell, so that each distinct value is converted and looked up once.
    const seen = new Map<unknown, number>();
    records.forEach((record, row) => {
      // One variable (the usual margin): look its value up directly, without building a key.
      if (margin.variables.length === 1) {
        const value = ownValue(record, margin.variables[0]!);
        let cell = seen.get(value);
        if (cell === undefined && !isMissing(value)) {
          cell = margin.index.get(JSON.stringify([String(value)]));
          if (cell !== undefined) seen.set(value, cell);
        }
        if (cell !== undefined) {
          cells[row] = cell;
          counts[cell]!++;
          return;
        }
      }
      const levels: string[] = [];
      for (const variable of margin.variables) {
        const value = ownValue(record, variable);
        if (isMissing(value)) {
          issues.push(
            designIssue('missing_value', ['records', row, variable], locale, {
              row: row + 1,
              field: variable,
            }),
          );
        }
        levels.push(String(value));
      }
      const cell = margin.index.get(JSON.stringify(levels));
      if (cell === undefined) {
        if (!levels.some((_, k) => isMissing(ownValue(record, margin.variables[k]!)))) {
          issues.push(
            designIssue('category_not_in_margin', ['records', row, margin.name], locale, {
              row: row + 1,
              margin: margin.name,
              cell: cellLabel(levels),
            }),
          );
        }
        cells[row] = -1;
      } else {
        cells[row] = cell;
        counts[cell]!++;
      }
    });
    margin.totals.forEach((total, c) => {
      if (total > 0 && counts[c] === 0) {
        issues.push(
          designIssue('empty_cell', [...margin.path, margin.labels[c]!], locale, {
            margin: margin.name,
            cell: margin.labels[c],
          }),
        );
      }
      if (total === 0 && counts[c]! > 0) {
        issues.push(
          designIssue('zero_target', [...margin.path, margin.labels[c]!], locale, {
            margin: margin.name,
            cell: margin.labels[c],
            count: counts[c],
          }),
        );
      }
    });
    return cells;
  });
  throwIfAny(issues);
  return indexes;
}

/** Σw in each cell of a margin. */
export function cellSums(weights: Float64Array, cells: Int32Array, size: number): Float64Array {
  const sums = new Float64Array(size);
  for (let i = 0; i < cells.length; i++) sums[cells[i]!]! += weights[i]!;
  return sums;
}
