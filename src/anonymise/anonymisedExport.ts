import { customRandom, urlAlphabet } from 'nanoid';
import { canonicalJson } from '../core/canonicalJson.js';
import type { MessageLocale } from '../core/issue.js';
import type { AnswerValue, SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import { checkInteger, checkOption, fail } from './anonymiseError.js';
import type { AuditEntry } from './auditEntry.js';
import { enforceKAnonymity } from './enforceKAnonymity.js';
import { applyRules, type GeneraliseRule } from './generalise.js';
import type { Hierarchy } from './hierarchies.js';
import { cryptoFill, type RandomFill, RandomStream, shuffleInPlace } from './randomStream.js';
import { checkResponses, otherTexts } from './readResponses.js';
import { setOwn } from './records.js';
import { type RedactTextOptions, redactText } from './redactText.js';
import { removeIdentifiers } from './removeIdentifiers.js';
import { type SurveyField, surveyFields } from './surveyFields.js';

/** Options of {@link anonymisedExport}. */
export interface AnonymisedExportOptions {
  /** Every combination of quasi-identifier values must be shared by at least k rows. */
  k: number;
  /** Answer keys that could single someone out (default: questions with role `quasiIdentifier`). */
  quasiIdentifiers?: readonly string[];
  /** Generalisation hierarchies for {@link enforceKAnonymity}, by answer key. */
  hierarchies?: Readonly<Record<string, Hierarchy>>;
  /** Share of rows local suppression may touch (default 0.05). */
  maxSuppression?: number;
  /** Distinct l-diversity of the sensitive answers (default: none). */
  l?: number;
  /** Sensitive answer keys for `l` (default: questions with role `sensitive`). */
  sensitive?: readonly string[];
  /** Generalisation rules applied before anything else, replacing the defaults for their keys. */
  rules?: Readonly<Record<string, GeneraliseRule>>;
  /** Text answers marked `personalData`: dropped (default) or redacted. */
  personalText?: 'drop' | 'redact';
  /** Other text answers and "other, please specify" texts: redacted (default) or dropped. */
  otherText?: 'redact' | 'drop';
  /** Settings of the redaction (kinds, name detector, replacement). */
  redact?: Pick<RedactTextOptions, 'kinds' | 'nameDetector' | 'replacement'>;
  /** Top- and bottom-code every number answer so at least k values lie at each end (default true). */
  topBottomCoding?: boolean;
  /** Date answers that are not quasi-identifiers: to month (default), to year, or kept. */
  dates?: 'month' | 'year' | 'keep';
  /** The submission time: dropped (default) or kept as month or year (then also a quasi-identifier). */
  submitted?: 'drop' | 'month' | 'year';
  /** Keep the answering locale (default false; then also a quasi-identifier: a rare language stands out). */
  keepLocale?: boolean;
  /** A random source for the shuffle and row ids, for tests (default `crypto.getRandomValues`). */
  random?: RandomFill;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/** One anonymised row. */
export interface AnonymisedRow {
  /** A fresh random id, unrelated to the respondent id. */
  rowId: string;
  answers: Record<string, AnswerValue>;
  other?: Record<string, string>;
  meta?: { locale?: string; submitted?: string };
}

/** An anonymised data set with its audit log. */
export interface AnonymisedExport {
  template: { id: string; version: string; hash: string };
  rows: AnonymisedRow[];
  k: number;
  /** The smallest class of equal quasi-identifiers in `rows` (0 when there are none). */
  smallestClass: number;
  /** Every transformation applied, in order. */
  log: AuditEntry[];
}

// Record keys for what is not an answer; answer keys start with a letter, so these never collide.
const OTHER = '$other';
const META_LOCALE = '$locale';
const META_SUBMITTED = '$submitted';

/**
 * Exports responses as anonymised data in the manner of 匿名加工情報 (APPI): answers of
 * `identifier` questions removed; respondent ids, template hashes, randomisation seeds and
 * presentation orders and timestamps dropped (submission time optionally kept as month or
 * year); no key or pseudonym kept; answers outside the template or of the wrong shape dropped;
 * free text dropped or redacted (texts of quasi-identifier questions always dropped); unusual values
 * handled (top and bottom coding of numbers, rare categories of quasi-identifiers merged, dates
 * coarsened); k-anonymity enforced (and l-diversity if asked); rows shuffled with a cryptographic
 * random source and given fresh random ids. Rows are put into a canonical order by content before
 * any random step, so the output does not depend on the input order.
 *
 * The log lists every step with its field, count and settings, and the result carries the
 * smallest class size. Throws an `AnonymiseError` for bad options, for responses to another
 * template, and when there are fewer than k responses (but more than none).
 *
 * @example
 * ```ts
 * const out = anonymisedExport(survey, responses, { k: 5 });
 * out.smallestClass; // ≥ 5
 * out.log.filter((e) => e.step === 'suppressValues');
 * ```
 */
export function anonymisedExport(
  survey: Survey,
  responses: readonly SurveyResponse[],
  options: AnonymisedExportOptions,
): AnonymisedExport {
  const locale = options?.locale;
  checkResponses(responses, locale);
  const { k, personalText = 'drop', otherText = 'redact', dates = 'month', submitted = 'drop' } = options;
  checkInteger(k, 'k', 1, locale);
  const template = survey.template;
  const fields = surveyFields(template);
  const checkKeys = (keys: unknown, option: string) => {
    checkOption(Array.isArray(keys), option, { en: 'a list of answer keys', ja: '回答項目名の配列' }, locale);
    for (const key of keys as unknown[])
      if (typeof key !== 'string' || !fields.has(key))
        fail('unknown_field', ['options', option], locale, { field: key });
    return keys as string[];
  };
  const byRole = (role: string) => [...fields].filter(([, f]) => f.role === role).map(([key]) => key);
  const quasiIdentifiers = checkKeys(
    options.quasiIdentifiers ?? byRole('quasiIdentifier'),
    'quasiIdentifiers',
  );
  const sensitive = checkKeys(options.sensitive ?? byRole('sensitive'), 'sensitive');
  checkOption(
    personalText === 'drop' || personalText === 'redact',
    'personalText',
    { en: "'drop' or 'redact'", ja: "'drop' か 'redact'" },
    locale,
  );
  checkOption(
    otherText === 'drop' || otherText === 'redact',
    'otherText',
    { en: "'drop' or 'redact'", ja: "'drop' か 'redact'" },
    locale,
  );
  checkOption(
    ['month', 'year', 'keep'].includes(dates),
    'dates',
    { en: "'month', 'year' or 'keep'", ja: "'month'・'year'・'keep'" },
    locale,
  );
  checkOption(
    ['drop', 'month', 'year'].includes(submitted),
    'submitted',
    { en: "'drop', 'month' or 'year'", ja: "'drop'・'month'・'year'" },
    locale,
  );
  responses.forEach((response, i) => {
    const id = Object.hasOwn(response, 'templateId') ? response.templateId : undefined;
    if (id !== template.id)
      fail('wrong_template', ['responses', i, 'templateId'], locale, {
        received: String(id),
        expected: template.id,
      });
  });
  if (responses.length > 0 && responses.length < k)
    fail('too_few_records', ['responses'], locale, { count: responses.length, k });

  const log: AuditEntry[] = [];
  const questionIds = new Set([...fields.values()].map((f) => f.question.id));
  let rows = responses.map((response) =>
    keepKnown(response, fields, questionIds, submitted, options.keepLocale === true),
  );
  log.push(...linkingLog(responses, submitted, options.keepLocale === true));
  const shape = { unknown: 0, invalid: 0 };
  for (const row of rows) {
    shape.unknown += row.dropped.unknown;
    shape.invalid += row.dropped.invalid;
  }
  log.push({ step: 'dropUnknown', count: shape.unknown }, { step: 'dropInvalid', count: shape.invalid });

  const removed = removeIdentifiers(
    survey,
    rows.map((r) => r.response),
    { ...(locale ? { locale } : {}) },
  );
  log.push(...removed.log);
  rows = rows.map((row, i) => ({ ...row, response: removed.responses[i]! }));

  const texts = handleText(
    rows.map((r) => r.response),
    fields,
    new Set(quasiIdentifiers),
    { personalText, otherText, redact: options.redact ?? {}, locale },
  );
  log.push(...texts.log);

  const rules = defaultRules(fields, new Set(quasiIdentifiers), k, options.topBottomCoding !== false, dates);
  for (const [key, rule] of Object.entries(options.rules ?? {})) {
    if (!fields.has(key)) fail('unknown_field', ['options', 'rules', key], locale, { field: key });
    rules.set(key, rule);
  }
  const generalised = applyRules(fields, texts.responses, rules);
  log.push(...generalised.log);

  // Canonical order by content before anything order-sensitive or random.
  const records = generalised.responses
    .map((response, i) => toRecord(response, rows[i]!.meta))
    .map((record) => ({ record, key: canonicalJson(record) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ record }) => record);
  const metaQis = [
    ...(submitted === 'drop' ? [] : [META_SUBMITTED]),
    ...(options.keepLocale === true ? [META_LOCALE] : []),
  ];
  const enforced = enforceKAnonymity(records, {
    quasiIdentifiers: [...quasiIdentifiers, ...metaQis],
    k,
    ...(options.hierarchies === undefined ? {} : { hierarchies: options.hierarchies }),
    ...(options.maxSuppression === undefined ? {} : { maxSuppression: options.maxSuppression }),
    ...(options.l === undefined ? {} : { l: options.l, sensitive }),
    ...(locale ? { locale } : {}),
  });
  log.push(...enforced.report.log);

  const fill = options.random ?? cryptoFill(locale);
  const shuffled = shuffleInPlace(enforced.records, new RandomStream(fill));
  const rowId = customRandom(urlAlphabet, 21, (size) => fill(new Uint8Array(size)));
  log.push({ step: 'shuffle', count: shuffled.length });
  return {
    template: { id: template.id, version: template.version, hash: survey.hash },
    rows: shuffled.map((record) => fromRecord(record, rowId())),
    k,
    smallestClass: enforced.report.smallestClass,
    log,
  };
}

interface WorkingRow {
  response: SurveyResponse;
  meta: { locale?: string; submitted?: string };
  dropped: { unknown: number; invalid: number };
}

/** Keeps template answers of a valid shape and "other" texts, and the metadata asked for. */
function keepKnown(
  response: SurveyResponse,
  fields: ReadonlyMap<string, SurveyField>,
  questionIds: ReadonlySet<string>,
  submitted: 'drop' | 'month' | 'year',
  keepLocale: boolean,
): WorkingRow {
  const dropped = { unknown: 0, invalid: 0 };
  const answers: Record<string, AnswerValue> = {};
  for (const [key, value] of Object.entries(response.answers)) {
    if (!fields.has(key)) dropped.unknown++;
    else if (!isAnswerValue(value)) dropped.invalid++;
    else setOwn(answers, key, Array.isArray(value) ? [...value] : value);
  }
  const other: Record<string, string> = {};
  for (const [id, text] of Object.entries(otherTexts(response)))
    if (typeof text === 'string' && questionIds.has(id)) setOwn(other, id, text);
  const metaIn =
    Object.hasOwn(response, 'meta') && typeof response.meta === 'object' && response.meta !== null
      ? response.meta
      : undefined;
  const meta: WorkingRow['meta'] = {};
  const time = metaIn && Object.hasOwn(metaIn, 'submittedAt') ? metaIn.submittedAt : undefined;
  if (submitted !== 'drop' && typeof time === 'string' && /^\d{4}-\d{2}/.test(time))
    meta.submitted = time.slice(0, submitted === 'month' ? 7 : 4);
  const lang = metaIn && Object.hasOwn(metaIn, 'locale') ? metaIn.locale : undefined;
  if (keepLocale && typeof lang === 'string') meta.locale = lang;
  return {
    response: { ...response, answers, other },
    meta,
    dropped,
  };
}

function isAnswerValue(value: unknown): value is AnswerValue {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return true;
  return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** Log entries for the linking codes and metadata that every row loses or keeps coarsened. */
function linkingLog(
  responses: readonly SurveyResponse[],
  submitted: string,
  keepLocale: boolean,
): AuditEntry[] {
  const count = (read: (r: SurveyResponse) => unknown) =>
    responses.filter((r) => read(r) !== undefined).length;
  const meta = (key: string) => (r: SurveyResponse) =>
    Object.hasOwn(r, 'meta') && r.meta !== null && typeof r.meta === 'object' && Object.hasOwn(r.meta, key)
      ? (r.meta as unknown as Record<string, unknown>)[key]
      : undefined;
  const own = (key: string) => (r: SurveyResponse) =>
    Object.hasOwn(r, key) ? (r as unknown as Record<string, unknown>)[key] : undefined;
  const entries: AuditEntry[] = ['respondentId', 'templateVersion', 'templateHash'].map((field) => ({
    step: 'dropLinkingCode',
    field,
    count: count(own(field)),
  }));
  for (const key of ['seed', 'order', 'startedAt'])
    entries.push({ step: 'dropLinkingCode', field: `meta.${key}`, count: count(meta(key)) });
  entries.push(
    submitted === 'drop'
      ? { step: 'dropLinkingCode', field: 'meta.submittedAt', count: count(meta('submittedAt')) }
      : {
          step: 'coarsenMeta',
          field: 'meta.submittedAt',
          count: count(meta('submittedAt')),
          parameters: { to: submitted },
        },
  );
  if (!keepLocale)
    entries.push({ step: 'dropLinkingCode', field: 'meta.locale', count: count(meta('locale')) });
  return entries;
}

/** Drops or redacts text answers and "other" texts. */
function handleText(
  responses: readonly SurveyResponse[],
  fields: ReadonlyMap<string, SurveyField>,
  quasiIdentifiers: ReadonlySet<string>,
  settings: {
    personalText: 'drop' | 'redact';
    otherText: 'drop' | 'redact';
    redact: NonNullable<AnonymisedExportOptions['redact']>;
    locale: MessageLocale | undefined;
  },
): { responses: SurveyResponse[]; log: AuditEntry[] } {
  const qiQuestions = new Set([...quasiIdentifiers].map((key) => fields.get(key)!.question.id));
  const tally = new Map<string, { step: 'dropText' | 'redactText'; count: number; findings: number }>();
  const apply = (field: string, mode: 'drop' | 'redact', text: string): string | undefined => {
    let entry = tally.get(field);
    if (entry === undefined) {
      entry = { step: mode === 'drop' ? 'dropText' : 'redactText', count: 0, findings: 0 };
      tally.set(field, entry);
    }
    if (mode === 'drop') {
      entry.count++;
      return undefined;
    }
    const result = redactText(text, {
      ...settings.redact,
      ...(settings.locale ? { locale: settings.locale } : {}),
    });
    if (result.findings.length > 0) entry.count++;
    entry.findings += result.findings.length;
    return result.text;
  };
  const out = responses.map((response) => {
    const answers: Record<string, AnswerValue> = {};
    for (const [key, value] of Object.entries(response.answers)) {
      const question = fields.get(key)!.question;
      if (question.type !== 'text' || typeof value !== 'string') {
        setOwn(answers, key, value);
        continue;
      }
      const mode = question.personalData === true ? settings.personalText : settings.otherText;
      const kept = apply(key, mode, value);
      if (kept !== undefined) setOwn(answers, key, kept);
    }
    const other: Record<string, string> = {};
    for (const [id, text] of Object.entries(response.other ?? {})) {
      const kept = apply(`${id}.other`, qiQuestions.has(id) ? 'drop' : settings.otherText, text);
      if (kept !== undefined) setOwn(other, id, kept);
    }
    return { ...response, answers, other };
  });
  // Log in template order, whatever order the rows came in.
  const position = new Map([...fields.keys()].map((key, i) => [key, i]));
  const rank = (field: string) =>
    2 * (position.get(field.replace(/\.other$/, '')) ?? 0) + (field.endsWith('.other') ? 1 : 0);
  const log: AuditEntry[] = [...tally]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, { step, count, findings }]) =>
      step === 'dropText' ? { step, field, count } : { step, field, count, parameters: { findings } },
    );
  return { responses: out, log };
}

