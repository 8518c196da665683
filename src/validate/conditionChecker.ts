import type { Issue, MessageLocale } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import { type Expr, evaluateExpression, isTrue } from '../expr/index.js';
import type { SurveyResponse } from '../schema/response.js';
import { type ResponseIssueCode, responseMessages } from './messages.js';
import type { PlannedQuestion, ValidationPlan } from './validationPlan.js';

/**
 * Checks a response that passed the JSON Schema against what the schema cannot express; `undefined`
 * when nothing is wrong, so that a valid response costs no list.
 */
export type ConditionCheck = (response: SurveyResponse, locale: MessageLocale) => Issue[] | undefined;

/** A question the second step looks at, with what it checks when the question is shown. */
interface Check {
  q: PlannedQuestion;
  /** Required when shown, and not already required by the schema. */
  required: boolean;
  /** Required when shown and this holds (only for a question not `required` anyway). */
  requiredIf: Expr | undefined;
  /** Whether anything is checked while it is shown (else only a hidden answer matters). */
  whenShown: boolean;
}

/**
 * Builds the second step of validation from a plan: visibility (`visibleIf` of sections and
 * questions, evaluated in the survey's dependency order, with the answers of hidden questions
 * counting as unanswered), answers present for hidden questions, required and `requiredIf` answers
 * of visible questions that the schema could not require, and date bounds. Returns `undefined` when
 * the survey has nothing of the kind, so that validation skips the step.
 */
export function conditionChecker(plan: ValidationPlan): ConditionCheck | undefined {
  const byId = new Map<string, PlannedQuestion>();
  const bySection = new Map<string, PlannedQuestion[]>();
  for (const q of plan.questions) {
    byId.set(q.id, q);
    const list = bySection.get(q.section);
    if (list) list.push(q);
    else bySection.set(q.section, [q]);
  }
  const requiredIf = new Map<string, Expr>();
  const visibility: Array<{ target: PlannedQuestion[]; visibleIf: Expr }> = [];
  for (const c of plan.conditions) {
    if (c.requiredIf && c.target === 'question') requiredIf.set(c.id, c.requiredIf);
    const target = c.target === 'section' ? bySection.get(c.id) : byId.get(c.id);
    // A note's condition hides nothing a response holds.
    if (c.visibleIf && target) {
      visibility.push({ target: Array.isArray(target) ? target : [target], visibleIf: c.visibleIf });
    }
  }
  const checks: Check[] = plan.questions.flatMap((q) => {
    const check: Check = {
      q,
      required: q.required && !q.alwaysRequired,
      requiredIf: q.required ? undefined : requiredIf.get(q.id),
      whenShown: false,
    };
    check.whenShown =
      check.required || check.requiredIf !== undefined || q.min !== undefined || q.max !== undefined;
    return check.whenShown || q.conditional ? [check] : [];
  });
  // What a response in which nothing is hidden needs checked: usually a short list.
  const whenShown = checks.filter((c) => c.whenShown);
  if (checks.length === 0) return undefined;

  return (response, locale) => {
    const { answers, other } = response;
    let issues: Issue[] | undefined;
    const report = (code: ResponseIssueCode, path: [string, string], params: Record<string, unknown>) => {
      issues ??= [];
      issues.push(createIssue(responseMessages, code, path, locale, params));
    };

    // Visibility, in dependency order. Created, and the answers copied, only when something is
    // hidden; a hidden answer is taken out before later conditions read it.
    let hidden: Set<PlannedQuestion> | undefined;
    let visible: Record<string, unknown> = answers;
    for (const rule of visibility) {
      if (isTrue(evaluateExpression(rule.visibleIf, visible))) continue;
      hidden ??= new Set();
      for (const q of rule.target) {
        if (hidden.has(q)) continue;
        hidden.add(q);
        for (const key of q.keys) {
          if (!has(visible, key)) continue;
          if (visible === answers) visible = { ...answers };
          delete visible[key];
        }
      }
    }

    for (const { q, required, requiredIf: condition } of hidden === undefined ? whenShown : checks) {
      if (hidden?.has(q)) {
        for (const key of q.keys)
          if (has(answers, key)) report('hidden_answer', ['answers', key], { id: key });
        if (other !== undefined && has(other, q.id)) report('hidden_answer', ['other', q.id], { id: q.id });
        continue;
      }
      if (required || (condition !== undefined && isTrue(evaluateExpression(condition, visible)))) {
        for (const key of q.keys)
          if (!has(answers, key)) report('missing_answer', ['answers', key], { id: key });
      }
      const date = q.type === 'date' && has(answers, q.id) ? answers[q.id] : undefined;
      if (typeof date !== 'string') continue;
      // ISO dates compare in date order as strings.
      if (q.min !== undefined && date < q.min)
        report('date_too_early', ['answers', q.id], { id: q.id, min: q.min, value: date });
      if (q.max !== undefined && date > q.max)
        report('date_too_late', ['answers', q.id], { id: q.id, max: q.max, value: date });
    }
    return issues;
  };
}

/** An answer is there when its key is an own property that is not `undefined`, as the JSON Schema step sees it. */
function has(object: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(object, key) && object[key] !== undefined;
}
