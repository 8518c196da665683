import type { Margin } from '../design/index.js';
import type { CsvEncoding } from '../io/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { readDesignCsv } from './designCsv.js';
import { designText } from './designText.js';

/** Separates the variables of a crossed margin (`sex:age_band`) and the levels of its cells (`1:3`). */
const CROSS = /[:×]/;

/**
 * The margins file: `variable,category,count`, one margin per variable in the order first seen. A
 * variable such as `sex:age_band` (or `sex×age_band`) is a cross, its categories such as `2:3`
 * giving one level per variable. Messages name the file line (the header is line 1).
 */
export async function readMargins(
  context: CliContext,
  file: string,
  encoding: CsvEncoding = 'auto',
): Promise<Margin[]> {
  const words = designText[context.lang];
  const { rows } = await readDesignCsv(context, file, ['variable', 'category', 'count'], encoding);
  const tables = new Map<string, Map<string, number>>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const text = row.count?.trim() ?? '';
    const count = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(count)) throw new CliFailure(EXIT.invalid, words.badCount(file, line, text));
    const variable = row.variable?.trim() ?? '';
    const category = row.category?.trim() ?? '';
    const parts = variable.split(CROSS).length;
    if (parts > 1 && category.split(CROSS).length !== parts)
      throw new CliFailure(EXIT.invalid, words.badCrossCategory(file, line, variable, category));
    const table = tables.get(variable) ?? new Map<string, number>();
    if (table.has(category))
      throw new CliFailure(EXIT.invalid, words.duplicateCategory(file, line, variable, category));
    table.set(category, count);
    tables.set(variable, table);
  });
  if (tables.size === 0) throw new CliFailure(EXIT.invalid, words.noMargins(file));
  return [...tables].map(([variable, table]): Margin => {
    if (CROSS.test(variable))
      return {
        variables: variable.split(CROSS),
        cells: [...table].map(([category, total]) => ({ levels: category.split(CROSS), total })),
      };
    // defineProperty: a category named __proto__ stays an ordinary key.
    const totals: Record<string, number> = {};
    for (const [category, total] of table)
      Object.defineProperty(totals, category, { value: total, enumerable: true, writable: true });
    return { variable, totals };
  });
}
