import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import type {
  ChoiceOption,
  LocalisedText,
  Provenance,
  Question,
  Scale,
  ScaleOption,
  Section,
  Template,
} from '../../schema/index.js';
import { type InteropIssueCode, interopMessages } from '../interopMessages.js';
import { type ImportedName, readSurveyJSCondition } from './readSurveyJSCondition.js';
import { INTRODUCTION_NAME } from './toSurveyJS.js';

/** Options of {@link fromSurveyJS}. */
export interface FromSurveyJSOptions {
  /** Language of the messages in `unconverted`. Default `ja`. */
  locale?: MessageLocale;
  /**
   * The language of SurveyJS's `default` texts and plain strings. Default: `ja` when the survey says
   * `locale: 'ja'` and no text has an explicit `ja` entry (a survey written in Japanese), otherwise
   * `en`, SurveyJS's own default locale.
   */
  defaultLocale?: string;
  /** The template id. Default `imported-survey`. */
  id?: string;
  /** The template version. Default `1.0.0`. */
  version?: string;
  /** The SPDX licence id of the texts. Default `NOASSERTION` (unknown): set it before publishing. */
  licence?: string;
  /** Who wrote the questionnaire. Default: authors `['SurveyJS import']`. */
  provenance?: Provenance;
}

/** The result of {@link fromSurveyJS}. */
export interface FromSurveyJSResult {
  /** The template: check it with `parseTemplate` before use, as any template. */
  template: Template;
  /** Everything that was not carried over or was changed on the way, with its path in the SurveyJS JSON. */
  unconverted: Issue[];
}

type Fields = Record<string, unknown>;

const RESERVED = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'constructor', 'prototype']);
const MAX_DEPTH = 16;
const MAX_ELEMENTS = 10_000;
// Purely presentational properties: they carry no content, so leaving them out loses nothing.
const LAYOUT = new Set([
  'startWithNewLine',
  'width',
  'minWidth',
  'maxWidth',
  'indent',
  'titleLocation',
  'descriptionLocation',
  'hideNumber',
  'showNumber',
  'colCount',
  'renderAs',
  'displayMode',
  'rateType',
  'autoGrow',
  'allowResize',
  'rowTitleWidth',
  'columnMinWidth',
  'alternateRows',
  'separateSpecialChoices',
  'errorLocation',
  'selectToRankAreasLayout',
]);
const COMMON = ['type', 'name', 'title', 'description', 'isRequired', 'visibleIf', 'requiredIf'];
const SELECT = [
  'choices',
  'choicesOrder',
  'showOtherItem',
  'otherText',
  'showNoneItem',
  'noneText',
  'showRefuseItem',
  'refuseText',
  'showDontKnowItem',
  'dontKnowText',
];
const KNOWN: Record<string, readonly string[]> = {
  radiogroup: SELECT,
  dropdown: SELECT,
  checkbox: [...SELECT, 'minSelectedChoices', 'maxSelectedChoices'],
  tagbox: [...SELECT, 'minSelectedChoices', 'maxSelectedChoices'],
  ranking: [...SELECT, 'minSelectedChoices', 'maxSelectedChoices', 'selectToRankEnabled'],
  rating: [
    'rateValues',
    'rateMin',
    'rateMax',
    'rateStep',
    'rateCount',
    'minRateDescription',
    'maxRateDescription',
    'autoGenerate',
  ],
  matrix: ['rows', 'columns', 'rowOrder', 'eachRowRequired'],
  text: ['inputType', 'min', 'max', 'step', 'maxLength'],
  comment: ['maxLength', 'rows'],
  html: ['html'],
  boolean: ['labelTrue', 'labelFalse'],
};
// Words for SurveyJS's built-in special choices when the survey gives none; kizuki's own wording.
const SPECIAL = {
  other: { key: 'otherText', label: { ja: 'その他', en: 'Other' } },
  none: { key: 'noneText', label: { ja: 'どれもない', en: 'None of these' } },
  refused: { key: 'refuseText', label: { ja: '答えたくない', en: 'Prefer not to say' } },
  dontknow: { key: 'dontKnowText', label: { ja: 'わからない', en: "Don't know" } },
} as const;
const SPECIAL_SWITCHES = [
  ['showNoneItem', 'none'],
  ['showRefuseItem', 'refused'],
  ['showDontKnowItem', 'dontknow'],
  ['showOtherItem', 'other'],
] as const;

