import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import { jsonNestingDepth } from '../../core/jsonNestingDepth.js';
import { type Expr, parseExpression, printExpression } from '../../expr/index.js';
import type {
  ChoiceOption,
  LocalisedText,
  Provenance,
  Question,
  Scale,
  Section,
  Template,
} from '../../schema/index.js';
import { parseTemplate } from '../../schema/index.js';
import { readCarriedTemplate } from '../carriedTemplate.js';
import { type InteropIssueCode, interopMessages } from '../interopMessages.js';
import { TRANSLATION_URL } from '../interopText.js';
import { INTRODUCTION_NAME } from '../surveyjs/toSurveyJS.js';
import type { FhirAnswerMap, FhirAnswerTarget } from './fhirAnswerMap.js';
import { surveyAnswerMap } from './fhirAnswerMap.js';
import { answerKeyOf, arrayOf, assignCodes, field, record } from './fhirFields.js';
import { type EnableWhenTarget, readFhirEnableWhen } from './readFhirEnableWhen.js';
import {
  fhirContent,
  KIZUKI_REQUIRED_IF_URL,
  KIZUKI_TEMPLATE_URL,
  KIZUKI_VISIBLE_IF_URL,
} from './toFhirQuestionnaire.js';

/** Options of {@link fromFhirQuestionnaire}. */
export interface FromFhirQuestionnaireOptions {
  /** Language of the messages in `unconverted`. Default `ja`. */
  locale?: MessageLocale;
  /**
   * The language of the Questionnaire's texts. Default: its `language`, else `ja` when the title is
   * written in Japanese script, else `en`.
   */
  defaultLocale?: string;
  /** The template id. Default: the Questionnaire's `id` when it is a kebab-case id, else `imported-questionnaire`. */
  id?: string;
  /** The template version. Default: the Questionnaire's `version` when it is a semantic version, else `1.0.0`. */
  version?: string;
  /** The SPDX licence id. Default: `copyright` when it is an SPDX-like id, else `NOASSERTION`. */
  licence?: string;
  /** Who wrote the questionnaire. Default: `publisher`, else `['FHIR import']`. */
  provenance?: Provenance;
}

/** The result of {@link fromFhirQuestionnaire}. */
export interface FromFhirQuestionnaireResult {
  /** The template: check it with `parseTemplate` before use, as any template. */
  template: Template;
  /** Everything not carried over or changed on the way, with its path in the Questionnaire and its linkId. */
  unconverted: Issue[];
  /** How each linkId's answers become kizuki answers: give it to `fromFhirQuestionnaireResponse`. */
  answerMap: FhirAnswerMap;
}

type Fields = Record<string, unknown>;

const EXT = 'http://hl7.org/fhir/StructureDefinition/';
const RESERVED = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const MAX_ITEMS = 20_000;
const ORDINAL = new Set([`${EXT}ordinalValue`, `${EXT}itemWeight`, `${EXT}iso21090-CO-value`]);
// Extensions that only say how to draw an item: leaving them out loses no content.
const PRESENTATION = new Set([
  `${EXT}questionnaire-itemControl`,
  `${EXT}rendering-style`,
  `${EXT}rendering-xhtml`,
  `${EXT}questionnaire-choiceOrientation`,
]);
const ITEM_FIELDS = new Set([
  'id',
  'linkId',
  'text',
  '_text',
  'type',
  'required',
  'repeats',
  'maxLength',
  'enableWhen',
  'enableBehavior',
  'answerOption',
  'answerValueSet',
  'extension',
  'item',
]);
// Resource metadata with no bearing on what respondents see or answer.
const ROOT_QUIET = new Set([
  'resourceType',
  'id',
  'meta',
  'text',
  'url',
  'identifier',
  'name',
  'status',
  'date',
  'language',
  'version',
  'title',
  '_title',
  'description',
  '_description',
  'publisher',
  'copyright',
  'derivedFrom',
  'contained',
  'item',
]);
const YES_NO: ChoiceOption[] = [
  { code: 1, label: { ja: 'はい', en: 'Yes' } },
  { code: 2, label: { ja: 'いいえ', en: 'No' } },
];
const OTHER_LABEL = { ja: 'その他', en: 'Other' };

/** What pass one learns of every item: where it is, and what its enableWhen references need. */
interface ItemInfo extends EnableWhenTarget {
  path: PathSegment[];
}

/**
 * Converts a FHIR R4 Questionnaire into a kizuki template. Top-level groups become sections (other
 * top-level items are gathered into sections of their own); `display` → note; `choice` → single
 * choice, or multiple when it `repeats`; `open-choice` → the same with an "other" option;
 * `integer`/`decimal` → number (`minValue`/`maxValue`, `questionnaire-unit`); `string`/`text` →
 * short/long text with `maxLength`; `date` → date; `boolean` → single choice yes = 1, no = 2.
 * Options come from `answerOption` (`valueCoding`, `valueString`, `valueInteger`) or a contained
 * value set; integer codes are kept, others get new codes. The `ordinalValue`/`itemWeight`
 * extensions become option values, `optionExclusive` exclusive options, `minOccurs`/`maxOccurs`
 * selection bounds. A group with the `table` item control whose rows share their options becomes a
 * matrix, and the groups `toFhirQuestionnaire` writes for rankings and "other" texts come back as
 * such. Other nested items are placed after their parent, with the parent's condition added.
 * `enableWhen` (every operator, `enableBehavior` any/all) becomes `visibleIf`; texts in other
 * languages come from the translation extension.
 *
 * Everything else — `initial`, `readOnly`, item `code`s, `enableWhenExpression`, calculated
 * expressions, value sets that are not contained, unsupported item types — is listed in
 * `unconverted` with its path and linkId, never dropped silently. The input may be anything.
 *
 * @example
 * ```ts
 * import { fromFhirQuestionnaire } from 'kizuki/io';
 * import { parseTemplate } from 'kizuki/schema';
 * const { template, unconverted, answerMap } = fromFhirQuestionnaire(JSON.parse(text), { licence: 'CC-BY-4.0' });
 * for (const issue of unconverted) console.warn(issue.path.join('.'), issue.message);
 * const result = parseTemplate(template);
 * ```
 */
