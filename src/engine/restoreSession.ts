import { nanoid } from 'nanoid';
import type { Issue, PathSegment } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import type { AnswerValue } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import { acceptAnswer } from './acceptAnswer.js';
import { createSession, randomSeed, type SessionOptions, sessionFromCore } from './createSession.js';
import { type EngineIssueCode, engineMessages } from './messages.js';
import { messageLocaleOf, resolveLocale } from './resolveLocale.js';
import type { Session } from './session.js';
import { SessionCore } from './sessionCore.js';
import { buildSurveyModel, type PageMode, type SurveyModel } from './surveyModel.js';

/** Options of {@link restoreSession}: used only where the snapshot lacks a valid value. */
export type RestoreOptions = SessionOptions;

/** The result of {@link restoreSession}. */
export interface RestoreResult {
  /** The resumed session; always usable, even when the snapshot was not. */
  session: Session;
  /** The snapshot was made on a different version of the template (its hash differs). */
  templateChanged: boolean;
  /**
   * Everything that could not be carried over, one issue per answer or field, in the session's
   * message language. Issues about answers carry `params.id` and `params.value` (the saved value),
   * so nothing a respondent wrote disappears without a trace.
   */
  issues: Issue[];
}

interface Pending {
  code: EngineIssueCode;
  path: PathSegment[];
  params?: Record<string, unknown>;
}

type Fields = Record<string, unknown>;

/**
 * Resumes a session from a {@link SessionSnapshot} — typically `JSON.parse` of what
 * `session.snapshot()` gave earlier, from storage the respondent controls, so every field is checked.
 * On the same template the session continues exactly where it was. On a newer version, answers to
 * unchanged questions carry over and each one that cannot — question or item removed (a reworded item
 * with a new id is a removed one), question type changed, option code removed, value no longer valid
 * — is reported; the session keeps its seed, respondent id and start time.
 *
 * @example
 * ```ts
 * const saved = localStorage.getItem('kizuki-session');
 * const { session, issues } = saved ? restoreSession(survey, JSON.parse(saved)) : { session: createSession(survey), issues: [] };
 * for (const issue of issues) console.warn(issue.message); // e.g. answers lost to a new template version
 * session.subscribe(() => localStorage.setItem('kizuki-session', JSON.stringify(session.snapshot())));
 * ```
 */
export function restoreSession(
  survey: Survey,
  snapshot: unknown,
  options: RestoreOptions = {},
): RestoreResult {
  const fresh = (pending: Pending): RestoreResult => {
    const session = createSession(survey, options);
    const locale = messageLocaleOf(session.getSnapshot().locale);
    return {
      session,
      templateChanged: false,
      issues: [createIssue(engineMessages, pending.code, pending.path, locale, pending.params)],
    };
  };
  let fields: Fields;
  try {
    // A copy of own, enumerable data: a getter or proxy in a hand-made object runs once, here.
    if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) throw new TypeError();
    fields = { ...(snapshot as Fields) };
    if (fields.format !== 'kizuki-session/1') throw new TypeError();
    if (fields.templateId !== survey.template.id) {
      const answers = record(fields.answers);
      if (typeof fields.templateId !== 'string') throw new TypeError();
      return fresh({
        code: 'template_mismatch',
        path: ['templateId'],
        params: {
          saved: fields.templateId.slice(0, 100),
          answers: answers ? Object.keys(answers).length : 0,
        },
      });
    }
    return restoreFields(survey, fields, options);
  } catch {
    return fresh({ code: 'snapshot_invalid', path: [] });
  }
}

