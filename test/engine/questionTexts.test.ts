import { describe, expect, it } from 'vitest';
import {
  createSession,
  type QuestionView,
  questionTexts,
  REQUIRED_WORD,
  restoreSession,
} from '../../src/engine/index.js';
import { renderQuestionnaire } from '../../src/report/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../src/templates/index.js';
import { WORDS } from '../../src/ui/words.js';

const fromHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const PIPED = { ja: /（Q\d+の回答）/g, en: /\(your answer to Q\d+\)/g };

interface Printed {
  label: string;
  required: string | null;
  help: string | null;
  unit: string | null;
  items: string[];
}

/** What the paper prints for each question (and note), in order, read back from its HTML. */
function printed(html: string): Printed[] {
  return html
    .split(/(?=<div class="(?:q|note)")/)
    .slice(1)
    .map((block) => {
      const heading =
        /<h3><span class="qn">[^<]*<\/span>(.*?)(?:<span class="req">(.*?)<\/span>)?<\/h3>/s.exec(block);
      const note = /^<div class="note">(?:<p class="cond">.*?<\/p>)?<p>(.*?)<\/p>/s.exec(block);
      const help = /<p class="help">(.*?)<\/p>/s.exec(block);
      const unit = /<p><span class="field"[^>]*><\/span><span class="unit">([^<]*)<\/span><\/p>/.exec(block);
      const items = Array.from(block.matchAll(/<th scope="row">\(\d+\) (.*?)<\/th>/gs), (m) =>
        fromHtml(m[1]!),
      );
      return {
        label: fromHtml((heading ?? note)![1]!),
        required: heading?.[2] === undefined ? null : fromHtml(heading[2]),
        help: help ? fromHtml(help[1]!) : null,
        unit: unit ? fromHtml(unit[1]!) : null,
        items,
      };
    });
}

/** What the on-screen form shows for every question: the engine's views, every condition lifted. */
function onScreen(id: string, locale: 'ja' | 'en'): QuestionView[] {
  const survey = loadTemplate(getTemplate(id)!);
  // Without its conditions every question is on its page, so each one's view can be read.
  const lifted = { ...survey, conditions: [] };
  const start = createSession(lifted, { locale });
  // Each page is opened from a snapshot: moving forward would stop at unanswered required questions.
  return start.getSnapshot().pages.flatMap((page) => {
    const { session } = restoreSession(lifted, { ...start.snapshot(), pageIndex: page.index }, { locale });
    expect(session.getSnapshot().pageIndex).toBe(page.index);
    return session.getSnapshot().questions;
  });
}

describe('the paper questionnaire and the on-screen form read the same question texts', () => {
  const cases = listTemplates().flatMap((t) =>
    (['ja', 'en'] as const).map((locale) => [t.id, locale] as const),
  );

  it.each(cases)('%s in %s', (id, locale) => {
    const survey = loadTemplate(getTemplate(id)!);
    const paper = printed(renderQuestionnaire({ survey, locale }));
    const screen = onScreen(id, locale);
    expect(paper).toHaveLength(screen.length);
    const piped = paper.filter((p) => p.label.replace(PIPED[locale], '') !== p.label);
    expect(piped.length).toBe(id === 'example-all-features' ? 1 : 0);
    expect(screen.length).toBe(survey.template.sections.flatMap((s) => s.questions).length);
    screen.forEach((view, i) => {
      const on = paper[i]!;
      const where = `${id} ${locale} ${view.id}`;
      // A piped answer is the one planned difference: the paper names the question ("（Q11の回答）"),
      // the form shows the answer, which is empty before it is given.
      expect(on.label.replace(PIPED[locale], ''), where).toBe(view.label);
      expect(on.help, where).toBe(view.help);
      expect(on.unit, where).toBe(view.kind === 'number' ? view.unit : null);
      // Required in words on both: the paper's badge is the word inside the form's mark.
      expect(on.required, where).toBe(view.required ? REQUIRED_WORD[locale] : null);
      if (view.required) expect(WORDS[locale].required).toContain(on.required);
      if (view.kind === 'matrix') {
        const byId = new Map(view.items.map((item) => [item.id, item.label]));
        const def = survey.template.sections.flatMap((s) => s.questions).find((q) => q.id === view.id)!;
        expect(on.items, where).toEqual(
          def.type === 'matrix' ? def.items.map((item) => byId.get(item.id)) : [],
        );
      } else expect(on.items, where).toEqual([]);
    });
  });

  it('pipes an answer on screen and names the question on paper, from the same text', () => {
    const label = { ja: '{age}歳のときに', en: 'When you were {age}' };
    const question = { id: 'q', type: 'text', label } as const;
    expect(questionTexts(question, { locale: 'en', pipe: () => '34' }).label).toBe('When you were 34');
    expect(questionTexts(question, { locale: 'ja', pipe: () => '（Q2の回答）' }).label).toBe(
      '（Q2の回答）歳のときに',
    );
    // An empty English text falls back to Japanese, on paper as on screen.
    expect(questionTexts({ ...question, label: { ja: 'はい', en: '' } }, { locale: 'en' }).label).toBe(
      'はい',
    );
  });
});