/**
 * Converts SurveyJS JSON (survey-core 2) into a kizuki template: pages become sections, and
 * `radiogroup`/`dropdown`/`boolean` → single choice, `checkbox`/`tagbox` → multiple, `ranking` →
 * ranking, `rating` → Likert on a scale, `matrix` → matrix, `text` → number, date or short text by
 * `inputType`, `comment` → long text, `html` → note. Panels are flattened into their page.
 * Conditions become kizuki expressions with SurveyJS's two-valued meaning.
 *
 * What cannot be converted — other element types, validators, expressions with arithmetic or
 * functions, any property kizuki has no equivalent for — is listed in `unconverted` with its path in
 * the JSON, never dropped silently; so are changes made on the way (a name that is not a valid id,
 * a choice value that is not an integer code). Only layout properties (`width`, `colCount`, …) are
 * left out without a word. The input is read defensively: it may be anything.
 *
 * @example
 * ```ts
 * import { fromSurveyJS } from 'kizuki/io';
 * import { parseTemplate } from 'kizuki/schema';
 * const { template, unconverted } = fromSurveyJS(JSON.parse(text), { id: 'employee-survey', licence: 'CC-BY-4.0' });
 * for (const issue of unconverted) console.warn(issue.path.join('.'), issue.message);
 * const result = parseTemplate(template);
 * ```
 */
export function fromSurveyJS(json: unknown, options: FromSurveyJSOptions = {}): FromSurveyJSResult {
  return new Importer(json, options).run();
}

interface Pending {
  question: Question;
  element: Fields;
  path: PathSegment[];
}

class Importer {
  private readonly issues: Issue[] = [];
  private readonly locale: MessageLocale;
  private readonly root: Fields;
  private readonly defaultLocale: string;
  private readonly locales: string[] = ['ja'];
  private readonly missingJa: PathSegment[][] = [];
  private readonly ids = new Set<string>();
  private readonly names = new Map<string, ImportedName>();
  private readonly shownWhen = new Map<string, string[]>();
  private readonly scales = new Map<string, { id: string; scale: Scale }>();
  private elementCount = 0;

  constructor(
    json: unknown,
    private readonly options: FromSurveyJSOptions,
  ) {
    this.locale = options.locale ?? 'ja';
    const root = record(json);
    if (root === undefined)
      this.report('invalid_input', [], { expected: this.locale === 'ja' ? 'オブジェクト' : 'an object' });
    this.root = root ?? {};
    this.defaultLocale =
      options.defaultLocale ??
      (field(this.root, 'locale') === 'ja' && !hasJapaneseKey(this.root) ? 'ja' : 'en');
  }

