import type { LocalisedText, Question, Template } from '../../src/schema/index.js';

/**
 * A large synthetic template for benchmarks: `questions` questions over sections of 50, mixing types,
 * with each tenth question visible only when the one before has a given answer (a chain of
 * conditions), and one matrix per section.
 */
export function generateTemplate(options: { questions: number; chained?: boolean }): Template {
  const text = (s: string) => ({ ja: `${s}（日本語）`, en: s });
  const options4 = [1, 2, 3, 4].map((code) => ({ code, label: text(`option ${code}`) }));
  const sections: Template['sections'] = [];
  for (let i = 0; i < options.questions; i++) {
    if (i % 50 === 0) sections.push({ id: `s${i / 50}`, title: text(`Section ${i / 50}`), questions: [] });
    const id = `q${i}`;
    const kind = i % 5;
    let question: Question;
    if (kind === 0) question = { id, type: 'single', label: text(`Question ${i}`), options: options4 };
    else if (kind === 1)
      question = { id, type: 'multiple', label: text(`Question ${i}`), options: options4, maxSelected: 3 };
    else if (kind === 2) question = { id, type: 'likert', label: text(`Question ${i}`), scale: 'agree4' };
    else if (kind === 3) question = { id, type: 'number', label: text(`Question ${i}`), min: 0, max: 100 };
    else question = { id, type: 'text', label: text(`Question ${i}`), maxLength: 200 };
    if (options.chained !== false && i > 0 && i % 10 === 0) {
      // q(i-5) is a single or likert question (kind 0 or 2 lands on i-5 when i % 10 === 0 → kind 0).
      question.visibleIf = `q${i - 5} != 4 or answered(q${i - 10})`;
    }
    sections.at(-1)!.questions.push(question);
  }
  return {
    id: 'generated',
    version: '1.0.0',
    locales: ['ja', 'en'],
    title: text('Generated'),
    provenance: { authors: ['bench'] },
    licence: 'CC0-1.0',
    scales: {
      agree4: { options: options4.map(({ code, label }) => ({ code, label })), favourable: [1, 2] },
    },
    sections,
  };
}

/** SurveyJS localised text: `default` is English, as survey-core expects, plus Japanese. */
const surveyJsText = (t: LocalisedText) => ({ default: t.en ?? t.ja, ja: t.ja });

/**
 * The equivalent SurveyJS JSON. kizuki's `q5 != 4` is unknown while q5 is unanswered, which hides;
 * SurveyJS treats an empty value as different from 4, so the faithful translation adds `notempty`.
 */
export function toSurveyJs(t: Template) {
  const scale = t.scales?.agree4?.options ?? [];
  const choices = (options: readonly { code: number; label: LocalisedText }[]) =>
    options.map((o) => ({ value: o.code, text: surveyJsText(o.label) }));
  const element = (q: Question): Record<string, unknown> => {
    const base: Record<string, unknown> = { name: q.id, title: surveyJsText(q.label) };
    if (q.visibleIf) {
      const m = /^(\w+) != (\d+) or answered\((\w+)\)$/.exec(q.visibleIf);
      if (!m) throw new Error(`untranslated condition ${q.visibleIf}`);
      base.visibleIf = `({${m[1]}} notempty and {${m[1]}} <> ${m[2]}) or {${m[3]}} notempty`;
    }
    switch (q.type) {
      case 'single':
        return { ...base, type: 'radiogroup', choices: choices(q.options) };
      case 'multiple':
        return { ...base, type: 'checkbox', choices: choices(q.options), maxSelectedChoices: q.maxSelected };
      case 'likert':
        return { ...base, type: 'radiogroup', choices: choices(scale) };
      case 'number':
        return { ...base, type: 'text', inputType: 'number', min: q.min, max: q.max };
      case 'text':
        return { ...base, type: 'text', maxLength: q.maxLength };
      default:
        throw new Error(`no translation for ${q.type}`);
    }
  };
  return {
    pages: t.sections.map((s) => ({ name: s.id, title: surveyJsText(s.title), elements: s.questions.map(element) })),
  };
}
