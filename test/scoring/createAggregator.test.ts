import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/schema/index.js';
import {
  aggregatorFromJSON,
  createAggregator,
  type ItemGroupResult,
  ScoringError,
  shareDifference,
  wilsonInterval,
} from '../../src/scoring/index.js';
import { analysisSurvey, analysisTemplate, response } from './fixtures.js';

const survey = analysisSurvey();

function sample() {
  return [
    {
      sex: 1,
      age_band: 1,
      r1: 1,
      r2: 1,
      r3: 4,
      r4: 2,
      satisfaction: 1,
      hours: 8,
      arrangements: [1, 2],
      reasons: [2, 1],
    },
    {
      sex: 1,
      age_band: 2,
      r1: 2,
      r2: 3,
      r3: 1,
      r4: 1,
      satisfaction: 2,
      hours: 10,
      arrangements: [9],
      reasons: [3],
    },
    { sex: 2, age_band: 1, r1: 3, r2: 4, r3: 3, satisfaction: 8, hours: '9', arrangements: [1, 1] },
    { sex: 2, age_band: 1, r1: 9, r2: 2, r3: 2, r4: 4, hours: Number.NaN, arrangements: [5] },
    { sex: 9, r1: 4, r2: 9, arrangements: [] },
    { age_band: 3, r1: 77, r2: 1, r3: 9, r4: 9, hours: 7.5, arrangements: [3] },
  ].map((answers) => response(survey, answers));
}

function aggregate(options: Parameters<typeof createAggregator>[1] = {}) {
  const agg = createAggregator(survey, { by: ['sex', 'age_band'], minGroupSize: 1, ...options });
  for (const r of sample()) expect(agg.add(r)).toBe(true);
  return agg;
}

const item = (
  result: ReturnType<ReturnType<typeof aggregate>['result']>,
  id: string,
  group = 'all',
): ItemGroupResult => {
  const index = result.groups.findIndex((g) => g.key === group);
  return result.items.find((i) => i.id === id)!.groups[index]!;
};

describe('createAggregator: groups', () => {
  it('reports everyone, each category and the cross-classification', () => {
    const result = aggregate().result();
    const keys = result.groups.map((g) => g.key);
    expect(keys.slice(0, 10)).toEqual([
      'all',
      'sex=1',
      'sex=2',
      'sex=3',
      'sex=9',
      'age_band=1',
      'age_band=2',
      'age_band=3',
      'age_band=4',
      'age_band=5',
    ]);
    expect(keys).toHaveLength(1 + 4 + 5 + 4 * 5);
    expect(keys).toContain('sex=2,age_band=1');
    const respondents = Object.fromEntries(result.groups.map((g) => [g.key, g.respondents]));
    expect(respondents).toMatchObject({
      all: 6,
      'sex=1': 2,
      'sex=2': 2,
      'sex=9': 1,
      'sex=3': 0,
      'age_band=1': 3,
      'sex=2,age_band=1': 2,
    });
    expect(result.groups.find((g) => g.key === 'sex=2,age_band=1')!.where).toEqual({ sex: 2, age_band: 1 });
  });

  it('suppresses small groups and statistics, keeping n', () => {
    const result = aggregate({ minGroupSize: 4 }).result();
    const sex1 = result.groups.find((g) => g.key === 'sex=1')!;
    expect(sex1).toMatchObject({ respondents: 2, suppressed: true });
    expect(item(result, 'r1', 'sex=1')).toEqual({
      group: 'sex=1',
      n: 2,
      suppressed: true,
      counts: null,
      invalid: null,
      favourable: null,
      mean: null,
    });
    // Everyone: 6 respondents, but only 3 numeric hours: that statistic is withheld too.
    expect(item(result, 'hours')).toMatchObject({ n: 3, suppressed: true, mean: null });
    expect(item(result, 'r1').suppressed).toBe(false);
    // An empty group is not "suppressed": there is nothing to hide.
    expect(result.groups.find((g) => g.key === 'sex=3')).toMatchObject({ respondents: 0, suppressed: false });
    expect(item(result, 'r1', 'sex=3')).toMatchObject({
      n: 0,
      suppressed: false,
      favourable: null,
      mean: null,
    });
    // The default minimum is 5.
    expect(createAggregator(survey).result().minGroupSize).toBe(5);
  });
});