  run(): FromSurveyJSResult {
    const root = this.root;
    for (const key of Object.keys(root)) {
      if (
        ![
          'title',
          'description',
          'locale',
          'pages',
          'elements',
          'questions',
          'firstPageIsStartPage',
          'clearInvisibleValues',
        ].includes(key)
      )
        this.unsupportedProperty([key]);
    }
    let pages: { page: Fields; path: PathSegment[] }[] = [];
    const rawPages = field(root, 'pages');
    if (Array.isArray(rawPages)) {
      rawPages.forEach((page, i) => {
        const fields = record(page);
        if (fields) pages.push({ page: fields, path: ['pages', i] });
        else
          this.report('invalid_input', ['pages', i], {
            expected: this.locale === 'ja' ? 'ページ' : 'a page',
          });
      });
    } else {
      // A survey without pages is one page; older surveys list its questions as `questions`.
      const key = elementsKey(root);
      if (key) pages.push({ page: { name: 'page1', [key]: field(root, key) }, path: [] });
    }

    let introduction: LocalisedText | undefined;
    const first = pages[0];
    if (field(root, 'firstPageIsStartPage') === true && first) {
      const key = elementsKey(first.page) ?? 'elements';
      const elements = arrayOf(field(first.page, key));
      if (elements.length > 0 && elements.every((e) => field(record(e) ?? {}, 'type') === 'html')) {
        introduction = this.html(field(record(elements[0]) ?? {}, 'html'), [
          ...first.path,
          key,
          0,
          'html',
        ])?.label;
        pages = pages.slice(1);
      }
    }

    // First every name, so that conditions may refer to questions further on.
    const sections: { section: Section; page: Fields; path: PathSegment[]; pending: Pending[] }[] = [];
    for (const { page, path } of pages) {
      const pageName = field(page, 'name');
      if (pageName === INTRODUCTION_NAME) continue;
      for (const key of Object.keys(page))
        if (
          !['name', 'title', 'description', 'visibleIf', 'elements', 'questions'].includes(key) &&
          !LAYOUT.has(key)
        )
          this.unsupportedProperty([...path, key]);
      const id = this.uniqueId(pageName, [...path, 'name'], 'page');
      const section: Section = {
        id,
        title: this.text(field(page, 'title'), [...path, 'title'], id),
        questions: [],
      };
      const description = this.optionalText(field(page, 'description'), [...path, 'description']);
      if (description) section.description = description;
      const pending: Pending[] = [];
      for (const key of ['elements', 'questions'] as const)
        this.elements(field(page, key), [...path, key], pending, 0);
      sections.push({ section, page, path, pending });
    }
    if (sections.length === 0) {
      this.report('no_questions', ['pages'], {});
      sections.push({
        section: { id: this.uniqueId('page1', [], 'page'), title: { ja: '1' }, questions: [] },
        page: {},
        path: [],
        pending: [],
      });
    }

    // The SurveyJS conditions under which each name is shown: its page's and its own.
    for (const { page, pending } of sections)
      for (const { element } of pending) {
        const name = field(element, 'name');
        const when = [field(page, 'visibleIf'), field(element, 'visibleIf')].filter(
          (c): c is string => typeof c === 'string' && c.trim() !== '',
        );
        if (typeof name === 'string' && when.length > 0) this.shownWhen.set(name, when);
      }
    for (const { section, page, path, pending } of sections) {
      const visibleIf = this.condition(field(page, 'visibleIf'), [...path, 'visibleIf']);
      if (visibleIf !== undefined) section.visibleIf = visibleIf;
      for (const { question, element, path: elementPath } of pending) {
        const visible = this.condition(field(element, 'visibleIf'), [...elementPath, 'visibleIf']);
        if (visible !== undefined) question.visibleIf = visible;
        if (question.type !== 'note') {
          const required = this.condition(field(element, 'requiredIf'), [...elementPath, 'requiredIf']);
          if (required !== undefined) question.requiredIf = required;
        }
        this.repipe(question);
        section.questions.push(question);
      }
    }

    if (this.missingJa.length > 0) {
      this.report('missing_japanese', [], {
        count: this.missingJa.length,
        first: this.missingJa[0]!.join('.'),
      });
    }
    const template: Template = {
      id: this.options.id ?? 'imported-survey',
      version: this.options.version ?? '1.0.0',
      locales: this.locales,
      title: this.text(field(root, 'title'), ['title'], this.options.id ?? 'SurveyJS'),
      provenance: this.options.provenance ?? { authors: ['SurveyJS import'] },
      licence: this.options.licence ?? 'NOASSERTION',
      sections: sections.map((s) => s.section),
    };
    const description = this.optionalText(field(root, 'description'), ['description']);
    if (description) template.description = description;
    if (introduction) template.introduction = introduction;
    if (this.scales.size > 0)
      template.scales = Object.fromEntries([...this.scales.values()].map(({ id, scale }) => [id, scale]));
    this.completeLocales(template);
    return { template, unconverted: this.issues };
  }

  /** A template has every text in every locale it declares: a missing one gets the Japanese. */
  private completeLocales(template: Template): void {
    const slots: [PathSegment[], LocalisedText | undefined][] = [
      [['title'], template.title],
      [['description'], template.description],
      [['introduction'], template.introduction],
    ];
    for (const [id, scale] of Object.entries(template.scales ?? {}))
      scale.options.forEach((o, i) => slots.push([['scales', id, 'options', i, 'label'], o.label]));
    template.sections.forEach((section, si) => {
      slots.push(
        [['sections', si, 'title'], section.title],
        [['sections', si, 'description'], section.description],
      );
      section.questions.forEach((q, qi) => {
        const path = ['sections', si, 'questions', qi];
        slots.push([[...path, 'label'], q.label], [[...path, 'help'], q.help]);
        if ('options' in q)
          q.options.forEach((o, oi) => slots.push([[...path, 'options', oi, 'label'], o.label]));
        if (q.type === 'matrix')
          q.items.forEach((item, ii) => slots.push([[...path, 'items', ii, 'text'], item.text]));
      });
    });
    for (const locale of this.locales.slice(1)) {
      const missing = slots.filter(([, text]) => text !== undefined && !Object.hasOwn(text, locale));
      for (const [, text] of missing) text![locale] = text!.ja;
      if (missing.length > 0)
        this.report('missing_translation', [], {
          locale,
          count: missing.length,
          first: missing[0]![0].join('.'),
        });
    }
  }

