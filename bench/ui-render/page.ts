// The page of bench/ui-render.bench.ts: kizuki/ui's <kizuki-survey> and survey-core on the same
// 1,000-question survey, each timed inside the browser (no DevTools round trip in the figures).
import { Model, type Question as SurveyJsQuestion } from 'survey-core';
import { createSession, type Survey } from '../../src/engine/index.js';
import { defineElements } from '../../src/ui/index.js';

const [survey, surveyJs] = (await Promise.all(
  ['./survey.json', './surveyjs.json'].map(async (url) => (await fetch(url)).json()),
)) as [Survey, object];
defineElements();
const form = document.createElement('kizuki-survey');
form.storage = null; // no autosave: the figures are rendering only
form.survey = survey;
document.body.append(form);
while (!form.session) await new Promise((done) => setTimeout(done, 10));
const session = form.session;
const root = form.shadowRoot!;
const headless = createSession(survey, { seed: 1 });
const model = new Model(surveyJs);

/** Forces style and layout of the whole page, so a figure includes what the browser must do to show it. */
const layout = () => document.body.getBoundingClientRect().height + root.querySelector('form')!.offsetHeight;
/** Reads every visible question's text, so survey-core's lazy evaluation is done as kizuki's is. */
const readSurveyJs = () =>
  (model.currentPage.questions as SurveyJsQuestion[]).filter((q) => q.isVisible).map((q) => q.title).length;
const readKizuki = () => headless.getSnapshot().questions.map((q) => q.label).length;

let turn = 0;
const cases: Record<string, () => unknown> = {
  // Page change: forth and back between the first two pages (50 questions each).
  'kizuki/ui page change': () => (turn++ % 2 === 0 ? session.next() : session.back()) && layout(),
  'kizuki/engine page change (headless)': () =>
    (turn++ % 2 === 0 ? headless.next() : headless.back()) && readKizuki(),
  'survey-core page change (headless)': () =>
    (turn++ % 2 === 0 ? model.nextPage() : model.prevPage()) && readSurveyJs(),
  // Answer update: q5 alternates between 1 and 4, which shows and hides q10 (a condition).
  'kizuki/ui answer update': () => {
    const radio = root.querySelector<HTMLInputElement>(
      `input[name="q5"][value="${turn++ % 2 === 0 ? 1 : 4}"]`,
    )!;
    radio.click(); // the respondent's path: change event, engine action, redraw of what changed
    return layout();
  },
  'kizuki/engine answer update (headless)': () =>
    headless.setAnswer('q5', turn++ % 2 === 0 ? 1 : 4) && readKizuki(),
  'survey-core answer update (headless)': () => {
    model.setValue('q5', turn++ % 2 === 0 ? 1 : 4);
    return readSurveyJs();
  },
};

/**
 * Times `n` samples of `batch` runs of `name`; returns each sample's milliseconds per run (batches,
 * because the page's clock ticks in 0.1 ms steps and a headless step is quicker than that).
 */
function run(name: string, n: number, batch: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    for (let b = 0; b < batch; b++) cases[name]!();
    times.push((performance.now() - start) / batch);
  }
  return times;
}

(window as unknown as { __bench: unknown }).__bench = { names: Object.keys(cases), run };
