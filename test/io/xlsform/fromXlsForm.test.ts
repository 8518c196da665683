import { describe, expect, it } from 'vitest';
import { fromXlsForm } from '../../../src/io/workbook/index.js';
import { brokenForm, householdForm, townForm } from './odkForms.js';
import { writeXlsForm } from './writeXlsForm.js';

const read = (form: Parameters<typeof writeXlsForm>[0], locale: 'ja' | 'en' = 'en') =>
  fromXlsForm({ data: writeXlsForm(form), locale });
const where = (issues: { code: string; path: (string | number)[]; params?: Record<string, unknown> }[]) =>
  issues.map((i) => `${i.code} ${i.path.join('!')} ${String(i.params?.severity)}`);

describe('fromXlsForm: forms written the way ODK users write them', () => {
  it('reads groups, translations, text choice names, ${name} references, selected() and count-selected()', () => {
    const { template, issues } = read(householdForm);
    expect(template).toBeDefined();
    expect(template!.id).toBe('household-care');
    expect(template!.locales).toEqual(['ja', 'en']);
    const [household, care] = template!.sections;
    expect(household).toMatchObject({ id: 'household', title: { ja: 'あなたの世帯', en: 'Your household' } });
    expect(household!.questions).toEqual([
      {
        type: 'number',
        id: 'members',
        label: { ja: '世帯の人数は何人ですか。', en: 'How many people live in your household?' },
        help: { ja: 'ご自身を含めてください', en: 'Include yourself' },
        required: true,
        integer: true,
        min: 1,
        max: 20,
      },
      {
        type: 'single',
        id: 'has_children',
        label: { ja: '15歳未満の子どもと同居していますか。', en: 'Do children under 15 live with you?' },
        required: true,
        options: [
          { code: 1, label: { ja: 'はい', en: 'Yes' } },
          { code: 2, label: { ja: 'いいえ', en: 'No' } },
        ],
      },
      {
        type: 'number',
        id: 'children',
        label: { ja: '何人ですか。', en: 'How many?' },
        required: true,
        // 'yes' is the first choice of yes_no, so it became code 1.
        visibleIf: 'has_children = 1',
        integer: true,
        min: 1,
      },
    ]);
    expect(care!.visibleIf).toBe('members > 1');
    const [given, other, hours] = care!.questions;
    expect(given).toMatchObject({ type: 'multiple', id: 'care_given', maxSelected: 3 });
    expect(other).toMatchObject({
      type: 'text',
      size: 'long',
      maxLength: 200,
      visibleIf: 'selected(care_given, 3)',
    });
    expect(hours).toMatchObject({
      type: 'number',
      max: 168,
      requiredIf: 'count(care_given) > 0',
      visibleIf: 'count(care_given) >= 1 and not selected(care_given, 4)',
    });
    expect(hours).not.toHaveProperty('integer');
    // Nothing is lost; what was changed or ignored is said, at its cell.
    expect(where(issues)).toEqual([
      'codes_assigned choices!A2 notice',
      'codes_assigned choices!A4 notice',
      'ignored_column survey!J3 notice',
      'ignored_appearance survey!K4 notice',
      'ignored_column survey!J8 notice',
      'bad_setting settings!B2 notice',
      'bad_setting settings!C2 notice',
      'title_copied settings!A2 notice',
    ]);
    expect(issues[0]!.message).toBe(
      'choices!A2 (list_name): the choice names of list "yes_no" are not whole numbers, so they are numbered from 1 in order (yes=1, no=2)',
    );
  });

  it('reads a Japanese-only form: loose questions, nested groups, a field-list matrix, a scale_ Likert list', () => {
    const { template, issues } = read(townForm, 'ja');
    expect(template).toBeDefined();
    expect(template!.locales).toEqual(['ja']);
    expect(template!.version).toBe('2.1.0');
    expect(template!.scales).toEqual({
      agree: {
        options: ['そう思う', 'ややそう思う', 'あまりそう思わない', 'そう思わない'].map((ja, i) => ({
          code: i + 1,
          label: { ja },
        })),
      },
    });
    expect(
      template!.sections.map((s) => [s.id, s.title.ja, s.visibleIf, s.questions.map((q) => q.id)]),
    ).toEqual([
      ['section1', '働き方アンケート', undefined, ['intro', 'age']],
      ['work', '仕事について', 'age < 65', ['employment', 'joined', 'satisfied', 'climate']],
      ['section3', '働き方アンケート', undefined, ['comment']],
    ]);
    const work = template!.sections[1]!.questions;
    expect(work[1]).toEqual({
      type: 'date',
      id: 'joined',
      label: { ja: '入社日' },
      visibleIf: 'employment in [1, 2]',
      min: '1970-01-01',
    });
    expect(work[2]).toMatchObject({ type: 'likert', scale: 'agree', visibleIf: 'employment in [1, 2]' });
    expect(work[3]).toEqual({
      type: 'matrix',
      id: 'climate',
      label: { ja: '職場の雰囲気' },
      scale: 'agree',
      items: [
        { id: 'climate_talk', text: { ja: '相談しやすい' } },
        { id: 'climate_fair', text: { ja: '評価が公平だ' } },
      ],
    });
    expect(template!.sections[2]!.questions[0]).toMatchObject({ visibleIf: 'not age > 80' });
    expect(template!.sections[0]!.questions[1]).toMatchObject({ required: true, min: 18, max: 99 });
    expect(where(issues)).toEqual([
      'metadata_type survey!A2 notice',
      'metadata_type survey!A3 notice',
      'ignored_appearance survey!H7 notice',
      'nested_group survey!A8 notice',
    ]);
    expect(issues[3]!.message).toBe(
      'survey!A8（type）: 入れ子のグループ「employed」は外側の節にまとめます（見出しは表示されず、表示条件は中の各設問に付けます）',
    );
  });

  it('reports every mistake and untranslatable feature of a form at once, each at its cell', () => {
    const { template, issues } = read(brokenForm);
    expect(where(issues)).toEqual([
      'duplicate_choice choices!B4 error',
      'unsupported_type survey!A2 error',
      'unsupported_type survey!A3 error',
      'unsupported_type survey!A4 error',
      'skipped_rows survey!A4 error',
      'missing_list survey!A8 error',
      'unknown_list survey!A9 error',
      'duplicate_name survey!B12 error',
      'bad_name survey!B13 error',
      'choice_filter survey!F11 error',
      'expression survey!E14 error',
      'unsupported_column survey!H14 error',
      'expression survey!D15 error',
    ]);
    const message = (code: string) => issues.find((i) => i.code === code)!.message;
    expect(message('skipped_rows')).toBe(
      'survey!A4 (type): the 2 rows inside "kids" (rows 5–6) are not imported',
    );
    expect(issues.find((i) => i.path.join('!') === 'survey!E14')!.message).toBe(
      `survey!E14 (relevant): the expression "if(\${city} = '1', true(), false())" cannot be translated into kizuki: a function kizuki expressions do not have at character 1 (if())`,
    );
    expect(issues.find((i) => i.path.join('!') === 'survey!D15')!.params).toMatchObject({
      column: 'required',
      gap: 'unknown_name',
      detail: 'missing',
    });
    // What does translate still makes a template, which the caller may use knowing what it lacks.
    expect(template!.sections[0]!.questions.map((q) => q.id)).toEqual([
      'pref',
      'city',
      'later',
      'nowhere',
      'ratio',
    ]);
  });

  it('moves the template checker’s issues to the cells they came from', () => {
    const form = {
      survey: [
        ['type', 'name', 'label::Japanese (ja)', 'label::English (en)', 'relevant'],
        ['integer', 'age', '年齢', 'Age', ''],
        ['text', 'why', '理由', '', '${age} > ${later}'],
        ['text', 'later', 'あとで', 'Later', ''],
      ],
    };
    const { template, issues } = read(form);
    expect(template).toBeUndefined();
    expect(issues.map((i) => [i.code, i.path.join('!')])).toEqual([
      ['title_copied', 'settings'],
      // The English label is missing: shown at the row's label.
      ['missing_translation', 'survey!C3'],
      // A number compared with a text, in the relevant column.
      ['type_mismatch', 'survey!E3'],
    ]);
    expect(issues[2]!.message).toMatch(/^survey!E3: /);
  });

  it('takes the id, version, licence and authors given, over the settings sheet', () => {
    const { template } = fromXlsForm({
      data: writeXlsForm(townForm),
      id: 'town-work-2025',
      version: '3.0.0',
      licence: 'CC-BY-4.0',
      authors: ['豊岡市'],
    });
    expect(template).toMatchObject({
      id: 'town-work-2025',
      version: '3.0.0',
      licence: 'CC-BY-4.0',
      provenance: { authors: ['豊岡市'] },
    });
  });

  it('survives hostile cells: prototype keys, huge texts, deep expressions, formulas-free garbage', () => {
    const deep = `${'('.repeat(1500)}1${')'.repeat(1500)}`;
    const form = {
      survey: [
        ['type', 'name', 'label', '__proto__', 'relevant', 'constructor'],
        ['select_one __proto__', '__proto__', 'x', 'polluted', '', 'y'],
        ['select_one constructor', 'ok', 'はい', 'polluted', deep, 'y'],
        [
          'text',
          'big',
          'x'.repeat(200_000),
          '',
          '${ok} = 1 and ' + '${ok} = 1 or '.repeat(140) + 'true()',
          '',
        ],
      ],
      choices: [
        ['list_name', 'name', 'label'],
        ['__proto__', 'toString', 'a'],
        ['constructor', '1', 'はい'],
        ['constructor', '2', 'いいえ'],
      ],
    };
    const { issues } = read(form);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('toString', 'a');
    expect(where(issues)).toEqual([
      'codes_assigned choices!A2 notice',
      'cell_too_long survey!C4 error',
      'bad_name survey!B2 error',
      'expression survey!E3 error',
      'ignored_column survey!D3 notice',
      'ignored_column survey!F3 notice',
      'missing_label survey!B4 error',
    ]);
    expect(issues.find((i) => i.path.join('!') === 'survey!E3')!.params).toMatchObject({ gap: 'too_long' });
    // The question without a label is left out, so its over-deep condition is not read at all.
    const deeper = read({
      survey: [form.survey[0]!, form.survey[2]!, ['text', 'big', 'x', '', form.survey[3]![4]!, '']],
      choices: form.choices,
    });
    // With a label it is read: 141 operators deep, past the limit of 64, and refused as such.
    expect(where(deeper.issues)).toEqual([
      'codes_assigned choices!A2 notice',
      'expression survey!E2 error',
      'ignored_column survey!D2 notice',
      'ignored_column survey!F2 notice',
      'expression survey!E3 error',
    ]);
    expect(deeper.issues.find((i) => i.path.join('!') === 'survey!E3')!.params).toMatchObject({
      gap: 'too_deep',
    });
  });

  it('refuses what is not an XLSForm, with a reason', () => {
    expect(where(fromXlsForm({ data: new TextEncoder().encode('type,name') }).issues)).toEqual([
      'not_workbook  error',
    ]);
    expect(where(read({ questions: [['type'], ['text']] }).issues)).toEqual(['missing_sheet survey error']);
  });
});

describe('fromXlsForm: nothing dropped silently', () => {
  it('reports the hint of a nested group, which has nowhere to go', () => {
    const form = {
      survey: [
        ['type', 'name', 'label', 'hint'],
        ['begin group', 'outer', '外', ''],
        ['begin group', 'inner', '内', '内側の説明'],
        ['text', 'q', '質問', ''],
        ['end group', '', '', ''],
        ['end group', '', '', ''],
      ],
    };
    const { template, issues } = read(form);
    expect(template!.sections[0]!.questions.map((q) => q.id)).toEqual(['q']);
    expect(where(issues)).toEqual(['nested_group survey!A3 notice', 'unsupported_column survey!D3 error']);
  });
});
