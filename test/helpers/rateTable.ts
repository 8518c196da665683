import { expect } from 'vitest';

/** The cells of each row of the report's response-rate table, tags removed, keyed by the row's label. */
export function rateTable(html: string): Map<string, string[]> {
  const start = html.indexOf('<h3>層ごとの回収率');
  expect(start, 'the report has no response-rate table').toBeGreaterThan(0);
  const table = html.slice(start, html.indexOf('</table>', start));
  const rows = new Map<string, string[]>();
  for (const [, row] of table.matchAll(/<tr>(.*?)<\/tr>/gs)) {
    const cells = [...row!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );
    rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}