export function fromFhirQuestionnaire(
  json: unknown,
  options: FromFhirQuestionnaireOptions = {},
): FromFhirQuestionnaireResult {
  const result = new Importer(json, options).run();
  const carried = carriedTemplate(json, options.locale ?? 'ja');
  if (carried === undefined) return result;
  if (carried.current) {
    // The items are as kizuki wrote them: the template describes them exactly.
    const parsed = parseTemplate(carried.template);
    if (parsed.success)
      return { template: carried.template, unconverted: [], answerMap: surveyAnswerMap(parsed.survey) };
  }
  // Changed since, or not a template: only what does not depend on the items is kept.
  const { template } = result;
  if (options.id === undefined && typeof carried.template.id === 'string') template.id = carried.template.id;
  if (options.version === undefined && typeof carried.template.version === 'string')
    template.version = carried.template.version;
  if (options.licence === undefined && typeof carried.template.licence === 'string')
    template.licence = carried.template.licence;
  if (options.provenance === undefined && record(carried.template.provenance))
    template.provenance = carried.template.provenance;
  result.unconverted.push(
    carried.stale ??
      createIssue(interopMessages, 'kizuki_data_stale', ['extension'], options.locale ?? 'ja', {
        format: 'FHIR',
        property: KIZUKI_TEMPLATE_URL,
      }),
  );
  return result;
}

/** The template kizuki wrote in its extension (`toFhirQuestionnaire` with `carry`), if there is one. */
function carriedTemplate(json: unknown, locale: MessageLocale) {
  const root = record(json);
  if (root === undefined) return undefined;
  const extensions = arrayOf(field(root, 'extension'));
  const at = extensions.findIndex((e) => field(record(e) ?? {}, 'url') === KIZUKI_TEMPLATE_URL);
  const text = field(record(extensions[at]) ?? {}, 'valueString');
  // Measured before parsing: the text comes from outside.
  if (typeof text !== 'string' || jsonNestingDepth(text) > 64) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return readCarriedTemplate(value, fhirContent(root), {
    format: 'FHIR',
    property: KIZUKI_TEMPLATE_URL,
    path: ['extension', at],
    locale,
  });
}

class Importer {
  private readonly locale: MessageLocale;
  private readonly root: Fields;
  private readonly issues: Issue[] = [];
  private readonly used = new Set<string>();
  private readonly info = new Map<string, ItemInfo>();
  private readonly answerMap: FhirAnswerMap = Object.create(null);
  private readonly scales: Record<string, Scale> = Object.create(null);
  private readonly texts: LocalisedText[] = [];
  private readonly locales = new Set<string>(['ja']);
  private readonly primary: string;
  private missingJapanese: { count: number; first?: string } = { count: 0 };
  private seen = 0;
  /** Ids by linkId, assigned in pass one so that enableWhen may refer forward. */
  private readonly ids = new Map<string, string>();

  constructor(
    json: unknown,
    private readonly settings: FromFhirQuestionnaireOptions,
  ) {
    this.locale = settings.locale ?? 'ja';
    this.root = record(json) ?? {};
    this.primary = this.primaryLocale();
  }

  run(): FromFhirQuestionnaireResult {
    const root = this.root;
    if (field(root, 'resourceType') !== 'Questionnaire')
      this.report('invalid_input', ['resourceType'], { expected: 'resourceType "Questionnaire"' });
    for (const key of Object.keys(root))
      if (!ROOT_QUIET.has(key))
        this.report('fhir_property', [key], { linkId: '(Questionnaire)', property: key });
    const items = arrayOf(field(root, 'item'));
    this.survey(items, ['item'], 0);

    const sections: Section[] = [];
    let introduction: LocalisedText | undefined;
    let loose: Question[] = [];
    const flushLoose = () => {
      if (loose.length === 0) return;
      const id = this.fresh(`section${sections.length + 1}`);
      sections.push({ id, title: this.titleText(), questions: loose });
      loose = [];
    };
    items.forEach((raw, i) => {
      const item = record(raw);
      if (!item) return;
      const path: PathSegment[] = ['item', i];
      if (field(item, 'linkId') === INTRODUCTION_NAME && field(item, 'type') === 'display' && i === 0) {
        introduction = this.text(item, 'text', path);
        return;
      }
      if (field(item, 'type') === 'group' && !this.isMatrix(item) && !this.isRanking(item)) {
        flushLoose();
        sections.push(this.section(item, path));
      } else loose.push(...this.question(item, path, undefined));
    });
    flushLoose();
    if (sections.length === 0)
      sections.push({ id: this.fresh('section1'), title: this.titleText(), questions: [] });

    this.finishTexts();
    const template: Template = {
      id: this.templateId(),
      version: this.version(),
      locales: [...this.locales].sort((a, b) => (a === 'ja' ? -1 : b === 'ja' ? 1 : a.localeCompare(b))),
      title: this.titleText(),
      ...(typeof field(root, 'description') === 'string'
        ? { description: this.text(root, 'description', ['description']) }
        : {}),
      ...(introduction ? { introduction } : {}),
      provenance: this.provenance(),
      licence: this.licence(),
      ...this.derivedFrom(),
      ...(Object.keys(this.scales).length > 0 ? { scales: { ...this.scales } } : {}),
      sections,
    };
    this.finishTexts();
    return { template, unconverted: this.issues, answerMap: { ...this.answerMap } };
  }

  // ---- pass one: ids, types and answer targets of every item ----

