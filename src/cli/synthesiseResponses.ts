import { createSession, type QuestionView, type Session } from '../engine/index.js';
import type { Question, Survey, SurveyResponse } from '../schema/index.js';

/** Options of {@link synthesiseResponses}. */
export interface SynthesiseOptions {
  /** How many responses. */
  n: number;
  /** The seed: the same seed and survey give the same responses. */
  seed: number;
  /**
   * Fixed answers to single-choice questions, one record per response (such as the sex, age band
   * and area of a sampled resident); `sex` and `age_band` also steer the other answers as usual.
   */
  people?: ReadonlyArray<Readonly<Record<string, number>>>;
}

/** A pseudo-random source (sfc32): fast, seedable and the same on every platform. */
export function createRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** The latest national favourable shares of men and women per item, from the template's benchmarks. */
function nationalShares(survey: Survey): Map<string, { men: number; women: number }> {
  const latest = new Map<string, { men?: number; women?: number; year: number }>();
  for (const b of survey.template.benchmarks ?? []) {
    const sex = b.group?.sex;
    if (
      b.item === undefined ||
      (b.statistic ?? 'favourableShare') !== 'favourableShare' ||
      (sex !== 1 && sex !== 2)
    )
      continue;
    const entry = latest.get(b.item);
    if (entry !== undefined && entry.year > b.year) continue;
    const next = entry !== undefined && entry.year === b.year ? entry : { year: b.year };
    if (sex === 1) next.men = b.value;
    else next.women = b.value;
    latest.set(b.item, next);
  }
  const out = new Map<string, { men: number; women: number }>();
  for (const [item, { men, women }] of latest)
    if (men !== undefined && women !== undefined) out.set(item, { men, women });
  return out;
}