  private elements(list: unknown, path: PathSegment[], out: Pending[], depth: number): void {
    arrayOf(list).forEach((raw, i) => {
      const elementPath = [...path, i];
      const element = record(raw);
      if (element === undefined || ++this.elementCount > MAX_ELEMENTS) {
        this.report('invalid_input', elementPath, { expected: this.locale === 'ja' ? '質問' : 'an element' });
        return;
      }
      const type = String(field(element, 'type') ?? '').toLowerCase();
      if (type === 'panel' && depth < MAX_DEPTH) {
        this.report('panel_flattened', elementPath, { name: String(field(element, 'name') ?? '') });
        for (const key of ['elements', 'questions'] as const)
          this.elements(field(element, key), [...elementPath, key], out, depth + 1);
        return;
      }
      const known = KNOWN[type];
      if (known === undefined) {
        this.report('unsupported_element', elementPath, { type, name: String(field(element, 'name') ?? '') });
        return;
      }
      for (const key of Object.keys(element)) {
        const keep = COMMON.includes(key) || known.includes(key) || LAYOUT.has(key);
        if (!keep) this.unsupportedProperty([...elementPath, key]);
      }
      const question = this.question(type, element, elementPath);
      if (question) out.push({ question, element, path: elementPath });
    });
  }

  private question(type: string, element: Fields, path: PathSegment[]): Question | undefined {
    const name = field(element, 'name');
    const id = this.uniqueId(name, [...path, 'name'], 'q');
    const label = this.text(
      field(element, 'title'),
      [...path, 'title'],
      typeof name === 'string' && name !== '' ? name : id,
    );
    const help = this.optionalText(field(element, 'description'), [...path, 'description']);
    const base = {
      id,
      label,
      ...(help ? { help } : {}),
      ...(field(element, 'isRequired') === true ? { required: true } : {}),
    };
    const nameKey = typeof name === 'string' ? name : id;
    switch (type) {
      case 'radiogroup':
      case 'dropdown':
      case 'checkbox':
      case 'tagbox':
      case 'ranking': {
        const multiple = type === 'checkbox' || type === 'tagbox';
        const { options, codes, randomise } = this.choices(element, path, multiple);
        const kind = type === 'ranking' || multiple ? 'codes' : 'code';
        this.names.set(nameKey, { id, kind, codes });
        const shared = { ...base, options, ...(randomise ? { randomise: true } : {}) };
        const min = positiveInt(field(element, 'minSelectedChoices'));
        const max = positiveInt(field(element, 'maxSelectedChoices'));
        if (type === 'ranking') {
          return {
            type: 'ranking',
            ...shared,
            maxRanked: Math.min(max ?? options.length, options.length),
            ...(min !== undefined ? { minRanked: Math.min(min, options.length) } : {}),
          };
        }
        if (multiple) {
          return {
            type: 'multiple',
            ...shared,
            ...(min !== undefined ? { minSelected: min } : {}),
            ...(max !== undefined ? { maxSelected: max } : {}),
          };
        }
        return { type: 'single', ...shared };
      }
      case 'boolean': {
        const codes = new Map([
          ['true', 1],
          ['false', 2],
        ]);
        this.names.set(nameKey, { id, kind: 'code', codes });
        const options: ChoiceOption[] = [
          {
            code: 1,
            label: this.text(field(element, 'labelTrue'), [...path, 'labelTrue'], 'Yes', {
              ja: 'はい',
              en: 'Yes',
            }),
          },
          {
            code: 2,
            label: this.text(field(element, 'labelFalse'), [...path, 'labelFalse'], 'No', {
              ja: 'いいえ',
              en: 'No',
            }),
          },
        ];
        return { type: 'single', ...base, options };
      }
      case 'rating': {
        const { options, codes } = this.ratingScale(element, path);
        this.names.set(nameKey, { id, kind: 'code', codes });
        return { type: 'likert', ...base, scale: this.scaleId(options, id) };
      }
      case 'matrix': {
        const { options, codes } = this.choiceList(field(element, 'columns'), [...path, 'columns'], false);
        const scale = this.scaleId(
          options.map(({ code, label }) => ({ code, label })),
          id,
        );
        const items = arrayOf(field(element, 'rows')).map((row, i) => {
          const rowPath = [...path, 'rows', i];
          const { value, text } = itemParts(row);
          const itemId = this.uniqueId(value, rowPath, `${id}_`);
          this.names.set(`${nameKey}.${String(value)}`, { id: itemId, kind: 'code', codes });
          return { id: itemId, text: this.text(text, [...rowPath, 'text'], String(value ?? itemId)) };
        });
        this.names.set(nameKey, { id, kind: 'matrix', items: items.map((item) => item.id) });
        const eachRow = field(element, 'eachRowRequired') === true;
        if (base.required === true && !eachRow) this.report('matrix_any_row', [...path, 'isRequired'], {});
        return {
          type: 'matrix',
          ...base,
          ...(eachRow ? { required: true } : {}),
          scale,
          items: items.length > 0 ? items : [{ id: this.uniqueId(`${id}_row`, [], 'r'), text: { ...label } }],
          ...(field(element, 'rowOrder') === 'random' ? { randomise: true } : {}),
        };
      }
      case 'text': {
        const inputType = String(field(element, 'inputType') ?? 'text');
        const min = field(element, 'min');
        const max = field(element, 'max');
        if (inputType === 'number' || inputType === 'range') {
          this.names.set(nameKey, { id, kind: 'number' });
          const step = field(element, 'step');
          return {
            type: 'number',
            ...base,
            ...(Number(step) === 1 ? { integer: true } : {}),
            ...(finite(min) !== undefined ? { min: finite(min)! } : {}),
            ...(finite(max) !== undefined ? { max: finite(max)! } : {}),
          };
        }
        if (inputType === 'date') {
          this.names.set(nameKey, { id, kind: 'date' });
          for (const [key, value] of [
            ['min', min],
            ['max', max],
          ] as const)
            if (value !== undefined && !isoDate(value)) this.unsupportedProperty([...path, key]);
          return {
            type: 'date',
            ...base,
            ...(isoDate(min) ? { min: min as string } : {}),
            ...(isoDate(max) ? { max: max as string } : {}),
          };
        }
        if (inputType !== 'text') this.unsupportedProperty([...path, 'inputType']);
        for (const key of ['min', 'max', 'step'])
          if (field(element, key) !== undefined) this.unsupportedProperty([...path, key]);
        this.names.set(nameKey, { id, kind: 'text' });
        return { type: 'text', ...base, size: 'short', ...this.maxLength(element) };
      }
      case 'comment':
        this.names.set(nameKey, { id, kind: 'text' });
        return { type: 'text', ...base, size: 'long', ...this.maxLength(element) };
      default: {
        // html: a display-only note. Notes cannot be required.
        const note = this.html(field(element, 'html'), [...path, 'html']);
        if (base.required === true) this.unsupportedProperty([...path, 'isRequired']);
        return { type: 'note', id, label: note?.label ?? label, ...(note?.help ? { help: note.help } : {}) };
      }
    }
  }

