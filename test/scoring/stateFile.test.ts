import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import {
  type AggregateState,
  createAggregator,
  mergeStates,
  readStateFile,
  ScoringError,
  stateAggregator,
  writeStateFile,
} from '../../src/scoring/index.js';
import { analysisSurvey, randomAnswers, randomSource, response } from './fixtures.js';

const survey = analysisSurvey();
const by = ['sex', 'age_band'];

function responses(seed: number, count: number): SurveyResponse[] {
  const random = randomSource(seed);
  return Array.from({ length: count }, () => response(survey, randomAnswers(random)));
}

function stateText(list: readonly SurveyResponse[], municipality: string, minGroupSize = 5): string {
  const agg = createAggregator(survey, { by, minGroupSize });
  for (const r of list) agg.add(r);
  return writeStateFile(agg, { municipalities: [municipality], waveDate: '2026-06-01' });
}

const read = (text: string, file: string, locale: 'ja' | 'en' = 'en') => ({
  file,
  state: readStateFile(text, { file, locale }),
});

/** The first issue of the ScoringError that `work` throws. */
function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringError);
    return (error as ScoringError).issues[0]!;
  }
  throw new Error('expected a refusal');
}

function expectSameState(actual: AggregateState, expected: AggregateState): void {
  expect(actual.responses).toBe(expected.responses);
  expect(actual.cellRespondents).toEqual(expected.cellRespondents);
  expect(actual.counts).toEqual(expected.counts);
  expect(actual.sets).toEqual(expected.sets);
  for (const key of ['numbers', 'scores', 'alpha'] as const) {
    actual[key].forEach((x, i) => {
      const y = expected[key][i]!;
      expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
    });
  }
}

describe('state files', () => {
  it('round-trip: the text holds no rows or ids, says it is confidential, and restores the same tally', () => {
    const list = responses(7, 40);
    const text = stateText(list, 'Kamiyama');
    for (const r of list) expect(text).not.toContain(r.respondentId);
    const state = readStateFile(text, { file: 'k.json' });
    expect(state.confidentiality.ja).toContain('機密');
    expect(state.confidentiality.en).toContain('confidential');
    expect(state.municipalities).toEqual(['Kamiyama']);
    expect(state.by).toEqual(by);
    const agg = createAggregator(survey, { by, minGroupSize: 5 });
    for (const r of list) agg.add(r);
    expectSameState(stateAggregator(state, { survey, file: 'k.json' }).toJSON(), agg.toJSON());
    // Re-indented by an editor but not altered: still accepted (checked against canonical JSON).
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    expect(readStateFile(pretty, { file: 'p.json' }).checksum).toBe(state.checksum);
  });

  it('merging states in any order and grouping equals one pass over all rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 5 }),
        fc.infiniteStream(fc.nat()),
        (seed, count, shards, picks) => {
          const list = responses(seed, count);
          const parts: SurveyResponse[][] = Array.from({ length: shards }, () => []);
          const it = picks[Symbol.iterator]();
          for (const r of list) parts[it.next().value % shards]!.push(r);
          const texts = parts.map((part, i) => stateText(part, `town${i}`));
          const order = texts.map((_, i) => i).sort(() => (it.next().value % 3) - 1);
          // Empty shards give states with no responses, which merge like any other.
          const states = order.map((i) => read(texts[i]!, `town${i}.json`));
          const merged = mergeStates({ survey, states });
          const onePass = createAggregator(survey, { by, minGroupSize: 5 });
          for (const r of list) onePass.add(r);
          expectSameState(merged.aggregator.toJSON(), onePass.toJSON());
          expect(merged.municipalities).toEqual(parts.map((_, i) => `town${i}`).sort());
          expect(merged.waveDate).toBe('2026-06-01');
          // The merged state, written and read again, is the same tally.
          const again = readStateFile(writeStateFile(merged.aggregator, merged), { file: 'n.json' });
          expectSameState(again.aggregate, onePass.toJSON());
        },
      ),
      { seed: 16, numRuns: 25 },
    );
  });

  it('every report rendered from a state suppresses the groups below the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 5, max: 80 }),
        fc.integer({ min: 2, max: 25 }),
        (seed, count, min) => {
          const text = stateText(responses(seed, count), 'x', min);
          const state = readStateFile(text, { file: 's.json' });
          const result = stateAggregator(state, { survey, file: 's.json' }).result({
            minGroupSize: state.minGroupSize,
          });
          const small = result.groups.filter((g) => g.respondents > 0 && g.respondents < min);
          for (const group of small) {
            expect(group.suppressed).toBe(true);
            for (const item of result.items)
              for (const cell of item.groups)
                if (cell.group === group.key) expect(cell.suppressed, `${item.id} ${group.key}`).toBe(true);
          }
          const html = renderReport({ survey, result, locale: 'en' });
          if (small.length > 0) expect(html).toContain(`fewer than ${min} respondents, not shown`);
        },
      ),
      { seed: 16, numRuns: 15 },
    );
  });
});

