import { escapeHtml } from '../core/escapeHtml.js';
import type { Issue, MessageLocale } from '../core/issue.js';
import type { AnswerValue } from '../schema/response.js';
import { answerIssues, DEFAULT_MAX_LENGTH, includes } from './answerIssues.js';
import { localeText } from './localeText.js';
import { questionTexts } from './questionTexts.js';
import type { ElementIds, OptionView, QuestionView, QuestionViewBase } from './sessionState.js';
import type { OptionModel, QuestionModel } from './surveyModel.js';

/** What {@link buildQuestionView} needs to know about one question in a session. */
export interface ViewContext {
  locale: string;
  messageLocale: MessageLocale;
  value: (key: string) => AnswerValue | undefined;
  otherText: string | undefined;
  required: boolean;
  /** Whether to show errors yet (after an answer, or after an attempt to leave the page). */
  showErrors: boolean;
  /** Presentation order: option indexes, or item indexes of a matrix; null keeps template order. */
  order: readonly number[] | null;
  /** The text a `{id}` reference pipes in, or undefined to leave the braces as written. */
  pipe: (id: string) => string | undefined;
}

/** The view model of one question: texts in the session locale, values, errors and element ids. */
export function buildQuestionView(model: QuestionModel, context: ViewContext): QuestionView {
  const q = model.question;
  // The same texts as the paper questionnaire prints (report/renderQuestionnaire).
  const texts = questionTexts(q, { locale: context.locale, pipe: context.pipe });
  const ids: ElementIds = {
    label: `kz-${q.id}-label`,
    help: `kz-${q.id}-help`,
    error: `kz-${q.id}-error`,
    input: `kz-${q.id}-input`,
  };
  const { label, help } = texts;
  const errors: Issue[] = context.showErrors && q.type !== 'note' ? answerIssues(model, context) : [];
  const base: QuestionViewBase = {
    id: q.id,
    label,
    labelHtml: escapeHtml(label),
    help,
    helpHtml: help === null ? null : escapeHtml(help),
    required: q.type !== 'note' && context.required,
    errors,
    invalid: errors.length > 0,
    ids,
    describedBy: [help === null ? '' : ids.help, errors.length > 0 ? ids.error : '']
      .filter(Boolean)
      .join(' '),
  };
  const value = q.type === 'matrix' || q.type === 'note' ? undefined : context.value(q.id);
  const ordered = (list: readonly OptionModel[]) =>
    context.order ? context.order.map((i) => list[i]!) : list;
  const options = (prefix: string, chosen: AnswerValue | undefined, list: readonly OptionModel[]) =>
    list.map((o) => optionView(o, prefix, chosen, context.locale, q.type === 'ranking'));
  const other = model.otherCode === null ? null : `kz-${q.id}-other`;
  switch (q.type) {
    case 'single':
      return {
        ...base,
        kind: 'single',
        value: (value as number | undefined) ?? null,
        options: options(q.id, value, ordered(model.options)),
        otherText: context.otherText ?? null,
        otherId: other,
      };
    case 'multiple':
      return {
        ...base,
        kind: 'multiple',
        value: (value as number[] | undefined) ?? null,
        options: options(q.id, value, ordered(model.options)),
        otherText: context.otherText ?? null,
        otherId: other,
        minSelected: q.minSelected ?? null,
        maxSelected: q.maxSelected ?? null,
      };
    case 'ranking':
      return {
        ...base,
        kind: 'ranking',
        value: (value as number[] | undefined) ?? null,
        options: options(q.id, value, ordered(model.options)),
        otherText: context.otherText ?? null,
        otherId: other,
        minRanked: q.minRanked ?? null,
        maxRanked: q.maxRanked,
      };
    case 'likert':
      return {
        ...base,
        kind: 'likert',
        value: (value as number | undefined) ?? null,
        options: options(q.id, value, model.options),
      };
    case 'matrix': {
      const order = context.order ?? q.items.map((_, i) => i);
      return {
        ...base,
        kind: 'matrix',
        options: options(q.id, undefined, model.options),
        items: order.map((i) => {
          const item = q.items[i]!;
          const itemValue = context.value(item.id);
          const itemErrors = errors.filter((issue) => issue.path[1] === item.id);
          const itemLabel = texts.items[i]!;
          return {
            id: item.id,
            label: itemLabel,
            labelHtml: escapeHtml(itemLabel),
            value: (itemValue as number | undefined) ?? null,
            required: base.required,
            errors: itemErrors,
            invalid: itemErrors.length > 0,
            ids: { label: `kz-${item.id}-label`, error: `kz-${item.id}-error` },
            options: options(item.id, itemValue, model.options),
          };
        }),
      };
    }
    case 'number':
      return {
        ...base,
        kind: 'number',
        value: (value as number | undefined) ?? null,
        min: q.min ?? null,
        max: q.max ?? null,
        integer: q.integer === true,
        unit: texts.unit,
        inputMode: q.integer === true ? 'numeric' : 'decimal',
        autocomplete: 'off',
      };
    case 'text':
      return {
        ...base,
        kind: 'text',
        value: (value as string | undefined) ?? null,
        maxLength: q.maxLength ?? DEFAULT_MAX_LENGTH,
        multiline: q.size === 'long',
        personalData: q.personalData === true,
        inputMode: 'text',
        autocomplete: 'off',
      };
    case 'date':
      return {
        ...base,
        kind: 'date',
        value: (value as string | undefined) ?? null,
        min: q.min ?? null,
        max: q.max ?? null,
        autocomplete: 'off',
      };
    case 'note':
      return { ...base, kind: 'note' };
  }
}

function optionView(
  option: OptionModel,
  prefix: string,
  chosen: AnswerValue | undefined,
  locale: string,
  ranked: boolean,
): OptionView {
  const label = localeText(option.label, locale);
  const rank = ranked && Array.isArray(chosen) ? chosen.indexOf(option.code) + 1 : 0;
  return {
    code: option.code,
    label,
    labelHtml: escapeHtml(label),
    id: `kz-${prefix}-opt-${option.code}`,
    selected: chosen !== undefined && includes(chosen, option.code),
    rank: rank > 0 ? rank : null,
    exclusive: option.exclusive === true,
    other: option.other === true,
    pinned: option.pinned === true,
    missing: option.missing === true,
  };
}