function restoreFields(survey: Survey, fields: Fields, options: RestoreOptions): RestoreResult {
  const pending: Pending[] = [];
  const invalid = (field: string) =>
    pending.push({ code: 'snapshot_field_invalid', path: [field], params: { field } });
  const pick = <T>(field: string, valid: (value: unknown) => value is T, fallback: () => T): T => {
    const value = fields[field];
    if (valid(value)) return value;
    invalid(field);
    return fallback();
  };
  const now = options.now ?? (() => new Date());
  const locales = survey.template.locales;
  const locale =
    resolveLocale(fields.locale, locales) ?? resolveLocale(options.locale ?? 'ja', locales) ?? 'ja';
  if (resolveLocale(fields.locale, locales) === undefined) invalid('locale');
  const seed = pick('seed', isSeed, () => (options.seed === undefined ? randomSeed() : options.seed >>> 0));
  const respondentId = pick('respondentId', isId, () => (options.respondentId ?? nanoid)());
  const startedAt = pick('startedAt', isDateTime, () => now().toISOString());
  const pageMode = pick('pageMode', isPageMode, () =>
    options.pageMode === 'question' ? 'question' : 'section',
  );
  const pageIndex = pick('pageIndex', isPageIndex, () => undefined);
  const touched = pick('touched', Array.isArray, () => []).filter(
    (id): id is string => typeof id === 'string',
  );
  const model = buildSurveyModel(survey, pageMode);
  const answers = carryAnswers(model, fields, pending, invalid);
  const other = carryOther(model, fields, pending, invalid);

  const core = new SessionCore({
    model,
    seed,
    respondentId,
    startedAt,
    locale,
    now,
    answers,
    other,
    touched,
    ...(pageIndex === undefined ? {} : { pageIndex }),
  });
  const messageLocale = messageLocaleOf(locale);
  return {
    session: sessionFromCore(core),
    templateChanged: fields.templateHash !== survey.hash,
    issues: pending.map((p) => createIssue(engineMessages, p.code, p.path, messageLocale, p.params)),
  };
}

function carryAnswers(
  model: SurveyModel,
  fields: Fields,
  pending: Pending[],
  invalid: (field: string) => void,
): Map<string, AnswerValue> {
  const answers = new Map<string, AnswerValue>();
  const saved = record(fields.answers);
  if (saved === undefined) {
    invalid('answers');
    return answers;
  }
  const kinds = record(fields.kinds) ?? {};
  for (const [key, value] of Object.entries(saved)) {
    const path = ['answers', key];
    const lost = (code: EngineIssueCode, params: Record<string, unknown> = {}) =>
      pending.push({ code, path, params: { id: key, ...params, value } });
    const qi = model.keyOwner.get(key);
    if (qi === undefined) {
      lost('question_removed');
      continue;
    }
    const q = model.questions[qi]!;
    const kind = Object.hasOwn(kinds, key) ? kinds[key] : q.question.type;
    if (kind !== q.question.type) {
      lost('type_changed', {
        saved: typeof kind === 'string' ? kind.slice(0, 40) : typeof kind,
        current: q.question.type,
      });
      continue;
    }
    const accepted = acceptAnswer(q, value, undefined);
    if (accepted.ok) {
      if (accepted.value !== null) answers.set(key, accepted.value);
    } else if (accepted.code === 'unknown_code') {
      const codes = (Array.isArray(value) ? value : [value]).filter(
        (c) => typeof c === 'number' && !q.codes.has(c),
      );
      lost('code_removed', { codes });
    } else {
      const reason = createIssue(engineMessages, accepted.code, path, 'en', accepted.params).message;
      lost('answer_invalid', { reason });
    }
  }
  return answers;
}

function carryOther(
  model: SurveyModel,
  fields: Fields,
  pending: Pending[],
  invalid: (field: string) => void,
): Map<string, string> {
  const other = new Map<string, string>();
  const saved = record(fields.other) ?? (fields.other === undefined ? {} : undefined);
  if (saved === undefined) {
    invalid('other');
    return other;
  }
  for (const [id, text] of Object.entries(saved)) {
    const path = ['other', id];
    const qi = model.questionIndex.get(id);
    if (typeof text !== 'string')
      pending.push({ code: 'snapshot_field_invalid', path, params: { field: `other.${id}` } });
    else if (qi === undefined) pending.push({ code: 'question_removed', path, params: { id, value: text } });
    else if (model.questions[qi]!.otherCode === null)
      pending.push({ code: 'other_removed', path, params: { id, value: text } });
    else if (text !== '') other.set(id, text);
  }
  return other;
}

function record(value: unknown): Fields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

const isSeed = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffff_ffff;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isDateTime = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));
const isPageMode = (v: unknown): v is PageMode => v === 'section' || v === 'question';
const isPageIndex = (v: unknown): v is number | undefined => Number.isInteger(v) && (v as number) >= 0;