describe('createAggregator: items', () => {
  const result = aggregate().result();

  it('counts codes, leaves missing codes out of n and counts invalid values', () => {
    const r1 = item(result, 'r1');
    expect(r1.counts).toEqual([
      { code: 1, count: 1, share: 0.25 },
      { code: 2, count: 1, share: 0.25 },
      { code: 3, count: 1, share: 0.25 },
      { code: 4, count: 1, share: 0.25 },
      { code: 9, count: 1, share: null },
    ]);
    expect(r1.n).toBe(4);
    expect(r1.invalid).toBe(1);
    expect(r1.favourable).toEqual({ count: 2, n: 4, share: 0.5, ...wilsonInterval(2, 4) });
    // Values 4, 3, 2, 1: mean 2.5, SD √(5/3); t interval with 3 df (t = 3.182).
    expect(r1.mean!.mean).toBe(2.5);
    expect(r1.mean!.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(r1.mean!.upper! - 2.5).toBeCloseTo((3.182446305 * Math.sqrt(5 / 3)) / 2, 6);
  });

  it('reports items as answered: reverse keying applies to scores only', () => {
    // r3 answers 4, 1, 3, 2, (9): favourable as answered = codes 1 and 2.
    expect(item(result, 'r3').favourable).toMatchObject({ count: 2, n: 4 });
  });

  it('uses option values for single choice and skips missing codes', () => {
    const s = item(result, 'satisfaction');
    expect(s.n).toBe(2);
    expect(s.mean).toMatchObject({ n: 2, mean: 5 });
    expect(s.favourable).toBeNull();
    expect(item(result, 'sex').mean).toBeNull(); // options without values: no mean
  });

  it('takes finite numbers only for number questions', () => {
    const hours = item(result, 'hours');
    expect(hours).toMatchObject({ n: 3, invalid: 2, counts: null, favourable: null });
    expect(hours.mean!.mean).toBeCloseTo((8 + 10 + 7.5) / 3, 12);
  });

  it('counts selections of multiple choice and ranking per respondent', () => {
    const a = item(result, 'arrangements');
    // [1,2], [9] (only "don't know": not in n), [1,1] and [5] invalid, [] unanswered, [3].
    expect(a.n).toBe(2);
    expect(a.invalid).toBe(2);
    expect(a.counts).toEqual([
      { code: 1, count: 1, share: 0.5 },
      { code: 2, count: 1, share: 0.5 },
      { code: 3, count: 1, share: 0.5 },
      { code: 9, count: 1, share: null },
    ]);
    expect(item(result, 'reasons').counts!.map((c) => c.count)).toEqual([1, 1, 1]);
  });
});

describe('createAggregator: scores and sets', () => {
  it('summarises scores per group with "at least one" shares', () => {
    const result = aggregate().result();
    const share = result.scores.find((s) => s.id === 'roles_share')!;
    const all = share.groups[0]!;
    // Per respondent (r3 reversed): 4/4, 2/4, 1/3, 1/3 (r1 = 9); the last two answered one item
    // substantively, below minAnswered = 2.
    const values = [1, 0.5, 1 / 3, 1 / 3];
    expect(all.n).toBe(4);
    expect(all.mean!.mean).toBeCloseTo(values.reduce((a, b) => a + b) / 4, 12);
    expect(all.atLeastOne).toMatchObject({ count: 4, n: 4, share: 1 });
    const sum = result.scores.find((s) => s.id === 'roles_sum')!;
    expect(sum.groups[0]!.atLeastOne).toBeNull();
  });

  it('counts declared sets', () => {
    const agg = aggregate({ sets: [{ id: 'disagree', items: ['r1', 'r2'], codes: [4] }] });
    const set = agg.result().sets[0]!;
    // Respondents answering r1 or r2 substantively: all 6; agreeing (code 4) with one: #3 and #5.
    expect(set.groups[0]!.atLeastOne).toMatchObject({ count: 2, n: 6 });
  });
});

describe('createAggregator: gaps', () => {
  it('computes a − b between groups with Newcombe and Welch', () => {
    const agg = createAggregator(survey, { by: ['sex'], minGroupSize: 1 });
    for (let i = 0; i < 40; i++) agg.add(response(survey, { sex: 1, r1: i % 3 === 0 ? 3 : 1 }));
    for (let i = 0; i < 30; i++) agg.add(response(survey, { sex: 2, r1: i % 2 === 0 ? 3 : 2 }));
    const result = agg.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
    const gap = result.gaps[0]!;
    expect(gap).toMatchObject({ by: 'sex', a: 1, b: 2, groupA: 'sex=1', groupB: 'sex=2' });
    const r1 = gap.items.find((i) => i.id === 'r1')!;
    expect(r1.favourable).toEqual(shareDifference({ count: 26, n: 40 }, { count: 15, n: 30 }));
    expect(r1.mean!.difference).toBeCloseTo((26 * 4 + 14 * 2) / 40 - (15 * 3 + 15 * 2) / 30, 12);
    // Empty groups give null differences; all pairs of substantive codes when a and b are omitted.
    const all = agg.result({ gaps: [{ by: 'sex' }] }).gaps;
    expect(all.map((g) => `${g.a}-${g.b}`)).toEqual(['1-2', '1-3', '2-3']);
    expect(all[1]!.items.find((i) => i.id === 'r1')!.favourable).toBeNull();
  });

  it('computes gaps within a category of another grouping question', () => {
    const agg = aggregate();
    const gap = agg.result({ gaps: [{ by: 'sex', a: 1, b: 2, within: { age_band: 1 } }] }).gaps[0]!;
    expect([gap.groupA, gap.groupB]).toEqual(['sex=1,age_band=1', 'sex=2,age_band=1']);
  });

  it('refuses gaps of groups that were not analysed', () => {
    const agg = aggregate();
    expect(() => agg.result({ gaps: [{ by: 'hours', a: 1, b: 2 }] })).toThrow(ScoringError);
    expect(() => agg.result({ gaps: [{ by: 'sex', a: 1 }] })).toThrow(ScoringError);
    expect(() => agg.result({ gaps: [{ by: 'sex', a: 1, b: 2, within: { sex: 1 } }] })).toThrow(ScoringError);
    expect(() =>
      agg.result({ gaps: [{ by: 'sex', a: 1, b: 2, within: { __proto__: 1 } as never }] }),
    ).not.toThrow();
    expect(() => agg.result({ gaps: [{ by: 'sex', a: 1, b: 7 }] })).toThrow(/sex=7/);
  });
});

describe('createAggregator: responses it refuses', () => {
  it('rejects non-responses and responses of other templates', () => {
    const agg = createAggregator(survey);
    expect(agg.add(null as never)).toBe(false);
    expect(agg.add({ answers: 'x' } as never)).toBe(false);
    expect(agg.add({ ...response(survey, { r1: 1 }), templateHash: 'sha256-other' })).toBe(false);
    const getter = response(survey, {});
    Object.defineProperty(getter.answers, 'r1', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(agg.add(getter)).toBe(false);
    expect(agg.add(response(survey, { r1: 1 }))).toBe(true);
    const result = agg.result({ minGroupSize: 1 });
    expect(result.rejected).toEqual({ invalid: 3, otherTemplate: 1 });
    expect(result.responses).toBe(1);
    expect(item(result, 'r1').n).toBe(1);
  });

  it('accepts other versions of the same template when asked', () => {
    const agg = createAggregator(survey, { acceptOtherVersions: true });
    expect(agg.add({ ...response(survey, { r1: 1 }), templateHash: 'sha256-older' })).toBe(true);
    expect(
      agg.add({ ...response(survey, { r1: 1 }), templateId: 'other', templateHash: 'sha256-older' }),
    ).toBe(false);
  });
});

describe('createAggregator: options', () => {
  it.each([
    [{ by: ['nope'] }, 'unknown_question', ['by', 0]],
    [{ by: ['hours'] }, 'not_grouping_question', ['by', 0]],
    [{ by: ['sex', 'sex'] }, 'duplicate_by', ['by', 1]],
    [{ by: ['sex', 'age_band', 'satisfaction', 'care', 'r1'] }, 'too_many_by', ['by']],
    [{ by: 'sex' }, 'invalid_option', ['by']],
    [{ minGroupSize: 0 }, 'invalid_option', ['minGroupSize']],
    [{ minGroupSize: 2.5 }, 'invalid_option', ['minGroupSize']],
    [{ sets: [{ id: 's', items: ['hours'] }] }, 'not_set_item', ['sets', 0, 'items', 0]],
    [{ sets: [{ id: 's', items: ['satisfaction'] }] }, 'set_needs_codes', ['sets', 0, 'items', 0]],
    [
      {
        sets: [
          { id: 's', items: ['r1'] },
          { id: 's', items: ['r2'] },
        ],
      },
      'duplicate_set',
      ['sets', 1, 'id'],
    ],
    [{ sets: [{ id: 's', items: [] }] }, 'invalid_option', ['sets', 0, 'items']],
    [{ sets: [null] }, 'invalid_option', ['sets', 0]],
    [{ sets: 'x' }, 'invalid_option', ['sets']],
  ])('%j → %s', (options, code, path) => {
    try {
      createAggregator(survey, options as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringError);
      expect((error as ScoringError).issues[0]).toMatchObject({ code, path });
    }
  });

  it('writes messages in Japanese by default and in English on request', () => {
    expect(() => createAggregator(survey, { by: ['nope'] })).toThrow(/「nope」という質問/);
    expect(() => createAggregator(survey, { by: ['nope'], locale: 'en' })).toThrow(
      /No question or item "nope"/,
    );
  });

  it('refuses more cells than it can hold', () => {
    const template = analysisTemplate();
    const qs = template.sections[0]!.questions;
    for (let i = 0; i < 4; i++) {
      qs.push({
        id: `g${i}`,
        type: 'single',
        label: { ja: 'g', en: 'g' },
        options: Array.from({ length: 20 }, (_, c) => ({ code: c, label: { ja: `${c}`, en: `${c}` } })),
      });
    }
    const big = loadTemplate(template);
    expect(() => createAggregator(big, { by: ['g0', 'g1', 'g2', 'g3'] })).toThrow(
      /too_many_cells|組み合わせ/,
    );
  });
});

describe('toJSON, aggregatorFromJSON and merge', () => {
  it('round-trips through JSON text', () => {
    const agg = aggregate({ sets: [{ id: 'any', items: ['r1', 'r2'] }] });
    const state = JSON.parse(JSON.stringify(agg.toJSON()));
    expect(state).toMatchObject({
      format: 'kizuki-aggregate',
      version: 1,
      surveyHash: survey.hash,
      responses: 6,
    });
    const again = aggregatorFromJSON(survey, state);
    expect(again.result()).toEqual(agg.result());
    expect(again.toJSON()).toEqual(agg.toJSON());
  });

  it('merges an aggregator or a saved state of the same survey and settings', () => {
    const a = aggregate();
    const b = aggregate();
    const c = aggregate();
    a.merge(b);
    a.merge(c.toJSON());
    expect(a.responses).toBe(18);
    expect(item(a.result(), 'r1').counts!.map((x) => x.count)).toEqual([3, 3, 3, 3, 3]);
  });

  it('refuses to merge other surveys or settings', () => {
    const other = loadTemplate({ ...analysisTemplate(), id: 'other-template' });
    const a = aggregate();
    expect(() => a.merge(createAggregator(other, { by: ['sex', 'age_band'] }))).toThrow(/別のアンケート/);
    expect(() => a.merge(createAggregator(survey, { by: ['sex'] }))).toThrow(ScoringError);
    expect(() =>
      a.merge(createAggregator(survey, { by: ['sex', 'age_band'], sets: [{ id: 'x', items: ['r1'] }] })),
    ).toThrow(/sets/);
    expect(() => aggregatorFromJSON(other, a.toJSON(), { locale: 'en' })).toThrow(/another survey/);
  });

  it('refuses damaged or hostile states with the path of the problem', () => {
    const good = aggregate().toJSON();
    const cases: Array<[unknown, (string | number)[]]> = [
      [null, []],
      [[], []],
      [{ ...good, format: 'x' }, ['format']],
      [{ ...good, version: 2 }, ['version']],
      [{ ...good, options: { ...good.options, by: 'sex' } }, ['options', 'by']],
      [{ ...good, options: { ...good.options, sets: [{ id: 1 }] } }, ['options', 'sets', 0]],
      [{ ...good, options: { ...good.options, minGroupSize: -1 } }, ['options', 'minGroupSize']],
      [{ ...good, counts: good.counts.slice(1) }, ['counts']],
      [{ ...good, counts: good.counts.map((x, i) => (i === 3 ? -1 : x)) }, ['counts', 3]],
      [{ ...good, counts: good.counts.map((x, i) => (i === 3 ? 0.5 : x)) }, ['counts', 3]],
      [{ ...good, scores: good.scores.map((x, i) => (i === 1 ? Number.NaN : x)) }, ['scores', 1]],
      [{ ...good, numbers: good.numbers.map((x, i) => (i === 2 ? -4 : x)) }, ['numbers', 2]],
      [{ ...good, responses: 7 }, ['cellRespondents']],
      [{ ...good, responses: '6' }, ['responses']],
      [{ ...good, rejected: null }, ['rejected']],
      [{ ...good, alpha: new Array(10_000_000) }, ['alpha']],
      [JSON.parse(`{"__proto__": {"format": "kizuki-aggregate"}}`), ['format']],
    ];
    for (const [state, path] of cases) {
      try {
        aggregatorFromJSON(survey, state);
        expect.unreachable(JSON.stringify(path));
      } catch (error) {
        expect(error).toBeInstanceOf(ScoringError);
        expect((error as ScoringError).issues[0]!.path).toEqual(path);
      }
    }
  });
});

describe('addColumns', () => {
  it('gives the same state as adding the rows as objects', () => {
    const rows = [
      { sex: 1, age_band: 1, r1: 1, r2: 4, r3: 2, r4: 9, care: 3, satisfaction: 1, hours: 8 },
      { sex: 2, age_band: 5, r1: 2, r3: 77, hours: 12.5 },
      { sex: 9, r2: 2, r4: 1, satisfaction: 8 },
      { age_band: 2, r1: 3, r2: 3, r3: 3, r4: 3 },
    ];
    const keys = ['sex', 'age_band', 'r1', 'r2', 'r3', 'r4', 'care', 'satisfaction', 'hours'];
    const columns = Object.fromEntries(
      keys.map((k) => [
        k,
        Float64Array.from(rows, (r) => (k in r ? (r as Record<string, number>)[k]! : Number.NaN)),
      ]),
    );
    const a = createAggregator(survey, { by: ['sex', 'age_band'] });
    expect(a.addColumns({ rows: rows.length, columns })).toBe(4);
    const b = createAggregator(survey, { by: ['sex', 'age_band'] });
    for (const r of rows) b.add(response(survey, r));
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('refuses columns it cannot use', () => {
    const agg = createAggregator(survey);
    expect(() => agg.addColumns({ rows: 1, columns: { arrangements: [1] } })).toThrow(/arrangements/);
    expect(() => agg.addColumns({ rows: 2, columns: { r1: [1] } })).toThrow(ScoringError);
    expect(() => agg.addColumns({ rows: -1, columns: {} })).toThrow(ScoringError);
    expect(() => agg.addColumns({ rows: 1, columns: { r1: 'x' as never } })).toThrow(ScoringError);
    expect(agg.responses).toBe(0);
  });
});

describe('reliability', () => {
  it('computes Cronbach’s alpha from the mergeable state', () => {
    // Three items, ten respondents: the example of Statology's "How to Calculate Cronbach's Alpha
    // in R" (ltm::cronbach.alpha = 0.773; by hand α = 1.5 · (1 − 1.3667 / 4.7111) = 0.7734375).
    const q1 = [1, 2, 2, 3, 2, 2, 3, 3, 2, 3];
    const q2 = [1, 1, 1, 2, 3, 3, 2, 3, 3, 3];
    const q3 = [1, 1, 2, 1, 2, 3, 3, 3, 2, 3];
    const template = analysisTemplate();
    template.scales!.three = {
      options: [1, 2, 3].map((code) => ({ code, label: { ja: `${code}`, en: `${code}` } })),
    };
    template.sections[0]!.questions.push({
      id: 'alpha_items',
      type: 'matrix',
      scale: 'three',
      label: { ja: '項目', en: 'Items' },
      items: ['q1', 'q2', 'q3'].map((id) => ({ id, text: { ja: id, en: id } })),
    });
    template.scores = [
      { id: 'total', label: { ja: '合計', en: 'Total' }, items: ['q1', 'q2', 'q3'], method: 'sum' },
    ];
    template.benchmarks = [];
    template.passRules = [];
    const s = loadTemplate(template);
    const first = createAggregator(s);
    const second = createAggregator(s);
    q1.forEach((_, i) => (i < 4 ? first : second).add(response(s, { q1: q1[i], q2: q2[i], q3: q3[i] })));
    first.add(response(s, { q1: 1, q2: 2 })); // incomplete: not a complete case
    first.merge(second);
    const rel = first.result().scores[0]!.reliability;
    expect(rel.n).toBe(10);
    expect(rel.alpha).toBeCloseTo(0.7734375, 12);
    expect(rel.items).toHaveLength(3);
    for (const itemStats of rel.items!) expect(itemStats.alphaIfDeleted).not.toBeNull();
  });
});
