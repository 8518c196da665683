import type { Question, Section, Template } from '../../src/schema/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import type { Survey } from '../../src/schema/survey.js';

/** Localised text with a Japanese and an English version. */
export const t = (ja: string, en = ja): { ja: string; en: string } => ({ ja, en });

/** Options 1..n labelled "Option n" / 選択肢n. */
export const options = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: i + 1, label: t(`選択肢${i + 1}`, `Option ${i + 1}`) }));

/** A template around the given sections, with a four-point scale `agree4`. */
export function templateOf(sections: Section[], extra: Partial<Template> = {}): Template {
  return {
    id: 'engine-test',
    version: '1.0.0',
    locales: ['ja', 'en'],
    title: t('テスト', 'Test'),
    provenance: { authors: ['test'] },
    licence: 'CC0-1.0',
    scales: {
      agree4: {
        options: [
          { code: 1, label: t('そう思う', 'Agree') },
          { code: 2, label: t('ややそう思う', 'Somewhat agree') },
          { code: 3, label: t('あまりそう思わない', 'Somewhat disagree') },
          { code: 4, label: t('そう思わない', 'Disagree') },
        ],
        favourable: [1, 2],
      },
    },
    sections,
    ...extra,
  };
}

/** A section of questions. */
export const section = (id: string, questions: Question[], more: Partial<Section> = {}): Section => ({
  id,
  title: t(`節 ${id}`, `Section ${id}`),
  questions,
  ...more,
});

/** A checked survey of one section per argument list. */
export function surveyOf(...sections: Question[][]): Survey {
  return loadTemplate(templateOf(sections.map((questions, i) => section(`s${i + 1}`, questions))));
}

/** Fixed clock and id for reproducible sessions. */
export const fixed = {
  seed: 7,
  now: () => new Date('2026-05-01T09:00:00.000Z'),
  respondentId: () => 'respondent-1',
};
