import { nanoid, random } from 'nanoid';
import type { Survey } from '../schema/survey.js';
import { resolveLocale } from './resolveLocale.js';
import type { Session } from './session.js';
import { SessionCore } from './sessionCore.js';
import { buildSurveyModel, type PageMode } from './surveyModel.js';

/** Options of {@link createSession}. */
export interface SessionOptions {
  /**
   * The locale to show, such as `navigator.language`: matched against the template's locales
   * exactly, then by language (`en-US` → `en`); Japanese when nothing matches. Default `ja`.
   */
  locale?: string;
  /** The seed of option randomisation, taken as an unsigned 32-bit integer. Default: random. */
  seed?: number;
  /** A page per section (default) or a page per question. */
  pageMode?: PageMode;
  /** The clock for `startedAt` and `submittedAt`. Default `() => new Date()`. */
  now?: () => Date;
  /** Makes the respondent id. Default: a random nanoid. */
  respondentId?: () => string;
}

/**
 * Starts a respondent's session on a survey (the output of `parseTemplate`, which a server may
 * produce once and send as JSON: the engine needs no schema library). The survey is trusted as
 * checked; answers, ids and snapshots from the respondent's side are not.
 *
 * @example
 * ```ts
 * import { createSession } from 'kizuki/engine';
 *
 * const session = createSession(survey, { locale: navigator.language });
 * session.subscribe(() => render(session.getSnapshot()));
 * session.setAnswer('sex', 2);
 * session.toggleOption('arrangements', 1);
 * if (session.next().success) {
 *   // on the next visible page
 * }
 * const result = session.submit();
 * if (result.success) await fetch('/responses', { method: 'POST', body: JSON.stringify(result.response) });
 * ```
 */
export function createSession(survey: Survey, options: SessionOptions = {}): Session {
  const now = options.now ?? (() => new Date());
  const core = new SessionCore({
    model: buildSurveyModel(survey, options.pageMode === 'question' ? 'question' : 'section'),
    seed: options.seed === undefined ? randomSeed() : options.seed >>> 0,
    respondentId: (options.respondentId ?? nanoid)(),
    startedAt: now().toISOString(),
    locale: resolveLocale(options.locale ?? 'ja', survey.template.locales) ?? 'ja',
    now,
  });
  return sessionFromCore(core);
}

/** A uniformly random unsigned 32-bit seed from the platform's cryptographic source. */
export function randomSeed(): number {
  const [a = 0, b = 0, c = 0, d = 0] = random(4);
  return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
}

/** Wraps a core in the store a front end subscribes to. */
export function sessionFromCore(core: SessionCore): Session {
  // Entries rather than bare functions: the same listener may subscribe twice (React's strict mode)
  // and each unsubscribe must remove only its own subscription.
  const listeners = new Set<{ listener: () => void }>();
  const act = <R>(action: () => R): R => {
    const before = core.version;
    const result = action();
    if (core.version !== before) for (const entry of [...listeners]) entry.listener();
    return result;
  };
  return {
    survey: core.model.survey,
    getSnapshot: () => core.state(),
    subscribe: (listener) => {
      const entry = { listener };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    setAnswer: (id, value) => act(() => core.setAnswer(id, value)),
    clearAnswer: (id) => act(() => core.setAnswer(id, null)),
    toggleOption: (id, code) => act(() => core.toggleOption(id, code)),
    setOther: (questionId, text) => act(() => core.setOther(questionId, text)),
    next: () => act(() => core.next()),
    back: () => act(() => core.back()),
    goTo: (pageIndex) => act(() => core.goTo(pageIndex)),
    setLocale: (locale) => act(() => core.setLocale(locale)),
    submit: () => act(() => core.submit()),
    snapshot: () => core.snapshot(),
  };
}
