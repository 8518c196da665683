import { Model } from 'survey-core';
import { describe, expect, it, vi } from 'vitest';
import { fromSurveyJS, INTRODUCTION_NAME, toSurveyJS } from '../../../src/io/index.js';
import { hashTemplate, loadTemplate, parseTemplate } from '../../../src/schema/index.js';
import { builtInSurveys } from '../interopPaths.js';

/** Issues as code and dotted path, to compare a loss report as a whole. */
const report = (issues: { code: string; path: (string | number)[] }[]) =>
  issues.map((i) => `${i.code} ${i.path.join('.')}`);

describe('fromSurveyJS on surveys written the older way', () => {
  it('reads a `questions` array at the top of the survey as its one page', () => {
    const json = {
      title: 'Commute',
      questions: [
        { type: 'radiogroup', name: 'mode', title: 'How do you get to work?', choices: ['1', '2', '3'] },
        { type: 'text', name: 'minutes', inputType: 'number', title: 'Minutes', visibleIf: '{mode} = 2' },
      ],
    };
    const { template, unconverted: issues } = fromSurveyJS(json, { locale: 'en' });
    expect(parseTemplate(template).success).toBe(true);
    expect(template.sections).toHaveLength(1);
    const [mode, minutes] = template.sections[0]!.questions;
    expect(mode).toMatchObject({
      id: 'mode',
      type: 'single',
      options: [{ code: 1 }, { code: 2 }, { code: 3 }],
    });
    expect(minutes).toMatchObject({ id: 'minutes', type: 'number', visibleIf: 'selected(mode, 2)' });
    expect(report(issues)).not.toContain('unsupported_property questions');
    expect(issues.filter((i) => i.path[0] === 'questions' && i.code === 'unsupported_property')).toEqual([]);
  });

  it('reads `questions` on pages and panels, with paths that point into them', () => {
    const json = {
      pages: [
        { name: 'p1', questions: [{ type: 'comment', name: 'why', title: 'Why?' }] },
        {
          name: 'p2',
          questions: [
            { type: 'panel', name: 'box', questions: [{ type: 'boolean', name: 'ok', title: 'OK?' }] },
            { type: 'file', name: 'upload', title: 'Upload' },
          ],
        },
      ],
    };
    const { template, unconverted: issues } = fromSurveyJS(json, { locale: 'en' });
    expect(parseTemplate(template).success).toBe(true);
    expect(template.sections.map((s) => s.questions.map((q) => `${q.id}:${q.type}`))).toEqual([
      ['why:text'],
      ['ok:single'],
    ]);
    expect(report(issues)).toEqual(
      expect.arrayContaining([
        'panel_flattened pages.1.questions.0',
        'unsupported_element pages.1.questions.1',
      ]),
    );
  });
});

describe('fromSurveyJS on conditions that read questions which can be hidden', () => {
  it('reports each condition that reads such a question, once per question', () => {
    const json = {
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'radiogroup', name: 'works', choices: [1, 2] },
            { type: 'text', name: 'hours', inputType: 'number', visibleIf: '{works} = 1' },
            { type: 'comment', name: 'why', visibleIf: '{hours} > 40 or {hours} < 10' },
            { type: 'comment', name: 'guarded', visibleIf: '{works} = 1 and {hours} > 40' },
          ],
        },
      ],
    };
    const { template, unconverted } = fromSurveyJS(json, { locale: 'en' });
    expect(parseTemplate(template).success).toBe(true);
    // The condition is kept (kizuki's meaning: a hidden answer is unanswered) and the difference said.
    expect(template.sections[0]!.questions[2]!.visibleIf).toBe(
      'answered(hours) and hours > 40 or answered(hours) and hours < 10',
    );
    expect(report(unconverted).filter((line) => line.startsWith('hidden_answer_read'))).toEqual([
      'hidden_answer_read pages.0.elements.2.visibleIf',
    ]);
    expect(unconverted.find((i) => i.code === 'hidden_answer_read')?.params).toMatchObject({ name: 'hours' });
  });

  it.each(builtInSurveys())(
    'reports nothing for the export of $file, whose reads are guarded',
    ({ survey }) => {
      const { unconverted } = fromSurveyJS(toSurveyJS(survey).json);
      expect(unconverted.filter((i) => i.code === 'hidden_answer_read')).toEqual([]);
    },
  );
});

