import { readdirSync, readFileSync } from 'node:fs';
import type { AnswerValue, QuestionView, Session, Survey } from '../../src/engine/index.js';
import { loadTemplate } from '../../src/schema/index.js';

const dir = new URL('../../templates/', import.meta.url);

/** Every built-in template file (not the format's JSON Schema), parsed. */
export function builtInSurveys(): { file: string; survey: Survey }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json') && file !== 'schema.json')
    .sort()
    .map((file) => ({ file, survey: loadTemplate(JSON.parse(readFileSync(new URL(file, dir), 'utf8'))) }));
}

/** mulberry32: a small seeded generator, so a failing path can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One answer a respondent gives: to a question or a matrix item, with an "other" text if chosen. */
export interface GivenAnswer {
  key: string;
  value: AnswerValue;
  other?: string;
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const shuffle = <T>(rnd: () => number, list: readonly T[]): T[] => {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/** A valid random answer to a visible question (several for a matrix), or none for a note. */
export function randomAnswers(view: QuestionView, rnd: () => number): GivenAnswer[] {
  const otherText = 'ほかの理由';
  switch (view.kind) {
    case 'note':
      return [];
    case 'single':
    case 'likert': {
      const option = pick(rnd, view.options);
      return [{ key: view.id, value: option.code, ...(option.other ? { other: otherText } : {}) }];
    }
    case 'multiple': {
      const exclusive = view.options.filter((o) => o.exclusive);
      if (exclusive.length > 0 && rnd() < 0.2) return [{ key: view.id, value: [pick(rnd, exclusive).code] }];
      const free = view.options.filter((o) => !o.exclusive);
      const min = Math.max(1, view.minSelected ?? 1);
      const max = Math.min(free.length, view.maxSelected ?? free.length);
      const chosen = shuffle(rnd, free).slice(0, min + Math.floor(rnd() * (max - min + 1)));
      const other = chosen.some((o) => o.other);
      return [{ key: view.id, value: chosen.map((o) => o.code), ...(other ? { other: otherText } : {}) }];
    }
    case 'ranking': {
      const min = view.minRanked ?? 1;
      const max = Math.min(view.maxRanked, view.options.length);
      const chosen = shuffle(rnd, view.options).slice(0, min + Math.floor(rnd() * (max - min + 1)));
      const other = chosen.some((o) => o.other);
      return [{ key: view.id, value: chosen.map((o) => o.code), ...(other ? { other: otherText } : {}) }];
    }
    case 'matrix':
      return view.items.map((item) => ({ key: item.id, value: pick(rnd, item.options).code }));
    case 'number': {
      const min = view.min ?? 0;
      const max = view.max ?? min + 100;
      const value = min + Math.floor(rnd() * (max - min + 1));
      return [{ key: view.id, value: Math.min(max, view.integer || rnd() < 0.5 ? value : value + 0.5) }];
    }
    case 'text':
      return [{ key: view.id, value: 'テスト回答'.slice(0, Math.max(1, Math.min(5, view.maxLength))) }];
    case 'date': {
      const min = Date.parse(view.min ?? '1950-01-01');
      const max = Date.parse(view.max ?? '2030-12-31');
      return [
        { key: view.id, value: new Date(min + Math.floor(rnd() * (max - min))).toISOString().slice(0, 10) },
      ];
    }
  }
}

/**
 * Walks a session as a respondent would: on each page, answers each visible question (every
 * required one, most others) in order, calling `onAnswer` after each answer, then moves on.
 * Returns the answers given, in order.
 */
export function walk(
  session: Session,
  rnd: () => number,
  onAnswer: (answer: GivenAnswer) => void,
): GivenAnswer[] {
  const given: GivenAnswer[] = [];
  for (let guard = 0; guard < 500; guard++) {
    const done = new Set<string>();
    for (;;) {
      const view = session.getSnapshot().questions.find((q) => !done.has(q.id));
      if (view === undefined) break;
      done.add(view.id);
      if (!view.required && rnd() < 0.25) continue;
      for (const answer of randomAnswers(view, rnd)) {
        let result = session.setAnswer(answer.key, answer.value);
        if (answer.other !== undefined) result = session.setOther(answer.key, answer.other);
        if (!result.success || result.issues.length > 0)
          throw new Error(`answer refused: ${JSON.stringify(answer)}`);
        given.push(answer);
        onAnswer(answer);
      }
    }
    if (!session.getSnapshot().canNext) return given;
    const moved = session.next();
    if (!moved.success) throw new Error(`next refused: ${JSON.stringify(moved.issues)}`);
  }
  throw new Error('the walk did not end');
}

/** The ids of every visible question of the session, page by page (moves the session back). */
export function visibleQuestions(session: Session): string[] {
  const ids: string[] = [];
  const pages = session.getSnapshot().pages.filter((p) => p.visible);
  for (const page of [...pages].reverse()) {
    const moved = session.goTo(page.index);
    if (!moved.success) throw new Error(`goTo refused: ${JSON.stringify(moved.issues)}`);
    ids.unshift(...session.getSnapshot().questions.map((q) => q.id));
  }
  return ids;
}
