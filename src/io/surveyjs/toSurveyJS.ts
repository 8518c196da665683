import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import type { Expr } from '../../expr/index.js';
import {
  type ChoiceOption,
  indexTemplate,
  type LocalisedText,
  type Question,
  type Survey,
  type TemplateIndex,
} from '../../schema/index.js';
import { carryTemplate } from '../carriedTemplate.js';
import { type DroppableField, droppedFields } from '../interopDroppedFields.js';
import { interopMessages } from '../interopMessages.js';
import { escapeHtml, type SurveyJSText, surveyJSText } from '../interopText.js';
import { type SurveyJSConditionContext, surveyJSCondition } from './surveyJSCondition.js';

/** A JSON value as SurveyJS reads it. */
export type SurveyJSValue = string | number | boolean | null | SurveyJSValue[] | SurveyJSObject;
/** A JSON object: a SurveyJS survey, page, element or choice. */
export interface SurveyJSObject {
  [key: string]: SurveyJSValue;
}

/** Options of {@link toSurveyJS}. */
export interface ToSurveyJSOptions {
  /** Language of the messages in `unconverted`. Default `ja`. */
  locale?: MessageLocale;
  /**
   * Also write the template itself under {@link KIZUKI_PROPERTY}, with the hash of the exported
   * content, so that `fromSurveyJS` gives back exactly this template (the same `hashTemplate`:
   * scores, scales, benchmarks, provenance and all) as long as the survey is not changed in
   * SurveyJS. survey-core does not act on the property; it lists it in `model.jsonErrors` as an
   * unknown property, without a console message. Default `false`.
   */
  carry?: boolean;
}

/** The result of {@link toSurveyJS}. */
export interface ToSurveyJSResult {
  /** The survey as SurveyJS JSON, for `new Model(json)` of survey-core 2. */
  json: SurveyJSObject;
  /**
   * Everything SurveyJS has no place for, with its path in the template: metadata (scores,
   * benchmarks, privacy roles…), conditions SurveyJS expressions cannot state, and notes on how
   * values differ (the "other" option is stored as `"other"`).
   */
  unconverted: Issue[];
}

/** The name of the start page and html element that carry the template's introduction. */
export const INTRODUCTION_NAME = '_introduction';

/** The survey property under which `toSurveyJS({ carry: true })` writes the template. */
export const KIZUKI_PROPERTY = 'kizuki';

const FORMAT = 'SurveyJS';
const CARRIED: ReadonlySet<DroppableField> = new Set(['randomise']);

/**
 * Converts a survey to SurveyJS JSON (survey-core 2), for vendors whose front end runs SurveyJS.
 * Sections become pages; single choice → `radiogroup`, multiple → `checkbox` (exclusive options as
 * `isExclusive` choices), Likert → `rating` with the scale as `rateValues`, matrix → `matrix` (rows
 * are the items, columns the scale), ranking → `ranking` with `selectToRankEnabled`, number and date
 * → `text` with `inputType`, short and long text → `text` and `comment`, note → `html`. Option codes
 * stay the values, except the "other" option, which SurveyJS stores as `"other"` (`showOtherItem`).
 *
 * Texts become localizable strings: Japanese under `ja`, English under `default` (SurveyJS's default
 * locale is English), other locales under their tags; the survey opens in Japanese (`locale: 'ja'`).
 * `visibleIf` and `requiredIf` become SurveyJS expressions that are true exactly when kizuki's are;
 * a condition SurveyJS cannot state is reported in `unconverted`, never dropped silently.
 * Like kizuki, the survey keeps the answers of hidden questions while it runs and leaves them out of
 * the completed data (`clearInvisibleValues: 'onComplete'`); every condition reads an answer only
 * while its question is shown, as kizuki does, by guarding the read with that question's own
 * (translated) visibility.
 *
 * @example
 * ```ts
 * import { toSurveyJS } from 'kizuki/io';
 * import { Model } from 'survey-core';
 * const { json, unconverted } = toSurveyJS(survey, { locale: 'en' });
 * for (const issue of unconverted) console.warn(issue.path.join('.'), issue.message);
 * const model = new Model(json);
 * ```
 */
