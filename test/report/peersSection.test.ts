import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { renderReport } from '../../src/report/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';

const survey = loadTemplate(getTemplate('bias-awareness-community')!);

function tally(n: number, seed: number) {
  const agg = createAggregator(survey, { by: ['sex'] });
  for (const r of synthesiseResponses(survey, { n, seed })) agg.add(r);
  return agg;
}

const peersSectionOf = (html: string) =>
  html.slice(html.indexOf('<section id="peers">'), html.indexOf('<section id="notes">'));

describe('the peers section of the report', () => {
  it('shows each score for this municipality beside all municipalities, with the difference', () => {
    const own = tally(60, 1);
    const all = tally(60, 1);
    all.merge(tally(200, 2));
    const result = own.result();
    const peers = { result: all.result(), municipalities: 2, includedOwn: true };
    const section = peersSectionOf(renderReport({ survey, result, peers, locale: 'en' }));
    expect(section).toContain('Compared with all participating municipalities');
    expect(section).toContain('all 2 participating municipalities');
    const score = result.scores[0]!;
    const ownAll = score.groups.find((g) => g.group === 'all')!;
    const peerAll = peers.result.scores[0]!.groups.find((g) => g.group === 'all')!;
    const digits = score.method === 'favourableShare' ? 1 : 2;
    const scale = score.method === 'favourableShare' ? 100 : 1;
    const a = ownAll.mean!.mean * scale;
    const b = peerAll.mean!.mean * scale;
    expect(section).toContain(`<td class="num">${a.toFixed(digits)}</td>`);
    expect(section).toContain(`<td class="num">${b.toFixed(digits)}</td>`);
    expect(section).toContain(`${a - b > 0 ? '+' : a - b < 0 ? '−' : '±'}${Math.abs(a - b).toFixed(digits)}`);
    // Not shown without peers.
    expect(renderReport({ survey, result, locale: 'en' })).not.toContain('<section id="peers">');
  });

  it('hides this municipality’s figures when it is below the threshold of either result', () => {
    const own = tally(12, 3);
    const all = tally(12, 3);
    all.merge(tally(300, 4));
    const result = own.result({ minGroupSize: 5 });
    const peers = { result: all.result({ minGroupSize: 20 }), municipalities: 2, includedOwn: false };
    const section = peersSectionOf(renderReport({ survey, result, peers }));
    expect(section).toContain('加えました');
    const rows = section
      .split('<tr>')
      .slice(1)
      .filter((r) => r.includes('scope="row"'));
    expect(rows.length).toBeGreaterThan(0);
    // 12 respondents < 20: this municipality's value and the difference are "—", all municipalities' value shows.
    for (const row of rows) expect(row.split('<td class="sup">—</td>').length - 1).toBeGreaterThanOrEqual(2);
  });
});
