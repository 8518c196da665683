import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnonymiseError, anonymisedExport, measureKAnonymity } from '../../src/anonymise/index.js';
import type { SurveyResponse } from '../../src/schema/response.js';
import { exampleSurvey, sampleResponses } from './helpers.js';

const survey = exampleSurvey();

/** A deterministic byte source for the shuffle and row ids. */
function fixedRandom(seed: number) {
  let state = seed >>> 0;
  return (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  };
}

const content = (rows: ReturnType<typeof anonymisedExport>['rows']) =>
  rows.map(({ rowId: _, ...rest }) => JSON.stringify(rest)).sort();

describe('anonymisedExport', () => {
  const responses = sampleResponses(120);
  const out = anonymisedExport(survey, responses, { k: 5 });

  it('reaches k over the quasi-identifiers and says so', () => {
    const records = out.rows.map((row) => row.answers);
    const m = measureKAnonymity(records, { quasiIdentifiers: ['sex', 'age'], k: 5 });
    expect(m.recordsAtRisk).toBe(0);
    expect(out.smallestClass).toBe(m.smallestClass);
    expect(out.smallestClass).toBeGreaterThanOrEqual(5);
    expect(out.rows).toHaveLength(120);
    expect(out.template).toEqual({ id: 'example-all-features', version: '1.0.0', hash: survey.hash });
  });

  it('removes identifiers, linking codes, keys and personal free text', () => {
    const text = JSON.stringify(out.rows);
    for (const leaked of [
      'resp-',
      'person',
      '@example.jp',
      'sha256-0',
      '2026-05',
      '090-',
      '03-1234',
      '"seed"',
      '"order"',
    ])
      expect(text).not.toContain(leaked);
    for (const row of out.rows) {
      expect(Object.keys(row).sort()).toEqual(
        row.other ? ['answers', 'other', 'rowId'] : ['answers', 'rowId'],
      );
      expect(row.rowId).toMatch(/^[A-Za-z0-9_-]{21}$/);
      expect(Object.hasOwn(row.answers, 'email')).toBe(false);
      expect(Object.hasOwn(row.answers, 'comment')).toBe(false);
    }
    const other = out.rows.find((row) => row.other)?.other?.arrangements;
    expect(other).toMatch(/^週4日勤務、tel ［電話番号］$/);
  });

  it('handles unusual values: top-codes numbers and coarsens dates', () => {
    const children = out.rows.map((r) => r.answers.children).filter((v) => typeof v === 'number') as number[];
    expect(responses[0]!.answers.children).toBe(12);
    expect(Math.max(...children)).toBeLessThan(12);
    const top = Math.max(...children);
    expect(children.filter((c) => c === top).length).toBeGreaterThanOrEqual(5);
    for (const row of out.rows) expect(String(row.answers.birth_date)).toMatch(/^\d{4}-\d{2}$/);
  });

  it('logs every step in machine-readable form', () => {
    const steps = out.log.map((e) => e.step);
    expect(steps[0]).toBe('dropLinkingCode');
    expect(steps.at(-1)).toBe('shuffle');
    expect(out.log).toContainEqual({ step: 'dropLinkingCode', field: 'respondentId', count: 120 });
    expect(out.log).toContainEqual({
      step: 'removeIdentifier',
      field: 'email',
      count: 120,
      parameters: { answers: 120, otherTexts: 0 },
    });
    expect(out.log).toContainEqual({ step: 'dropText', field: 'comment', count: 40 });
    expect(out.log.find((e) => e.step === 'kAnonymity')).toMatchObject({
      count: 120,
      parameters: { k: 5, satisfied: true },
    });
    for (const entry of out.log) expect(JSON.parse(JSON.stringify(entry))).toEqual(entry);
  });

  it('does not depend on the input order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 60 }), fc.integer(), fc.integer(), (n, seed, shuffleSeed) => {
        const input = sampleResponses(n, seed);
        const permuted = fc.sample(fc.shuffledSubarray(input, { minLength: n, maxLength: n }), {
          numRuns: 1,
          seed: shuffleSeed,
        })[0]!;
        const a = anonymisedExport(survey, input, { k: 3, random: fixedRandom(7) });
        const b = anonymisedExport(survey, permuted, { k: 3, random: fixedRandom(7) });
        expect(b).toEqual(a);
        const c = anonymisedExport(survey, permuted, { k: 3 });
        expect(content(c.rows)).toEqual(content(a.rows));
      }),
      { numRuns: 15 },
    );
  });

  it('shuffles rows: the same input gives different orders with different random bytes', () => {
    const a = anonymisedExport(survey, responses, { k: 5, random: fixedRandom(1) });
    const b = anonymisedExport(survey, responses, { k: 5, random: fixedRandom(2) });
    expect(content(a.rows)).toEqual(content(b.rows));
    expect(a.rows.map((r) => JSON.stringify(r.answers))).not.toEqual(
      b.rows.map((r) => JSON.stringify(r.answers)),
    );
  });

  it('keeps the submission month and locale only when asked, as quasi-identifiers', () => {
    const kept = anonymisedExport(survey, responses, { k: 5, submitted: 'month', keepLocale: true });
    const records = kept.rows.map((r) => ({ ...r.answers, ...r.meta }));
    expect(
      measureKAnonymity(records, { quasiIdentifiers: ['sex', 'age', 'submitted', 'locale'], k: 5 })
        .recordsAtRisk,
    ).toBe(0);
    expect(kept.rows.some((r) => r.meta?.submitted === '2026-05')).toBe(true);
  });

  it('redacts personal text when asked, and drops all other text when asked', () => {
    const redacted = anonymisedExport(survey, responses, { k: 5, personalText: 'redact', otherText: 'drop' });
    const comments = redacted.rows.map((r) => r.answers.comment).filter((c) => c !== undefined);
    expect(comments.length).toBe(40);
    for (const c of comments) expect(c).toBe('連絡は ［電話番号］ まで');
    expect(redacted.rows.every((r) => r.other === undefined)).toBe(true);
  });

  it('reaches l-diversity of the sensitive answers when asked', () => {
    const diverse = anonymisedExport(survey, responses, { k: 5, l: 2, sensitive: ['workload'] });
    const log = diverse.log.find((e) => e.step === 'kAnonymity');
    expect(log?.parameters).toMatchObject({ l: 2, satisfied: true });
  });

  it('drops answers that are not in the template or not answers', () => {
    const odd = structuredClone(responses.slice(0, 5)) as SurveyResponse[];
    (odd[0]!.answers as Record<string, unknown>).secret = 'x';
    (odd[1]!.answers as Record<string, unknown>).age = { nested: true };
    const result = anonymisedExport(survey, odd, { k: 5 });
    expect(result.log).toContainEqual({ step: 'dropUnknown', count: 1 });
    expect(result.log).toContainEqual({ step: 'dropInvalid', count: 1 });
    expect(JSON.stringify(result.rows)).not.toContain('secret');
  });

  it('never changes its input', () => {
    const input = sampleResponses(30);
    const copy = structuredClone(input);
    anonymisedExport(survey, input, { k: 3 });
    expect(input).toEqual(copy);
  });

  it('exports nothing from nothing, and refuses too few responses, other templates and unknown fields', () => {
    expect(anonymisedExport(survey, [], { k: 5 })).toMatchObject({ rows: [], smallestClass: 0 });
    const issue = (input: SurveyResponse[], options: object) => {
      try {
        anonymisedExport(survey, input, options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(AnonymiseError);
        return (error as AnonymiseError).issues[0]!;
      }
      throw new Error('expected an error');
    };
    expect(issue(responses.slice(0, 3), { k: 5 })).toMatchObject({
      code: 'too_few_records',
      params: { count: 3, k: 5 },
    });
    const foreign = structuredClone(responses.slice(0, 5));
    foreign[2]!.templateId = 'other';
    expect(issue(foreign, { k: 2 })).toMatchObject({
      code: 'wrong_template',
      path: ['responses', 2, 'templateId'],
    });
    expect(issue(responses, { k: 5, quasiIdentifiers: ['nope'] })).toMatchObject({ code: 'unknown_field' });
    expect(issue(responses, { k: 5, dates: 'week' })).toMatchObject({
      code: 'invalid_option',
      path: ['options', 'dates'],
    });
    expect(issue(responses, { k: 0 })).toMatchObject({ code: 'invalid_option', path: ['options', 'k'] });
  });
});
