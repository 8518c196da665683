import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, bench, describe } from 'vitest';
import { z } from 'zod';
import { indexTemplate, loadTemplate, type Question, type Template } from '../src/schema/index.js';
import type { SurveyResponse } from '../src/schema/response.js';
import type { Survey } from '../src/schema/survey.js';
import { createAjv } from '../src/validate/createAjv.js';
import {
  createResponseValidator,
  type ResponseValidator,
  responseJsonSchema,
  type SchemaValidateFunction,
  standaloneValidatorCode,
} from '../src/validate/index.js';

// --- a 40-item survey: a 20-item matrix, single, Likert, multiple (with "none"), ranking, number,
// text and date questions, two visibleIf and one requiredIf, so the conditional step has work to do.
const text = (s: string) => ({ ja: s, en: s });
const opts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: i + 1, label: text(`option ${i + 1}`) }));
const questions: Question[] = [
  {
    id: 'm',
    type: 'matrix',
    scale: 'agree4',
    label: text('matrix'),
    items: Array.from({ length: 20 }, (_, i) => ({ id: `m${i + 1}`, text: text(`item ${i + 1}`) })),
  },
  ...Array.from(
    { length: 8 },
    (_, i): Question => ({
      id: `q${i + 1}`,
      type: 'single',
      required: i < 4,
      label: text(`q${i + 1}`),
      options: opts(4),
      ...(i === 7 ? { visibleIf: 'q1 = 1' } : {}),
    }),
  ),
  ...Array.from(
    { length: 4 },
    (_, i): Question => ({ id: `l${i + 1}`, type: 'likert', scale: 'agree4', label: text(`l${i + 1}`) }),
  ),
  ...Array.from(
    { length: 3 },
    (_, i): Question => ({
      id: `mu${i + 1}`,
      type: 'multiple',
      maxSelected: 3,
      label: text(`mu${i + 1}`),
      options: [...opts(5), { code: 9, label: text('none'), exclusive: true }],
    }),
  ),
  { id: 'n1', type: 'number', integer: true, min: 0, max: 120, required: true, label: text('age') },
  { id: 'n2', type: 'number', min: 0, max: 24, requiredIf: 'selected(mu1, 1)', label: text('hours') },
  { id: 'r1', type: 'ranking', maxRanked: 3, label: text('rank'), options: opts(6) },
  { id: 'tx', type: 'text', maxLength: 500, label: text('comment') },
  { id: 'd1', type: 'date', min: '1920-01-01', max: '2026-12-31', label: text('date') },
];
const template: Template = {
  id: 'bench-40',
  version: '1.0.0',
  locales: ['ja', 'en'],
  title: text('bench'),
  provenance: { authors: ['bench'] },
  licence: 'CC0-1.0',
  scales: { agree4: { options: opts(4), favourable: [1, 2] } },
  sections: [
    { id: 's1', title: text('one'), questions: questions.slice(0, 13) },
    { id: 's2', title: text('two'), visibleIf: 'q2 != 4', questions: questions.slice(13) },
  ],
};
const survey = loadTemplate(template);