  private survey(items: unknown[], path: PathSegment[], depth: number): void {
    if (depth > MAX_DEPTH) {
      this.report('invalid_input', path, { expected: `items nested at most ${MAX_DEPTH} deep` });
      return;
    }
    items.forEach((raw, i) => {
      const item = record(raw);
      const at = [...path, i];
      if (!item || ++this.seen > MAX_ITEMS) {
        this.report('invalid_input', at, { expected: 'an item with a linkId and a type' });
        return;
      }
      const linkId = field(item, 'linkId');
      const type = field(item, 'type');
      if (typeof linkId !== 'string' || typeof type !== 'string' || this.info.has(linkId)) {
        this.report('invalid_input', at, { expected: 'an item with a unique linkId and a type' });
        return;
      }
      const info: ItemInfo = { type, repeats: field(item, 'repeats') === true, path: at };
      if (type === 'boolean') info.codes = { 'b:true': 1, 'b:false': 2 };
      else if (type === 'choice' || type === 'open-choice') {
        const keys = (this.optionEntries(item) ?? []).map(({ raw: option }) => answerKeyOf(option));
        const codes: Record<string, number> = Object.create(null);
        assignCodes(keys).forEach(({ code }, k) => {
          if (code !== undefined) codes[keys[k] as string] = code;
        });
        info.codes = codes;
      }
      this.info.set(linkId, info);
      this.survey(arrayOf(field(item, 'item')), [...at, 'item'], depth + 1);
      if (type === 'group' && this.isRanking(item)) {
        const ranks = arrayOf(field(item, 'item')).filter((c) => field(record(c) ?? {}, 'type') === 'choice');
        ranks.forEach((_, r) => {
          const rank = this.info.get(`${linkId}.${r + 1}`);
          if (rank) rank.rank = { ranking: linkId, rank: r + 1, ranks: ranks.length };
        });
      }
    });
  }

  /** The kizuki id of a linkId: the linkId itself when it is a valid unused id, else a fresh one. */
  private idOf(linkId: string, path: PathSegment[]): string {
    const known = this.ids.get(linkId);
    if (known !== undefined) return known;
    let id = linkId;
    if (!validId(id) || this.used.has(id)) {
      id = this.fresh(sanitise(linkId));
      this.report('renamed_id', [...path, 'linkId'], { name: linkId, id });
    }
    this.used.add(id);
    this.ids.set(linkId, id);
    return id;
  }

