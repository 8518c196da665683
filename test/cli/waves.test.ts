import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { responsesToCsv } from '../../src/io/index.js';
import { loadTemplate, type SurveyResponse } from '../../src/schema/index.js';
import { compareOverlapping, type OverlappingComparison } from '../../src/scoring/index.js';
import { customiseTemplate, getTemplate } from '../../src/templates/index.js';
import { builtCli } from '../helpers/builtCli.js';
import { later, survey, waveSeries } from '../report/wavesFixture.js';

const { work, kizuki } = builtCli('waves');

const read = (name: string) => readFileSync(join(work, name), 'utf8');
const write = (name: string, responses: readonly SurveyResponse[], s = survey) =>
  writeFileSync(join(work, name), responsesToCsv(s, responses));
/** The text of the "What changed" section. */
const section = (html: string) => {
  const at = html.indexOf('<section id="what-changed">');
  return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at));
};

const ID = 'bias-awareness-community';
const [w0, w1, w2, w3] = waveSeries(4, 5, 3);
write('w2026.csv', w0!);
write('w2027.csv', w1!);
write('w2028.csv', w2!);
write('w2029.csv', w3!); // men agree more with h01
write('panel2029.csv', later(w2!, 1, true)); // the same people as w2028, a year later
// Mixed: 30 of this wave's people also answered w2028.
write(
  'mixed2029.csv',
  w3!.map((r, i) => (i < 30 ? { ...r, respondentId: w2![i]!.respondentId } : r)),
);
// 40% linked: 96 of w2028's people a year later, and 144 new people.
const forty = [...later(w2!.slice(0, 96), 1, true), ...w3!.slice(96)];
write('forty2029.csv', forty);