export function toSurveyJS(survey: Survey, options: ToSurveyJSOptions = {}): ToSurveyJSResult {
  const locale = options.locale ?? 'ja';
  const { template } = survey;
  const index = indexTemplate(template);
  const unconverted = droppedFields(template, { format: FORMAT, carried: CARRIED, locale });
  const otherCodes = new Map<string, number>();
  for (const [id, { question }] of index.questions) {
    if (question.type !== 'single' && question.type !== 'multiple') continue;
    const other = question.options.find((o) => o.other === true);
    if (other) otherCodes.set(id, other.code);
  }
  const shownWhen = new Map<string, Expr[]>();
  const visibleIf = new Map<string, Expr>();
  for (const condition of survey.conditions)
    if (condition.visibleIf) visibleIf.set(`${condition.target}:${condition.id}`, condition.visibleIf.expr);
  for (const section of template.sections)
    for (const question of section.questions) {
      const when = [visibleIf.get(`section:${section.id}`), visibleIf.get(`question:${question.id}`)];
      shownWhen.set(
        question.id,
        when.filter((expr) => expr !== undefined),
      );
    }
  const converter = new Converter(survey, index, { index, otherCodes, shownWhen }, unconverted, locale);

  const json: SurveyJSObject = { locale: 'ja', title: converter.text(template.title) };
  if (template.description) json.description = converter.text(template.description);
  const pages: SurveyJSObject[] = [];
  if (template.introduction) {
    json.firstPageIsStartPage = true;
    pages.push({
      name: INTRODUCTION_NAME,
      elements: [{ type: 'html', name: INTRODUCTION_NAME, html: converter.html(template.introduction) }],
    });
  }
  template.sections.forEach((section, si) => {
    const page: SurveyJSObject = { name: section.id, title: converter.text(section.title) };
    if (section.description) page.description = converter.text(section.description);
    converter.condition(page, 'section', section.id, ['sections', si]);
    page.elements = section.questions.map((question, qi) =>
      converter.question(question, ['sections', si, 'questions', qi]),
    );
    pages.push(page);
  });
  json.pages = pages;
  // kizuki keeps the answer of a hidden question (it comes back if the question is shown again) and
  // leaves it out of the response; conditions never read it, which the guards of surveyJSCondition
  // state. SurveyJS's 'onComplete' keeps and drops answers at the same moments; 'onHidden' would lose
  // an answer for good when its question is hidden for a moment, and ignores hidden pages.
  json.clearInvisibleValues = 'onComplete';
  if (options.carry === true)
    json[KIZUKI_PROPERTY] = carryTemplate(template, json) as unknown as SurveyJSObject;
  return { json, unconverted };
}

class Converter {
  private readonly conditions = new Map<string, Survey['conditions'][number]>();

  constructor(
    private readonly survey: Survey,
    private readonly index: TemplateIndex,
    private readonly context: SurveyJSConditionContext,
    private readonly unconverted: Issue[],
    private readonly locale: MessageLocale,
  ) {
    for (const condition of survey.conditions)
      this.conditions.set(`${condition.target}:${condition.id}`, condition);
  }

