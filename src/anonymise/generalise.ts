import type { MessageLocale } from '../core/issue.js';
import type { AnswerValue, SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import type { Question } from '../schema/templateSchema.js';
import { checkInteger, checkOption, fail } from './anonymiseError.js';
import type { AuditEntry } from './auditEntry.js';
import { coarsenDate, formatRange, SUPPRESSED, tidy } from './hierarchies.js';
import { checkResponses } from './readResponses.js';
import { setOwn } from './records.js';
import type { ResponsesResult } from './removeIdentifiers.js';
import { type SurveyField, surveyFields } from './surveyFields.js';

/** Default age bands: under 20, 20–29, …, 60–69, 70 and over. */
export const DEFAULT_AGE_EDGES: readonly number[] = [20, 30, 40, 50, 60, 70];

/**
 * How to generalise one answer:
 * - `bands`: numbers into bands between `edges` (default {@link DEFAULT_AGE_EDGES}): `'<20'`,
 *   `'20-29'`, …, `'70+'` (top- and bottom-coded).
 * - `ranges`: numbers into ranges of `width` from 0 (`'30-39'`); below `bottom` → `'<bottom'`,
 *   from `top` → `'top+'`.
 * - `topBottom`: numbers stay numbers, but values above `top` become `top` and below `bottom`
 *   become `bottom`. With `minCount`, the limits are chosen from the data so that at least
 *   `minCount` values lie at or beyond each limit; if there are too few values for that, every
 *   value becomes `'*'`.
 * - `date`: `YYYY-MM-DD` to `YYYY-MM` (month) or `YYYY` (year).
 * - `rare`: option codes chosen by fewer than `threshold` respondents are merged into `otherCode`
 *   (default: the question's "other" option, else a code below every option code).
 * - `keep`: leave as is.
 * Values of another type or form than the rule expects are left as they are: validate responses first.
 */
export type GeneraliseRule =
  | { kind: 'bands'; edges?: readonly number[] }
  | { kind: 'ranges'; width: number; bottom?: number; top?: number }
  | { kind: 'topBottom'; top?: number; bottom?: number; minCount?: number }
  | { kind: 'date'; to: 'month' | 'year' }
  | { kind: 'rare'; threshold?: number; otherCode?: number }
  | { kind: 'keep' };

/** Options of {@link generalise}. */
export interface GeneraliseOptions {
  /** Rules by answer key (question id, or matrix item id); they also apply to fields that are not quasi-identifiers. */
  rules?: Readonly<Record<string, GeneraliseRule>>;
  /** Threshold of the default `rare` rule (default 5). */
  rareThreshold?: number;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/**
 * Generalises answers so that fewer respondents stand out. Every question with role
 * `quasiIdentifier` gets a default rule unless `rules` names one: numbers → age `bands`
 * (10-year bands, under 20 and 70+; give a rule for numbers that are not ages), dates → `year`,
 * choice answers → `rare` with `rareThreshold`. Text answers are left alone (see {@link redactText}).
 *
 * @example
 * ```ts
 * const { responses: coarse, log } = generalise(survey, responses, {
 *   rules: { children: { kind: 'topBottom', top: 3 }, joined: { kind: 'date', to: 'month' } },
 * });
 * // age (a quasi-identifier) 34 → '30-39' by the default bands; children 5 → 3; joined '2019-04-01' → '2019-04'
 * ```
 */
export function generalise(
  survey: Survey,
  responses: readonly SurveyResponse[],
  options: GeneraliseOptions = {},
): ResponsesResult {
  const { locale, rareThreshold = 5 } = options;
  checkResponses(responses, locale);
  checkInteger(rareThreshold, 'rareThreshold', 1, locale);
  const fields = surveyFields(survey.template);
  const rules = new Map<string, GeneraliseRule>();
  for (const [key, field] of fields) {
    if (field.role !== 'quasiIdentifier') continue;
    const rule = defaultRule(field.question, rareThreshold);
    if (rule) rules.set(key, rule);
  }
  for (const [key, rule] of Object.entries(options.rules ?? {})) {
    if (!fields.has(key)) fail('unknown_field', ['rules', key], locale, { field: key });
    checkRule(rule, key, locale);
    rules.set(key, rule);
  }
  return applyRules(fields, responses, rules);
}

function defaultRule(question: Question, rareThreshold: number): GeneraliseRule | undefined {
  switch (question.type) {
    case 'number':
      return { kind: 'bands' };
    case 'date':
      return { kind: 'date', to: 'year' };
    case 'text':
    case 'note':
      return undefined;
    default:
      return { kind: 'rare', threshold: rareThreshold };
  }
}

function checkRule(rule: unknown, key: string, locale: MessageLocale | undefined): void {
  const r = (typeof rule === 'object' && rule !== null ? rule : {}) as Record<string, unknown>;
  const num = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
  const ok = (() => {
    switch (r.kind) {
      case 'bands':
        return (
          r.edges === undefined ||
          (Array.isArray(r.edges) &&
            r.edges.length > 0 &&
            r.edges.every((e, i, all) => num(e) && (i === 0 || e > all[i - 1])))
        );
      case 'ranges':
        return (
          typeof r.width === 'number' &&
          r.width > 0 &&
          Number.isFinite(r.width) &&
          num(r.bottom) &&
          num(r.top)
        );
      case 'topBottom':
        return (
          num(r.top) &&
          num(r.bottom) &&
          (r.minCount === undefined || (Number.isSafeInteger(r.minCount) && (r.minCount as number) >= 1))
        );
      case 'date':
        return r.to === 'month' || r.to === 'year';
      case 'rare':
        return (
          (r.threshold === undefined ||
            (Number.isSafeInteger(r.threshold) && (r.threshold as number) >= 1)) &&
          (r.otherCode === undefined || Number.isSafeInteger(r.otherCode))
        );
      case 'keep':
        return true;
      default:
        return false;
    }
  })();
  checkOption(
    ok,
    `rules.${key}`,
    {
      en: 'a rule: bands, ranges, topBottom, date, rare or keep, with valid settings',
      ja: 'bands・ranges・topBottom・date・rare・keep のいずれかの正しい規則',
    },
    locale,
  );
}

/**
 * Applies rules to responses, returning new responses and one log entry per rule. Used by
 * {@link generalise} and by the anonymised export.
 */
export function applyRules(
  fields: ReadonlyMap<string, SurveyField>,
  responses: readonly SurveyResponse[],
  rules: ReadonlyMap<string, GeneraliseRule>,
): ResponsesResult {
  const out = responses.map((r) => ({ ...r, answers: { ...r.answers } }));
  const log: AuditEntry[] = [];
  for (const [key, rule] of rules) {
    if (rule.kind === 'keep') continue;
    const present = out.filter((r) => Object.hasOwn(r.answers, key));
    const values = present.map((r) => r.answers[key]);
    const { map, step, parameters } = ruleMapper(rule, values, fields.get(key)?.question);
    let count = 0;
    for (const r of present) {
      const before = r.answers[key];
      const after = map(before);
      if (after !== before) {
        setOwn(r.answers, key, after);
        count++;
      }
    }
    log.push({ step, field: key, count, parameters });
  }
  return { responses: out, log };
}

type Mapper = (value: unknown) => unknown;

function ruleMapper(
  rule: Exclude<GeneraliseRule, { kind: 'keep' }>,
  values: readonly unknown[],
  question: Question | undefined,
): { map: Mapper; step: AuditEntry['step']; parameters: Record<string, unknown> } {
  const integer = question?.type === 'number' ? question.integer === true : false;
  const numeric =
    (f: (x: number) => unknown): Mapper =>
    (v) =>
      typeof v === 'number' && Number.isFinite(v) ? f(v) : v;
  switch (rule.kind) {
    case 'bands': {
      const edges = rule.edges ?? DEFAULT_AGE_EDGES;
      const first = edges[0]!;
      const last = edges.at(-1)!;
      return {
        step: 'generalise',
        parameters: { kind: 'bands', edges: [...edges] },
        map: numeric((x) => {
          if (x < first) return `<${first}`;
          if (x >= last) return `${last}+`;
          let i = 0;
          while (x >= edges[i + 1]!) i++;
          return formatRange(edges[i]!, edges[i + 1]!, integer);
        }),
      };
    }
    case 'ranges': {
      const { width, bottom, top } = rule;
      return {
        step: 'generalise',
        parameters: { ...rule },
        map: numeric((x) => {
          if (bottom !== undefined && x < bottom) return `<${bottom}`;
          if (top !== undefined && x >= top) return `${top}+`;
          const lo = tidy(Math.floor(x / width) * width);
          return formatRange(lo, tidy(lo + width), integer && Number.isInteger(width));
        }),
      };
    }
    case 'topBottom':
      return topBottomMapper(rule, values);
    case 'date':
      return { step: 'generalise', parameters: { ...rule }, map: (v) => coarsenDate(v, rule.to) };
    case 'rare':
      return rareMapper(rule, values, question);
  }
}

function topBottomMapper(
  rule: Extract<GeneraliseRule, { kind: 'topBottom' }>,
  values: readonly unknown[],
): { map: Mapper; step: AuditEntry['step']; parameters: Record<string, unknown> } {
  let { top, bottom } = rule;
  const { minCount } = rule;
  if (minCount !== undefined) {
    const sorted = values
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
      .sort((a, b) => a - b);
    const low = sorted[minCount - 1];
    const high = sorted[sorted.length - minCount];
    if (low === undefined || high === undefined || high < low) {
      // Too few values to put minCount at each end: none of them can be shown.
      return {
        step: 'topBottomCode',
        parameters: { minCount, values: sorted.length },
        map: (v) => (typeof v === 'number' && Number.isFinite(v) ? SUPPRESSED : v),
      };
    }
    bottom ??= low;
    top ??= high;
  }
  const parameters: Record<string, unknown> = {};
  if (bottom !== undefined) parameters.bottom = bottom;
  if (top !== undefined) parameters.top = top;
  if (minCount !== undefined) parameters.minCount = minCount;
  return {
    step: 'topBottomCode',
    parameters,
    map: (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return v;
      if (top !== undefined && v > top) return top;
      if (bottom !== undefined && v < bottom) return bottom;
      return v;
    },
  };
}

function rareMapper(
  rule: Extract<GeneraliseRule, { kind: 'rare' }>,
  values: readonly unknown[],
  question: Question | undefined,
): { map: Mapper; step: AuditEntry['step']; parameters: Record<string, unknown> } {
  const threshold = rule.threshold ?? 5;
  const codes = question !== undefined && 'options' in question ? question.options : [];
  const otherCode =
    rule.otherCode ??
    codes.find((o) => o.other === true)?.code ??
    Math.min(-1, ...codes.map((o) => o.code - 1));
  const counts = new Map<number, number>();
  const count = (code: unknown) => {
    if (typeof code === 'number') counts.set(code, (counts.get(code) ?? 0) + 1);
  };
  for (const v of values) {
    if (Array.isArray(v)) new Set(v).forEach(count);
    else count(v);
  }
  const rare = new Set(
    [...counts].filter(([code, n]) => n < threshold && code !== otherCode).map(([code]) => code),
  );
  const swap = (code: unknown) => (typeof code === 'number' && rare.has(code) ? otherCode : code);
  return {
    step: 'mergeRare',
    parameters: { threshold, otherCode, codes: [...rare].sort((a, b) => a - b) },
    map: (v) => {
      if (Array.isArray(v)) {
        if (!v.some((code) => rare.has(code))) return v;
        return [...new Set(v.map(swap))] as AnswerValue;
      }
      return swap(v);
    },
  };
}