  private maxLength(element: Fields): { maxLength?: number } {
    const value = positiveInt(field(element, 'maxLength'));
    return value !== undefined && value <= 100_000 ? { maxLength: value } : {};
  }

  /** The options of a choice question: its choices, then SurveyJS's special items as options. */
  private choices(element: Fields, path: PathSegment[], multiple: boolean) {
    const randomise = field(element, 'choicesOrder') === 'random';
    const order = field(element, 'choicesOrder');
    if (order !== undefined && order !== 'random' && order !== 'none')
      this.unsupportedProperty([...path, 'choicesOrder']);
    const { options, codes } = this.choiceList(
      field(element, 'choices'),
      [...path, 'choices'],
      multiple,
      randomise,
    );
    let next = Math.max(0, ...options.map((o) => o.code)) + 1;
    for (const [key, special] of SPECIAL_SWITCHES) {
      if (field(element, key) !== true) continue;
      const words = SPECIAL[special];
      const code = next++;
      const option: ChoiceOption = {
        code,
        label: this.text(field(element, words.key), [...path, words.key], words.label.en, words.label),
      };
      if (special === 'other') option.other = true;
      else if (multiple) option.exclusive = true;
      if (special === 'refused' || special === 'dontknow') option.missing = true;
      // SurveyJS never shuffles its special items.
      if (randomise) option.pinned = true;
      options.push(option);
      codes.set(special, code);
      this.report('special_choice', [...path, key], { item: special, code });
    }
    if (options.length === 0) {
      this.report('invalid_input', [...path, 'choices'], {
        expected: this.locale === 'ja' ? '選択肢' : 'choices',
      });
      options.push({ code: 1, label: { ja: '1' } });
    }
    return { options, codes, randomise };
  }

