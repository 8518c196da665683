import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import {
  type ChoiceOption,
  indexTemplate,
  type LocalisedText,
  type Question,
  type ScaleOption,
  type Survey,
  type TemplateIndex,
} from '../../schema/index.js';
import { carryTemplate } from '../carriedTemplate.js';
import { type DroppableField, droppedFields } from '../interopDroppedFields.js';
import { interopMessages } from '../interopMessages.js';
import { type FhirExtension, fhirTranslations } from '../interopText.js';
import { INTRODUCTION_NAME } from '../surveyjs/toSurveyJS.js';
import { type FhirEnableWhen, fhirEnableWhen } from './fhirEnableWhen.js';

export type { FhirExtension } from '../interopText.js';
export type { FhirEnableWhen } from './fhirEnableWhen.js';

/** A FHIR Coding as kizuki writes it: the option code as a string, and its Japanese label. */
export interface FhirCoding {
  code: string;
  display?: string;
  /** Translations of `display`. */
  _display?: { extension: FhirExtension[] };
  extension?: FhirExtension[];
}

/** An item of a FHIR R4 Questionnaire. */
export interface FhirQuestionnaireItem {
  linkId: string;
  text?: string;
  /** Translations of `text` (the FHIR translation extension). */
  _text?: { extension: FhirExtension[] };
  type: 'group' | 'display' | 'choice' | 'integer' | 'decimal' | 'string' | 'text' | 'date';
  required?: boolean;
  repeats?: boolean;
  maxLength?: number;
  enableWhen?: FhirEnableWhen[];
  enableBehavior?: 'all' | 'any';
  answerOption?: FhirAnswerOption[];
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}

/** An option of a FHIR `choice` item. */
export interface FhirAnswerOption {
  valueCoding: FhirCoding;
  extension?: FhirExtension[];
}

/** A FHIR R4 Questionnaire resource. */
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  identifier: { system: string; value: string }[];
  version: string;
  name: string;
  title: string;
  _title?: { extension: FhirExtension[] };
  status: 'draft' | 'active' | 'retired' | 'unknown';
  language: 'ja';
  date?: string;
  publisher?: string;
  description?: string;
  _description?: { extension: FhirExtension[] };
  copyright?: string;
  derivedFrom?: string[];
  /** With `carry`: the template, under {@link KIZUKI_TEMPLATE_URL}. */
  extension?: FhirExtension[];
  item: FhirQuestionnaireItem[];
}

/** Options of {@link toFhirQuestionnaire}. */
export interface ToFhirQuestionnaireOptions {
  /**
   * The canonical URL of the questionnaire; responses refer to it as `url|version`. Default
   * `urn:kizuki:template:<id>`: give your own URL when the questionnaire is published.
   */
  url?: string;
  /** Default `active`. */
  status?: FhirQuestionnaire['status'];
  /** The publication date (`YYYY-MM-DD`). Default: none. */
  date?: string;
  /** Language of the messages in `unconverted`. Default `ja`. */
  locale?: MessageLocale;
  /**
   * Also write the template itself in the extension {@link KIZUKI_TEMPLATE_URL} (as JSON text,
   * with the hash of the exported items and texts), so that `fromFhirQuestionnaire` gives back
   * exactly this template (the same `hashTemplate`) as long as the items are not changed. FHIR
   * clients ignore extensions they do not know. Default `false`.
   */
  carry?: boolean;
}

/** The result of {@link toFhirQuestionnaire}. */
export interface ToFhirQuestionnaireResult {
  questionnaire: FhirQuestionnaire;
  /** What FHIR R4 has no place for, with its path in the template. */
  unconverted: Issue[];
}

/** Extensions that keep a kizuki condition FHIR's `enableWhen` cannot state, as expression text. */
export const KIZUKI_VISIBLE_IF_URL = 'urn:kizuki:fhir:StructureDefinition:visibleIf';
export const KIZUKI_REQUIRED_IF_URL = 'urn:kizuki:fhir:StructureDefinition:requiredIf';
/** The Questionnaire extension in which `carry` writes the template. */
export const KIZUKI_TEMPLATE_URL = 'urn:kizuki:fhir:StructureDefinition:template';
/** The system of the Questionnaire identifier that holds the survey's content hash. */
export const KIZUKI_HASH_SYSTEM = 'urn:kizuki:template-hash';

const FORMAT = 'FHIR R4';
const CARRIED: ReadonlySet<DroppableField> = new Set([
  'id',
  'version',
  'provenance',
  'licence',
  'derivedFrom',
  'value',
  'unit',
]);
const EXT = 'http://hl7.org/fhir/StructureDefinition/';
const ITEM_CONTROL = 'http://hl7.org/fhir/questionnaire-item-control';

