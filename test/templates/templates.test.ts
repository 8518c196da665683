import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateExpression, isTrue } from '../../src/expr/index.js';
import {
  indexTemplate,
  localeCompleteness,
  parseTemplate,
  type Question,
  type Survey,
  type Template,
} from '../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../src/templates/index.js';

const dir = new URL('../../templates/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json');
const readJson = (file: string): Template => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

function survey(id: string): Survey {
  const result = parseTemplate(getTemplate(id));
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.survey;
}

function question(template: Template, id: string): Question {
  const q = indexTemplate(template).questions.get(id)?.question;
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

/** Whether a section or question is shown for the given answers (its own condition only). */
function visible(s: Survey, id: string, answers: Record<string, unknown>): boolean {
  const condition = s.conditions.find((c) => c.id === id)?.visibleIf;
  if (!condition) throw new Error(`no visibleIf on ${id}`);
  return isTrue(evaluateExpression(condition.expr, answers));
}

const MINE = [
  'bias-awareness-community',
  'bias-awareness-workplace',
  'workplace-attractiveness',
  'employer-practices',
];
const PROGRAMME = [
  ...MINE,
  'youth-voice',
  'care-and-health-needs',
  'public-employer-wlb',
  'programme-follow-up',
  'workshop-feedback',
];

describe('every template file', () => {
  it('includes the nine programme templates and the sampler', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(
      [...PROGRAMME, 'example-all-features'].sort(),
    );
  });

  it.each(files)('%s passes parseTemplate with no issues, complete in ja and en', (file) => {
    const json = readJson(file);
    const result = parseTemplate(json, { locale: 'en' });
    expect(result.success ? [] : result.issues).toEqual([]);
    expect(json.id).toBe(file.replace(/\.json$/, ''));
    expect(json.locales).toEqual(expect.arrayContaining(['ja', 'en']));
    for (const report of localeCompleteness({ template: json, locales: ['ja', 'en'] })) {
      expect(report.missing).toEqual([]);
      expect(report.ratio).toBe(1);
    }
  });

  it('is listed by listTemplates, and getTemplate returns exactly its content', () => {
    const listed = listTemplates();
    expect(listed.map((t) => t.id).sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
    for (const file of files) {
      const json = readJson(file);
      expect(getTemplate(json.id)).toEqual(json);
      const summary = listed.find((t) => t.id === json.id)!;
      expect(summary).toMatchObject({ title: json.title, version: json.version, locales: json.locales });
      expect(summary.audience).toEqual(json.audience);
    }
  });
});

describe('listTemplates and getTemplate', () => {
  it('lists the programme templates in programme order, then the sampler', () => {
    expect(listTemplates().map((t) => t.id)).toEqual([...PROGRAMME, 'example-all-features']);
  });

  it('reports the placeholders to fill', () => {
    const byId = new Map(listTemplates().map((t) => [t.id, t]));
    for (const id of MINE) expect(byId.get(id)?.placeholders).toEqual(['municipality']);
    expect(byId.get('example-all-features')?.placeholders).toEqual([]);
  });

  it('hands out fresh copies that callers may change', () => {
    const first = getTemplate('bias-awareness-community')!;
    first.sections[0]!.title.ja = '書き換え';
    first.sections.pop();
    listTemplates()[0]!.title.ja = '書き換え';
    const second = getTemplate('bias-awareness-community')!;
    expect(second.sections[0]!.title.ja).toBe('家庭について');
    expect(second.sections.length).toBe(first.sections.length + 1);
    expect(listTemplates()[0]!.title.ja).not.toBe('書き換え');
  });

  it('returns undefined for unknown ids, prototype keys and non-strings', () => {
    for (const id of ['nope', '', 'toString', '__proto__', 'constructor', 'BIAS-AWARENESS-COMMUNITY']) {
      expect(getTemplate(id)).toBeUndefined();
    }
    expect(getTemplate(42 as unknown as string)).toBeUndefined();
    expect(getTemplate(undefined as unknown as string)).toBeUndefined();
  });
});

describe('shared conventions of the respondent templates', () => {
  const canonicalSex = question(getTemplate('bias-awareness-community')!, 'sex');
  const canonicalAge = question(getTemplate('bias-awareness-community')!, 'age_band');

  it('uses sex 1 男性 / 2 女性 / 3 その他 / 9 答えたくない (missing) and age bands 10代…70代以上', () => {
    expect(canonicalSex).toMatchObject({ type: 'single', role: 'quasiIdentifier' });
    const options = canonicalSex.type === 'single' ? canonicalSex.options : [];
    expect(options.map((o) => [o.code, o.label.ja, o.missing ?? false])).toEqual([
      [1, '男性', false],
      [2, '女性', false],
      [3, 'その他', false],
      [9, '答えたくない', true],
    ]);
    const ages = canonicalAge.type === 'single' ? canonicalAge.options : [];
    expect(ages.map((o) => `${o.code}:${o.label.ja}`)).toEqual([
      '1:10代',
      '2:20代',
      '3:30代',
      '4:40代',
      '5:50代',
      '6:60代',
      '7:70代以上',
    ]);
  });

  it.each(PROGRAMME)('%s codes sex and age_band the same way wherever it asks them', (id) => {
    const index = indexTemplate(getTemplate(id)!);
    const codes = (q: Question | undefined) =>
      q && (q.type === 'single' || q.type === 'multiple')
        ? q.options.map((o) => [o.code, o.label.ja])
        : undefined;
    const sex = index.questions.get('sex')?.question;
    const age = index.questions.get('age_band')?.question;
    if (sex) expect(codes(sex)).toEqual(codes(canonicalSex));
    if (age) expect(codes(age)).toEqual(codes(canonicalAge));
  });

  it.each(MINE)('%s carries version, licence, provenance, introduction and audience', (id) => {
    const t = getTemplate(id)!;
    expect(t.version).toBe('1.0.0');
    expect(t.licence).toBe('CC-BY-4.0');
    expect(t.$schema).toBe('./schema.json');
    expect(t.locales).toEqual(['ja', 'en']);
    expect(t.provenance.authors).toEqual(['kizuki developers']);
    expect(t.provenance.basedOn?.length).toBeGreaterThanOrEqual(3);
    for (const source of t.provenance.basedOn ?? [])
      expect(source).toMatchObject({ publisher: expect.any(String) });
    // The introduction says why, that answers are anonymous or not published by name, and how they are used.
    expect(t.introduction?.ja).toMatch(/匿名|公表することはありません/);
    expect(t.introduction?.en).toMatch(/anonymous|never published/);
    expect(t.introduction?.ja).toContain('使います');
    expect(t.audience?.ja).toBeTruthy();
  });

  it.each(MINE)('%s marks free texts as personal data and roles on attributes', (id) => {
    const index = indexTemplate(getTemplate(id)!);
    for (const { question: q } of index.questions.values()) {
      if (q.type === 'text') expect(q.personalData).toBe(true);
      if (['sex', 'age_band', 'area', 'employment', 'industry', 'size_band', 'role'].includes(q.id)) {
        expect(q).toMatchObject({ role: 'quasiIdentifier' });
      }
    }
  });
});

describe('bias-awareness-community', () => {
  const t = getTemplate('bias-awareness-community')!;
  const index = indexTemplate(t);
  const settings = ['home', 'community', 'work', 'elsewhere'];

  it('asks 40 distinct statements on the four-point agree scale, ten per setting', () => {
    expect(index.items.size).toBe(40);
    for (const setting of settings) {
      const matrices = index.sections.get(setting)!.section.questions;
      expect(matrices).toHaveLength(1);
      expect(matrices[0]).toMatchObject({ type: 'matrix', scale: 'agree4' });
    }
    const texts = [...index.items.values()].map((e) => e.item.text.ja);
    expect(new Set(texts).size).toBe(40);
    expect(t.scales?.agree4?.options.map((o) => o.label.ja)).toEqual([
      'そう思う',
      'どちらかといえばそう思う',
      'どちらかといえばそう思わない',
      'そう思わない',
      'わからない',
    ]);
    expect(t.scales?.agree4).toMatchObject({ favourable: [1, 2], missing: [9] });
  });

  it('scores each setting, the whole, and counts statements agreed with', () => {
    const scores = new Map((t.scores ?? []).map((s) => [s.id, s]));
    for (const setting of settings) {
      const items = (index.sections.get(setting)!.section.questions[0] as { items: { id: string }[] }).items;
      expect(scores.get(`${setting}_share`)).toMatchObject({
        method: 'favourableShare',
        items: items.map((i) => i.id),
      });
    }
    expect(scores.get('overall_share')?.items).toEqual([...index.items.keys()]);
    expect(scores.get('agreed_count')).toMatchObject({ method: 'count', items: [...index.items.keys()] });
  });

  it('benchmarks only the themes with published national figures, by sex, as shares', () => {
    const figures = (t.benchmarks ?? []).map((b) => [b.item, b.year, b.group?.sex, b.value]);
    expect(figures).toEqual([
      ['h01', 2022, 1, 0.487],
      ['h01', 2022, 2, 0.449],
      ['h01', 2021, 1, 0.503],
      ['h01', 2021, 2, 0.471],
      ['w01', 2021, 1, 0.202],
      ['w01', 2021, 2, 0.103],
      ['e01', 2021, 1, 0.31],
      ['e01', 2021, 2, 0.189],
      ['e02', 2021, 1, 0.373],
      ['e02', 2021, 2, 0.221],
    ]);
    for (const b of t.benchmarks ?? []) {
      expect(b.source).toContain(b.year === 2022 ? '令和4年度' : '令和3年度');
      expect(b.note?.en).toContain('indicative');
    }
    expect(index.items.get('h01')?.item.tags).toEqual(['breadwinner']);
  });

  it('asks how assumptions were imposed only of those who say they were', () => {
    const s = survey('bias-awareness-community');
    for (const id of ['imposed_how', 'imposed_where', 'imposed_by']) {
      expect(visible(s, id, { imposed: 1 })).toBe(true);
      expect(visible(s, id, { imposed: 2 })).toBe(false);
      expect(visible(s, id, { imposed: 9 })).toBe(false);
      expect(visible(s, id, {})).toBe(false);
    }
    const how = question(t, 'imposed_how');
    expect(how.type === 'multiple' && how.options.map((o) => o.label.en)).toEqual([
      'I was told directly',
      "I sensed it from other people's attitudes or behaviour",
      'I sensed it from TV, the internet, adverts or other media',
      'Other (please specify)',
    ]);
  });

  it('has placeholder areas and an employment question with prefer-not-to-say', () => {
    const area = question(t, 'area');
    expect(area.type === 'single' && area.options.map((o) => o.label.ja)).toEqual([
      '中心部',
      '周辺部',
      'その他の地域',
      '答えたくない',
    ]);
    const employment = question(t, 'employment');
    expect(employment.type === 'single' && employment.options.at(-1)).toMatchObject({
      code: 9,
      missing: true,
    });
  });
});

describe('bias-awareness-workplace', () => {
  const t = getTemplate('bias-awareness-workplace')!;
  const index = indexTemplate(t);

  it('covers assigning work, appraisal, training, leave, promotion and meetings', () => {
    for (const id of ['assignment', 'appraisal', 'training', 'leave', 'promotion', 'meetings']) {
      const q = index.sections.get(id)?.section.questions[0];
      expect(q).toMatchObject({ type: 'matrix', scale: 'agree4' });
      expect((t.scores ?? []).find((s) => s.id === `${id}_share`)?.method).toBe('favourableShare');
    }
  });

  it('asks the role first and shows the managers section only to those who lead others', () => {
    expect(t.sections[0]?.questions[0]).toMatchObject({ id: 'role', required: true });
    const s = survey('bias-awareness-workplace');
    expect([1, 2, 3, 4, 9].map((role) => visible(s, 'manager', { role }))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(visible(s, 'manager', {})).toBe(false);
    expect(index.sections.get('manager')?.section.questions.map((q) => q.id)).toEqual([
      'practice_items',
      'mgr_learning',
      'mgr_support',
    ]);
  });

  it('benchmarks the overtime theme with the FY2021 national figures', () => {
    expect((t.benchmarks ?? []).map((b) => [b.item, b.group, b.value, b.year])).toEqual([
      ['asg06', { sex: 1 }, 0.202, 2021],
      ['asg06', { sex: 2 }, 0.103, 2021],
    ]);
  });
});

describe('workplace-attractiveness', () => {
  const t = getTemplate('workplace-attractiveness')!;
  const index = indexTemplate(t);

  it('asks 30 items, 16 on ease of work and 14 on rewarding work, none reverse-keyed', () => {
    const ease = [...index.items.values()].filter((e) => e.question.id === 'ease_items');
    const reward = [...index.items.values()].filter((e) => e.question.id === 'reward_items');
    expect([ease.length, reward.length]).toEqual([16, 14]);
    expect([...index.items.values()].some((e) => e.item.reverse)).toBe(false);
    const tags = new Set([...index.items.values()].flatMap((e) => e.item.tags ?? []));
    for (const tag of [
      'hours',
      'flexibility',
      'telework',
      'leave',
      'life-events',
      'health',
      'womens-health',
    ]) {
      expect(tags).toContain(tag);
    }
    for (const tag of ['abilities', 'growth', 'appraisal', 'career', 'voice']) expect(tags).toContain(tag);
  });

  it('declares favourable-share scores and the two-thirds pass rule for all, men and women', () => {
    const scores = new Map((t.scores ?? []).map((s) => [s.id, s]));
    expect(scores.get('ease_share')?.items).toHaveLength(16);
    expect(scores.get('reward_share')?.items).toHaveLength(14);
    expect(scores.get('overall_share')?.items).toEqual([...index.items.keys()]);
    for (const score of scores.values()) expect(score.method).toBe('favourableShare');
    expect(t.passRules).toEqual([
      expect.objectContaining({
        score: 'overall_share',
        threshold: 2 / 3,
        groups: [
          expect.objectContaining({ id: 'men', where: { sex: 1 } }),
          expect.objectContaining({ id: 'women', where: { sex: 2 } }),
        ],
      }),
    ]);
  });
});

describe('employer-practices', () => {
  const t = getTemplate('employer-practices')!;
  const index = indexTemplate(t);
  const counts = ['hc_reg_m', 'hc_reg_f', 'hc_nonreg_m', 'hc_nonreg_f', 'mgr_m', 'mgr_f'];
  const leave = ['births_m', 'leave_m', 'purpose_leave_m', 'births_f', 'leave_f'];
  const wages = ['wage_reg_m', 'wage_reg_f', 'wage_nonreg_m', 'wage_nonreg_f'];

  it('asks the numbers behind the statutory indicators as non-negative integers with units', () => {
    for (const id of [...counts, ...leave]) {
      expect(question(t, id)).toMatchObject({ type: 'number', integer: true, min: 0, unit: { ja: '人' } });
    }
    for (const id of wages)
      expect(question(t, id)).toMatchObject({ type: 'number', integer: true, min: 0, unit: { ja: '円' } });
  });

  it('has company attributes as quasi-identifiers and an optional contact e-mail as identifier', () => {
    expect(question(t, 'industry')).toMatchObject({ type: 'single', role: 'quasiIdentifier' });
    expect(question(t, 'size_band')).toMatchObject({ type: 'single', role: 'quasiIdentifier' });
    const email = question(t, 'contact_email');
    expect(email).toMatchObject({ type: 'text', role: 'identifier', personalData: true });
    expect('required' in email && email.required).toBeFalsy();
  });

  it('offers "none" as the exclusive option of policies and difficulties, and "other" with a text', () => {
    for (const id of ['policies', 'difficulties']) {
      const q = question(t, id);
      if (q.type !== 'multiple') throw new Error(id);
      expect(q.options.filter((o) => o.exclusive).map((o) => o.label.ja)).toEqual([
        expect.stringMatching(/特にない/),
      ]);
      expect(q.options.filter((o) => o.other)).toHaveLength(1);
    }
    const policies = question(t, 'policies');
    expect(policies.type === 'multiple' && policies.options.map((o) => o.code)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 10,
    ]);
  });

  it('explains the indicator formulas with the question ids they use', () => {
    for (const id of ['mgr_f', 'leave_m', 'purpose_leave_m', 'births_m'])
      expect(t.provenance.notes?.en).toContain(id);
    expect(index.answerKeys).toEqual(expect.arrayContaining([...counts, ...leave, ...wages]));
  });
});