  /** Choices or matrix columns as options with integer codes, and SurveyJS values → codes. */
  private choiceList(list: unknown, path: PathSegment[], exclusiveAllowed: boolean, randomise = false) {
    const items = arrayOf(list).map((raw, i) => ({ ...itemParts(raw), raw, path: [...path, i] }));
    const taken = new Set<number>();
    const wanted = items.map(({ value }) => {
      const code = integerCode(value);
      if (code === undefined || taken.has(code)) return undefined;
      taken.add(code);
      return code;
    });
    let next = Math.max(0, ...taken) + 1;
    const codes = new Map<string, number>();
    const options: ChoiceOption[] = items.map((item, i) => {
      let code = wanted[i];
      if (code === undefined) {
        code = next++;
        this.report('recoded_choice', [...item.path, 'value'], { value: String(item.value), code });
      }
      if (!codes.has(String(item.value))) codes.set(String(item.value), code);
      const option: ChoiceOption = {
        code,
        label: this.text(item.text, [...item.path, 'text'], String(item.value ?? code)),
      };
      const fields = record(item.raw);
      if (fields) {
        for (const key of Object.keys(fields))
          if (!['value', 'text', 'isExclusive', 'randomize'].includes(key))
            this.unsupportedProperty([...item.path, key]);
        if (field(fields, 'isExclusive') === true) {
          if (exclusiveAllowed) option.exclusive = true;
          else this.unsupportedProperty([...item.path, 'isExclusive']);
        }
        if (field(fields, 'randomize') === false && randomise) option.pinned = true;
      }
      return option;
    });
    return { options, codes };
  }

  private ratingScale(element: Fields, path: PathSegment[]) {
    const rateValues = field(element, 'rateValues');
    if (Array.isArray(rateValues) && rateValues.length >= 2) {
      const { options, codes } = this.choiceList(rateValues, [...path, 'rateValues'], false);
      return { options: options.map(({ code, label }) => ({ code, label })), codes };
    }
    // A generated scale: rateMin to rateMax in rateStep (or rateCount values), labelled by number.
    const min = finite(field(element, 'rateMin')) ?? 1;
    const step = finite(field(element, 'rateStep')) ?? 1;
    const count = positiveInt(field(element, 'rateCount'));
    const max = finite(field(element, 'rateMax')) ?? (count !== undefined ? min + (count - 1) * step : 5);
    const options: ScaleOption[] = [];
    const codes = new Map<string, number>();
    for (let value = min; value <= max && options.length < 100 && step > 0; value += step) {
      if (!Number.isSafeInteger(value)) break;
      options.push({ code: value, label: { ja: String(value) } });
      codes.set(String(value), value);
    }
    while (options.length < 2) {
      const code = (options.at(-1)?.code ?? 0) + 1;
      options.push({ code, label: { ja: String(code) } });
      codes.set(String(code), code);
    }
    const ends = [
      ['minRateDescription', options[0]!],
      ['maxRateDescription', options.at(-1)!],
    ] as const;
    for (const [key, option] of ends) {
      const description = this.optionalText(field(element, key), [...path, key]);
      if (description) {
        option.label = Object.fromEntries(
          Object.entries(description).map(([loc, text]) => [loc, `${option.code}（${text}）`]),
        ) as LocalisedText;
      }
    }
    return { options, codes };
  }