describe('fromSurveyJS on validators, rating scales, locales and choice order', () => {
  it('turns answercount, numeric and text validators into kizuki constraints and reports the rest', () => {
    const json = {
      title: 'Working hours',
      questions: [
        {
          type: 'checkbox',
          name: 'days',
          title: 'Which days do you work?',
          choices: ['Mon', 'Tue', 'Wed'],
          validators: [{ type: 'answercount', minCount: 1, maxCount: 2, text: 'Pick one or two' }],
        },
        {
          type: 'text',
          name: 'hours',
          title: 'Hours a week',
          inputType: 'number',
          min: 0,
          validators: [{ type: 'numeric', minValue: 1, maxValue: 80 }],
        },
        {
          type: 'comment',
          name: 'notes',
          title: 'Notes',
          maxLength: 500,
          validators: [
            { type: 'text', minLength: 10, maxLength: 200 },
            { type: 'regex', regex: '^[a-z]+$' },
          ],
        },
        { type: 'text', name: 'mail', title: 'E-mail', validators: [{ type: 'email' }] },
      ],
    };
    const { template, unconverted } = fromSurveyJS(json, { locale: 'en' });
    expect(parseTemplate(template).success).toBe(true);
    expect(template).toEqual({
      id: 'imported-survey',
      version: '1.0.0',
      locales: ['ja', 'en'],
      title: { ja: 'Working hours', en: 'Working hours' },
      provenance: { authors: ['SurveyJS import'] },
      licence: 'NOASSERTION',
      sections: [
        {
          id: 'page1',
          title: { ja: 'page1', en: 'page1' },
          questions: [
            {
              id: 'days',
              type: 'multiple',
              label: { ja: 'Which days do you work?', en: 'Which days do you work?' },
              options: [
                { code: 1, label: { ja: 'Mon', en: 'Mon' } },
                { code: 2, label: { ja: 'Tue', en: 'Tue' } },
                { code: 3, label: { ja: 'Wed', en: 'Wed' } },
              ],
              minSelected: 1,
              maxSelected: 2,
            },
            {
              id: 'hours',
              type: 'number',
              label: { ja: 'Hours a week', en: 'Hours a week' },
              min: 1,
              max: 80,
            },
            { id: 'notes', type: 'text', label: { ja: 'Notes', en: 'Notes' }, size: 'long', maxLength: 200 },
            { id: 'mail', type: 'text', label: { ja: 'E-mail', en: 'E-mail' }, size: 'short' },
          ],
        },
      ],
    });
    expect(report(unconverted)).toEqual([
      'recoded_choice questions.0.choices.0.value',
      'recoded_choice questions.0.choices.1.value',
      'recoded_choice questions.0.choices.2.value',
      'validator_message_dropped questions.0.validators.0.text',
      'unsupported_property questions.2.validators.0.minLength',
      'validator_not_imported questions.2.validators.1',
      'validator_not_imported questions.3.validators.0',
      'missing_japanese ',
      // The page has no title: its name stands in, in Japanese and English alike.
      'missing_translation ',
    ]);
    expect(unconverted.find((i) => i.code === 'validator_not_imported')?.message).toBe(
      'The SurveyJS validator "regex" has no equivalent in a kizuki template and was not imported (a regular expression check)',
    );
  });

  it('reads rating scales from rateValues, rateMin/rateMax/rateStep and rateCount', () => {
    const json = {
      locale: 'ja',
      questions: [
        { type: 'rating', name: 'r1', title: '満足度', rateMin: 0, rateMax: 10, rateStep: 2 },
        { type: 'rating', name: 'r2', title: '推奨度', rateCount: 3 },
        { type: 'rating', name: 'r3', title: '評価', rateMin: 1, rateMax: 2, rateStep: 0.5 },
        { type: 'rating', name: 'r4', title: '頻度', rateValues: ['まれ', '時々', 'よく'] },
        { type: 'text', name: 'x', title: '理由', visibleIf: '{r3} >= 1.5 and {r1} = 4' },
      ],
    };
    const { template, unconverted } = fromSurveyJS(json, { locale: 'en' });
    expect(parseTemplate(template).success).toBe(true);
    const scaleOf = (i: number) => {
      const q = template.sections[0]!.questions[i] as { scale: string };
      return template.scales![q.scale]!.options.map((o) => `${o.code}:${o.label.ja}`);
    };
    expect(scaleOf(0)).toEqual(['0:0', '2:2', '4:4', '6:6', '8:8', '10:10']);
    expect(scaleOf(1)).toEqual(['1:1', '2:2', '3:3']);
    expect(scaleOf(2)).toEqual(['1:1', '2:1.5', '3:2']);
    expect(scaleOf(3)).toEqual(['1:まれ', '2:時々', '3:よく']);
    // SurveyJS values in conditions become the codes they were given.
    expect(template.sections[0]!.questions[4]!.visibleIf).toBe(
      'answered(r3) and r3 >= 2 and selected(r1, 4)',
    );
    expect(report(unconverted)).toEqual([
      'rating_recoded questions.2.rateStep',
      'recoded_choice questions.3.rateValues.0.value',
      'recoded_choice questions.3.rateValues.1.value',
      'recoded_choice questions.3.rateValues.2.value',
    ]);
  });

  it('takes the language of plain strings from an option, the survey locale, or their script', () => {
    const english = { locale: 'ja', questions: [{ type: 'comment', name: 'why', title: 'Why?' }] };
    const japanese = { questions: [{ type: 'comment', name: 'why', title: 'なぜですか' }] };
    const german = { locale: 'de', questions: [{ type: 'comment', name: 'why', title: 'Warum?' }] };
    const label = (json: unknown, options = {}) =>
      fromSurveyJS(json, options).template.sections[0]!.questions[0]!.label;
    // A survey marked Japanese whose texts are in Latin letters is English, and says so.
    expect(label(english)).toEqual({ ja: 'Why?', en: 'Why?' });
    expect(report(fromSurveyJS(english).unconverted)).toContain('default_locale locale');
    expect(label(japanese)).toEqual({ ja: 'なぜですか' });
    expect(report(fromSurveyJS(japanese).unconverted)).toEqual(['default_locale locale']);
    expect(label(german)).toEqual({ ja: 'Warum?', de: 'Warum?' });
    expect(report(fromSurveyJS(german).unconverted)).not.toContain('default_locale locale');
    expect(label(english, { defaultLocale: 'fr' })).toEqual({ ja: 'Why?', fr: 'Why?' });
    // Explicit entries name their own language; `default` is then the survey's default.
    const both = {
      locale: 'ja',
      questions: [{ type: 'comment', name: 'w', title: { default: 'Why?', ja: 'なぜ' } }],
    };
    expect(label(both)).toEqual({ ja: 'なぜ', en: 'Why?' });
  });

  it('orders choices as choicesOrder says: sorted now for asc/desc, shuffled for random', () => {
    const json = {
      questions: [
        {
          type: 'radiogroup',
          name: 'a',
          choices: [
            { value: 1, text: 'Pear' },
            { value: 2, text: 'Apple' },
          ],
          choicesOrder: 'asc',
        },
        {
          type: 'radiogroup',
          name: 'd',
          choices: [
            { value: 1, text: 'Apple' },
            { value: 2, text: 'Pear' },
          ],
          choicesOrder: 'desc',
        },
        { type: 'radiogroup', name: 'r', choices: [1, 2], choicesOrder: 'random', showNoneItem: true },
      ],
    };
    const { template, unconverted } = fromSurveyJS(json, { locale: 'en' });
    const [a, d, r] = template.sections[0]!.questions as {
      options: { code: number; pinned?: boolean }[];
      randomise?: boolean;
    }[];
    expect(a!.options.map((o) => o.code)).toEqual([2, 1]);
    expect(d!.options.map((o) => o.code)).toEqual([2, 1]);
    expect(r!.randomise).toBe(true);
    expect(r!.options.map((o) => [o.code, o.pinned === true])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(report(unconverted)).toEqual([
      'choices_sorted questions.0.choicesOrder',
      'choices_sorted questions.1.choicesOrder',
      'special_choice questions.2.showNoneItem',
      'missing_japanese ',
      'missing_translation ',
    ]);
  });

  it('reports choicesFromQuestion, dynamic matrices and panels and custom functions, each by path', () => {
    const json = {
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'checkbox', name: 'cars', choices: [1, 2, 3] },
            { type: 'radiogroup', name: 'best', choices: [1], choicesFromQuestion: 'cars' },
            { type: 'matrixdynamic', name: 'kids', columns: [{ name: 'age' }] },
            { type: 'paneldynamic', name: 'jobs', templateElements: [] },
            { type: 'comment', name: 'c1', visibleIf: 'isAdult({age}) and {cars} notempty' },
            { type: 'comment', name: 'c2', visibleIf: 'age({birth}) >= 18' },
            { type: 'comment', name: 'c3', visibleIf: '{cars} notempty and {cars.length} > 1' },
          ],
        },
      ],
    };
    const { template, unconverted } = fromSurveyJS(json, { locale: 'en' });
    expect(parseTemplate(template).success).toBe(true);
    expect(template.sections[0]!.questions.map((q) => q.id)).toEqual(['cars', 'best', 'c1', 'c2', 'c3']);
    expect(template.sections[0]!.questions[4]!.visibleIf).toBe('answered(cars) and count(cars) > 1');
    expect(report(unconverted)).toEqual([
      'choices_from_question pages.0.elements.1.choicesFromQuestion',
      'repeating_element pages.0.elements.2',
      'repeating_element pages.0.elements.3',
      'custom_function pages.0.elements.4.visibleIf',
      'expression_not_imported pages.0.elements.5.visibleIf',
      'missing_japanese ',
      'missing_translation ',
    ]);
    const custom = unconverted.find((i) => i.code === 'custom_function')!;
    expect(custom.params).toMatchObject({ name: 'isAdult' });
    expect(custom.message).toContain('"isAdult", a custom function registered with SurveyJS');
    expect(unconverted[2]!.message).toContain('repeats rows or panels the respondent adds');
  });
});

