import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hashTemplate,
  indexTemplate,
  localeCompleteness,
  parseTemplate,
  type Template,
} from '../../src/schema/index.js';
import {
  type Customisation,
  type CustomiseResult,
  customiseTemplate,
  getTemplate,
  templateTexts,
} from '../../src/templates/index.js';

const community = () => getTemplate('bias-awareness-community')!;
const attractiveness = () => getTemplate('workplace-attractiveness')!;

function ok(result: CustomiseResult): Template {
  if (!result.success) throw new Error(JSON.stringify(result.issues, null, 1));
  return result.template;
}

function fail(result: CustomiseResult) {
  if (result.success) throw new Error('expected issues');
  return result.issues;
}

const customise = (base: Template, changes: readonly unknown[], extra: Record<string, unknown> = {}) =>
  customiseTemplate(base, { id: 'town-survey', changes: changes as Customisation[], ...extra });

const answerKeys = (t: Template) => indexTemplate(t).answerKeys;
const allText = (t: Template) => templateTexts(t).flatMap((x) => Object.values(x.text));

describe('the new template', () => {
  it('has its own id and version, records its base, and passes parseTemplate', () => {
    const base = community();
    const result = customiseTemplate(base, {
      id: 'toyooka-bias',
      version: '2.1.0',
      authors: ['豊岡市'],
      changes: [],
    });
    const t = ok(result);
    expect(t).toMatchObject({ id: 'toyooka-bias', version: '2.1.0' });
    expect(t.derivedFrom).toEqual({ id: base.id, version: '1.0.0', hash: hashTemplate(base), changes: [] });
    expect(t.provenance.authors).toEqual(['kizuki developers', '豊岡市']);
    expect(result.success && result.survey.hash).toBe(hashTemplate(t));
    expect(parseTemplate(t).success).toBe(true);
    expect(answerKeys(t)).toEqual(answerKeys(base));
  });

  it('defaults the version to 1.0.0 and leaves the base untouched', () => {
    const base = community();
    const before = structuredClone(base);
    const t = ok(customise(base, [{ kind: 'removeItem', id: 'c03' }]));
    expect(t.version).toBe('1.0.0');
    expect(base).toEqual(before);
  });
});

describe('substitute', () => {
  it('fills {municipality} in every locale and keeps every id', () => {
    const base = community();
    const t = ok(
      customise(base, [
        { kind: 'substitute', values: { municipality: { ja: '豊岡市', en: 'Toyooka City' } }, note: 'name' },
      ]),
    );
    expect(t.introduction?.ja.startsWith('豊岡市では')).toBe(true);
    expect(t.introduction?.en?.startsWith('Toyooka City wants')).toBe(true);
    expect(allText(t).some((text) => text.includes('{municipality}'))).toBe(false);
    expect(answerKeys(t)).toEqual(answerKeys(base));
    expect(t.derivedFrom?.changes).toEqual([{ kind: 'substitute', target: 'municipality', note: 'name' }]);
  });

  it('takes one string for all locales', () => {
    const t = ok(customise(community(), [{ kind: 'substitute', values: { municipality: 'Kizuki' } }]));
    expect(t.introduction?.ja).toContain('Kizukiでは');
    expect(t.introduction?.en).toContain('Kizuki wants');
  });

  it('reports a locale the value lacks, an unknown placeholder and a piped answer', () => {
    const lacking = fail(
      customise(community(), [{ kind: 'substitute', values: { municipality: { ja: '豊岡市' } } }]),
    );
    expect(lacking).toEqual([
      expect.objectContaining({
        code: 'incomplete_text',
        path: ['changes', 0, 'values', 'municipality'],
        params: { missing: ['en'] },
      }),
    ]);
    const unknown = fail(customise(community(), [{ kind: 'substitute', values: { municipalty: 'x' } }]));
    expect(unknown.map((i) => [i.code, i.path])).toEqual([
      ['placeholder_not_found', ['changes', 0, 'values', 'municipalty']],
    ]);
    const piped = fail(
      customise(getTemplate('example-all-features')!, [{ kind: 'substitute', values: { why_leave: 'x' } }]),
    );
    expect(piped.map((i) => i.code)).toEqual(['placeholder_is_answer']);
    const badName = fail(customise(community(), [{ kind: 'substitute', values: { 'not a name': 'x' } }]));
    expect(badName.map((i) => i.code)).toEqual(['invalid_placeholder']);
  });
});