  /** The id of a scale with these options, shared by every question that uses the same options. */
  private scaleId(options: ScaleOption[], questionId: string): string {
    const key = JSON.stringify(options);
    const found = this.scales.get(key);
    if (found) return found.id;
    const id = this.uniqueId(`${questionId}_scale`, [], 'scale');
    this.scales.set(key, { id, scale: { options } });
    return id;
  }

  private condition(source: unknown, path: PathSegment[]): string | undefined {
    if (source === undefined || source === '') return undefined;
    if (typeof source !== 'string') {
      this.unsupportedProperty(path);
      return undefined;
    }
    const result = readSurveyJSCondition(source, this.names);
    if (result.ok) {
      this.hiddenReads(source, path);
      return result.text;
    }
    this.report('expression_not_imported', path, { expression: source, detail: result.detail });
    return undefined;
  }

  /**
   * SurveyJS conditions read the answer of a hidden question (unless `clearInvisibleValues` cleared
   * it); kizuki reads it as unanswered. A condition that reads a question which can be hidden is
   * reported, unless it states that question's own conditions itself (as `toSurveyJS` writes them),
   * in which case both read the same.
   */
  private hiddenReads(source: string, path: PathSegment[]): void {
    const read = new Set<string>();
    for (const [, raw] of source.matchAll(/\{([^{}]{1,200})\}/g)) {
      const name = raw!.trim();
      const owner = this.shownWhen.has(name) ? name : name.split('.')[0]!;
      const when = this.shownWhen.get(owner);
      if (when === undefined || read.has(owner)) continue;
      read.add(owner);
      if (when.every((condition) => source.includes(condition))) continue;
      this.report('hidden_answer_read', path, { expression: source, name: owner });
    }
  }

  /** Rewrites SurveyJS pipes in texts: `{matrix.row}` → `{item}`, renamed questions → their ids. */
  private repipe(question: Question): void {
    const rewrite = (text: LocalisedText): LocalisedText =>
      Object.fromEntries(
        Object.entries(text).map(([loc, value]) => [
          loc,
          value.replace(/\{([^{}]{1,200})\}/g, (whole, name: string) => {
            const found = this.names.get(name.trim());
            return found ? `{${found.id}}` : whole;
          }),
        ]),
      ) as LocalisedText;
    question.label = rewrite(question.label);
    if (question.help) question.help = rewrite(question.help);
    if (question.type === 'matrix') for (const item of question.items) item.text = rewrite(item.text);
  }

  /** A note from SurveyJS html: tags removed; one or two plain paragraphs are a label and its help. */
  private html(
    value: unknown,
    path: PathSegment[],
  ): { label: LocalisedText; help?: LocalisedText } | undefined {
    const text = this.optionalText(value, path);
    if (text === undefined) return undefined;
    let marked = false;
    const label: Record<string, string> = {};
    const help: Record<string, string> = {};
    for (const [loc, html] of Object.entries(text)) {
      // What toSurveyJS writes: <p>label</p> or <p>label</p><p>help</p>, with no other markup.
      const plain = /^\s*<p>([^<]*)<\/p>\s*(?:<p>([^<]*)<\/p>\s*)?$/.exec(html);
      if (!plain && /<[^>]*>/.test(html)) marked = true;
      const parts = plain
        ? [plain[1]!, plain[2] ?? '']
        : [html.replace(/<br\s*\/?>|<\/p>\s*<p>/gi, '\n').replace(/<[^>]*>/g, ''), ''];
      label[loc] = decodeEntities(parts[0]!).trim() || '-';
      const second = decodeEntities(parts[1]!).trim();
      if (second !== '') help[loc] = second;
    }
    if (marked) this.report('markup_removed', path, {});
    const result: { label: LocalisedText; help?: LocalisedText } = { label: label as LocalisedText };
    if (help.ja !== undefined) result.help = help as LocalisedText;
    return result;
  }

  private optionalText(value: unknown, path: PathSegment[]): LocalisedText | undefined {
    if (typeof value === 'string' ? value === '' : record(value) === undefined) return undefined;
    return this.text(value, path, '');
  }

