import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSession, type QuestionView, type Session } from '../../src/engine/index.js';
import { indexTemplate, parseTemplate, type Survey } from '../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../src/templates/index.js';
import { createResponseValidator } from '../../src/validate/index.js';

/** A small deterministic generator (mulberry32), so that a failing seed replays exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const between = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

function shuffled<T>(rand: Rand, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function expectOk(result: { success: boolean; issues?: unknown }, what: string): void {
  expect(result.success, `${what}: ${JSON.stringify(result.issues)}`).toBe(true);
}

function dateBetween(rand: Rand, min = '2000-01-01', max = '2030-12-31'): string {
  const from = Date.parse(min);
  const to = Date.parse(max);
  return new Date(from + Math.floor(rand() * ((to - from) / 86_400_000 + 1)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Answers one visible question with a random valid answer. */
function answer(
  session: Session,
  q: QuestionView,
  rand: Rand,
  bounds: Map<string, { min?: number; max?: number; integer?: boolean; minDate?: string; maxDate?: string }>,
): void {
  const chooseOther = (codes: readonly number[]) => {
    for (const code of codes) {
      const option = 'options' in q ? q.options.find((o) => o.code === code) : undefined;
      if (option?.other) expectOk(session.setOther(q.id, `その他の記述 ${code}`), `other ${q.id}`);
    }
  };
  switch (q.kind) {
    case 'single':
    case 'likert': {
      const code = pick(rand, q.options).code;
      expectOk(session.setAnswer(q.id, code), `answer ${q.id}`);
      if (q.kind === 'single') chooseOther([code]);
      return;
    }
    case 'matrix':
      for (const item of q.items)
        expectOk(session.setAnswer(item.id, pick(rand, item.options).code), `answer ${item.id}`);
      return;
    case 'multiple': {
      const exclusive = q.options.filter((o) => o.exclusive);
      const plain = q.options.filter((o) => !o.exclusive);
      const min = Math.max(1, q.minSelected ?? 1);
      const max = Math.min(q.maxSelected ?? plain.length, plain.length);
      const codes =
        exclusive.length > 0 && (rand() < 0.2 || max < min)
          ? [pick(rand, exclusive).code]
          : shuffled(rand, plain)
              .slice(0, between(rand, min, max))
              .map((o) => o.code);
      expectOk(session.setAnswer(q.id, codes), `answer ${q.id}`);
      chooseOther(codes);
      return;
    }
    case 'ranking': {
      const codes = shuffled(rand, q.options)
        .slice(0, between(rand, q.minRanked ?? 1, q.maxRanked))
        .map((o) => o.code);
      expectOk(session.setAnswer(q.id, codes), `answer ${q.id}`);
      chooseOther(codes);
      return;
    }
    case 'number': {
      const b = bounds.get(q.id) ?? {};
      const min = b.min ?? 0;
      const max = b.max ?? min + 120;
      const value = b.integer ? between(rand, Math.ceil(min), Math.floor(max)) : min + rand() * (max - min);
      expectOk(session.setAnswer(q.id, value), `answer ${q.id}`);
      return;
    }
    case 'text':
      expectOk(session.setAnswer(q.id, `回答 ${Math.floor(rand() * 1000)}`), `answer ${q.id}`);
      return;
    case 'date': {
      const b = bounds.get(q.id) ?? {};
      expectOk(session.setAnswer(q.id, dateBetween(rand, b.minDate, b.maxDate)), `answer ${q.id}`);
      return;
    }
    case 'note':
      return;
  }
}

/** A shown question (or matrix row) that is required and has no answer yet. */
function missingRequired(q: QuestionView): boolean {
  if (q.kind === 'matrix') return q.items.some((item) => item.required && item.value === null);
  return q.kind !== 'note' && q.required && q.value === null;
}