/** The default canonical URL of a template's questionnaire. */
export function fhirQuestionnaireUrl(templateId: string): string {
  return `urn:kizuki:template:${templateId}`;
}

/**
 * Converts a survey to a FHIR R4 Questionnaire. `linkId`s are kizuki's ids; sections, matrices and
 * rankings are `group`s (a matrix holds one `choice` item per row, a ranking one per rank, `q.1`,
 * `q.2`…); options are `answerOption`s with `valueCoding { code: String(code), display }`; an "other,
 * please specify" text is a `string` item `q.other` nested under the question (after it, for a
 * multiple choice), enabled by the other option; help texts are `display` items with the `help` item control. Multiple choice `repeats`,
 * with `minOccurs`/`maxOccurs` and `optionExclusive` extensions; numbers and dates carry
 * `minValue`/`maxValue`, numbers their unit. Texts are in Japanese with every other locale in the
 * translation extension on `_text` (`lang`, `content`).
 *
 * `visibleIf` becomes `enableWhen` when it is one test or tests joined all by `and` or all by `or`
 * (`enableBehavior`). Other conditions, and every `requiredIf` (R4 has no conditional requirement),
 * are kept as kizuki expression text in an extension and reported in `unconverted`.
 *
 * @example
 * ```ts
 * import { toFhirQuestionnaire } from 'kizuki/io';
 * const { questionnaire, unconverted } = toFhirQuestionnaire(survey, { url: 'https://city.example.jp/fhir/Questionnaire/employee-survey' });
 * await fetch(`${fhirBase}/Questionnaire/${questionnaire.id}`, { method: 'PUT', body: JSON.stringify(questionnaire) });
 * ```
 */
export function toFhirQuestionnaire(
  survey: Survey,
  options: ToFhirQuestionnaireOptions = {},
): ToFhirQuestionnaireResult {
  const locale = options.locale ?? 'ja';
  const { template } = survey;
  const index = indexTemplate(template);
  const unconverted = droppedFields(template, { format: FORMAT, carried: CARRIED, locale });
  const writer = new Writer(survey, index, unconverted, locale);

  const items: FhirQuestionnaireItem[] = [];
  if (template.introduction) items.push(writer.display(INTRODUCTION_NAME, template.introduction));
  template.sections.forEach((section, si) => {
    const group: FhirQuestionnaireItem = { linkId: section.id, ...writer.text(section.title), type: 'group' };
    writer.conditions(group, 'section', section.id, ['sections', si]);
    const children: FhirQuestionnaireItem[] = [];
    if (section.description) children.push(writer.display(`${section.id}.description`, section.description));
    section.questions.forEach((question, qi) => {
      const item = writer.question(question, ['sections', si, 'questions', qi]);
      children.push(item, ...writer.following.splice(0));
      // A display item may hold no items (que-1): a note's help follows it, under the same condition.
      if (question.type === 'note' && question.help)
        children.push({
          ...writer.display(`${question.id}.help`, question.help, 'help'),
          ...(item.enableWhen ? { enableWhen: item.enableWhen } : {}),
          ...(item.enableBehavior ? { enableBehavior: item.enableBehavior } : {}),
        });
    });
    // A FHIR group must hold items; an empty section still says its title.
    group.item = children.length > 0 ? children : [writer.display(`${section.id}.title`, section.title)];
    items.push(group);
  });

  const titles = fhirTranslations(template.title, template.locales);
  const questionnaire: FhirQuestionnaire = {
    resourceType: 'Questionnaire',
    id: template.id,
    url: options.url ?? fhirQuestionnaireUrl(template.id),
    identifier: [{ system: KIZUKI_HASH_SYSTEM, value: survey.hash }],
    version: template.version,
    name: computableName(template.id),
    title: template.title.ja,
    ...(titles ? { _title: titles } : {}),
    status: options.status ?? 'active',
    language: 'ja',
    ...(options.date ? { date: options.date } : {}),
    publisher: template.provenance.authors.join(', '),
    ...(template.description ? { description: template.description.ja } : {}),
    copyright: template.licence,
    ...(template.derivedFrom
      ? { derivedFrom: [`${fhirQuestionnaireUrl(template.derivedFrom.id)}|${template.derivedFrom.version}`] }
      : {}),
    item: items,
  };
  const descriptions = template.description
    ? fhirTranslations(template.description, template.locales)
    : undefined;
  if (descriptions) questionnaire._description = descriptions;
  if (options.carry === true)
    questionnaire.extension = [
      {
        url: KIZUKI_TEMPLATE_URL,
        valueString: JSON.stringify(
          carryTemplate(template, fhirContent(questionnaire as unknown as Record<string, unknown>)),
        ),
      },
    ];
  return { questionnaire, unconverted };
}

