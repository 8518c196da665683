import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Model, type Question as SurveyJsQuestion } from 'survey-core';
import { bench, describe } from 'vitest';
import { createSession } from '../src/engine/index.js';
import { loadTemplate } from '../src/schema/index.js';
import { generateTemplate, toSurveyJs } from '../test/helpers/generateTemplate.js';

/**
 * kizuki's engine beside SurveyJS's survey-core (the library without rendering) on the same
 * generated 1,000-question survey with chained visibility conditions, in one run so that the ratio
 * is fair on a noisy machine.
 */
const template = generateTemplate({ questions: 1_000, chained: true });
const survey = loadTemplate(template);
const surveyJs = toSurveyJs(template);

async function gzipSize(contents: string, resolveDir: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

const root = new URL('..', import.meta.url).pathname;
const [ours, theirs] = await Promise.all([
  gzipSize("export { createSession, restoreSession } from './src/engine/index.ts';", root),
  gzipSize("export { Model } from 'survey-core';", root),
]);
console.log(
  `bundle, minified + gzip -9: kizuki/engine ${ours} B, survey-core Model ${theirs} B (${(theirs / ours).toFixed(1)}×)`,
);

describe('create a session on the generated 1,000-question survey', () => {
  bench('kizuki createSession', () => {
    createSession(survey, { seed: 1 });
  });
  bench('survey-core new Model', () => {
    new Model(surveyJs);
  });
});

describe('set one answer, then read the visible questions of the current page', () => {
  // q5 is on the first page and decides whether q10 is shown: alternating 1 and 4 toggles it.
  const session = createSession(survey, { seed: 1 });
  const model = new Model(surveyJs);
  let kizukiTurn = 0;
  let surveyJsTurn = 0;
  // Each read is used (the first page is never empty), so it cannot be optimised away.
  const used = (n: number) => {
    if (n === 0) throw new Error('nothing read');
  };
  bench('kizuki setAnswer + getSnapshot().questions', () => {
    session.setAnswer('q5', kizukiTurn++ % 2 === 0 ? 1 : 4);
    used(session.getSnapshot().questions.length);
  });
  bench('survey-core setValue + currentPage visible questions', () => {
    model.setValue('q5', surveyJsTurn++ % 2 === 0 ? 1 : 4);
    used(model.currentPage.questions.filter((q: SurveyJsQuestion) => q.isVisible).length);
  });
  bench('kizuki, reading every label', () => {
    session.setAnswer('q5', kizukiTurn++ % 2 === 0 ? 1 : 4);
    let length = 0;
    for (const q of session.getSnapshot().questions) length += q.label.length;
    used(length);
  });
  bench('survey-core, reading every title', () => {
    model.setValue('q5', surveyJsTurn++ % 2 === 0 ? 1 : 4);
    let length = 0;
    for (const q of model.currentPage.questions as SurveyJsQuestion[])
      if (q.isVisible) length += q.title.length;
    used(length);
  });
});