/** The default generalisation of the export, before k-anonymity. */
function defaultRules(
  fields: ReadonlyMap<string, SurveyField>,
  quasiIdentifiers: ReadonlySet<string>,
  k: number,
  topBottom: boolean,
  dates: 'month' | 'year' | 'keep',
): Map<string, GeneraliseRule> {
  const rules = new Map<string, GeneraliseRule>();
  for (const [key, { question }] of fields) {
    const qi = quasiIdentifiers.has(key);
    if (question.type === 'number' && topBottom) rules.set(key, { kind: 'topBottom', minCount: k });
    else if (question.type === 'date' && !qi && dates !== 'keep') rules.set(key, { kind: 'date', to: dates });
    else if (qi && question.type !== 'text' && question.type !== 'number' && question.type !== 'date')
      rules.set(key, { kind: 'rare', threshold: k });
  }
  return rules;
}

function toRecord(response: SurveyResponse, meta: WorkingRow['meta']): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(response.answers)) setOwn(record, key, value);
  if (response.other !== undefined && Object.keys(response.other).length > 0) record[OTHER] = response.other;
  if (meta.locale !== undefined) record[META_LOCALE] = meta.locale;
  if (meta.submitted !== undefined) record[META_SUBMITTED] = meta.submitted;
  return record;
}

function fromRecord(record: Record<string, unknown>, rowId: string): AnonymisedRow {
  const row: AnonymisedRow = { rowId, answers: {} };
  const meta: NonNullable<AnonymisedRow['meta']> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === OTHER) row.other = value as Record<string, string>;
    else if (key === META_LOCALE) meta.locale = String(value);
    else if (key === META_SUBMITTED) meta.submitted = String(value);
    else setOwn(row.answers, key, value);
  }
  if (Object.keys(meta).length > 0) row.meta = meta;
  return row;
}