describe('fromSurveyJS: which reads of questions that can be hidden are guarded (structural check)', () => {
  const survey = (condition: string) => ({
    questions: [
      { type: 'radiogroup', name: 'works', choices: [1, 2] },
      { type: 'radiogroup', name: 'shift', choices: [1, 2], visibleIf: '{works} = 1' },
      { type: 'text', name: 'hours', inputType: 'number', visibleIf: '{works} = 1 and {shift} = 2' },
      { type: 'comment', name: 'why', visibleIf: condition },
    ],
  });
  const hidden = (condition: string) =>
    fromSurveyJS(survey(condition))
      .unconverted.filter((i) => i.code === 'hidden_answer_read')
      .map((i) => i.params?.name);
  it.each([
    // The guard beside the read, in any order, parenthesised or not, or negated in an `or`.
    ['{works} = 1 and {shift} = 2 and {hours} > 40', []],
    ['{hours} > 40 and ({shift} = 2 and {works} = 1)', []],
    ['!({works} = 1 and {shift} = 2) or {hours} empty', []],
    ['{works} = 2 or ({works} = 1 and {shift} = 2 and ({hours} > 40 or {hours} < 10))', []],
    // A text that merely contains the guard somewhere is not a guard.
    ['({works} = 1 and {shift} = 2) or {hours} > 40', ['hours']],
    ['{works} = 1 and {hours} > 40', ['hours']],
    ['{shift} = 2 or {works} = 1', ['shift']],
    ['not ({works} = 1 and {shift} = 2 and {hours} > 40)', []],
  ])('%s → %j', (condition, expected) => {
    expect(hidden(condition)).toEqual(expected);
  });
});