describe('removing', () => {
  it('removes an item from its matrix and from every score', () => {
    const t = ok(
      customise(community(), [{ kind: 'removeItem', id: 'c03', note: 'no shrine festival here' }]),
    );
    expect(answerKeys(t)).not.toContain('c03');
    const scores = new Map((t.scores ?? []).map((s) => [s.id, s]));
    expect(scores.get('community_share')?.items).toEqual([
      'c01',
      'c02',
      'c04',
      'c05',
      'c06',
      'c07',
      'c08',
      'c09',
      'c10',
    ]);
    expect(scores.get('agreed_count')?.items).toHaveLength(39);
    expect(t.derivedFrom?.changes).toEqual([
      { kind: 'removeItem', target: 'c03', note: 'no shrine festival here' },
    ]);
  });

  it('drops the benchmarks of a removed item and keeps the others', () => {
    const t = ok(customise(community(), [{ kind: 'removeItem', id: 'h01' }]));
    expect((t.benchmarks ?? []).map((b) => b.item)).toEqual(['w01', 'w01', 'e01', 'e01', 'e02', 'e02']);
  });

  it('drops a matrix, its scores and an emptied section with the last item', () => {
    const changes = ['h01', 'h02', 'h03', 'h04', 'h05', 'h06', 'h07', 'h08', 'h09', 'h10'].map((id) => ({
      kind: 'removeItem',
      id,
    }));
    const t = ok(customise(community(), changes));
    expect(t.sections.map((s) => s.id)).not.toContain('home');
    expect((t.scores ?? []).map((s) => s.id)).not.toContain('home_share');
    expect(t.derivedFrom?.changes.at(-1)).toEqual({ kind: 'removeQuestion', target: 'home_items' });
  });

  it('clips minAnswered to the items left', () => {
    const changes = ['h01', 'h02', 'h03', 'h04', 'h05', 'h06', 'h07'].map((id) => ({
      kind: 'removeItem',
      id,
    }));
    const t = ok(customise(community(), changes));
    expect(t.scores?.find((s) => s.id === 'home_share')).toMatchObject({
      items: ['h08', 'h09', 'h10'],
      minAnswered: 3,
    });
  });

  it('refuses to remove an answer that conditions or groups still use', () => {
    const issues = fail(customise(community(), [{ kind: 'removeQuestion', id: 'imposed' }]));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'still_referenced',
        path: ['changes', 0, 'id'],
        params: {
          id: 'imposed',
          where: [
            'sections[4].questions[0].visibleIf',
            'sections[4].questions[1].visibleIf',
            'sections[4].questions[2].visibleIf',
          ],
        },
      }),
    ]);
    const sex = fail(customise(attractiveness(), [{ kind: 'removeQuestion', id: 'sex' }]));
    expect(sex.map((i) => i.code)).toEqual(['still_referenced']);
    expect(sex[0]?.params?.where).toEqual([
      'passRules[0].groups[0].where.sex',
      'passRules[0].groups[1].where.sex',
    ]);
  });

  it('removes a question together with what depends on it, in any order', () => {
    for (const order of [
      ['imposed', 'imposed_how', 'imposed_where', 'imposed_by'],
      ['imposed_by', 'imposed_where', 'imposed_how', 'imposed'],
    ]) {
      const t = ok(
        customise(
          community(),
          order.map((id) => ({ kind: 'removeQuestion', id })),
        ),
      );
      expect(t.sections.map((s) => s.id)).not.toContain('experience');
    }
  });

  it('reports unknown ids', () => {
    const issues = fail(
      customise(community(), [
        { kind: 'removeQuestion', id: 'h01' },
        { kind: 'removeItem', id: 'sex' },
        { kind: 'removeItem', id: 'toString' },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_question', ['changes', 0, 'id']],
      ['unknown_item', ['changes', 1, 'id']],
      ['unknown_item', ['changes', 2, 'id']],
    ]);
  });
});

