import { describe, expect, it } from 'vitest';
import { readResponsesJsonl, responsesToJsonl } from '../../../src/io/index.js';
import { exampleResponses, exampleSurvey } from '../../fixtures/io/exampleResponses.js';

const survey = exampleSurvey();
const responses = exampleResponses(survey);

describe('JSON Lines', () => {
  it('writes one object per line and reads it back unchanged, from any chunking', async () => {
    const text = responsesToJsonl(responses);
    expect(text.split('\n')).toHaveLength(responses.length + 1);
    const bytes = Buffer.from(text);
    async function* bytewise() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    expect((await readResponsesJsonl(survey, bytewise()).collect()).responses).toEqual(responses);
    expect(
      (await readResponsesJsonl(survey, `\uFEFF${text.replaceAll('\n', '\r\n')}`).collect()).responses,
    ).toEqual(responses);
  });

  it('rejects every bad line with its number and reason', async () => {
    const good = JSON.stringify(responses[0]);
    const text = [
      good,
      '{"templateId": 1', // 2: not JSON
      '[1,2]', // 3: not an object
      '', // 4: blank
      JSON.stringify({ ...responses[1], answers: { sex: 'x', age: [1, 'a'], v: null } }), // 5: bad answer types
      '{"templateId":"t","templateVersion":"1","templateHash":"h","respondentId":"p","answers":{"__proto__":1},"meta":{"locale":"ja","startedAt":"a","submittedAt":"b","seed":-1}}', // 6
      good, // 7: duplicate id
      `{"x":"${'a'.repeat(2000)}"}`, // 8: too long
      JSON.stringify(responses[2]), // 9: fine
    ].join('\n');
    const result = await readResponsesJsonl(survey, text, { maxLineLength: 1000, locale: 'en' }).collect();
    expect(result.responses.map((r) => r.respondentId)).toEqual(['r1', 'r3']);
    expect(result.blankLines).toEqual([4]);
    expect(
      result.rejected.map((r) => [r.line, r.issues.map((i) => `${i.code}@${i.path.join('.')}`)]),
    ).toEqual([
      [2, ['invalid_json@']],
      [3, ['invalid_field@']],
      [5, ['invalid_field@answers.age', 'invalid_field@answers.v']],
      [6, ['forbidden_key@answers.__proto__', 'invalid_field@meta.seed']],
      [7, ['duplicate_respondent@respondentId']],
      [8, ['line_too_long@']],
    ]);
    expect(result.rejected[2]!.issues[0]!.message).toBe('Expected a number, a string or a list of numbers');
    expect(result.rows).toBe(9);
  });

  it('passes responses through the validate option', async () => {
    const validate = () => ({ success: false as const, issues: [{ code: 'nope', path: [], message: 'no' }] });
    const result = await readResponsesJsonl(survey, responsesToJsonl(responses), { validate }).collect();
    expect(result.responses).toEqual([]);
    expect(result.rejected.map((r) => r.line)).toEqual([1, 2, 3]);
  });
});
