// `kizuki report --weights … --previous … --previous-weights …`: weighted waves in "What changed"
// (issue #16 item 5), and the refusals when an earlier wave's weights are missing or wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { responsesToCsv } from '../../src/io/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import { compareWaves } from '../../src/scoring/index.js';
import { builtCli } from '../helpers/builtCli.js';
import { survey, waveSeries, weightedWaveResult } from '../report/wavesFixture.js';

const { work, kizuki } = builtCli('waves-weighted', { timeout: 120_000 });

const ID = 'bias-awareness-community';
const read = (name: string) => readFileSync(join(work, name), 'utf8');
const section = (html: string) => {
  const at = html.indexOf('<section id="what-changed">');
  return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at));
};
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)}`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

const [before, after] = waveSeries(2, 11, 1);
const writeWave = (name: string, responses: readonly SurveyResponse[]) =>
  writeFileSync(join(work, name), responsesToCsv(survey, responses));
/** Weights 1 and 2 in turn, as weightedWaveResult uses; `change` alters one row's weight. */
const writeWeights = (name: string, responses: readonly SurveyResponse[], change?: [number, string]) =>
  writeFileSync(
    join(work, name),
    `respondentId,weight\n${responses
      .map((r, i) => `${r.respondentId},${change?.[0] === i ? change[1] : 1 + (i % 2)}`)
      .join('\n')}\n`,
  );
writeWave('before.csv', before!);
writeWave('after.csv', after!);
writeWeights('before-w.csv', before!);
writeWeights('after-w.csv', after!);

const report = (...extra: string[]) =>
  kizuki(
    'report',
    ID,
    'after.csv',
    '--by',
    'sex',
    '--weights',
    'after-w.csv',
    '--previous',
    'before.csv',
    ...extra,
  );

describe('kizuki report --previous with weights', () => {
  it('compares the weighted figures of both waves with design-based intervals, equal to compareWaves', () => {
    const r = report('--previous-weights', 'before-w.csv', '--out', 'weighted.html');
    expect(r.code, r.stderr).toBe(0);
    const html = section(read('weighted.html'));
    expect(html).toContain('ウェイト付きの集計なので');
    const h01 = compareWaves({
      before: weightedWaveResult(before!),
      after: weightedWaveResult(after!),
    }).items.find((i) => i.id === 'h01')!.weighted!.favourable!;
    const cells = [
      pct(h01.b),
      pct(h01.a),
      signed(h01.difference),
      `[${signed(h01.lower)}, ${signed(h01.upper)}]`,
    ];
    const row = [...html.matchAll(/<tr><th scope="row">[^<]*<\/th>(.*?)<\/tr>/g)]
      .map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!))
      .find((c) => c[0] === cells[0] && c[1] === cells[1]);
    expect(row?.slice(0, 4)).toEqual(cells);
  });

  it('refuses an earlier wave without weights, or with weights that are bad or do not match, naming the file', () => {
    const missing = report('--out', 'x.html');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('前の回 before.csv にもウェイトが要ります');
    writeWeights('zero-w.csv', before!, [4, '0']);
    const zero = report('--previous-weights', 'zero-w.csv', '--out', 'x.html', '--lang', 'en');
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain('Line 6 of zero-w.csv (the header being line 1): weight "0"');
    writeWeights('nan-w.csv', before!, [0, 'NaN']);
    expect(report('--previous-weights', 'nan-w.csv', '--out', 'x.html').stderr).toContain(
      'nan-w.csv の 2 行目',
    );
    // Another wave's weights: the first respondent of before.csv has none in after-w.csv.
    const other = report('--previous-weights', 'after-w.csv', '--out', 'x.html', '--lang', 'en');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(
      `after-w.csv has no weight for respondent id "${before![0]!.respondentId}" of before.csv`,
    );
    const count = report(
      '--previous-weights',
      'before-w.csv',
      '--previous-weights',
      'before-w.csv',
      '--out',
      'x.html',
    );
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('--previous-weights は --previous と同じ数だけ（1個');
    const unweighted = kizuki(
      'report',
      ID,
      'after.csv',
      '--previous',
      'before.csv',
      '--previous-weights',
      'before-w.csv',
    );
    expect(unweighted.code).toBe(2);
    expect(unweighted.stderr).toContain('今回の回答にも --weights');
  });

  it('refuses an unweighted state with a weighted wave, and weights for a state', () => {
    expect(kizuki('aggregate', ID, 'before.csv', '--by', 'sex', '--out', 'before.json').code).toBe(0);
    const plain = report('--out', 'x.html').code;
    expect(plain).toBe(2);
    const state = kizuki(
      'report',
      ID,
      'after.csv',
      '--by',
      'sex',
      '--weights',
      'after-w.csv',
      '--previous',
      'before.json',
      '--out',
      'x.html',
      '--lang',
      'en',
    );
    expect(state.code).toBe(1);
    expect(state.stderr).toContain('before.json is a state tallied without weights');
    const given = kizuki(
      'report',
      ID,
      'after.csv',
      '--by',
      'sex',
      '--weights',
      'after-w.csv',
      '--previous',
      'before.json',
      '--previous-weights',
      'before-w.csv',
    );
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('before.json は集計ファイルで');
  });
});
