import { describe, expect, it } from 'vitest';
import { codebook, codebookToCsv, codebookToMarkdown, csvLayout, spssSyntax } from '../../../src/io/index.js';
import { loadTemplate } from '../../../src/schema/index.js';
import { getTemplate } from '../../../src/templates/index.js';
import { expectGolden } from '../../golden/expectGolden.js';
import { exampleTemplate } from '../../helpers/templates.js';

const example = loadTemplate(exampleTemplate());
const community = loadTemplate(getTemplate('bias-awareness-community'));

describe('codebook', () => {
  it('describes every column of the wide layout, in layout order', () => {
    const entries = codebook(example);
    expect(entries.map((e) => e.variable)).toEqual(csvLayout(example).map((c) => c.name));
    const byName = new Map(entries.map((e) => [e.variable, e]));
    expect(byName.get('sex')).toMatchObject({
      questionType: 'single',
      storage: 'code',
      measure: 'nominal',
      missing: [9],
      role: 'quasiIdentifier',
      values: [
        { code: 1, label: { ja: '男性', en: 'Male' } },
        { code: 2, label: { ja: '女性', en: 'Female' } },
        { code: 3, label: { ja: 'その他', en: 'Other' } },
        { code: 9, label: { ja: '答えたくない', en: 'Prefer not to say' } },
      ],
    });
    expect(byName.get('v_share')).toMatchObject({
      storage: 'code',
      measure: 'ordinal',
      reverse: true,
      missing: [9],
    });
    expect(byName.get('arrangements_6')).toMatchObject({ storage: 'flag', part: { option: 6 } });
    expect(byName.get('why_leave_r2')).toMatchObject({ storage: 'code', part: { rank: 2 } });
    expect(byName.get('age')).toMatchObject({ storage: 'integer', measure: 'scale', min: 15, max: 99 });
    expect(byName.get('email')).toMatchObject({ personalData: true, role: 'identifier', maxLength: 200 });
    expect(byName.get('leave_plan')?.condition).toBe('sex = 1 and children > 0');
    // A question in a conditional section carries both conditions.
    expect(byName.get('care_support')?.condition).toBe('children > 0');
  });

  it('writes the example and a programme template as CSV, Markdown and SPSS syntax (golden files)', () => {
    for (const [name, survey] of [
      ['example-all-features', example],
      ['bias-awareness-community', community],
    ] as const) {
      expectGolden(`codebook.${name}.csv`, codebookToCsv(survey));
      expectGolden(`codebook.${name}.ja.md`, codebookToMarkdown(survey, { locale: 'ja' }));
      expectGolden(`spss.${name}.ja.sps`, spssSyntax(survey, { locale: 'ja' }));
    }
    expectGolden('codebook.example-all-features.en.md', codebookToMarkdown(example, { locale: 'en' }));
    expectGolden(
      'spss.example-all-features.en.sps',
      spssSyntax(example, { locale: 'en', dataFile: 'data/responses.csv' }),
    );
  });

  it('declares SPSS value labels, missing values, levels and multiple-dichotomy sets', () => {
    const sps = spssSyntax(example, { locale: 'en' });
    expect(sps.startsWith('* Feature sampler questionnaire.\n')).toBe(true);
    expect(sps).toContain('SET UNICODE ON.');
    expect(sps).toContain("  /FILE='responses.csv'");
    expect(sps).toContain('MISSING VALUES sex v_care v_lead v_share care_support (9)\n  /leave_plan (3).');
    expect(sps).toMatch(/\n {2}\/v_care v_lead v_share care_support\n {4}1 'Agree'\n {4}2 'Somewhat agree'/);
    expect(sps).toContain("VARIABLE LABELS\n  respondentId 'Respondent ID'\n  /email 'Your e-mail");
    expect(sps).toContain('  /MDGROUP NAME=$arrangements LABEL=');
    expect(sps).toContain(
      '    VARIABLES=arrangements_1 arrangements_2 arrangements_3 arrangements_4 arrangements_5 arrangements_6 VALUE=1',
    );
    expect(sps).toContain("Don''t know");
  });

  it('keeps SPSS labels within SPSS limits and splits long strings', () => {
    const template = exampleTemplate();
    const sex = template.sections[0]!.questions[1]!;
    sex.label = { ja: 'あ'.repeat(200), en: 'x'.repeat(10) };
    if (sex.type === 'single') sex.options[0]!.label = { ja: 'い'.repeat(100), en: "it's" };
    const sps = spssSyntax(loadTemplate(template), { locale: 'ja' });
    const label = /\n {2}\/sex ('[^\n]*'(?: \+\n {6}'[^\n]*')*)/.exec(sps)![1]!;
    const text = label
      .split(/' \+\n {6}'/)
      .join('')
      .slice(1, -1);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(256);
    expect(text.endsWith('…')).toBe(true);
    for (const line of sps.split('\n')) expect(new TextEncoder().encode(line).length).toBeLessThan(250);
  });

  it('keeps Markdown tables intact when labels contain pipes, HTML or line breaks', () => {
    const template = exampleTemplate();
    template.sections[0]!.questions[1]!.label = { ja: '性別 | <b>太字</b>\n改行', en: 'Sex' };
    const md = codebookToMarkdown(loadTemplate(template));
    const row = md.split('\n').find((line) => line.startsWith('| `sex`'))!;
    expect(row).toContain('性別 \\| &lt;b&gt;太字&lt;/b&gt; 改行');
    expect(row.split(/(?<!\\)\|/).length).toBe(10);
  });
});
