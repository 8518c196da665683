import type { PathSegment } from '../../core/issue.js';
import type { Question } from '../../schema/index.js';
import type { ImportContext } from './surveyJSImportContext.js';
import { arrayOf, type Fields, field, finite, positiveInt, record } from './surveyJSJson.js';

/** The properties each validator kizuki can carry reads; `text` is its own error message. */
const READ: Record<string, readonly string[]> = {
  numeric: ['minValue', 'maxValue'],
  text: ['minLength', 'maxLength', 'allowDigits'],
  answercount: ['minCount', 'maxCount'],
};

/**
 * Applies a question's SurveyJS `validators` where kizuki has the concept — `answercount` → the
 * least and most options chosen (or ranked), `numeric` → a number's bounds, `text` → the longest
 * answer — taking the tighter bound when the question states one too. Every other validator (email,
 * regex, expression, a minimum length…) and each validator's own error text is reported by path.
 */
export function applyValidators(
  ctx: ImportContext,
  element: Fields,
  path: PathSegment[],
  question: Question,
): void {
  const list = field(element, 'validators');
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    ctx.unsupportedProperty([...path, 'validators']);
    return;
  }
  arrayOf(list).forEach((raw, i) => {
    const at = [...path, 'validators', i];
    const validator = record(raw);
    const type = String(validator ? (field(validator, 'type') ?? '') : '').toLowerCase();
    if (validator === undefined) {
      ctx.invalid(at, '検証', 'a validator');
      return;
    }
    const reasons = READ[type] ? applies(type, question) : undefined;
    if (reasons !== true) {
      ctx.report('validator_not_imported', at, { type, detail: reasons ?? detailFor(type, ctx) });
      return;
    }
    for (const key of Object.keys(validator)) {
      if (key === 'type' || READ[type]!.includes(key)) continue;
      if (key === 'text') ctx.report('validator_message_dropped', [...at, 'text'], {});
      else ctx.unsupportedProperty([...at, key]);
    }
    apply(ctx, type, validator, at, question);
  });
}

/** Whether a validator type means something for this question, or why not. */
function applies(type: string, question: Question): true | string {
  if (type === 'numeric') return question.type === 'number' ? true : 'not a number question';
  if (type === 'text') return question.type === 'text' ? true : 'not a text question';
  return question.type === 'multiple' || question.type === 'ranking' ? true : 'not a multiple answer';
}

function detailFor(type: string, ctx: ImportContext): string {
  const ja = ctx.locale === 'ja';
  if (type === 'email') return ja ? 'メールアドレスの形の検査' : 'an e-mail address check';
  if (type === 'regex') return ja ? '正規表現による検査' : 'a regular expression check';
  if (type === 'expression') return ja ? '式による検査' : 'a check by expression';
  return ja ? '未知の種類' : 'an unknown kind';
}

function apply(
  ctx: ImportContext,
  type: string,
  validator: Fields,
  at: PathSegment[],
  question: Question,
): void {
  const tighter = (
    current: number | undefined,
    next: number | undefined,
    pick: (a: number, b: number) => number,
  ) => (next === undefined ? current : current === undefined ? next : pick(current, next));
  if (type === 'numeric' && question.type === 'number') {
    const min = tighter(question.min, finite(field(validator, 'minValue')), Math.max);
    const max = tighter(question.max, finite(field(validator, 'maxValue')), Math.min);
    if (min !== undefined) question.min = min;
    if (max !== undefined) question.max = max;
  } else if (type === 'text' && question.type === 'text') {
    const max = positiveInt(field(validator, 'maxLength'));
    const length = tighter(
      question.maxLength,
      max !== undefined && max <= 100_000 ? max : undefined,
      Math.min,
    );
    if (length !== undefined) question.maxLength = length;
    // kizuki has no least length, and no ban on digits.
    if ((positiveInt(field(validator, 'minLength')) ?? 0) > 0) ctx.unsupportedProperty([...at, 'minLength']);
    if (field(validator, 'allowDigits') === false) ctx.unsupportedProperty([...at, 'allowDigits']);
  } else if (question.type === 'multiple') {
    const min = tighter(question.minSelected, positiveInt(field(validator, 'minCount')), Math.max);
    const max = tighter(question.maxSelected, positiveInt(field(validator, 'maxCount')), Math.min);
    if (min !== undefined) question.minSelected = min;
    if (max !== undefined) question.maxSelected = max;
  } else if (question.type === 'ranking') {
    const count = question.options.length;
    const min = tighter(question.minRanked, positiveInt(field(validator, 'minCount')), Math.max);
    const max = tighter(question.maxRanked, positiveInt(field(validator, 'maxCount')), Math.min);
    if (min !== undefined) question.minRanked = Math.min(min, count);
    if (max !== undefined) question.maxRanked = Math.min(max, count);
  }
}