  private fresh(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base.slice(0, 58)}_${n}`;
    this.used.add(id);
    return id;
  }

  // ---- pass two: sections and questions ----

  private section(item: Fields, path: PathSegment[]): Section {
    const linkId = field(item, 'linkId') as string;
    const id = this.idOf(linkId, path);
    this.checkFields(item, path, linkId, new Set(['item']));
    const visibleIf = this.condition(item, path, linkId);
    const children = arrayOf(field(item, 'item'));
    const questions: Question[] = [];
    let description: LocalisedText | undefined;
    children.forEach((raw, i) => {
      const child = record(raw);
      if (!child) return;
      const at = [...path, 'item', i];
      const childId = field(child, 'linkId');
      if (field(child, 'type') === 'display' && childId === `${linkId}.description` && i === 0) {
        description = this.text(child, 'text', at);
        return;
      }
      // toFhirQuestionnaire writes an empty section as its title alone.
      if (field(child, 'type') === 'display' && childId === `${linkId}.title` && children.length === 1)
        return;
      // toFhirQuestionnaire writes a note's help, and a multiple choice's other text, right after it.
      const last = questions.at(-1);
      if (
        last?.type === 'multiple' &&
        field(child, 'type') === 'string' &&
        typeof childId === 'string' &&
        childId.endsWith('.other') &&
        this.ids.get(childId.slice(0, -6)) === last.id &&
        this.markOther(last, child, childId.slice(0, -6), childId)
      )
        return;
      if (
        last?.type === 'note' &&
        field(child, 'type') === 'display' &&
        typeof childId === 'string' &&
        childId.endsWith('.help') &&
        this.ids.get(childId.slice(0, -5)) === last.id &&
        hasControl(child, 'help')
      ) {
        last.help = this.text(child, 'text', at);
        return;
      }
      questions.push(...this.question(child, at, undefined));
    });
    return {
      id,
      title: typeof field(item, 'text') === 'string' ? this.text(item, 'text', path) : this.plain(linkId),
      ...(description ? { description } : {}),
      ...(visibleIf ? { visibleIf: printExpression(visibleIf) } : {}),
      questions,
    };
  }

  /** The questions an item becomes: one, none (reported), or several for a flattened group. */
  private question(item: Fields, path: PathSegment[], inherited: Expr | undefined): Question[] {
    const linkId = field(item, 'linkId');
    const type = field(item, 'type');
    if (
      typeof linkId !== 'string' ||
      typeof type !== 'string' ||
      this.info.get(linkId)?.path.join() !== path.join()
    )
      return [];
    if (type === 'group') {
      if (this.isMatrix(item)) return this.matrix(item, path, inherited);
      if (this.isRanking(item)) return this.ranking(item, path, inherited);
      return this.flattened(item, path, inherited, true);
    }
    const builders: Record<string, () => Question | undefined> = {
      display: () => ({ type: 'note', id: this.idOf(linkId, path), label: this.label(item, path, linkId) }),
      choice: () => this.choice(item, path, linkId, false),
      'open-choice': () => this.choice(item, path, linkId, true),
      boolean: () => this.boolean(item, path, linkId),
      integer: () => this.number(item, path, linkId, true),
      decimal: () => this.number(item, path, linkId, false),
      string: () => this.textQuestion(item, path, linkId, 'short'),
      text: () => this.textQuestion(item, path, linkId, 'long'),
      date: () => this.date(item, path, linkId),
    };
    const build = Object.hasOwn(builders, type) ? builders[type] : undefined;
    if (!build) {
      this.report('fhir_item_type', [...path, 'type'], { linkId, type });
      return this.flattened(item, path, inherited, false);
    }
    const question = build();
    if (!question) return this.flattened(item, path, inherited, false);
    const visibleIf = this.conditioned(question, item, path, linkId, inherited);
    if (field(item, 'required') === true && question.type !== 'note') question.required = true;
    const rest = this.children(item, path, question, linkId);
    if (rest.length === 0) return [question];
    this.report('fhir_flattened', [...path, 'item'], { linkId });
    return [question, ...rest.flatMap(([child, at]) => this.question(child, at, visibleIf))];
  }

  /** Sets a question's `visibleIf` (its own and its groups' conditions, returned) and `requiredIf`. */
  private conditioned(
    question: Question,
    item: Fields,
    path: PathSegment[],
    linkId: string,
    inherited: Expr | undefined,
  ): Expr | undefined {
    const visibleIf = and(inherited, this.condition(item, path, linkId));
    if (visibleIf) question.visibleIf = printExpression(visibleIf);
    const requiredIf = this.kizukiExpression(item, path, linkId, KIZUKI_REQUIRED_IF_URL);
    if (requiredIf && question.type !== 'note') question.requiredIf = printExpression(requiredIf);
    return visibleIf;
  }

  /** A group kizuki cannot nest: its heading as a note, then its items with its condition added. */
  private flattened(
    item: Fields,
    path: PathSegment[],
    inherited: Expr | undefined,
    heading: boolean,
  ): Question[] {
    const linkId = field(item, 'linkId') as string;
    const children = arrayOf(field(item, 'item'));
    const condition = and(inherited, this.condition(item, path, linkId));
    const out: Question[] = [];
    if (heading) {
      this.checkFields(item, path, linkId, new Set(['item']));
      if (typeof field(item, 'text') === 'string') {
        const note: Question = {
          type: 'note',
          id: this.idOf(linkId, path),
          label: this.text(item, 'text', path),
        };
        if (condition) note.visibleIf = printExpression(condition);
        out.push(note);
      }
    }
    if (children.length > 0) this.report('fhir_flattened', [...path, 'item'], { linkId });
    children.forEach((raw, i) => {
      const child = record(raw);
      if (child) out.push(...this.question(child, [...path, 'item', i], condition));
    });
    return out;
  }

  /** Help texts and "other" texts nested under a question; the other children are returned. */
  private children(
    item: Fields,
    path: PathSegment[],
    question: Question,
    linkId: string,
  ): [Fields, PathSegment[]][] {
    const rest: [Fields, PathSegment[]][] = [];
    arrayOf(field(item, 'item')).forEach((raw, i) => {
      const child = record(raw);
      if (!child) return;
      const at = [...path, 'item', i];
      const childId = field(child, 'linkId');
      if (field(child, 'type') === 'display' && (childId === `${linkId}.help` || hasControl(child, 'help'))) {
        question.help = this.text(child, 'text', at);
        return;
      }
      if (
        (question.type === 'single' || question.type === 'multiple') &&
        field(child, 'type') === 'string' &&
        typeof childId === 'string' &&
        this.markOther(question, child, linkId, childId)
      )
        return;
      rest.push([child, at]);
    });
    return rest;
  }

  /** A string item enabled by one option of its parent choice is that option's "other" text. */
  private markOther(
    question: Question & { options: ChoiceOption[] },
    child: Fields,
    linkId: string,
    childId: string,
  ): boolean {
    const when = arrayOf(field(child, 'enableWhen')).map(record);
    if (
      when.length !== 1 ||
      field(when[0] ?? {}, 'question') !== linkId ||
      field(when[0] ?? {}, 'operator') !== '='
    )
      return false;
    const info = this.info.get(linkId);
    const key = answerKeyOf(when[0] ?? {});
    const code = key === undefined ? undefined : info?.codes?.[key];
    const option = question.options.find((o) => o.code === code);
    if (!option || question.options.some((o) => o.other === true)) return false;
    option.other = true;
    const target = this.answerMap[linkId];
    if (target?.kind === 'choice') target.otherCode = option.code;
    this.answerMap[childId] = { kind: 'other', key: question.id };
    return true;
  }

  private choice(item: Fields, path: PathSegment[], linkId: string, open: boolean): Question | undefined {
    this.checkFields(item, path, linkId);
    const read = this.options(item, path, linkId);
    if (!read) return undefined;
    const { options, codes } = read;
    const id = this.idOf(linkId, path);
    const multiple = field(item, 'repeats') === true;
    let otherCode: number | undefined;
    if (open) {
      otherCode = Math.max(0, ...options.map((o) => o.code)) + 1;
      options.push({ code: otherCode, label: this.filled(OTHER_LABEL), other: true });
      this.report('fhir_open_choice', [...path, 'type'], { linkId, code: otherCode });
    }
    if (options.length === 0) return undefined;
    this.setTarget(linkId, {
      kind: 'choice',
      key: id,
      codes,
      multiple,
      ...(otherCode === undefined ? {} : { otherCode }),
    });
    const label = this.label(item, path, linkId);
    if (!multiple) return { type: 'single', id, label, options };
    const question: Question = { type: 'multiple', id, label, options };
    const min = this.intExtension(item, 'questionnaire-minOccurs');
    const max = this.intExtension(item, 'questionnaire-maxOccurs');
    if (min !== undefined && min >= 0) question.minSelected = min;
    if (max !== undefined && max >= 1) question.maxSelected = max;
    return question;
  }

  private boolean(item: Fields, path: PathSegment[], linkId: string): Question {
    this.checkFields(item, path, linkId);
    const id = this.idOf(linkId, path);
    this.report('fhir_boolean_choice', [...path, 'type'], { linkId });
    this.setTarget(linkId, {
      kind: 'choice',
      key: id,
      codes: { 'b:true': 1, 'b:false': 2 },
      multiple: false,
    });
    return {
      type: 'single',
      id,
      label: this.label(item, path, linkId),
      options: YES_NO.map((o) => ({ ...o, label: this.filled(o.label as { ja: string; en: string }) })),
    };
  }

  private number(item: Fields, path: PathSegment[], linkId: string, integer: boolean): Question {
    this.checkFields(item, path, linkId);
    const id = this.idOf(linkId, path);
    this.setTarget(linkId, { kind: 'number', key: id, integer });
    const question: Question = { type: 'number', id, label: this.label(item, path, linkId) };
    if (integer) question.integer = true;
    const min = this.numberExtension(item, 'minValue');
    const max = this.numberExtension(item, 'maxValue');
    if (min !== undefined) question.min = min;
    if (max !== undefined) question.max = max;
    const unit = this.extension(item, 'questionnaire-unit');
    const coding = unit ? record(field(unit, 'valueCoding')) : undefined;
    const unitKey = coding && typeof field(coding, 'display') === 'string' ? 'display' : 'code';
    if (coding && typeof field(coding, unitKey) === 'string' && field(coding, unitKey) !== '')
      question.unit = this.text(coding, unitKey, [...path, 'extension']);
    return question;
  }

  private textQuestion(item: Fields, path: PathSegment[], linkId: string, size: 'short' | 'long'): Question {
    this.checkFields(item, path, linkId);
    const id = this.idOf(linkId, path);
    this.setTarget(linkId, { kind: 'text', key: id });
    const question: Question = { type: 'text', id, label: this.label(item, path, linkId) };
    if (size === 'long') question.size = 'long';
    const maxLength = field(item, 'maxLength');
    if (
      typeof maxLength === 'number' &&
      Number.isInteger(maxLength) &&
      maxLength >= 1 &&
      maxLength <= 100_000
    )
      question.maxLength = maxLength;
    else if (maxLength !== undefined)
      this.report('fhir_property', [...path, 'maxLength'], { linkId, property: 'maxLength' });
    return question;
  }

  private date(item: Fields, path: PathSegment[], linkId: string): Question {
    this.checkFields(item, path, linkId);
    const id = this.idOf(linkId, path);
    this.setTarget(linkId, { kind: 'date', key: id });
    const question: Question = { type: 'date', id, label: this.label(item, path, linkId) };
    const min = this.extension(item, 'minValue');
    const max = this.extension(item, 'maxValue');
    if (min && isoDate(field(min, 'valueDate'))) question.min = field(min, 'valueDate') as string;
    if (max && isoDate(field(max, 'valueDate'))) question.max = field(max, 'valueDate') as string;
    return question;
  }

  // ---- matrices and rankings ----

  /** A group with the table control whose items are single choices sharing one option list. */
  private isMatrix(item: Fields): boolean {
    if (!hasControl(item, 'table') && !hasControl(item, 'gtable')) return false;
    const rows = this.rows(item);
    if (rows.length === 0) return false;
    const first = rows[0] && optionSignature(rows[0]);
    return rows.every(
      (row) =>
        row !== undefined &&
        field(row, 'type') === 'choice' &&
        field(row, 'repeats') !== true &&
        field(row, 'enableWhen') === undefined &&
        field(row, 'item') === undefined &&
        optionSignature(row) === first &&
        arrayOf(field(row, 'answerOption')).length >= 2,
    );
  }

  /** The rows of a matrix group: its items but the help text `toFhirQuestionnaire` writes first. */
  private rows(item: Fields): (Fields | undefined)[] {
    const linkId = field(item, 'linkId');
    return arrayOf(field(item, 'item'))
      .map(record)
      .filter(
        (row) => !(row && field(row, 'type') === 'display' && field(row, 'linkId') === `${linkId}.help`),
      );
  }

  /** The group `toFhirQuestionnaire` writes for a ranking: `q.1`…`q.n` sharing options, then maybe `q.other`. */
  private isRanking(item: Fields): boolean {
    const linkId = field(item, 'linkId');
    const children = arrayOf(field(item, 'item')).map(record);
    const ranks = children.filter((c) => c && field(c, 'type') === 'choice');
    if (typeof linkId !== 'string' || ranks.length === 0) return false;
    const first = ranks[0] && optionSignature(ranks[0]);
    const ranksOk = ranks.every(
      (c, i) => c && field(c, 'linkId') === `${linkId}.${i + 1}` && optionSignature(c) === first,
    );
    const rest = children.filter((c) => !(c && field(c, 'type') === 'choice'));
    return (
      ranksOk &&
      rest.every(
        (c) =>
          c &&
          ((field(c, 'linkId') === `${linkId}.other` && field(c, 'type') === 'string') ||
            (field(c, 'linkId') === `${linkId}.help` && field(c, 'type') === 'display')),
      )
    );
  }

  private matrix(item: Fields, path: PathSegment[], inherited: Expr | undefined): Question[] {
    const linkId = field(item, 'linkId') as string;
    this.checkFields(item, path, linkId, new Set(['item']));
    const id = this.idOf(linkId, path);
    const children = arrayOf(field(item, 'item')).map(record);
    const rows = this.rows(item) as Fields[];
    const first = rows[0] as Fields;
    const firstPath = [...path, 'item', children.indexOf(first)];
    const read = this.options(first, firstPath, field(first, 'linkId') as string);
    const scale = this.scale(read?.options ?? [], id);
    const items = rows.map((row) => {
      const rowId = field(row, 'linkId') as string;
      const at = [...path, 'item', children.indexOf(row)];
      this.checkFields(row, at, rowId);
      const rowKey = this.idOf(rowId, at);
      this.setTarget(rowId, { kind: 'choice', key: rowKey, codes: read?.codes ?? {}, multiple: false });
      return { id: rowKey, text: this.label(row, at, rowId) };
    });
    const question: Question = {
      type: 'matrix',
      id,
      label: this.label(item, path, linkId),
      scale,
      items,
    };
    if (rows.some((row) => field(row, 'required') === true)) question.required = true;
    children.forEach((child, i) => {
      if (child && !rows.includes(child)) question.help = this.text(child, 'text', [...path, 'item', i]);
    });
    this.conditioned(question, item, path, linkId, inherited);
    return [question];
  }

  private ranking(item: Fields, path: PathSegment[], inherited: Expr | undefined): Question[] {
    const linkId = field(item, 'linkId') as string;
    this.checkFields(item, path, linkId, new Set(['item']));
    const id = this.idOf(linkId, path);
    const children = arrayOf(field(item, 'item')).map(record) as Fields[];
    const ranks = children.filter((c) => field(c, 'type') === 'choice');
    const read = this.options(ranks[0] as Fields, [...path, 'item', 0], `${linkId}.1`);
    const options = read?.options ?? [];
    const codes = read?.codes ?? {};
    const required = ranks.filter((r) => field(r, 'required') === true).length;
    ranks.forEach((_, i) => {
      this.setTarget(`${linkId}.${i + 1}`, { kind: 'rank', key: id, rank: i + 1, codes });
    });
    const question: Question = {
      type: 'ranking',
      id,
      label: this.label(item, path, linkId),
      options,
      maxRanked: ranks.length,
    };
    children.forEach((child, i) => {
      const childId = field(child, 'linkId');
      if (childId === `${linkId}.help`) question.help = this.text(child, 'text', [...path, 'item', i]);
      if (childId === `${linkId}.other`) {
        const when = record(arrayOf(field(child, 'enableWhen'))[0]) ?? {};
        const key = answerKeyOf(when);
        const option = options.find((o) => key !== undefined && o.code === codes[key]);
        if (option) option.other = true;
        this.setTarget(childId, { kind: 'other', key: id });
      }
    });
    if (required > 0) question.required = true;
    if (required > 1) question.minRanked = required;
    this.conditioned(question, item, path, linkId, inherited);
    return [question];
  }

  /** The scale of a matrix: an identical scale already made is shared. */
  private scale(options: ChoiceOption[], questionId: string): string {
    const scale: Scale = {
      options: options.map((o) => ({
        code: o.code,
        label: o.label,
        ...(o.value === undefined ? {} : { value: o.value }),
      })),
    };
    const signature = JSON.stringify(scale);
    for (const [id, existing] of Object.entries(this.scales))
      if (JSON.stringify(existing) === signature) return id;
    const id = this.fresh(`${questionId.slice(0, 56)}_scale`);
    this.scales[id] = scale;
    return id;
  }

  // ---- options ----

  /** The options of a choice item: its `answerOption`s, or the codings of a contained value set. */
  private optionEntries(item: Fields): { raw: Fields; at: PathSegment[] }[] | undefined {
    const valueSet = field(item, 'answerValueSet');
    if (typeof valueSet === 'string') {
      return this.containedConcepts(valueSet)?.map((coding, i) => ({
        raw: { valueCoding: coding },
        at: ['answerValueSet', i],
      }));
    }
    return arrayOf(field(item, 'answerOption')).flatMap((raw, i) => {
      const option = record(raw);
      return option ? [{ raw: option, at: ['answerOption', i] as PathSegment[] }] : [];
    });
  }

  private options(
    item: Fields,
    path: PathSegment[],
    linkId: string,
  ): { options: ChoiceOption[]; codes: Record<string, number> } | undefined {
    const entries = this.optionEntries(item);
    if (!entries) {
      this.report('fhir_value_set', [...path, 'answerValueSet'], {
        linkId,
        valueSet: field(item, 'answerValueSet'),
      });
      return undefined;
    }
    if (entries.length === 0) {
      this.report('invalid_input', path, { expected: `options (answerOption) for the item "${linkId}"` });
      return undefined;
    }
    const codes: Record<string, number> = Object.create(null);
    const keys = entries.map(({ raw }) => answerKeyOf(raw));
    const assigned = assignCodes(keys);
    const options: ChoiceOption[] = [];
    entries.forEach(({ raw, at: rel }, i) => {
      const at = [...path, ...rel];
      const key = keys[i];
      const { code, recoded } = assigned[i] ?? { recoded: false };
      if (key === undefined || code === undefined) {
        this.report('invalid_input', at, {
          expected: 'a valueCoding with a code, a valueString or a valueInteger, once',
        });
        return;
      }
      if (recoded) this.report('recoded_choice', at, { linkId, value: key.slice(2), code });
      codes[key] = code;
      const coding = record(field(raw, 'valueCoding'));
      const label = coding
        ? this.text(coding, typeof field(coding, 'display') === 'string' ? 'display' : 'code', [
            ...at,
            'valueCoding',
          ])
        : this.text(raw, typeof field(raw, 'valueString') === 'string' ? 'valueString' : 'valueInteger', at);
      const option: ChoiceOption = { code, label };
      const value = ordinal(raw) ?? (coding ? ordinal(coding) : undefined);
      if (value !== undefined) option.value = value;
      if (field(this.extension(raw, 'questionnaire-optionExclusive') ?? {}, 'valueBoolean') === true)
        option.exclusive = true;
      for (const name of Object.keys(raw))
        if (!['valueCoding', 'valueString', 'valueInteger', 'extension'].includes(name))
          this.report('fhir_property', [...at, name], { linkId, property: name });
      this.unknownExtensions(raw, at, linkId, new Set([...ORDINAL, `${EXT}questionnaire-optionExclusive`]));
      if (coding) this.unknownExtensions(coding, [...at, 'valueCoding'], linkId, ORDINAL);
      options.push(option);
    });
    return { options, codes };
  }

  /** The codings of a contained value set (`#id`), from its expansion or its listed concepts. */
  private containedConcepts(reference: string): Fields[] | undefined {
    if (!reference.startsWith('#')) return undefined;
    const set = arrayOf(field(this.root, 'contained'))
      .map(record)
      .find((r) => r && field(r, 'resourceType') === 'ValueSet' && field(r, 'id') === reference.slice(1));
    if (!set) return undefined;
    const expansion = arrayOf(field(record(field(set, 'expansion')) ?? {}, 'contains')).map(record);
    if (expansion.length > 0) return expansion.filter((c): c is Fields => c !== undefined);
    const include = arrayOf(field(record(field(set, 'compose')) ?? {}, 'include')).map(record);
    const concepts = include.flatMap((inc) => arrayOf(field(inc ?? {}, 'concept')).map(record));
    return concepts.length > 0 ? concepts.filter((c): c is Fields => c !== undefined) : undefined;
  }