/** Walks a survey from the first page to submission, answering what is shown along a random path. */
function walk(survey: Survey, seed: number) {
  const rand = random(seed);
  const bounds = new Map<
    string,
    { min?: number; max?: number; integer?: boolean; minDate?: string; maxDate?: string }
  >();
  for (const section of survey.template.sections) {
    for (const q of section.questions) {
      if (q.type === 'number') {
        bounds.set(q.id, {
          ...(q.min === undefined ? {} : { min: q.min }),
          ...(q.max === undefined ? {} : { max: q.max }),
          ...(q.integer === undefined ? {} : { integer: q.integer }),
        });
      }
      if (q.type === 'date') {
        bounds.set(q.id, {
          ...(q.min === undefined ? {} : { minDate: q.min }),
          ...(q.max === undefined ? {} : { maxDate: q.max }),
        });
      }
    }
  }
  const session = createSession(survey, { seed, locale: pick(rand, survey.template.locales) });
  for (let steps = 0; steps < 200; steps += 1) {
    // Answering may reveal more questions on the same page, or make one required (requiredIf):
    // keep going until every shown question is decided and every required one answered.
    const decided = new Set<string>();
    for (let rounds = 0; rounds < 50; rounds += 1) {
      const pending = session.getSnapshot().questions.filter((q) => !decided.has(q.id) || missingRequired(q));
      if (pending.length === 0) break;
      for (const q of pending) {
        decided.add(q.id);
        if (missingRequired(q) || rand() < 0.8) answer(session, q, rand, bounds);
      }
    }
    const state = session.getSnapshot();
    if (state.canSubmit) break;
    expectOk(session.next(), `next from page ${state.pageIndex}`);
  }
  return session.submit();
}

const ids = listTemplates().map((t) => t.id);

describe('every built-in template runs in a session to a valid response', () => {
  it.each(ids)('%s', (id) => {
    const parsed = parseTemplate(getTemplate(id));
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const survey = parsed.survey;
    const validate = createResponseValidator(survey, { locale: 'en' });
    const seen = new Set<number>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const submitted = walk(survey, seed);
        if (!submitted.success) throw new Error(`submit: ${JSON.stringify(submitted.issues)}`);
        const response = submitted.response;
        expect(response).toMatchObject({
          templateId: id,
          templateVersion: survey.template.version,
          templateHash: survey.hash,
        });
        const checked = validate(JSON.parse(JSON.stringify(response)));
        expect(checked.success ? [] : checked.issues).toEqual([]);
        seen.add(Object.keys(response.answers).length);
      }),
      { numRuns: 12 },
    );
    // The walks differ: not every path answers the same number of questions.
    expect(seen.size).toBeGreaterThan(1);
  });

  it('takes the managers-only branch exactly when the role leads others', () => {
    const parsed = parseTemplate(getTemplate('bias-awareness-workplace'));
    if (!parsed.success) throw new Error('parse');
    for (const [role, shown] of [
      [1, false],
      [3, true],
    ] as const) {
      const session = createSession(parsed.survey, { seed: 1 });
      expectOk(session.setAnswer('role', role), 'role');
      const pages = session.getSnapshot().pages;
      expect(pages.find((p) => p.sectionId === 'manager')?.visible).toBe(shown);
    }
  });
});

describe('the random walks reach every question', () => {
  // Fixed seeds, so that this check cannot flake: over these walks every answer key of every
  // template is answered at least once (conditional branches included).
  const seeds = Array.from({ length: 16 }, (_, i) => i + 1);
  it.each(ids)('%s', (id) => {
    const parsed = parseTemplate(getTemplate(id));
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const answered = new Set<string>();
    for (const seed of seeds) {
      const submitted = walk(parsed.survey, seed);
      if (!submitted.success) throw new Error(`seed ${seed}: ${JSON.stringify(submitted.issues)}`);
      for (const key of Object.keys(submitted.response.answers)) answered.add(key);
    }
    expect(indexTemplate(parsed.survey.template).answerKeys.filter((key) => !answered.has(key))).toEqual([]);
  });
});
