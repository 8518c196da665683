import type { MessageLocale } from '../core/issue.js';
import type { Survey } from '../schema/survey.js';
import { type AggregateResult, asResult, findGroup } from './aggregateResult.js';
import type { Aggregator } from './createAggregator.js';
import { fail } from './messages.js';
import { groupKey } from './surveyPlan.js';

/** Options of {@link checkPassRule}. */
export interface CheckPassRuleOptions {
  /** The id of a pass rule of the template. */
  rule: string;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/** One group of a pass rule check. */
export interface PassRuleGroupCheck {
  /** "overall", or the rule group's id (e.g. "men"). */
  id: string;
  where: Record<string, number>;
  /** Key of the group in the result. */
  group: string;
  /** Respondents with a score. */
  n: number;
  suppressed: boolean;
  /** Mean favourable share of the respondents, 0–1; null when suppressed or empty. */
  share: number | null;
  /** (share − threshold) × 100: how far above (or below) the threshold, in points. */
  marginPoints: number | null;
  passed: boolean | null;
}

/** The outcome of a pass rule such as Toyooka's certification. */
export interface PassRuleCheck {
  rule: string;
  score: string;
  threshold: number;
  /** True when everyone and every group pass; false when any fails; null when any is unknown. */
  passed: boolean | null;
  overall: PassRuleGroupCheck;
  groups: PassRuleGroupCheck[];
}

/**
 * Checks a pass rule of the template (e.g. "at least 2/3 favourable among everyone, men and women")
 * on an aggregate. The share of a group is the mean of its respondents' favourable shares on the
 * rule's score; it passes when share ≥ threshold (within 1e-12, so that an exact 2/3 passes a
 * threshold of 2/3 despite rounding). Suppressed groups give `passed: null`: for an employer's own
 * check, aggregate with a `minGroupSize` that fits the workplace.
 *
 * @example
 * ```ts
 * const agg = createAggregator(survey, { by: ['sex'] });
 * responses.forEach((r) => agg.add(r));
 * const check = checkPassRule(survey, agg, { rule: 'certified' });
 * check.passed; // true
 * check.groups.map((g) => `${g.id}: ${g.marginPoints?.toFixed(1)} points`);
 * ```
 */
export function checkPassRule(
  survey: Survey,
  result: Aggregator | AggregateResult,
  options: CheckPassRuleOptions,
): PassRuleCheck {
  const locale = options?.locale ?? 'ja';
  const r = asResult(result, ['result'], locale);
  if (r.surveyHash !== survey?.hash)
    fail('survey_mismatch', ['result'], locale, { expected: survey?.hash, actual: r.surveyHash });
  const rules = survey.template.passRules ?? [];
  const ruleIndex = rules.findIndex((p) => p.id === options?.rule);
  const rule = rules[ruleIndex];
  if (!rule) fail('unknown_rule', ['rule'], locale, { id: String(options?.rule) });
  const score = r.scores.find((s) => s.id === rule.score);
  if (!score) fail('unknown_rule', ['rule'], locale, { id: rule.id });
  const check = (
    id: string,
    where: Record<string, number>,
    path: (string | number)[],
  ): PassRuleGroupCheck => {
    const gi = findGroup(r, where);
    if (gi === undefined) fail('unknown_group', path, locale, { group: groupKey(Object.keys(where), where) });
    const g = score.groups[gi]!;
    const share = g.mean?.mean ?? null;
    return {
      id,
      where: { ...where },
      group: g.group,
      n: g.n,
      suppressed: g.suppressed,
      share,
      marginPoints: share === null ? null : (share - rule.threshold) * 100,
      passed: share === null ? null : share >= rule.threshold - 1e-12,
    };
  };
  const overall = check('overall', {}, ['rule']);
  const groups = rule.groups.map((g, i) =>
    check(g.id, g.where, ['passRules', ruleIndex, 'groups', i, 'where']),
  );
  const all = [overall, ...groups];
  const passed = all.some((g) => g.passed === false)
    ? false
    : all.every((g) => g.passed === true)
      ? true
      : null;
  return { rule: rule.id, score: rule.score, threshold: rule.threshold, passed, overall, groups };
}
