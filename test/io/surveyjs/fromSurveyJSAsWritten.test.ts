import { describe, expect, it } from 'vitest';
import { fromSurveyJS, toSurveyJS } from '../../../src/io/index.js';
import { parseTemplate } from '../../../src/schema/index.js';
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