  // ---- conditions ----

  private condition(item: Fields, path: PathSegment[], linkId: string): Expr | undefined {
    const read = readFhirEnableWhen(item, {
      target: (target) => this.info.get(target),
      resolve: (target) => this.idOf(target, this.info.get(target)?.path ?? []),
    });
    for (const problem of read.problems)
      this.report('fhir_condition_not_imported', [...path, 'enableWhen', problem.index], {
        linkId,
        question: problem.question,
        operator: problem.operator,
        detail: problem.detail,
      });
    if (read.behaviorMissing) this.report('fhir_enable_behavior', [...path, 'enableWhen'], { linkId });
    return and(read.expr, this.kizukiExpression(item, path, linkId, KIZUKI_VISIBLE_IF_URL));
  }

  /** A kizuki condition kept as text in an extension by `toFhirQuestionnaire`. */
  private kizukiExpression(item: Fields, path: PathSegment[], linkId: string, url: string): Expr | undefined {
    const entry = arrayOf(field(item, 'extension'))
      .map(record)
      .find((e) => e && field(e, 'url') === url);
    const source = entry ? field(entry, 'valueString') : undefined;
    if (typeof source !== 'string') return undefined;
    const parsed = parseExpression(source);
    if (parsed.success) return parsed.expr;
    this.report('fhir_condition_not_imported', [...path, 'extension'], {
      linkId,
      question: source,
      operator: '',
      detail: 'kizuki_expression',
    });
    return undefined;
  }