/** `bias-awareness-community` → `BiasAwarenessCommunity`, a FHIR computable name. */
function computableName(id: string): string {
  const name = id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Z]/.test(name) ? name : `Q${name}`;
}

class Writer {
  /** Items to place after the question just written: a multiple choice's other text. */
  following: FhirQuestionnaireItem[] = [];
  private readonly conditionsById = new Map<string, Survey['conditions'][number]>();

  constructor(
    private readonly survey: Survey,
    private readonly index: TemplateIndex,
    private readonly unconverted: Issue[],
    private readonly locale: MessageLocale,
  ) {
    for (const c of survey.conditions) this.conditionsById.set(`${c.target}:${c.id}`, c);
  }

  text(text: LocalisedText): { text: string; _text?: { extension: FhirExtension[] } } {
    const translations = fhirTranslations(text, this.survey.template.locales);
    return translations ? { text: text.ja, _text: translations } : { text: text.ja };
  }

  display(linkId: string, text: LocalisedText, control?: string): FhirQuestionnaireItem {
    const item: FhirQuestionnaireItem = { linkId, ...this.text(text), type: 'display' };
    if (control) item.extension = [itemControl(control)];
    return item;
  }

  conditions(
    item: FhirQuestionnaireItem,
    target: 'section' | 'question',
    id: string,
    path: PathSegment[],
  ): void {
    const condition = this.conditionsById.get(`${target}:${id}`);
    if (condition?.visibleIf) {
      const converted = fhirEnableWhen(condition.visibleIf.expr, this.index);
      if (converted) {
        item.enableWhen = converted.enableWhen;
        if (converted.enableBehavior) item.enableBehavior = converted.enableBehavior;
      } else {
        this.keep(
          item,
          KIZUKI_VISIBLE_IF_URL,
          condition.visibleIf.source,
          [...path, 'visibleIf'],
          'mixed_logic',
        );
      }
    }
    if (condition?.requiredIf)
      this.keep(
        item,
        KIZUKI_REQUIRED_IF_URL,
        condition.requiredIf.source,
        [...path, 'requiredIf'],
        'no_condition',
      );
  }

  question(question: Question, path: PathSegment[]): FhirQuestionnaireItem {
    const item: FhirQuestionnaireItem = {
      linkId: question.id,
      ...this.text(question.label),
      type: 'display',
    };
    this.conditions(item, 'question', question.id, path);
    if (question.type === 'note') return item;
    const required = question.required === true;
    const children: FhirQuestionnaireItem[] = [];
    if (question.help) children.push(this.display(`${question.id}.help`, question.help, 'help'));
    switch (question.type) {
      case 'single':
      case 'multiple': {
        item.type = 'choice';
        item.answerOption = this.options(question.options);
        if (question.type === 'multiple') {
          item.repeats = true;
          const extension: FhirExtension[] = [];
          if (question.minSelected !== undefined)
            extension.push({ url: `${EXT}questionnaire-minOccurs`, valueInteger: question.minSelected });
          if (question.maxSelected !== undefined)
            extension.push({ url: `${EXT}questionnaire-maxOccurs`, valueInteger: question.maxSelected });
          if (extension.length > 0) item.extension = [...(item.extension ?? []), ...extension];
        }
        const other = this.other(question.id, question.options, [{ question: question.id }]);
        // Under a repeating item, answers with nested items are read as repeated items by renderers
        // such as LHC-Forms: a multiple choice's other text follows it instead.
        if (other && question.type === 'multiple') this.following.push(other);
        else if (other) children.push(other);
        break;
      }
      case 'likert':
        item.type = 'choice';
        item.answerOption = this.options(this.index.scales.get(question.scale)?.options ?? []);
        break;
      case 'matrix': {
        item.type = 'group';
        item.extension = [...(item.extension ?? []), itemControl('table')];
        const answerOption = this.options(this.index.scales.get(question.scale)?.options ?? []);
        for (const row of question.items) {
          children.push({
            linkId: row.id,
            ...this.text(row.text),
            type: 'choice',
            ...(required ? { required: true } : {}),
            answerOption,
          });
        }
        break;
      }
      case 'ranking': {
        item.type = 'group';
        const answerOption = this.options(question.options);
        const ranks = Array.from({ length: question.maxRanked }, (_, i) => `${question.id}.${i + 1}`);
        const requiredRanks = required ? Math.max(1, question.minRanked ?? 1) : 0;
        ranks.forEach((linkId, i) => {
          children.push({
            linkId,
            ...this.text({ ja: `${i + 1}位`, en: `Rank ${i + 1}` }),
            type: 'choice',
            ...(i < requiredRanks ? { required: true } : {}),
            answerOption,
          });
        });
        const other = this.other(
          question.id,
          question.options,
          ranks.map((rank) => ({ question: rank })),
        );
        if (other) children.push(other);
        break;
      }
      case 'number':
        item.type = question.integer === true ? 'integer' : 'decimal';
        item.extension = [
          ...(item.extension ?? []),
          ...bound('minValue', question.min, item.type),
          ...bound('maxValue', question.max, item.type),
          ...(question.unit ? [this.unit(question.unit)] : []),
        ];
        break;
      case 'text':
        item.type = question.size === 'long' ? 'text' : 'string';
        if (question.maxLength !== undefined) item.maxLength = question.maxLength;
        break;
      case 'date':
        item.type = 'date';
        item.extension = [
          ...(item.extension ?? []),
          ...(question.min ? [{ url: `${EXT}minValue`, valueDate: question.min }] : []),
          ...(question.max ? [{ url: `${EXT}maxValue`, valueDate: question.max }] : []),
        ];
        break;
    }
    if (item.extension?.length === 0) delete item.extension;
    if (required && item.type !== 'group') item.required = true;
    if (children.length > 0) item.item = children;
    return item;
  }

