import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  createResponseValidator,
  createStandaloneValidator,
  standaloneValidatorCode,
  writeStandaloneValidator,
} from '../../src/validate/index.js';
import {
  clone,
  exampleResponse,
  exampleSurvey,
  importStandalone,
  responseOf,
  type StandaloneModule,
  surveyOf,
  t,
  tempDir,
} from './fixtures.js';

describe('standaloneValidatorCode', () => {
  const survey = exampleSurvey();
  const valid = exampleResponse(survey);

  it('is an ES module that needs no require, eval or new Function', () => {
    const code = standaloneValidatorCode(survey);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\beval\s*\(|new\s+Function|\bFunction\s*\(/);
    expect(code).toContain('import { createStandaloneValidator } from "kizuki/validate";');
    expect(code).toMatch(/export const validateSchema = /);
    expect(code).toMatch(/export const plan = /);
    expect(code).toMatch(/export const validate = /);
    expect(code).toContain(survey.hash);
  });

  it('gives the verdicts and issues of the runtime validator', async () => {
    const { module } = await importStandalone(survey, { locale: 'en' });
    const runtime = createResponseValidator(survey, { locale: 'en' });
    const inputs: unknown[] = [
      valid,
      { ...valid, answers: { ...valid.answers, sex: 7 } },
      { ...valid, answers: { ...valid.answers, arrangements: [1, 6] } },
      { ...valid, answers: { ...valid.answers, leave_plan: 1 } },
      { ...valid, answers: { ...valid.answers, birth_date: '1900-01-01' } },
      { ...valid, other: { arrangements: ' ' } },
      { ...valid, templateHash: 'sha256-x' },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      'not a response',
    ];
    for (const input of inputs) expect(module.validate(input)).toEqual(runtime(input));
    expect(module.validate(valid)).toEqual({ success: true, response: valid });
  });

  it('counts string length in code points, as JSON Schema does, without ajv at run time', async () => {
    const s = surveyOf([[{ id: 'q', type: 'text', maxLength: 3, label: t('q') }]]);
    const { module } = await importStandalone(s);
    const runtime = createResponseValidator(s);
    for (const text of ['😀😀😀', '😀😀😀x', 'ab\ud800', 'abc\ud800', '\udc00\ud800😀', 'a😀b']) {
      const r = responseOf(s, { q: text });
      expect(module.validate(r).success, JSON.stringify(text)).toBe(runtime(r).success);
    }
    expect(module.validate(responseOf(s, { q: '😀😀😀' })).success).toBe(true);
    expect(module.validate(responseOf(s, { q: '😀😀😀x' })).success).toBe(false);
  });

  it('exports its schema step and plan for a validator in another locale', async () => {
    const { module } = await importStandalone(survey);
    const en = createStandaloneValidator({
      validateSchema: module.validateSchema,
      plan: module.plan,
      locale: 'en',
    });
    const wrong = clone(valid);
    wrong.answers.sex = 7;
    const [jaIssue] = (module.validate(wrong) as { issues: { message: string }[] }).issues;
    const [enIssue] = (en(wrong) as { issues: { message: string }[] }).issues;
    expect(jaIssue!.message).toBe('コード 7 は「sex」の選択肢にありません');
    expect(enIssue!.message).toBe('Code 7 is not an option of "sex"');
    expect(module.validateSchema(valid)).toBe(true);
  });

  it('is written to a file by writeStandaloneValidator', async () => {
    const file = join(tempDir('write-'), 'survey.validate.mjs');
    const runtimeImport = new URL('../../src/validate/index.ts', import.meta.url).pathname;
    const written = await writeStandaloneValidator({ survey, file, runtimeImport, locale: 'en' });
    const code = await readFile(file, 'utf8');
    expect(written).toEqual({ file, bytes: Buffer.byteLength(code) });
    expect(code).toBe(standaloneValidatorCode(survey, { runtimeImport, locale: 'en' }));
    const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as StandaloneModule;
    expect(module.validate(valid).success).toBe(true);
  });

  it('bundles for a browser without ajv or any code generation', async () => {
    const { file } = await importStandalone(survey);
    const result = await build({
      entryPoints: [file],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // Files esbuild read but tree-shook away contribute no bytes.
    const [output] = Object.values(result.metafile.outputs);
    const shipped = Object.entries(output!.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([name]) => name);
    expect(shipped.some((name) => name.endsWith('validator.mjs'))).toBe(true);
    expect(shipped.filter((name) => /node_modules\/(ajv|zod|fast-uri)/.test(name))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/\beval\s*\(|new\s+Function|\bFunction\s*\(/);
  });
});