  // ---- texts ----

  private primaryLocale(): string {
    const given = this.settings.defaultLocale ?? field(this.root, 'language');
    if (typeof given === 'string' && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(given)) return given;
    const title = field(this.root, 'title');
    return typeof title === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(title) ? 'ja' : 'en';
  }

  /** A text from `object[key]` in the primary locale, with `_key`'s translations. */
  private text(object: Fields, key: string, path: PathSegment[]): LocalisedText {
    const raw = field(object, key);
    const value = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
    const text: Record<string, string> = Object.create(null);
    if (value !== '') text[this.primary] = value;
    for (const extension of arrayOf(field(record(field(object, `_${key}`)) ?? {}, 'extension')).map(record)) {
      if (!extension || field(extension, 'url') !== TRANSLATION_URL) continue;
      const parts = arrayOf(field(extension, 'extension')).map(record);
      const lang = parts.find((p) => p && field(p, 'url') === 'lang');
      const content = parts.find((p) => p && field(p, 'url') === 'content');
      const tag = lang ? field(lang, 'valueCode') : undefined;
      const said = content ? field(content, 'valueString') : undefined;
      if (
        typeof tag === 'string' &&
        /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag) &&
        typeof said === 'string' &&
        said !== ''
      )
        text[tag] = said;
    }
    return this.keep(text, value === '' ? path : [...path, key]);
  }

  private label(item: Fields, path: PathSegment[], linkId: string): LocalisedText {
    return typeof field(item, 'text') === 'string' ? this.text(item, 'text', path) : this.plain(linkId);
  }

  private plain(value: string): LocalisedText {
    return this.keep({ [this.primary]: value }, []);
  }

  /** kizuki's own words (yes/no, other) in Japanese and English. */
  private filled(text: { ja: string; en: string }): LocalisedText {
    const out: LocalisedText = { ja: text.ja };
    if (this.locales.has('en') || this.primary === 'en') out.en = text.en;
    this.texts.push(out);
    return out;
  }

  private titleText(): LocalisedText {
    return typeof field(this.root, 'title') === 'string'
      ? this.text(this.root, 'title', [])
      : this.plain(
          typeof field(this.root, 'name') === 'string'
            ? (field(this.root, 'name') as string)
            : 'FHIR Questionnaire',
        );
  }

  private keep(text: Record<string, string>, path: PathSegment[]): LocalisedText {
    for (const tag of Object.keys(text)) this.locales.add(tag);
    if (!Object.hasOwn(text, 'ja') || text.ja === '') {
      const fallback = text[this.primary] ?? Object.values(text)[0] ?? '?';
      text.ja = fallback;
      if (this.missingJapanese.count++ === 0) this.missingJapanese.first = path.join('.') || '(root)';
    }
    const out = text as LocalisedText;
    this.texts.push(out);
    return out;
  }

  private finished = false;
  /** Fills every declared locale of every text (the Japanese stands in) and says how often. */
  private finishTexts(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.missingJapanese.count > 0)
      this.report('missing_japanese', [], {
        count: this.missingJapanese.count,
        first: this.missingJapanese.first,
      });
    for (const locale of this.locales) {
      if (locale === 'ja') continue;
      let count = 0;
      let first: string | undefined;
      for (const text of this.texts)
        if (!Object.hasOwn(text, locale)) {
          text[locale] = text.ja;
          if (count++ === 0) first = text.ja;
        }
      if (count > 0) this.report('missing_translation', [], { locale, count, first });
    }
  }

  // ---- metadata ----

  private templateId(): string {
    if (this.settings.id !== undefined) return this.settings.id;
    const id = field(this.root, 'id');
    return typeof id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && id.length <= 64
      ? id
      : 'imported-questionnaire';
  }

  private version(): string {
    if (this.settings.version !== undefined) return this.settings.version;
    const version = field(this.root, 'version');
    if (
      typeof version === 'string' &&
      /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/.test(version)
    )
      return version;
    if (version !== undefined)
      this.report('fhir_property', ['version'], { linkId: '(Questionnaire)', property: 'version' });
    return '1.0.0';
  }

  private licence(): string {
    if (this.settings.licence !== undefined) return this.settings.licence;
    const copyright = field(this.root, 'copyright');
    if (typeof copyright === 'string' && /^[A-Za-z0-9.+-]{1,100}$/.test(copyright)) return copyright;
    if (copyright !== undefined)
      this.report('fhir_property', ['copyright'], { linkId: '(Questionnaire)', property: 'copyright' });
    return 'NOASSERTION';
  }

  private provenance(): Provenance {
    if (this.settings.provenance) return this.settings.provenance;
    const publisher = field(this.root, 'publisher');
    const authors =
      typeof publisher === 'string'
        ? publisher
            .split(', ')
            .filter((a) => a !== '')
            .map((a) => a.slice(0, 200))
        : [];
    return { authors: authors.length > 0 ? authors : ['FHIR import'] };
  }

  /** `derivedFrom` as `toFhirQuestionnaire` writes it (`urn:kizuki:template:<id>|<version>`). */
  private derivedFrom(): Pick<Template, 'derivedFrom'> {
    const list = arrayOf(field(this.root, 'derivedFrom'));
    const match =
      typeof list[0] === 'string' ? /^urn:kizuki:template:([a-z0-9-]{1,64})\|(.{1,64})$/.exec(list[0]) : null;
    if (match && list.length === 1)
      return { derivedFrom: { id: match[1]!, version: match[2]!, changes: [] } };
    if (list.length > 0)
      this.report('fhir_property', ['derivedFrom'], { linkId: '(Questionnaire)', property: 'derivedFrom' });
    return {};
  }

  // ---- fields and extensions ----

  /** Reports the item's fields and extensions that kizuki has no place for. */
  private checkFields(
    item: Fields,
    path: PathSegment[],
    linkId: string,
    skip: ReadonlySet<string> = new Set(),
  ): void {
    for (const key of Object.keys(item)) {
      if (ITEM_FIELDS.has(key) || skip.has(key)) continue;
      this.report('fhir_property', [...path, key], { linkId, property: key });
    }
    const type = field(item, 'type');
    if (field(item, 'repeats') === true && type !== 'choice' && type !== 'open-choice')
      this.report('fhir_property', [...path, 'repeats'], { linkId, property: 'repeats' });
    this.unknownExtensions(
      item,
      path,
      linkId,
      new Set([
        `${EXT}minValue`,
        `${EXT}maxValue`,
        `${EXT}questionnaire-unit`,
        `${EXT}questionnaire-minOccurs`,
        `${EXT}questionnaire-maxOccurs`,
        KIZUKI_VISIBLE_IF_URL,
        KIZUKI_REQUIRED_IF_URL,
      ]),
    );
  }

  private unknownExtensions(
    object: Fields,
    path: PathSegment[],
    linkId: string,
    known: ReadonlySet<string>,
  ): void {
    arrayOf(field(object, 'extension')).forEach((raw, i) => {
      const url = field(record(raw) ?? {}, 'url');
      if (typeof url === 'string' && (known.has(url) || PRESENTATION.has(url))) return;
      this.report('fhir_extension', [...path, 'extension', i], { linkId, url: String(url) });
    });
  }

  private extension(object: Fields, name: string): Fields | undefined {
    return arrayOf(field(object, 'extension'))
      .map(record)
      .find((e) => e && field(e, 'url') === `${EXT}${name}`);
  }

  private intExtension(item: Fields, name: string): number | undefined {
    const value = field(this.extension(item, name) ?? {}, 'valueInteger');
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
  }

  private numberExtension(item: Fields, name: string): number | undefined {
    const entry = this.extension(item, name) ?? {};
    const value = field(entry, 'valueInteger') ?? field(entry, 'valueDecimal');
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  private setTarget(linkId: string, target: FhirAnswerTarget): void {
    this.answerMap[linkId] = target;
  }

  private report(code: InteropIssueCode, path: PathSegment[], params: Record<string, unknown>): void {
    this.issues.push(createIssue(interopMessages, code, path, this.locale, params));
  }
}