describe('kizuki report --previous', () => {
  it('adds "What changed" and a trend over four waves given in any order, and says it reordered them', () => {
    const r = kizuki(
      'report',
      ID,
      'w2029.csv',
      '--by',
      'sex',
      '--previous',
      'w2028.csv',
      '--previous',
      'w2026.csv',
      '--previous',
      'w2027.csv',
      '--trend',
      'h01',
      '--out',
      'four.html',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      '前の回を、回答の日付の古い順に並べ替えました: w2026.csv → w2027.csv → w2028.csv',
    );
    const html = section(read('four.html'));
    expect(html).toContain('前回（2028-05、240人）と今回（2029-05、240人）を比べています。');
    expect(html).toMatch(
      />2026-05<\/th><th [^>]*>2027-05<\/th><th [^>]*>2028-05<\/th><th [^>]*>2029-05<\/th>/,
    );
    expect(html).toContain('2回の回答者は別の人として比べています');
    expect(html).toContain('グループ: 男性');
    expect(html).toContain('上昇（誤差を超える変化）');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-\d+-t chart-\d+-d"/);
  }, 120_000);

  it('reads every wave in worker threads with --jobs and gives the same report as one thread', () => {
    // A panel (ids pair the people) with earlier waves out of date order (dates reorder them).
    const run = (jobs: string) =>
      kizuki(
        'report',
        ID,
        'panel2029.csv',
        '--by',
        'sex',
        '--previous',
        'w2028.csv',
        '--previous',
        'w2026.csv',
        '--previous',
        'w2027.csv',
        '--out',
        `jobs${jobs}.html`,
        '--lang',
        'en',
        '--jobs',
        jobs,
      );
    const one = run('1');
    const three = run('3');
    expect(one.code, one.stderr).toBe(0);
    expect(three.code, three.stderr).toBe(0);
    expect(one.stderr).not.toContain('threads');
    // The current file and each of the three earlier ones.
    expect(three.stderr.match(/Reading with 3 threads/g)).toHaveLength(4);
    expect(three.stderr).toContain('240 respondents were linked by pseudonym');
    expect(three.stderr).toContain('w2026.csv → w2027.csv → w2028.csv');
    // Merged moments add in another order than one pass: a figure on a rounding boundary may differ
    // in its last shown digit (12.37 for 12.38 in this data), nothing else.
    const parts = (html: string) => html.split(/(\d+\.?\d*)/);
    const threaded = parts(read('jobs3.html'));
    const single = parts(read('jobs1.html'));
    expect(threaded.length).toBe(single.length);
    threaded.forEach((part, i) => {
      const other = single[i]!;
      if (i % 2 === 0 || part === other) expect(part).toBe(other);
      else expect(Math.abs(Number(part) - Number(other))).toBeLessThanOrEqual(0.0100001);
    });
  }, 120_000);

  it('pairs a panel by pseudonym and says so; with a few linked people it uses every response and says so', () => {
    const panel = kizuki(
      'report',
      ID,
      'panel2029.csv',
      '--by',
      'sex',
      '--previous',
      'w2028.csv',
      '--out',
      'panel.html',
      '--lang',
      'en',
    );
    expect(panel.code, panel.stderr).toBe(0);
    expect(panel.stderr).toContain('240 respondents were linked by pseudonym');
    expect(section(read('panel.html'))).toContain(
      'The same people answered both waves (240 linked by pseudonym)',
    );
    const mixed = kizuki(
      'report',
      ID,
      'mixed2029.csv',
      '--by',
      'sex',
      '--previous',
      'w2028.csv',
      '--out',
      'mixed.html',
    );
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(mixed.stderr).toContain('前の回（240人）と今回（240人）の両方に答えた人が 30 人いるため');
    expect(section(read('mixed.html'))).toContain(
      '両方の回に答えた人が30人います（前回240人、今回240人のうち）',
    );
    expect(section(read('mixed.html'))).not.toContain('2回の回答者は別の人として比べています');
  }, 120_000);

  it('compares 40%-linked waves with every response and the pairs’ covariance: the figures of compareOverlapping', () => {
    const r = kizuki(
      'report',
      ID,
      'forty2029.csv',
      '--by',
      'sex',
      '--previous',
      'w2028.csv',
      '--out',
      'forty.html',
      '--json',
      'forty.json',
      '--lang',
      'en',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('96 people answered both the earlier wave (240) and this one (240)');
    const html = section(read('forty.html'));
    expect(html).toContain('96 people answered both waves (of 240 before and 240 now)');
    const rows = [...html.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map((m) => ({
      label: m[1]!,
      cells: [...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!),
    }));
    const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)}`;
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    const items = survey.template.sections.flatMap((s) =>
      s.questions.flatMap((q) => (q.type === 'matrix' ? q.items : [])),
    );
    const check = (comparison: OverlappingComparison, at: number) => {
      let checked = 0;
      for (const item of comparison.items) {
        const f = item.favourable;
        const text = items.find((i) => i.id === item.id)?.text.en;
        if (f === null || text === undefined) continue;
        const row = rows.filter((x) => x.label.endsWith(text.replace(/'/g, '&#39;')))[at]!;
        expect(row.cells.slice(0, 4), item.id).toEqual([
          pct(f.b),
          pct(f.a),
          signed(f.points),
          `[${signed(f.lower)}, ${signed(f.upper)}]`,
        ]);
        expect(row.cells[5]).toBe(f.p! < 0.001 ? '&lt;0.001' : f.p!.toFixed(3));
        checked += 1;
      }
      return checked;
    };
    const options = { survey, minGroupSize: 5 };
    const everyone = compareOverlapping({ ...options, before: w2!, after: forty });
    expect(everyone.linked).toBe(96);
    expect(check(everyone, 0)).toBe(40);
    // --json carries the same comparison, unrounded.
    const figures = JSON.parse(read('forty.json')).whatChanged;
    expect(figures.method).toBe('overlapping');
    expect(figures.groups[0].kind).toBe('overlapping');
    expect(figures.groups[0].comparison.items).toEqual(JSON.parse(JSON.stringify(everyone.items)));
    // Men (the first group): each wave's men by their own answer.
    const men = (list: readonly SurveyResponse[]) => list.filter((x) => x.answers.sex === 1);
    expect(check(compareOverlapping({ ...options, before: men(w2!), after: men(forty) }), 1)).toBe(40);
  }, 120_000);

  it('compares a customised version by id and lists what it cannot compare, with the reason', () => {
    const custom = customiseTemplate(getTemplate(ID)!, {
      id: 'midori-bias-2029',
      changes: [
        {
          kind: 'rewordItem',
          id: 'h01',
          text: { ja: '家計を主に支えるのは男性だ。', en: 'Men are the main earners.' },
        },
      ],
    });
    if (!custom.success) throw new Error('customise');
    writeFileSync(join(work, 'midori.json'), JSON.stringify(custom.template));
    write(
      'midori2029.csv',
      later(synthesiseResponses(custom.survey, { n: 200, seed: 9 }), 3, false),
      custom.survey,
    );
    const r = kizuki(
      'report',
      'midori.json',
      'midori2029.csv',
      '--by',
      'sex',
      '--previous',
      'w2028.csv',
      '--previous-template',
      ID,
      '--out',
      'custom.html',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('w2028.csv は別の版またはカスタマイズのテンプレートの回です');
    const html = section(read('custom.html'));
    expect(html).toContain('比べられない結果');
    expect(html).toMatch(/<th scope="row">h01 [^<]*<\/th><td>文言が変わった<\/td>/);
    expect(html).toMatch(
      /<th scope="row">home_share 家庭：同意した文の割合<\/th><td>得点に含む項目が変わった、文言が変わった<\/td>/,
    );
    expect(html).toContain('Q1(2) 毎日の食事の用意は');
  }, 120_000);

  it('refuses a previous wave of another template, naming the file, in ja and en', () => {
    const other = loadTemplate(getTemplate('example-all-features')!);
    write('other.csv', synthesiseResponses(other, { n: 30, seed: 3 }), other);
    const ja = kizuki('report', ID, 'w2029.csv', '--previous', 'other.csv', '--out', 'x.html');
    expect(ja.code).toBe(1);
    expect(ja.stderr).toMatch(
      /other\.csv は「bias-awareness-community」の回答として読めません（回答のある質問・項目 \d+\/\d+/,
    );
    const en = kizuki(
      'report',
      ID,
      'w2029.csv',
      '--previous',
      'other.csv',
      '--previous-template',
      'example-all-features',
      '--out',
      'x.html',
      '--lang',
      'en',
    );
    expect(en.code).toBe(1);
    expect(en.stderr).toContain(
      'other.csv is a wave of template "example-all-features", not of "bias-awareness-community"',
    );
  }, 120_000);

  it('refuses a previous state grouped by other questions, and a "previous" wave surveyed later', () => {
    expect(
      kizuki('aggregate', ID, 'w2028.csv', '--by', 'age_band', '--out', 'by-age.json', '--date', '2028-05-20')
        .code,
    ).toBe(0);
    const by = kizuki(
      'report',
      ID,
      'w2029.csv',
      '--by',
      'sex',
      '--previous',
      'by-age.json',
      '--out',
      'x.html',
    );
    expect(by.code).toBe(1);
    expect(by.stderr).toContain(
      'by-age.json のグループ分けの質問（age_band）が、今回の（sex）と違うため比較できません',
    );
    const order = kizuki(
      'report',
      ID,
      'w2028.csv',
      '--previous',
      'w2029.csv',
      '--out',
      'x.html',
      '--lang',
      'en',
    );
    expect(order.code).toBe(1);
    expect(order.stderr).toContain('w2029.csv (around 2029-05-');
    expect(order.stderr).toContain('was surveyed after this wave w2028.csv');
    const count = kizuki(
      'report',
      ID,
      'w2029.csv',
      '--previous',
      'w2028.csv',
      '--previous-template',
      ID,
      '--previous-template',
      ID,
      '--out',
      'x.html',
    );
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('--previous-template は --previous と同じ数だけ（1個）');
  }, 120_000);

  it('compares with a saved state of the previous wave', () => {
    expect(
      kizuki('aggregate', ID, 'w2028.csv', '--by', 'sex', '--out', 's2028.json', '--date', '2028-05-20').code,
    ).toBe(0);
    const r = kizuki(
      'report',
      ID,
      'w2029.csv',
      '--by',
      'sex',
      '--previous',
      's2028.json',
      '--out',
      'state.html',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(section(read('state.html'))).toContain('前回（2028-05、240人）と今回（2029-05、240人）');
    // A state without a survey date: kept in the order given, and the report says so.
    expect(kizuki('aggregate', ID, 'w2027.csv', '--by', 'sex', '--out', 'undated.json').code).toBe(0);
    const undated = kizuki(
      'report',
      ID,
      'w2029.csv',
      '--by',
      'sex',
      '--previous',
      'undated.json',
      '--previous',
      's2028.json',
      '--out',
      'undated.html',
    );
    expect(undated.code, undated.stderr).toBe(0);
    expect(undated.stderr).toContain('undated.json には調査日の記録がないため、指定された順番のまま扱います');
    expect(section(read('undated.html'))).toContain('<th scope="col" class="num">undated.json</th>');
  }, 120_000);
});