  /** A localizable string, with `{item}` pipes rewritten to SurveyJS's `{matrix.item}`. */
  text(text: LocalisedText): SurveyJSText {
    return surveyJSText(text, this.survey.template.locales, (value) =>
      value.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, id: string) => {
        const item = this.index.items.get(id);
        return item ? `{${item.question.id}.${id}}` : whole;
      }),
    );
  }

  /** Plain text as the `html` of an html element: escaped, one paragraph per text. */
  html(...texts: LocalisedText[]): SurveyJSText {
    const parts = texts.map((text) => this.text(text));
    const out: SurveyJSText = {};
    for (const key of Object.keys(parts[0]!)) {
      out[key] = parts.map((part) => `<p>${escapeHtml(part[key] ?? part.default ?? '')}</p>`).join('');
    }
    return out;
  }

  condition(target: SurveyJSObject, kind: 'section' | 'question', id: string, path: PathSegment[]): void {
    const condition = this.conditions.get(`${kind}:${id}`);
    if (!condition) return;
    for (const key of ['visibleIf', 'requiredIf'] as const) {
      const compiled = condition[key];
      if (!compiled) continue;
      const result = surveyJSCondition(compiled.expr, this.context);
      if (result.ok) target[key] = result.text;
      else
        this.report('condition_not_expressible', [...path, key], {
          format: FORMAT,
          expression: compiled.source,
          detail: result.gap,
        });
    }
  }

  question(question: Question, path: PathSegment[]): SurveyJSObject {
    const element: SurveyJSObject = { type: '', name: question.id };
    if (question.type === 'note') {
      element.type = 'html';
      element.html = question.help ? this.html(question.label, question.help) : this.html(question.label);
      this.condition(element, 'question', question.id, path);
      return element;
    }
    element.title = this.text(question.label);
    if (question.help) element.description = this.text(question.help);
    if (question.required === true) element.isRequired = true;
    this.condition(element, 'question', question.id, path);
    switch (question.type) {
      case 'single':
      case 'multiple':
        element.type = question.type === 'single' ? 'radiogroup' : 'checkbox';
        this.choices(element, question.options, question.randomise === true, path, true);
        if (question.type === 'multiple') {
          if (question.minSelected !== undefined) element.minSelectedChoices = question.minSelected;
          if (question.maxSelected !== undefined) element.maxSelectedChoices = question.maxSelected;
        }
        break;
      case 'ranking':
        element.type = 'ranking';
        this.choices(element, question.options, question.randomise === true, path, false);
        // Select-to-rank lets a respondent rank some options rather than all, as kizuki does.
        element.selectToRankEnabled = true;
        if (question.maxRanked < question.options.length) element.maxSelectedChoices = question.maxRanked;
        if (question.minRanked !== undefined) element.minSelectedChoices = question.minRanked;
        break;
      case 'likert':
        element.type = 'rating';
        element.rateValues = this.scaleOptions(question.scale);
        break;
      case 'matrix':
        element.type = 'matrix';
        element.columns = this.scaleOptions(question.scale);
        element.rows = question.items.map((item) => ({ value: item.id, text: this.text(item.text) }));
        if (question.randomise === true) element.rowOrder = 'random';
        // kizuki's required matrix needs every item, not just one row.
        if (question.required === true) element.eachRowRequired = true;
        break;
      case 'number':
        element.type = 'text';
        element.inputType = 'number';
        if (question.min !== undefined) element.min = question.min;
        if (question.max !== undefined) element.max = question.max;
        if (question.integer === true) element.step = 1;
        break;
      case 'text':
        element.type = question.size === 'long' ? 'comment' : 'text';
        if (question.maxLength !== undefined) element.maxLength = question.maxLength;
        break;
      case 'date':
        element.type = 'text';
        element.inputType = 'date';
        if (question.min !== undefined) element.min = question.min;
        if (question.max !== undefined) element.max = question.max;
        break;
    }
    return element;
  }

  private choices(
    element: SurveyJSObject,
    options: readonly ChoiceOption[],
    randomise: boolean,
    path: PathSegment[],
    otherItem: boolean,
  ): void {
    const choices: SurveyJSObject[] = [];
    options.forEach((option, oi) => {
      if (option.other === true && otherItem) {
        element.showOtherItem = true;
        element.otherText = this.text(option.label);
        this.report('other_value', [...path, 'options', oi], { code: option.code, id: element.name });
        return;
      }
      if (option.other === true) {
        this.report('other_text_dropped', [...path, 'options', oi], {
          format: FORMAT,
          kind: element.type,
          code: option.code,
        });
      }
      const choice: SurveyJSObject = { value: option.code, text: this.text(option.label) };
      if (option.exclusive === true && element.type === 'checkbox') choice.isExclusive = true;
      if (option.pinned === true && randomise) {
        choice.randomize = false;
        // SurveyJS keeps such a choice in place; kizuki moves pinned options to the end.
        if (
          options.slice(oi + 1).some((later) => later.pinned !== true && !(later.other === true && otherItem))
        )
          this.report('pinned_position', [...path, 'options', oi], { code: option.code });
      }
      choices.push(choice);
    });
    element.choices = choices;
    if (randomise) element.choicesOrder = 'random';
  }

  private scaleOptions(scaleId: string): SurveyJSObject[] {
    const scale = this.index.scales.get(scaleId);
    return (scale?.options ?? []).map((option) => ({ value: option.code, text: this.text(option.label) }));
  }

  private report(
    code: keyof typeof interopMessages,
    path: PathSegment[],
    params: Record<string, unknown>,
  ): void {
    this.unconverted.push(createIssue(interopMessages, code, path, this.locale, params));
  }
}