describe('kizuki → SurveyJS → kizuki with the template carried', () => {
  it.each(builtInSurveys())('gives $file back with the same hash', ({ survey }) => {
    const { json } = toSurveyJS(survey, { carry: true });
    const back = fromSurveyJS(JSON.parse(JSON.stringify(json)));
    expect(back.unconverted).toEqual([]);
    expect(hashTemplate(back.template)).toBe(survey.hash);
    expect(loadTemplate(back.template).hash).toBe(survey.hash);
  });

  it('loads in survey-core 3.1.1 without a console message, acting as the export without it', () => {
    const { survey } = builtInSurveys().find((s) => s.file === 'example-all-features.json')!;
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const log = vi.spyOn(console, 'log');
    try {
      const carried = new Model(toSurveyJS(survey, { carry: true }).json);
      const plain = new Model(toSurveyJS(survey).json);
      expect([...warn.mock.calls, ...error.mock.calls, ...log.mock.calls]).toEqual([]);
      // Recorded as an unknown property, nothing more.
      expect(carried.jsonErrors.map((e: { message: string }) => e.message)).toEqual([
        "Unknown property in class 'survey': 'kizuki'.",
      ]);
      expect(plain.jsonErrors ?? []).toEqual([]);
      const names = (m: Model) => m.getAllQuestions().map((q) => `${q.name}:${q.isVisible}`);
      expect(names(carried)).toEqual(names(plain));
      carried.setValue('sex', 2);
      plain.setValue('sex', 2);
      expect(names(carried)).toEqual(names(plain));
    } finally {
      warn.mockRestore();
      error.mockRestore();
      log.mockRestore();
    }
  });

  it('does not apply the carried template once the survey was changed in SurveyJS, and says so', () => {
    const { survey } = builtInSurveys().find((s) => s.file === 'workshop-feedback.json')!;
    const json = JSON.parse(JSON.stringify(toSurveyJS(survey, { carry: true }).json));
    const page = json.pages.findIndex((p: { name: string }) => p.name !== INTRODUCTION_NAME);
    json.pages[page].title = { ja: '変更したページ', default: 'Changed page' };
    const back = fromSurveyJS(json, { locale: 'en' });
    expect(back.template.sections[0]!.title).toEqual({ ja: '変更したページ', en: 'Changed page' });
    expect(hashTemplate(back.template)).not.toBe(survey.hash);
    // What does not depend on the content is kept.
    expect([back.template.id, back.template.version, back.template.licence]).toEqual([
      survey.template.id,
      survey.template.version,
      survey.template.licence,
    ]);
    expect(back.template.provenance).toEqual(survey.template.provenance);
    expect(report(back.unconverted)).toContain('kizuki_data_stale kizuki');
    expect(back.unconverted.find((i) => i.code === 'kizuki_data_stale')!.message).toContain(
      'the SurveyJS content was changed since',
    );
  });
});