/** Picks an index with the given weights. */
function weighted(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

// Sex: male, female, other, prefer not to say. Age bands 10s … 70s+: older people answer municipal surveys more.
const SEX_WEIGHTS = [46, 50, 1.5, 2.5];
const AGE_BAND_WEIGHTS = [4, 10, 13, 16, 17, 19, 21];
const COMMENTS = {
  ja: [
    '家事や育児の分担について、家族で話し合うきっかけになりました。',
    '地域の行事の役割が性別で決まっていることが多いと感じます。',
    '若い人が地元で働き続けられる職場が増えてほしいです。',
    '説明会の日程を知りたいので、090-1234-5678 まで連絡をください。',
    '特にありません。',
  ],
  en: [
    'This made me think about how housework is shared at home.',
    'Roles at local events are often decided by gender.',
    'I hope more local workplaces let young people stay.',
    'Please send details to taro.yamada@example.jp.',
  ],
};
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

interface Person {
  sex: number;
  ageBand: number;
  locale: 'ja' | 'en';
  /** Leaning towards fixed gender-role views, on the logit scale. */
  trait: number;
  /** Answers given in advance (single-choice question id → code). */
  fixed?: Readonly<Record<string, number>>;
}

/** An agree-scale statement: the logit offset for women and the shift for men. */
interface ItemModel {
  offset: number;
  male: number;
}

/** Draws a respondent. A quarter hold almost none of the assumptions (the national survey finds about one in four agreeing with no statement). */
function drawPerson(random: () => number): Person {
  return {
    sex: [1, 2, 3, 9][weighted(random, SEX_WEIGHTS)]!,
    ageBand: 1 + weighted(random, AGE_BAND_WEIGHTS),
    locale: random() < 0.9 ? 'ja' : 'en',
    trait: random() < 0.25 ? -6 + random() : (random() + random() + random() - 1.5) * 2,
  };
}

// Agreement rises by this much on the logit scale per age band: the breadwinner statement goes from
// about 30% among men in their twenties to about 60% among men in their sixties (national: 44% and 61%).
const AGE_SLOPE = 0.32;
const lean = (person: Person) => (person.ageBand - 4) * AGE_SLOPE + person.trait;

/**
 * Fits an item so that its share among women is `women` and among men is `men` in a population
 * drawn like the respondents (a fixed sample of 500, so the fit is the same every time).
 */
function createItemFitter(): (women: number, men: number, reverse: boolean) => ItemModel {
  const sampleRandom = createRandom(0x5eed);
  const leans = Array.from({ length: 500 }, () => lean(drawPerson(sampleRandom)));
  const share = (offset: number, sign: number) =>
    leans.reduce((sum, l) => sum + logistic(offset + sign * l), 0) / leans.length;
  const solve = (target: number, sign: number) => {
    let lo = -15;
    let hi = 15;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (share(mid, sign) < target) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return (women, men, reverse) => {
    const sign = reverse ? -1 : 1;
    const offset = solve(women, sign);
    return { offset, male: solve(men, sign) - offset };
  };
}

/**
 * Made-up responses for demonstrations and benchmarks, answered through the engine
 * (`createSession` → answers → `submit`), so that they follow the survey's routing and pass its
 * checks. Agree-scale statements follow a simple model shaped like the national survey
 * (DOMAIN.md): a statement with national figures for men and women (the template's benchmarks) is
 * fitted to them; the others get shares of 10–45% with men 2–15 points higher. Agreement rises
 * with age, a quarter of respondents agree with almost nothing (so about 80% agree with at least
 * one of 40 statements; nationally 76%), and reverse-keyed statements run the other way. Respondents are mostly
 * Japanese-speaking, a few give contact details in comments (for the redaction step to find), and
 * everything is determined by the seed.
 */
export function synthesiseResponses(survey: Survey, options: SynthesiseOptions): SurveyResponse[] {
  const random = createRandom(options.seed);
  const items = new Map<string, ItemModel>();
  const national = nationalShares(survey);
  const fitItem = createItemFitter();
  const model = (id: string, reverse: boolean): ItemModel => {
    let m = items.get(id);
    if (m === undefined) {
      // Statements with national figures by sex match them; the others get plausible shares.
      const women = 0.1 + random() * 0.35;
      const gap = 0.02 + random() * 0.13;
      const figures = national.get(id);
      // Men lean to fixed roles: more agreement with a traditional statement, less with a reversed one.
      const men = reverse ? Math.max(0.02, women - gap) : women + gap;
      m = figures === undefined ? fitItem(women, men, reverse) : fitItem(figures.women, figures.men, reverse);
      items.set(id, m);
    }
    return m;
  };
  const questions = new Map<string, Question>();
  for (const section of survey.template.sections) for (const q of section.questions) questions.set(q.id, q);
  const scales = survey.template.scales ?? {};
  const conditional = new Set(
    survey.template.sections
      .filter((s) => s.questions.some((q) => q.visibleIf !== undefined))
      .map((s) => s.id),
  );
  const start = Date.UTC(2026, 4, 11, 0, 0, 0);
  const responses: SurveyResponse[] = [];

  for (let i = 0; i < options.n; i++) {
    const person = drawPerson(random);
    const fixed = options.people?.[i];
    if (fixed !== undefined) {
      person.fixed = fixed;
      if (Object.hasOwn(fixed, 'sex')) person.sex = fixed.sex!;
      if (Object.hasOwn(fixed, 'age_band')) person.ageBand = fixed.age_band!;
    }
    let clock = start + i * 400_000 + Math.floor(random() * 300_000);
    const id = Array.from({ length: 21 }, () => ID_ALPHABET[Math.floor(random() * 64)]).join('');
    const session = createSession(survey, {
      seed: Math.floor(random() * 0x100000000),
      locale: person.locale,
      respondentId: () => id,
      now: () => {
        const date = new Date(clock);
        clock += 240_000 + Math.floor(random() * 600_000);
        return date;
      },
    });
    const answered = new Set<string>();
    for (let page = 0; page < 1000; page++) {
      // Answers can reveal questions on the same page: look again until nothing new appears
      // (building the page's state is the costly part, so only where the page has conditions).
      for (let pass = 0; pass < 20; pass++) {
        const state = session.getSnapshot();
        const fresh = state.questions.filter((q) => !answered.has(q.id));
        if (fresh.length === 0) break;
        for (const view of fresh) {
          answered.add(view.id);
          const question = questions.get(view.id);
          if (question !== undefined) answerQuestion(session, question, view, person);
        }
        if (!conditional.has(state.page.sectionId)) break;
      }
      if (!session.getSnapshot().canNext || !session.next().success) break;
    }
    const result = session.submit();
    if (result.success) responses.push(result.response);
  }
  return responses;

  function answerQuestion(session: Session, question: Question, view: QuestionView, person: Person): void {
    // Optional questions are now and then left out, as real respondents do.
    const given = person.fixed !== undefined && Object.hasOwn(person.fixed, question.id);
    if (!given && !view.required && question.type !== 'text' && random() < 0.02) return;
    switch (question.type) {
      case 'single': {
        const codes = question.options.map((o) => o.code);
        let code: number;
        if (given && codes.includes(person.fixed![question.id]!)) code = person.fixed![question.id]!;
        else if (question.id === 'sex' || question.id === 'gender')
          code = codes.includes(person.sex) ? person.sex : codes[0]!;
        else if (question.id === 'age_band' && codes.includes(person.ageBand)) code = person.ageBand;
        else
          code =
            codes[
              weighted(
                random,
                question.options.map((o) => (o.missing === true ? 0.15 : o.other === true ? 0.3 : 1)),
              )
            ]!;
        session.setAnswer(question.id, code);
        if (question.options.find((o) => o.code === code)?.other === true)
          session.setOther(question.id, otherText(person));
        return;
      }
      case 'multiple': {
        const exclusive = question.options.filter((o) => o.exclusive === true);
        if (exclusive.length > 0 && random() < 0.12) {
          session.setAnswer(question.id, [exclusive[Math.floor(random() * exclusive.length)]!.code]);
          return;
        }
        const pool = question.options.filter(
          (o) => o.exclusive !== true && (o.other !== true || random() < 0.2),
        );
        const max = Math.min(question.maxSelected ?? pool.length, pool.length);
        const min = Math.min(Math.max(question.minSelected ?? 1, 1), max);
        const k = min + Math.floor(random() * Math.min(3, max - min + 1));
        const chosen = shuffle(pool).slice(0, k);
        session.setAnswer(
          question.id,
          question.options.filter((o) => chosen.includes(o)).map((o) => o.code),
        );
        if (chosen.some((o) => o.other === true)) session.setOther(question.id, otherText(person));
        return;
      }
      case 'ranking': {
        const pool = question.options.filter((o) => o.other !== true);
        const max = Math.min(question.maxRanked, pool.length);
        const min = Math.min(question.minRanked ?? 1, max);
        const k = min + Math.floor(random() * (max - min + 1));
        session.setAnswer(
          question.id,
          shuffle(pool)
            .slice(0, k)
            .map((o) => o.code),
        );
        return;
      }
      case 'likert':
        session.setAnswer(
          question.id,
          scaleAnswer(question.scale, question.id, question.reverse === true, person),
        );
        return;
      case 'matrix':
        for (const item of question.items) {
          if (!view.required && random() < 0.01) continue;
          session.setAnswer(item.id, scaleAnswer(question.scale, item.id, item.reverse === true, person));
        }
        return;
      case 'number': {
        const value = numberAnswer(question, person);
        session.setAnswer(question.id, value);
        return;
      }
      case 'text':
        if (question.personalData === true && question.role === 'identifier') return;
        if (view.required || random() < 0.15) {
          const pool = COMMENTS[person.locale];
          session.setAnswer(question.id, pool[Math.floor(random() * pool.length)]!);
        }
        return;
      case 'date': {
        const from = Date.parse(question.min ?? '1950-01-01');
        const to = Date.parse(question.max ?? '2005-12-31');
        session.setAnswer(question.id, new Date(from + random() * (to - from)).toISOString().slice(0, 10));
        return;
      }
      case 'note':
        return;
    }
  }

  function scaleAnswer(scaleId: string, itemId: string, reverse: boolean, person: Person): number {
    const scale = scales[scaleId];
    if (scale === undefined) return 0;
    const missing = new Set(scale.missing ?? []);
    const codes = scale.options.map((o) => o.code);
    const missingCodes = codes.filter((c) => missing.has(c));
    if (missingCodes.length > 0 && random() < 0.04) return missingCodes[0]!;
    const substantive = codes.filter((c) => !missing.has(c));
    const favourable = substantive.filter((c) => (scale.favourable ?? []).includes(c));
    const other = substantive.filter((c) => !(scale.favourable ?? []).includes(c));
    if (favourable.length === 0 || other.length === 0)
      return substantive[Math.floor(random() * substantive.length)]!;
    const m = model(itemId, reverse);
    const l = lean(person) + (person.sex === 1 ? m.male : 0) * (reverse ? -1 : 1);
    const p = logistic(m.offset + (reverse ? -l : l));
    // Within a side: the strongest favourable answer (first on the scale) a third of the time.
    if (random() < p) {
      return favourable.length === 1 || random() < 0.35
        ? favourable[0]!
        : favourable[1 + Math.floor(random() * (favourable.length - 1))]!;
    }
    return other[Math.floor(random() * other.length)]!;
  }

  function numberAnswer(question: Question & { type: 'number' }, person: Person): number {
    if (question.id === 'age')
      return Math.min(
        question.max ?? 99,
        Math.max(question.min ?? 0, person.ageBand * 10 + Math.floor(random() * 10)),
      );
    const min = question.min ?? 0;
    const max = question.max ?? min + 10;
    const value = min + (max - min) * random() * random() * 0.6;
    return question.integer === true ? Math.round(value) : Math.round(value * 10) / 10;
  }

  function otherText(person: Person): string {
    return person.locale === 'ja' ? 'その他の理由' : 'Another reason';
  }

  function shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