  /**
   * A SurveyJS localizable string as a kizuki text. `default` (and a plain string) is in
   * `defaultLocale`. A `default` equal to the Japanese is a fallback copy, not a translation.
   */
  private text(
    value: unknown,
    path: PathSegment[],
    fallback: string,
    words?: { ja: string; en: string },
  ): LocalisedText {
    const out: Record<string, string> = {};
    const entries: [string, string][] =
      typeof value === 'string'
        ? [['default', value]]
        : Object.entries(record(value) ?? {}).filter(
            (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
          );
    let defaultText: string | undefined;
    for (const [key, text] of entries) {
      if (key === 'default') {
        defaultText = text;
        continue;
      }
      if (/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(key) && key.length <= 35) out[key] = text;
    }
    const { defaultLocale } = this;
    // An explicit entry wins over `default`; a `default` equal to the Japanese is a fallback copy.
    if (defaultText !== undefined && !Object.hasOwn(out, defaultLocale) && defaultText !== out.ja)
      out[defaultLocale] = defaultText;
    if (out.ja === undefined) {
      const first = defaultText ?? Object.values(out)[0];
      if (first !== undefined) {
        out.ja = first;
        this.missingJa.push(path);
      } else if (words) {
        out.ja = words.ja;
        if (this.locales.includes('en')) out.en = words.en;
      } else {
        out.ja = fallback || '-';
      }
    }
    for (const loc of Object.keys(out)) if (!this.locales.includes(loc)) this.locales.push(loc);
    return { ja: out.ja!, ...out };
  }

  private uniqueId(name: unknown, path: PathSegment[], prefix: string): string {
    const raw = typeof name === 'string' || typeof name === 'number' ? String(name) : '';
    let id = raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    if (!/[A-Za-z0-9]/.test(id)) id = `${prefix}${this.ids.size + 1}`;
    if (!/^[A-Za-z]/.test(id)) id = `${/^[A-Za-z]/.test(prefix) ? prefix : 'q'}${id}`;
    id = id.slice(0, 60);
    if (RESERVED.has(id)) id = `${id}_`;
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}_${n}`;
    this.ids.add(unique);
    if (unique !== raw && path.length > 0) this.report('renamed_id', path, { name: raw, id: unique });
    return unique;
  }

  private unsupportedProperty(path: PathSegment[]): void {
    this.report('unsupported_property', path, { property: String(path.at(-1)) });
  }

  private report(code: InteropIssueCode, path: PathSegment[], params: Record<string, unknown>): void {
    this.issues.push(createIssue(interopMessages, code, path, this.locale, params));
  }
}

function record(value: unknown): Fields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** An own property only: a SurveyJS name like `constructor` must not reach Object.prototype. */
function field(object: Fields, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value and text of a SurveyJS item: an object, a primitive, or SurveyJS's `"value|text"`. */
function itemParts(raw: unknown): { value: unknown; text: unknown } {
  const fields = record(raw);
  if (fields) return { value: field(fields, 'value'), text: field(fields, 'text') ?? field(fields, 'value') };
  if (typeof raw === 'string' && raw.includes('|')) {
    const at = raw.indexOf('|');
    return { value: raw.slice(0, at), text: raw.slice(at + 1) };
  }
  return { value: raw, text: typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined };
}

function integerCode(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d{1,15}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(number) ? number : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function finite(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(number) ? number : undefined;
}

function isoDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(Number.parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeCodePoint(Number(lower.slice(1))) ?? whole;
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[lower] ?? whole;
  });
}

function safeCodePoint(n: number): string | undefined {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

/** Whether any localizable string in the JSON has an explicit `ja` entry (a bounded scan). */
function hasJapaneseKey(root: Fields): boolean {
  const stack: unknown[] = [root];
  for (let seen = 0; stack.length > 0 && seen < 100_000; seen++) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value.slice(0, 10_000));
    else if (value !== null && typeof value === 'object') {
      const fields = value as Fields;
      if (typeof field(fields, 'ja') === 'string') return true;
      for (const key of Object.keys(fields)) stack.push(fields[key]);
    }
  }
  return false;
}

/**
 * Where a page (or a survey without pages) lists its elements: `elements`, or `questions`, the older
 * name survey-core still reads.
 */
function elementsKey(container: Fields): 'elements' | 'questions' | undefined {
  if (Array.isArray(field(container, 'elements'))) return 'elements';
  if (Array.isArray(field(container, 'questions'))) return 'questions';
  return undefined;
}