const response: SurveyResponse = {
  templateId: 'bench-40',
  templateVersion: '1.0.0',
  templateHash: survey.hash,
  respondentId: 'V1StGXR8_Z5jdHi6B-myT',
  answers: {
    ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i + 1}`, (i % 4) + 1])),
    ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`q${i + 1}`, 1])),
    ...Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`l${i + 1}`, 2])),
    mu1: [1, 3],
    mu2: [9],
    mu3: [2, 4, 5],
    n1: 41,
    n2: 7.5,
    r1: [3, 1, 6],
    tx: '職場の雰囲気はよいと思います。',
    d1: '1985-04-01',
  },
  meta: {
    locale: 'ja',
    startedAt: '2026-05-01T09:00:00.000Z',
    submittedAt: '2026-05-01T09:06:12.000Z',
    seed: 123456789,
  },
};

/**
 * The same checks as `responseJsonSchema` for this survey's question types, written with zod: the
 * envelope, codes, counts, uniqueness, exclusive options, bounds, lengths and dates. (Like the JSON
 * Schema, it leaves the conditions aside.)
 */
function zodResponseSchema(s: Survey) {
  const index = indexTemplate(s.template);
  const codes = (list: readonly { code: number }[]) => z.literal(list.map((o) => o.code));
  const scaleCodes = (scale: string) => codes(index.scales.get(scale)!.options);
  const date = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
  const answers: Record<string, z.ZodType> = {};
  for (const { question: q } of index.questions.values()) {
    switch (q.type) {
      case 'matrix':
        for (const item of q.items) answers[item.id] = scaleCodes(q.scale).optional();
        break;
      case 'single':
        answers[q.id] = codes(q.options).optional();
        break;
      case 'likert':
        answers[q.id] = scaleCodes(q.scale).optional();
        break;
      case 'multiple': {
        const exclusive = new Set(q.options.filter((o) => o.exclusive).map((o) => o.code));
        answers[q.id] = z
          .array(codes(q.options))
          .min(Math.max(1, q.minSelected ?? 1))
          .max(q.maxSelected ?? q.options.length)
          .refine((a) => new Set(a).size === a.length)
          .refine((a) => a.length === 1 || !a.some((c) => exclusive.has(c)))
          .optional();
        break;
      }
      case 'ranking':
        answers[q.id] = z
          .array(codes(q.options))
          .min(q.minRanked ?? 1)
          .max(q.maxRanked)
          .refine((a) => new Set(a).size === a.length)
          .optional();
        break;
      case 'number': {
        let n = q.integer === true ? z.int() : z.number();
        if (q.min !== undefined) n = n.min(q.min);
        if (q.max !== undefined) n = n.max(q.max);
        answers[q.id] = n.optional();
        break;
      }
      case 'text':
        answers[q.id] = z
          .string()
          .min(1)
          .max(q.maxLength ?? 5_000)
          .optional();
        break;
      case 'date':
        answers[q.id] = z.string().max(10).regex(date).optional();
        break;
    }
  }
  for (const { question: q, section } of index.questions.values()) {
    if (q.type !== 'note' && q.required === true && !q.visibleIf && !section.visibleIf) {
      answers[q.id] = (answers[q.id] as z.ZodOptional<z.ZodType>).unwrap();
    }
  }
  const dateTime = z
    .string()
    .max(35)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/);
  return z.strictObject({
    templateId: z.literal(s.template.id),
    templateVersion: z.literal(s.template.version),
    templateHash: z.literal(s.hash),
    respondentId: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]{16,64}$/),
    answers: z.strictObject(answers),
    other: z.strictObject({}).optional(),
    meta: z.strictObject({
      locale: z.enum(s.template.locales as [string, ...string[]]),
      startedAt: dateTime,
      submittedAt: dateTime,
      seed: z.int().min(0).max(4_294_967_295),
      order: z.strictObject({}).optional(),
    }),
  });
}

// --- the validators under test, all checked on the response before timing.
const runtimeSchema = createAjv().compile(responseJsonSchema(survey)) as SchemaValidateFunction;
const runtime = createResponseValidator(survey);
const dir = mkdtempSync(join(tmpdir(), 'kizuki-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'validator.mjs');
const runtimeImport = fileURLToPath(new URL('../src/validate/index.ts', import.meta.url));
await writeFile(file, standaloneValidatorCode(survey, { runtimeImport }));
const standalone = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
  validate: ResponseValidator;
  validateSchema: SchemaValidateFunction;
};
const zodSchema = zodResponseSchema(survey);
const ok = (valid: boolean, what: string) => {
  if (!valid) throw new Error(`${what} refused the bench response`);
};
ok(runtimeSchema(response), 'runtime schema');
ok(runtime(response).success, 'runtime validator');
ok(standalone.validateSchema(response), 'standalone schema');
ok(standalone.validate(response).success, 'standalone validator');
ok(zodSchema.safeParse(response).success, 'zod');

/**
 * Each bench call validates the response BATCH times, so that the timer's own cost (about a
 * microsecond per call) does not swamp a check that takes about as long: responses per second are
 * hz × BATCH.
 */
const BATCH = 1_000;
const repeat = (check: () => boolean, what: string) => () => {
  for (let i = 0; i < BATCH; i++) ok(check(), what);
};

describe(`validate a valid 40-item response, ${BATCH} times per call`, () => {
  bench(
    'ajv runtime, schema step only',
    repeat(() => runtimeSchema(response), 'runtime schema'),
  );
  bench(
    'ajv runtime, full validator (createResponseValidator)',
    repeat(() => runtime(response).success, 'runtime'),
  );
  bench(
    'ajv standalone, schema step only',
    repeat(() => standalone.validateSchema(response), 'standalone schema'),
  );
  bench(
    'ajv standalone, full validator (generated module)',
    repeat(() => standalone.validate(response).success, 'standalone'),
  );
  bench(
    'zod 4, equivalent schema (safeParse)',
    repeat(() => zodSchema.safeParse(response).success, 'zod'),
  );
});

// --- hostile input: how long a refusal takes (the unit tests only check that it happens).
const hostile = (change: (answers: Record<string, unknown>) => void) => {
  const r = structuredClone(response) as unknown as { answers: Record<string, unknown> };
  change(r.answers);
  return r;
};
const millionCodes = hostile((a) => (a.mu1 = new Array(1_000_000).fill(1)));
const hugeText = hostile((a) => (a.tx = 'x'.repeat(10 * 1024 * 1024)));
const deep = hostile((a) => (a.q1 = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))));
const refused = (result: { success: boolean }) => {
  if (result.success) throw new Error('hostile response accepted');
};

describe('refuse a hostile response (full runtime validator)', () => {
  bench('a million codes in a multiple choice', () => refused(runtime(millionCodes)), { time: 300 });
  bench('a 10 MB text answer', () => refused(runtime(hugeText)), { time: 300 });
  bench('100,000 nested arrays as an answer', () => refused(runtime(deep)), { time: 300 });
});