  /** The `questionnaire-unit` extension, with the unit's translations on `_display`. */
  private unit(unit: LocalisedText): FhirExtension {
    const translations = fhirTranslations(unit, this.survey.template.locales);
    return {
      url: `${EXT}questionnaire-unit`,
      valueCoding: { display: unit.ja, ...(translations ? { _display: translations } : {}) },
    };
  }

  /** The `q.other` text item, enabled when the other option is chosen (at any rank, for a ranking). */
  private other(
    id: string,
    options: readonly ChoiceOption[],
    targets: { question: string }[],
  ): FhirQuestionnaireItem | undefined {
    const option = options.find((o) => o.other === true);
    if (!option) return undefined;
    const enableWhen = targets.map(
      ({ question }): FhirEnableWhen => ({
        question,
        operator: '=',
        answerCoding: { code: String(option.code) },
      }),
    );
    return {
      linkId: `${id}.other`,
      ...this.text(option.label),
      type: 'string',
      enableWhen,
      ...(enableWhen.length > 1 ? { enableBehavior: 'any' as const } : {}),
    };
  }

  private options(options: readonly (ChoiceOption | ScaleOption)[]): FhirAnswerOption[] {
    return options.map((option) => {
      const display = fhirTranslations(option.label, this.survey.template.locales);
      const valueCoding: FhirCoding = { code: String(option.code), display: option.label.ja };
      if (display) valueCoding._display = display;
      if (option.value !== undefined)
        valueCoding.extension = [{ url: `${EXT}ordinalValue`, valueDecimal: option.value }];
      const entry: FhirAnswerOption = { valueCoding };
      if ('exclusive' in option && option.exclusive === true)
        entry.extension = [{ url: `${EXT}questionnaire-optionExclusive`, valueBoolean: true }];
      return entry;
    });
  }

  private keep(
    item: FhirQuestionnaireItem,
    url: string,
    source: string,
    path: PathSegment[],
    detail: string,
  ): void {
    item.extension = [...(item.extension ?? []), { url, valueString: source }];
    this.unconverted.push(
      createIssue(interopMessages, 'condition_kept_as_extension', path, this.locale, {
        expression: source,
        url,
        detail,
      }),
    );
  }
}

function itemControl(code: string): FhirExtension {
  return {
    url: `${EXT}questionnaire-itemControl`,
    valueCodeableConcept: { coding: [{ system: ITEM_CONTROL, code }] },
  };
}

function bound(name: 'minValue' | 'maxValue', value: number | undefined, type: string): FhirExtension[] {
  if (value === undefined) return [];
  // An integer item's bounds are integers: the nearest whole numbers inside a fractional bound.
  if (type === 'integer')
    return [
      { url: `${EXT}${name}`, valueInteger: name === 'minValue' ? Math.ceil(value) : Math.floor(value) },
    ];
  return [{ url: `${EXT}${name}`, valueDecimal: value }];
}

/** What of a Questionnaire the carried template describes: its texts and items. */
export function fhirContent(questionnaire: Record<string, unknown>): unknown {
  const pick = (key: string) => (Object.hasOwn(questionnaire, key) ? questionnaire[key] : undefined);
  return {
    title: pick('title'),
    _title: pick('_title'),
    description: pick('description'),
    _description: pick('_description'),
    item: pick('item'),
  };
}
