import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';
import type { Question, Section, Template } from '../../src/schema/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import type { SurveyResponse } from '../../src/schema/response.js';
import type { Survey } from '../../src/schema/survey.js';
import type {
  ResponseValidator,
  SchemaValidateFunction,
  StandaloneCodeOptions,
  ValidationPlan,
} from '../../src/validate/index.js';
import { standaloneValidatorCode } from '../../src/validate/index.js';
import { generateTemplate } from '../helpers/generateTemplate.js';
import { exampleTemplate } from '../helpers/templates.js';

/** The feature sampler, parsed. */
export const exampleSurvey = (): Survey => loadTemplate(exampleTemplate());

/** A generated survey with chained conditions. */
export const generatedSurvey = (questions = 30): Survey => loadTemplate(generateTemplate({ questions }));

export const t = (ja: string, en = ja) => ({ ja, en });
export const options = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: i + 1, label: t(`選択肢${i + 1}`) }));

/** A survey of the given sections (each a list of questions), with the scale `agree4`. */
export function surveyOf(sections: Array<Question[] | Section>, extra: Partial<Template> = {}): Survey {
  return loadTemplate({
    id: 'validate-test',
    version: '2.1.0',
    locales: ['ja', 'en'],
    title: t('テスト', 'Test'),
    provenance: { authors: ['test'] },
    licence: 'CC0-1.0',
    scales: { agree4: { options: options(4), favourable: [1, 2] } },
    sections: sections.map((s, i) =>
      Array.isArray(s) ? { id: `s${i + 1}`, title: t(`節${i + 1}`), questions: s } : s,
    ),
    ...extra,
  });
}

/** A response envelope for a survey around the given answers. */
export function responseOf(
  survey: Survey,
  answers: Record<string, unknown>,
  more: { other?: Record<string, unknown>; meta?: Record<string, unknown> } = {},
): SurveyResponse {
  return {
    templateId: survey.template.id,
    templateVersion: survey.template.version,
    templateHash: survey.hash,
    respondentId: 'V1StGXR8_Z5jdHi6B-myT',
    answers,
    ...(more.other === undefined ? {} : { other: more.other }),
    meta: {
      locale: 'ja',
      startedAt: '2026-05-01T09:00:00.000Z',
      submittedAt: '2026-05-01T09:06:12.000Z',
      seed: 123456789,
      ...more.meta,
    },
  } as SurveyResponse;
}

/** A valid response to the feature sampler: every kind of answer, one "other" text, presented orders. */
export function exampleResponse(survey: Survey): SurveyResponse {
  return responseOf(
    survey,
    {
      email: 'someone@example.jp',
      sex: 2,
      age: 34,
      children: 1,
      birth_date: '1992-02-29',
      arrangements: [1, 5],
      telework_days: 2.5,
      workload: 3,
      v_care: 4,
      v_lead: 1,
      v_share: 9,
      why_leave: [2, 5],
      comment: '仕事の選択肢が少ないと感じます。',
      score_check: 1,
      care_support: 2,
    },
    {
      other: { arrangements: '週4日勤務', why_leave: '家族の事情' },
      meta: {
        order: {
          arrangements: [3, 1, 4, 2, 5, 6],
          views: ['v_lead', 'v_share', 'v_care'],
          why_leave: [4, 2, 1, 3, 5],
        },
      },
    },
  );
}

/** A deep copy, to mutate. */
export const clone = <T>(value: T): T => structuredClone(value);

// One temporary folder per test file, removed after its tests.
const temporary = mkdtempSync(join(tmpdir(), 'kizuki-validate-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** A fresh folder inside the test file's temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(temporary, prefix));
}

const runtimeModule = fileURLToPath(new URL('../../src/validate/index.ts', import.meta.url));

/** What a generated standalone module exports. */
export interface StandaloneModule {
  validate: ResponseValidator;
  validateSchema: SchemaValidateFunction;
  plan: ValidationPlan;
}

/**
 * Writes a survey's standalone module to a fresh temporary folder and imports it, as a page would;
 * the module's runtime import points at this checkout's sources.
 */
export async function importStandalone(
  survey: Survey,
  options: StandaloneCodeOptions = {},
): Promise<{ module: StandaloneModule; code: string; file: string }> {
  const code = standaloneValidatorCode(survey, { runtimeImport: runtimeModule, ...options });
  const file = join(tempDir('module-'), 'validator.mjs');
  await writeFile(file, code);
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as StandaloneModule;
  return { module, code, file };
}