describe('rewording and the id rule', () => {
  const c08 = { ja: '消防団の団員は、男性が務めるものだ。', en: 'Fire brigade members should be men.' };

  it('gives a reworded item a new id, and scores follow it', () => {
    const t = ok(customise(community(), [{ kind: 'rewordItem', id: 'c08', text: c08 }]));
    const index = indexTemplate(t);
    expect(index.items.has('c08')).toBe(false);
    expect(index.items.get('c08_m1')?.item.text).toEqual(c08);
    expect(index.items.get('c08_m1')?.itemIndex).toBe(7);
    expect(t.scores?.find((s) => s.id === 'community_share')?.items).toContain('c08_m1');
    expect(t.derivedFrom?.changes).toEqual([{ kind: 'rewordItem', target: 'c08', replacedBy: 'c08_m1' }]);
  });

  it('keeps the id of an editorial change', () => {
    const text = { ja: '消防団の活動は、男性がするものだ', en: 'Volunteer fire brigade work is for men' };
    const t = ok(
      customise(community(), [{ kind: 'rewordItem', id: 'c08', text, editorial: true, note: 'punctuation' }]),
    );
    expect(indexTemplate(t).items.get('c08')?.item.text).toEqual(text);
    expect(t.derivedFrom?.changes).toEqual([
      { kind: 'rewordItem', target: 'c08', editorial: true, note: 'punctuation' },
    ]);
  });

  it('uses a caller-supplied id, and counts on from _mN in later generations', () => {
    const t = ok(
      customise(community(), [{ kind: 'rewordItem', id: 'c08', text: c08, newId: 'fire_brigade' }]),
    );
    expect(indexTemplate(t).items.has('fire_brigade')).toBe(true);
    const first = ok(
      customise(community(), [{ kind: 'rewordItem', id: 'h01', text: { ja: 'あ', en: 'a' } }]),
    );
    const second = ok(
      customiseTemplate(first, {
        id: 'town-survey-2',
        changes: [{ kind: 'rewordItem', id: 'h01_m1', text: { ja: 'い', en: 'b' } }],
      }),
    );
    expect(answerKeys(second)).toContain('h01_m2');
    expect(second.derivedFrom).toMatchObject({ id: 'town-survey', hash: hashTemplate(first) });
  });

  it('drops the benchmarks of a reworded item: they were matched to the old wording', () => {
    const t = ok(customise(community(), [{ kind: 'rewordItem', id: 'e02', text: { ja: 'あ', en: 'a' } }]));
    expect((t.benchmarks ?? []).some((b) => b.item === 'e02' || b.item === 'e02_m1')).toBe(false);
    const editorial = ok(
      customise(community(), [
        { kind: 'rewordItem', id: 'e02', text: { ja: 'あ', en: 'a' }, editorial: true },
      ]),
    );
    expect((editorial.benchmarks ?? []).filter((b) => b.item === 'e02')).toHaveLength(2);
  });

  it('never reuses an id of the base, even a removed one', () => {
    const issues = fail(
      customise(community(), [
        { kind: 'removeItem', id: 'c03' },
        { kind: 'rewordItem', id: 'c08', text: c08, newId: 'c03' },
        { kind: 'rewordItem', id: 'c09', text: c08, newId: 'sex' },
        { kind: 'rewordItem', id: 'c10', text: c08, newId: 'Not valid' },
        { kind: 'rewordItem', id: 'c07', text: c08, newId: 'in' },
        { kind: 'rewordItem', id: 'c06', text: c08, newId: 'x', editorial: true },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['duplicate_id', ['changes', 1, 'newId']],
      ['duplicate_id', ['changes', 2, 'newId']],
      ['invalid_id', ['changes', 3, 'newId']],
      ['invalid_id', ['changes', 4, 'newId']],
      ['editorial_with_new_id', ['changes', 5, 'newId']],
    ]);
  });

  it('rewords a question: new id, and conditions that read it follow', () => {
    const label = {
      ja: '性別による決めつけを受けたことはありますか。',
      en: 'Have you faced assumptions because of your sex?',
    };
    const t = ok(customise(community(), [{ kind: 'rewordQuestion', id: 'imposed', label }]));
    const index = indexTemplate(t);
    expect(index.questions.get('imposed_m1')?.question.label).toEqual(label);
    expect(index.questions.get('imposed_how')?.question.visibleIf).toBe('imposed_m1 = 1');
    expect(t.derivedFrom?.changes).toEqual([
      { kind: 'rewordQuestion', target: 'imposed', replacedBy: 'imposed_m1' },
    ]);
  });

  it('renames groups of benchmarks and pass rules with a reworded sex question', () => {
    const options = { '3': { ja: 'それ以外', en: 'Another' } };
    const t = ok(customise(attractiveness(), [{ kind: 'rewordQuestion', id: 'sex', options }]));
    expect(t.passRules?.[0]?.groups.map((g) => g.where)).toEqual([{ sex_m1: 1 }, { sex_m1: 2 }]);
    const c = ok(customise(community(), [{ kind: 'rewordQuestion', id: 'sex', options, newId: 'gender' }]));
    expect(new Set((c.benchmarks ?? []).map((b) => Object.keys(b.group ?? {})[0]))).toEqual(
      new Set(['gender']),
    );
  });

  it('renames every row when a matrix stem is reworded', () => {
    const label = {
      ja: '次の考えは、あなたの周りでどのくらい見られますか。',
      en: 'How common are these views around you?',
    };
    const t = ok(customise(community(), [{ kind: 'rewordQuestion', id: 'home_items', label }]));
    const index = indexTemplate(t);
    expect(index.questions.has('home_items_m1')).toBe(true);
    expect([...index.items.keys()].slice(0, 10)).toEqual(
      ['h01', 'h02', 'h03', 'h04', 'h05', 'h06', 'h07', 'h08', 'h09', 'h10'].map((id) => `${id}_m1`),
    );
    expect(t.derivedFrom?.changes).toHaveLength(11);
    expect(t.derivedFrom?.changes[1]).toEqual({ kind: 'rewordItem', target: 'h01', replacedBy: 'h01_m1' });
  });

  it('relabels options, help and units, and checks they exist', () => {
    const area = {
      '1': { ja: '豊岡地域', en: 'Toyooka district' },
      '2': { ja: '城崎・竹野・日高地域', en: 'Kinosaki, Takeno and Hidaka districts' },
      '3': { ja: '出石・但東地域', en: 'Izushi and Tanto districts' },
    };
    const t = ok(
      customise(community(), [{ kind: 'rewordQuestion', id: 'area', options: area, editorial: true }]),
    );
    const q = indexTemplate(t).questions.get('area')?.question;
    expect(q?.type === 'single' && q.options.map((o) => o.label.ja)).toEqual([
      '豊岡地域',
      '城崎・竹野・日高地域',
      '出石・但東地域',
      '答えたくない',
    ]);
    const unit = { ja: '千円', en: 'thousand yen' };
    const employer = ok(
      customise(getTemplate('employer-practices')!, [{ kind: 'rewordQuestion', id: 'wage_reg_m', unit }]),
    );
    expect(indexTemplate(employer).questions.get('wage_reg_m_m1')?.question).toMatchObject({ unit });
    const issues = fail(
      customise(community(), [
        { kind: 'rewordQuestion', id: 'area', options: { '7': { ja: 'x', en: 'x' } } },
        { kind: 'rewordQuestion', id: 'sex', unit },
        { kind: 'rewordQuestion', id: 'home_items', options: area },
        { kind: 'rewordQuestion', id: 'sex' },
        { kind: 'rewordQuestion', id: 'nope', label: unit },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_code', ['changes', 0, 'options', '7']],
      ['no_unit', ['changes', 1, 'unit']],
      ['no_options', ['changes', 2, 'options']],
      ['nothing_to_change', ['changes', 3]],
      ['unknown_question', ['changes', 4, 'id']],
    ]);
  });

  it('insists that a new text has every locale of the template and no other', () => {
    const issues = fail(
      customise(community(), [
        { kind: 'rewordItem', id: 'c01', text: { ja: 'だけ' } },
        { kind: 'rewordItem', id: 'c02', text: { ja: 'あ', en: 'a', fr: 'a' } },
        { kind: 'rewordItem', id: 'c04', text: { ja: '', en: 'a' } },
        { kind: 'rewordItem', id: 'c05', text: 'just a string' },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['incomplete_text', ['changes', 0, 'text']],
      ['undeclared_locale', ['changes', 1, 'text', 'fr']],
      ['invalid_text', ['changes', 2, 'text', 'ja']],
      ['invalid_text', ['changes', 3, 'text']],
    ]);
  });
});

describe('relabelScale', () => {
  const labels = { '1': { ja: 'とてもあてはまる', en: 'Fully applies' } };

  it('renames every answer on the scale unless editorial', () => {
    const base = attractiveness();
    const t = ok(customise(base, [{ kind: 'relabelScale', scale: 'apply4', labels }]));
    const renamed = answerKeys(base).filter((k) => /^(ease|rew)\d+$|^stay$|^recommend$/.test(k));
    expect(renamed).toHaveLength(32);
    for (const key of renamed) {
      expect(answerKeys(t)).not.toContain(key);
      expect(answerKeys(t)).toContain(`${key}_m1`);
    }
    expect(answerKeys(t)).toContain('sex');
    expect(t.scores?.find((s) => s.id === 'overall_share')?.items[0]).toBe('ease01_m1');
    expect(t.derivedFrom?.changes[0]).toEqual({ kind: 'relabelScale', target: 'apply4' });
    expect(t.derivedFrom?.changes).toHaveLength(33);
    expect(t.scales?.apply4?.options[0]?.label).toEqual(labels['1']);
  });

  it('keeps ids when editorial, and reports unknown scales and codes', () => {
    const base = attractiveness();
    const t = ok(customise(base, [{ kind: 'relabelScale', scale: 'apply4', labels, editorial: true }]));
    expect(answerKeys(t)).toEqual(answerKeys(base));
    const issues = fail(
      customise(base, [
        { kind: 'relabelScale', scale: 'agree4', labels },
        { kind: 'relabelScale', scale: 'apply4', labels: { '5': labels['1'] } },
        { kind: 'relabelScale', scale: 'apply4', labels: {} },
      ]),
    );
    expect(issues.map((i) => i.code)).toEqual(['unknown_scale', 'unknown_code', 'nothing_to_change']);
  });
});

describe('adding', () => {
  const commute = {
    id: 'commute',
    type: 'single',
    role: 'quasiIdentifier',
    label: { ja: '主な通勤手段は何ですか。', en: 'How do you usually travel to work?' },
    options: [
      { code: 1, label: { ja: '車', en: 'Car' } },
      { code: 2, label: { ja: 'それ以外', en: 'Other' } },
    ],
  };

  it('inserts a question after another, or at the end of its section', () => {
    const t = ok(
      customise(community(), [{ kind: 'addQuestion', section: 'about', after: 'area', question: commute }]),
    );
    const about = t.sections.find((s) => s.id === 'about')!;
    expect(about.questions.map((q) => q.id).slice(0, 4)).toEqual(['sex', 'age_band', 'area', 'commute']);
    expect(t.derivedFrom?.changes).toEqual([{ kind: 'addQuestion', target: 'commute' }]);
    const end = ok(customise(community(), [{ kind: 'addQuestion', section: 'about', question: commute }]));
    expect(end.sections.find((s) => s.id === 'about')!.questions.at(-1)?.id).toBe('commute');
  });

  it('adds an item to a matrix, in place', () => {
    const item = {
      id: 'h11',
      text: {
        ja: '休日の家族の予定は、父親が決めるものだ。',
        en: "Fathers decide the family's plans for days off.",
      },
    };
    const t = ok(customise(community(), [{ kind: 'addItem', question: 'home_items', after: 'h02', item }]));
    expect([...indexTemplate(t).items.keys()].slice(0, 4)).toEqual(['h01', 'h02', 'h11', 'h03']);
    expect(t.derivedFrom?.changes).toEqual([{ kind: 'addItem', target: 'h11' }]);
  });

  it('reports unknown places, taken ids and questions that parseTemplate refuses', () => {
    const issues = fail(
      customise(community(), [
        { kind: 'addQuestion', section: 'nowhere', question: commute },
        { kind: 'addQuestion', section: 'about', after: 'h01', question: commute },
        { kind: 'addQuestion', section: 'about', question: { ...commute, id: 'h01' } },
        { kind: 'addQuestion', section: 'about', question: { ...commute, id: 42 } },
        { kind: 'addItem', question: 'sex', item: { id: 'x1', text: { ja: 'x', en: 'x' } } },
        { kind: 'addItem', question: 'home_items', item: { id: 'c01', text: { ja: 'x', en: 'x' } } },
        {
          kind: 'addItem',
          question: 'home_items',
          after: 'c01',
          item: { id: 'x2', text: { ja: 'x', en: 'x' } },
        },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_section', ['changes', 0, 'section']],
      ['not_in_section', ['changes', 1, 'after']],
      ['duplicate_id', ['changes', 2, 'question', 'id']],
      ['invalid_change', ['changes', 3, 'question', 'id']],
      ['not_matrix', ['changes', 4, 'question']],
      ['duplicate_id', ['changes', 5, 'item', 'id']],
      ['unknown_item', ['changes', 6, 'after']],
    ]);
    const shape = fail(
      customise(community(), [
        { kind: 'addQuestion', section: 'about', question: { ...commute, type: 'slider' } },
      ]),
    );
    expect(shape.map((i) => i.code)).toEqual(['invalid_question_type']);
    expect(shape[0]?.path.slice(0, 3)).toEqual(['sections', 5, 'questions']);
  });
});

describe('addLocale and setText', () => {
  it('adds a language from a map of text keys', () => {
    const base = getTemplate('workplace-attractiveness')!;
    const texts = Object.fromEntries(templateTexts(base).map((t) => [t.key, `[vi] ${t.text.en}`]));
    const t = ok(customise(base, [{ kind: 'addLocale', locale: 'vi', texts }]));
    expect(t.locales).toEqual(['ja', 'en', 'vi']);
    expect(localeCompleteness({ template: t, locales: ['vi'] })[0]?.ratio).toBe(1);
    expect(t.title.vi).toBe(`[vi] ${base.title.en}`);
    expect(indexTemplate(t).items.get('ease01')?.item.text.vi).toMatch(/^\[vi\] My working hours/);
    expect(answerKeys(t)).toEqual(answerKeys(base));
    expect(t.derivedFrom?.changes).toEqual([{ kind: 'addLocale', target: 'vi' }]);
  });

  it('lists the keys still missing, and refuses unknown keys and existing locales', () => {
    const base = getTemplate('workshop-feedback')!;
    const texts: Record<string, string> = Object.fromEntries(templateTexts(base).map((t) => [t.key, 'x']));
    delete texts.title;
    texts['items.nope'] = 'x';
    const issues = fail(customise(base, [{ kind: 'addLocale', locale: 'ko', texts }]));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_text_key', ['changes', 0, 'texts', 'items.nope']],
      ['missing_texts', ['changes', 0, 'texts']],
    ]);
    expect(issues[1]?.params).toMatchObject({ locale: 'ko', count: 1, missing: ['title'] });
    const again = fail(
      customise(base, [
        { kind: 'addLocale', locale: 'en', texts },
        { kind: 'addLocale', locale: '__proto__', texts },
      ]),
    );
    expect(again.map((i) => i.code)).toEqual(['locale_exists', 'invalid_locale']);
  });

  it('lets a later change use the new locale', () => {
    const base = getTemplate('workshop-feedback')!;
    const texts = Object.fromEntries(templateTexts(base).map((t) => [t.key, 'x']));
    const t = ok(
      customise(base, [
        { kind: 'addLocale', locale: 'ko', texts },
        {
          kind: 'setText',
          key: 'title',
          text: { ja: '研修の感想', en: 'Workshop feedback', ko: '워크숍 소감' },
        },
      ]),
    );
    expect(t.title).toEqual({ ja: '研修の感想', en: 'Workshop feedback', ko: '워크숍 소감' });
  });

  it('sets texts that do not shape answers, and sends the others to the reword changes', () => {
    const intro = { ja: '豊岡市からのお願いです。', en: 'A request from Toyooka City.' };
    const t = ok(
      customise(community(), [
        { kind: 'setText', key: 'introduction', text: intro },
        { kind: 'setText', key: 'sections.home.title', text: { ja: 'ご家庭', en: 'Home life' } },
      ]),
    );
    expect(t.introduction).toEqual(intro);
    expect(t.sections[0]?.title.ja).toBe('ご家庭');
    expect(answerKeys(t)).toEqual(answerKeys(community()));
    const issues = fail(
      customise(community(), [
        { kind: 'setText', key: 'questions.sex.label', text: intro },
        { kind: 'setText', key: 'items.h01', text: intro },
        { kind: 'setText', key: 'scales.agree4.options.1', text: intro },
        { kind: 'setText', key: 'questions.nope.label', text: intro },
      ]),
    );
    expect(issues.map((i) => [i.code, i.params?.kind])).toEqual([
      ['use_reword', 'rewordQuestion'],
      ['use_reword', 'rewordItem'],
      ['use_reword', 'relabelScale'],
      ['unknown_text_key', undefined],
    ]);
  });
});

describe('bad input', () => {
  it('checks the options themselves', () => {
    const base = community();
    const codes = (options: unknown) => fail(customiseTemplate(base, options as never)).map((i) => i.code);
    expect(codes(null)).toEqual(['invalid_options']);
    expect(codes({ id: 'Bad Id', changes: [] })).toEqual(['invalid_template_id']);
    expect(codes({ id: base.id, changes: [] })).toEqual(['same_template_id']);
    expect(codes({ id: 'ok-id', version: 'v1', changes: [] })).toEqual(['invalid_version']);
    expect(codes({ id: 'ok-id', changes: 'all' })).toEqual(['invalid_change']);
    expect(codes({ id: 'ok-id', authors: [''], changes: [] })).toEqual(['invalid_change']);
    expect(codes({ id: 'ok-id', changes: Array.from({ length: 10_001 }, () => ({})) })).toEqual([
      'too_many_changes',
    ]);
  });

  it('checks each change', () => {
    const issues = fail(
      customise(community(), [
        null,
        { kind: 'renameEverything' },
        { kind: 'removeItem' },
        { kind: 'removeItem', id: 'c01', note: 7 },
        { kind: 'rewordItem', id: 'c02', text: { ja: 'a', en: 'a' }, editorial: 'yes' },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_change', ['changes', 0]],
      ['unknown_kind', ['changes', 1, 'kind']],
      ['invalid_change', ['changes', 2, 'id']],
      ['invalid_change', ['changes', 3, 'note']],
      ['invalid_change', ['changes', 4, 'editorial']],
    ]);
  });

  it('reports a broken base under the path "base"', () => {
    const base = community();
    base.version = 'one';
    const issues = fail(customise(base, []));
    expect(issues[0]?.path).toEqual(['base', 'version']);
  });

  it('writes messages in Japanese by default and in English on request', () => {
    const ja = fail(customise(community(), [{ kind: 'removeItem', id: 'zz' }]));
    const en = fail(customise(community(), [{ kind: 'removeItem', id: 'zz' }], { locale: 'en' }));
    expect(ja[0]?.message).toBe('「zz」という項目（マトリクスの行）はありません');
    expect(en[0]?.message).toBe('No matrix item "zz"');
  });

  it('survives prototype keys, throwing getters, huge strings and odd values', () => {
    const polluted = JSON.parse(
      '{"kind":"addLocale","locale":"vi","texts":{"__proto__":"x","constructor":"y"}}',
    );
    const issues = fail(customise(community(), [polluted]));
    expect(issues.map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['unknown_text_key', '__proto__'],
      ['unknown_text_key', 'constructor'],
      ['missing_texts', 'texts'],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();

    const trap = {
      kind: 'removeItem',
      get id(): string {
        throw new Error('boom');
      },
    };
    expect(fail(customise(community(), [trap])).map((i) => i.code)).toEqual(['internal_error']);

    const huge = 'あ'.repeat(200_000);
    const long = fail(
      customise(community(), [{ kind: 'rewordItem', id: 'h01', text: { ja: huge, en: 'a' } }]),
    );
    expect(long.map((i) => i.code)).toEqual(['string_too_long']);

    const odd = fail(
      customise(community(), [
        { kind: 'rewordItem', id: 'h01', text: { ja: Number.NaN, en: 'a' } },
        { kind: 'removeItem', id: ['h02'] },
        { kind: 'setText', key: 'title', text: [] },
      ]),
    );
    expect(odd.map((i) => i.code)).toEqual(['invalid_text', 'invalid_change', 'invalid_text']);
  });
});

describe('properties', () => {
  const base = community();
  const items = [...indexTemplate(base).items.keys()];

  it('keeps the id of every item left unchanged; reworded items get new ids, removed ones vanish', () => {
    const plan = fc.array(
      fc.tuple(fc.constantFrom(...items), fc.constantFrom('keep', 'remove', 'reword', 'editorial')),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(plan, (entries) => {
        const actions = new Map(entries);
        const changes = [...actions].flatMap(([id, action]): Customisation[] => {
          const text = { ja: `${id}の新しい文`, en: `New wording of ${id}` };
          if (action === 'remove') return [{ kind: 'removeItem', id }];
          if (action === 'reword') return [{ kind: 'rewordItem', id, text }];
          if (action === 'editorial') return [{ kind: 'rewordItem', id, text, editorial: true }];
          return [];
        });
        const t = ok(customise(base, changes));
        const keys = new Set(answerKeys(t));
        for (const id of items) {
          const action = actions.get(id) ?? 'keep';
          expect(keys.has(id)).toBe(action === 'keep' || action === 'editorial');
          expect(keys.has(`${id}_m1`)).toBe(action === 'reword');
        }
        for (const key of answerKeys(base)) if (!items.includes(key)) expect(keys.has(key)).toBe(true);
        expect(t.derivedFrom?.changes.filter((c) => c.replacedBy !== undefined)).toHaveLength(
          [...actions.values()].filter((a) => a === 'reword').length,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('never throws on arbitrary changes', () => {
    const change = fc.oneof(
      fc.anything(),
      fc.record({
        kind: fc.constantFrom(
          'addQuestion',
          'removeQuestion',
          'rewordQuestion',
          'addItem',
          'removeItem',
          'rewordItem',
          'relabelScale',
          'addLocale',
          'setText',
          'substitute',
        ),
        id: fc.oneof(fc.constantFrom(...items, 'sex', 'area', 'home_items'), fc.anything()),
        text: fc.anything(),
        label: fc.anything(),
        options: fc.anything(),
        section: fc.anything(),
        question: fc.anything(),
        item: fc.anything(),
        scale: fc.anything(),
        labels: fc.anything(),
        locale: fc.anything(),
        texts: fc.anything(),
        values: fc.anything(),
        key: fc.anything(),
        newId: fc.anything(),
        editorial: fc.anything(),
      }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 5 }), (changes) => {
        const result = customise(base, changes);
        expect(typeof result.success).toBe('boolean');
        if (!result.success) for (const issue of result.issues) expect(typeof issue.message).toBe('string');
      }),
      { numRuns: 50 },
    );
  });
});