describe('refusals name the file, in Japanese and English', () => {
  const a = stateText(responses(1, 30), 'A');
  const b = stateText(responses(2, 30), 'B');

  it('refuses states of other settings, templates, duplicates', () => {
    const other = createAggregator(survey, { by: ['sex'], minGroupSize: 5 });
    const byOther = writeStateFile(other, { municipalities: ['C'] });
    expect(
      refusal(() =>
        mergeStates({ survey, locale: 'en', states: [read(a, 'a.json'), read(byOther, 'c.json')] }),
      ),
    ).toMatchObject({
      code: 'state_other_by',
      message: expect.stringContaining('c.json groups by (sex)'),
    });
    const min10 = writeStateFile(createAggregator(survey, { by, minGroupSize: 10 }), {
      municipalities: ['D'],
    });
    expect(
      refusal(() =>
        mergeStates({
          survey,
          states: [read(a, 'a.json'), read(min10, 'd.json', 'ja')],
          locale: 'ja',
        }),
      ).message,
    ).toContain('d.json の伏せる人数（10）');
    const sets = writeStateFile(
      createAggregator(survey, { by, minGroupSize: 5, sets: [{ id: 'any', items: ['r1', 'r2'] }] }),
      { municipalities: ['E'] },
    );
    expect(
      refusal(() => mergeStates({ survey, locale: 'en', states: [read(a, 'a.json'), read(sets, 'e.json')] }))
        .code,
    ).toBe('state_other_settings');
    expect(
      refusal(() => mergeStates({ survey, locale: 'en', states: [read(a, 'a.json'), read(a, 'a2.json')] })),
    ).toMatchObject({
      code: 'state_duplicate_municipality',
      message: expect.stringContaining('a2.json contains municipality "A", which a.json'),
    });
    // The same tally under another municipality's name: a copied file.
    const copy = writeStateFile(readStateFile(a, { file: 'a.json' }).aggregate, { municipalities: ['Z'] });
    expect(
      refusal(() =>
        mergeStates({
          survey,
          locale: 'en',
          states: [read(b, 'b.json'), read(a, 'a.json'), read(copy, 'z.json')],
        }),
      ),
    ).toMatchObject({
      code: 'state_duplicate',
      message: expect.stringContaining('z.json holds the same tally as a.json'),
    });
    const otherSurvey = { ...survey, hash: 'sha256-other' };
    expect(
      refusal(() => mergeStates({ survey: otherSurvey, locale: 'en', states: [read(a, 'a.json')] })).message,
    ).toContain('a.json was made with another version or customisation');
    const otherId = { ...survey, template: { ...survey.template, id: 'another' } };
    expect(
      refusal(() =>
        stateAggregator(readStateFile(a, { file: 'a.json' }), { survey: otherId, file: 'a.json' }),
      ).code,
    ).toBe('state_other_template');
    expect(refusal(() => mergeStates({ survey, locale: 'en', states: [] })).code).toBe('state_empty_merge');
  });

  it('tells a copied tally from tallies one count or one bit apart, whatever else is wrong with it', () => {
    const base = readStateFile(a, { file: 'a.json' }).aggregate;
    const seal = (aggregate: AggregateState, name: string) =>
      read(writeStateFile(aggregate, { municipalities: [name] }), `${name}.json`);
    const variants = [read(a, 'a.json')];
    // One count more at each of 300 places, two neighbouring unequal counts swapped, and one score
    // moment moved by the smallest step a double has: all different tallies, none refused.
    for (let i = 0; i < 300; i++) {
      const v = structuredClone(base);
      v.counts[i]! += 1;
      variants.push(seal(v, `plus${i}`));
    }
    const at = base.counts.findIndex((c, i) => c !== base.counts[i + 1]);
    const swapped = structuredClone(base);
    [swapped.counts[at], swapped.counts[at + 1]] = [base.counts[at + 1]!, base.counts[at]!];
    variants.push(seal(swapped, 'swapped'));
    const moment = base.scores.findIndex((x) => !Number.isInteger(x));
    const ulp = structuredClone(base);
    const bits = new Float64Array([ulp.scores[moment]!]);
    new BigInt64Array(bits.buffer)[0]! += 1n;
    ulp.scores[moment] = bits[0]!;
    expect(ulp.scores[moment]).not.toBe(base.scores[moment]);
    variants.push(seal(ulp, 'ulp'));
    const merged = mergeStates({ survey, locale: 'en', states: variants });
    expect(merged.aggregator.responses).toBe(variants.length * base.responses);
    // A copy that is also broken elsewhere is named as the copy, as it was before the numbers were checked.
    const broken = structuredClone(base);
    broken.rejected.invalid = -1;
    expect(
      refusal(() => mergeStates({ survey, locale: 'en', states: [...variants, seal(broken, 'broken')] })),
    ).toMatchObject({
      code: 'state_duplicate',
      message: expect.stringContaining('broken.json holds the same tally as a.json'),
    });
    // A number written as text is not the number: refused for its numbers, not as a copy.
    const text = structuredClone(base) as unknown as { counts: unknown[] };
    text.counts[0] = String(base.counts[0]);
    expect(
      refusal(() =>
        mergeStates({
          survey,
          locale: 'en',
          states: [variants[0]!, seal(text as unknown as AggregateState, 'text')],
        }),
      ),
    ).toMatchObject({ code: 'state_bad_numbers', message: expect.stringContaining('text.json') });
  });

  it('reads bytes as it reads the text: the same state, the same refusals, any hash given', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const sha256OfBytes = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const calls: number[] = [];
    const counted = (b: Uint8Array) => {
      calls.push(b.length);
      return sha256OfBytes(b);
    };
    // As written (hashed once, as bytes), re-indented (the canonical path), and with a BOM and CRLF.
    const pretty = JSON.stringify(JSON.parse(a), null, 2);
    for (const text of [a, pretty, `\uFEFF${a.trimEnd()}\r\n`]) {
      const state = readStateFile(bytes(text), { file: 'b.json', sha256OfBytes: counted });
      expect(state).toEqual(readStateFile(text.replace(/^\uFEFF/, ''), { file: 't.json' }));
      expect(readStateFile(bytes(text), { file: 'p.json' })).toEqual(state);
    }
    // The bytes are left as they were (a Node Buffer, read twice as the merge command does).
    const buffer = Buffer.from(a);
    expect(readStateFile(buffer, { file: 'n.json' })).toEqual(readStateFile(buffer, { file: 'n.json' }));
    expect(buffer.toString()).toBe(a);
    // Only the file as written is hashed as bytes: `{` and the body after the 79-byte header, no newline.
    expect(calls).toEqual([bytes(a).length - 79 + 1 - 1]);
    // Altered, re-spaced (still accepted: only the layout changed), cut, ending in a non-JSON space, foreign.
    const outcome = (work: () => unknown) => {
      try {
        return { state: work() };
      } catch (error) {
        expect(error).toBeInstanceOf(ScoringError);
        return { issue: (error as ScoringError).issues[0] };
      }
    };
    const variants = [
      a.replace('"responses":30', '"responses":31'),
      a.replace(/"checksum":"./, '"checksum":"x'),
      a.replace('",', '" ,'),
      a.slice(0, 300),
      `${a.trimEnd()}\u3000`,
      '{"format":"kizuki-state","version":2}',
      '{"checksum":"0',
    ];
    const accepted = variants.map((text) => {
      const fromText = outcome(() => readStateFile(text, { file: 'z.json', locale: 'en' }));
      const fromBytes = outcome(() =>
        readStateFile(bytes(text), { file: 'z.json', locale: 'en', sha256OfBytes }),
      );
      expect(fromBytes).toEqual(fromText);
      return 'state' in fromText;
    });
    expect(accepted).toEqual([false, false, true, false, false, false, false]);
  });

  it('refuses corrupt, altered, foreign and deeply nested files', () => {
    const altered = JSON.parse(a);
    altered.aggregate.counts[0] += 1;
    expect(
      refusal(() => readStateFile(JSON.stringify(altered), { file: 'x.json', locale: 'en' })),
    ).toMatchObject({
      code: 'state_altered',
      message: expect.stringContaining('x.json was changed or damaged'),
    });
    // One digit changed in place, keeping the layout: caught by the checksum too.
    const digit = a.replace('"responses":30', '"responses":31');
    expect(digit).not.toBe(a);
    expect(refusal(() => readStateFile(digit, { file: 'y.json', locale: 'ja' })).message).toContain(
      'y.json は書き出した後に変更されたか壊れています',
    );
    expect(refusal(() => readStateFile(a.slice(0, 300), { file: 'c.json', locale: 'en' })).message).toContain(
      'c.json cannot be read as a state file',
    );
    expect(refusal(() => readStateFile('{"format":"other"}', { file: 'o.json' })).code).toBe(
      'state_not_state',
    );
    expect(
      refusal(() => readStateFile('{"format":"kizuki-state","version":2}', { file: 'v.json' })).code,
    ).toBe('state_version');
    expect(
      refusal(() => readStateFile(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, { file: 'd.json' })).code,
    ).toBe('state_unreadable');
    // Sealed with a valid checksum (anyone can compute one), nested 20 deep inside the aggregate:
    // refused before parsing, from text and from bytes, in both languages. Brackets and escaped
    // quotes inside strings do not count, however many.
    const nested = JSON.parse(a).aggregate;
    nested.extra = JSON.parse(`${'['.repeat(20)}${']'.repeat(20)}`);
    const deep = writeStateFile(nested, { municipalities: ['D'] });
    for (const input of [deep, new TextEncoder().encode(deep)]) {
      expect(refusal(() => readStateFile(input, { file: 'deep.json', locale: 'en' }))).toMatchObject({
        code: 'state_unreadable',
        message: expect.stringContaining('deep.json'),
      });
      expect(refusal(() => readStateFile(input, { file: 'deep.json', locale: 'ja' })).message).toContain(
        'deep.json は集計ファイルとして読めません',
      );
    }
    const name = `${'[{"\\'.repeat(5000)}`;
    const bracketed = writeStateFile(JSON.parse(a).aggregate, { municipalities: [name] });
    expect(readStateFile(Buffer.from(bracketed), { file: 'n.json' }).municipalities).toEqual([name]);
    const proto =
      '{"__proto__":{"format":"kizuki-state"},"format":"kizuki-state","version":1,"checksum":"0"}';
    expect(refusal(() => readStateFile(proto, { file: 'p.json' })).code).toBe('state_altered');
    // Numbers that do not add up, sealed with a valid checksum: refused when restored, naming the file.
    const wrong = JSON.parse(a);
    wrong.aggregate.cellRespondents[0] += 1;
    const sealed = writeStateFile(wrong.aggregate, { municipalities: ['W'] });
    expect(
      refusal(() =>
        stateAggregator(readStateFile(sealed, { file: 'w.json' }), { survey, file: 'w.json', locale: 'en' }),
      ),
    ).toMatchObject({
      code: 'state_bad_numbers',
      message: expect.stringContaining('w.json holds wrong numbers'),
    });
  });
});