function and(a: Expr | undefined, b: Expr | undefined): Expr | undefined {
  if (!a) return b;
  if (!b) return a;
  return { type: 'binary', op: 'and', left: a, right: b, start: 0, end: 0 };
}

function hasControl(item: Fields, code: string): boolean {
  return arrayOf(field(item, 'extension'))
    .map(record)
    .some((e) => {
      if (!e || field(e, 'url') !== `${EXT}questionnaire-itemControl`) return false;
      const concept = record(field(e, 'valueCodeableConcept'));
      return arrayOf(field(concept ?? {}, 'coding')).some((c) => field(record(c) ?? {}, 'code') === code);
    });
}

/** The options of an item as comparable text: rows of a matrix and ranks of a ranking must share them. */
function optionSignature(item: Fields): string {
  return JSON.stringify(field(item, 'answerOption') ?? null);
}

function ordinal(object: Fields): number | undefined {
  for (const e of arrayOf(field(object, 'extension')).map(record)) {
    if (!e || !ORDINAL.has(field(e, 'url') as string)) continue;
    const value = field(e, 'valueDecimal') ?? field(e, 'valueInteger');
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}

function validId(id: string): boolean {
  return id.length <= 64 && /^[A-Za-z][A-Za-z0-9_]*$/.test(id) && !RESERVED.has(id);
}

/** A valid id made from a linkId: `1.2` → `q1_2`, `/54126-8` → `q_54126_8`. */
function sanitise(linkId: string): string {
  let id = linkId.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 56);
  if (!/^[A-Za-z]/.test(id)) id = `q${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

function isoDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}
