import type { Issue, MessageLocale, PathSegment } from '../../core/issue.js';
import type { LocalisedText, Provenance, Question, Section, Template } from '../../schema/index.js';
import { readCarriedTemplate } from '../carriedTemplate.js';
import { readSurveyJSCondition, unguardedReads, unwatchedReads } from './readSurveyJSCondition.js';
import { ImportContext } from './surveyJSImportContext.js';
import { arrayOf, elementsKey, type Fields, field, record } from './surveyJSJson.js';
import { LAYOUT, type PendingQuestion, readElements } from './surveyJSQuestion.js';
import { defaultLocaleOf } from './surveyJSTexts.js';
import { INTRODUCTION_NAME, KIZUKI_PROPERTY } from './toSurveyJS.js';

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
  const carried = carriedTemplate(json, options.locale ?? 'ja');
  if (carried?.current) return { template: carried.template, unconverted: [] };
  const result = new Importer(json, options).run();
  if (carried) {
    // The survey changed after kizuki wrote it: only what does not depend on its content is kept.
    const { template } = result;
    if (options.id === undefined) template.id = carried.template.id;
    if (options.version === undefined) template.version = carried.template.version;
    if (options.licence === undefined) template.licence = carried.template.licence;
    if (options.provenance === undefined) template.provenance = carried.template.provenance;
    result.unconverted.push(carried.stale!);
  }
  return result;
}

class Importer {
  private readonly ctx: ImportContext;
  private readonly root: Fields;
  /** The SurveyJS conditions under which each name is shown: its page's and its own. */
  private readonly shownWhen = new Map<string, string[]>();

  constructor(
    json: unknown,
    private readonly options: FromSurveyJSOptions,
  ) {
    const locale = options.locale ?? 'ja';
    const root = record(json);
    this.root = root ?? {};
    const found = defaultLocaleOf(this.root, options.defaultLocale);
    this.ctx = new ImportContext(locale, found.locale);
    if (root === undefined) this.ctx.invalid([], 'オブジェクト', 'an object');
    // Said when it was a judgement: from the script, or a declared locale the script overruled.
    else if (found.source === 'script') this.ctx.report('default_locale', ['locale'], { ...found });
  }

  run(): FromSurveyJSResult {
    const { root, ctx } = this;
    for (const key of Object.keys(root)) if (!ROOT_KEYS.has(key)) ctx.unsupportedProperty([key]);
    let pages: { page: Fields; path: PathSegment[] }[] = [];
    const rawPages = field(root, 'pages');
    if (Array.isArray(rawPages)) {
      rawPages.forEach((page, i) => {
        const fields = record(page);
        if (fields) pages.push({ page: fields, path: ['pages', i] });
        else ctx.invalid(['pages', i], 'ページ', 'a page');
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
        introduction = ctx.texts.html(field(record(elements[0]) ?? {}, 'html'), [
          ...first.path,
          key,
          0,
          'html',
        ])?.label;
        pages = pages.slice(1);
      }
    }

    // First every name, so that conditions may refer to questions further on.
    const sections: { section: Section; page: Fields; path: PathSegment[]; pending: PendingQuestion[] }[] =
      [];
    const count = { n: 0 };
    for (const { page, path } of pages) {
      const pageName = field(page, 'name');
      if (pageName === INTRODUCTION_NAME) continue;
      for (const key of Object.keys(page))
        if (!PAGE_KEYS.has(key) && !LAYOUT.has(key)) ctx.unsupportedProperty([...path, key]);
      const id = ctx.uniqueId(pageName, [...path, 'name'], 'page');
      const section: Section = {
        id,
        title: ctx.texts.text(field(page, 'title'), [...path, 'title'], id),
        questions: [],
      };
      const description = ctx.texts.optionalText(field(page, 'description'), [...path, 'description']);
      if (description) section.description = description;
      const pending: PendingQuestion[] = [];
      for (const key of ['elements', 'questions'] as const)
        readElements(ctx, field(page, key), [...path, key], pending, 0, count);
      sections.push({ section, page, path, pending });
    }
    if (sections.length === 0) {
      ctx.report('no_questions', ['pages'], {});
      sections.push({
        section: { id: ctx.uniqueId('page1', [], 'page'), title: { ja: '1' }, questions: [] },
        page: {},
        path: [],
        pending: [],
      });
    }

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

    ctx.texts.reportMissingJapanese();
    const template: Template = {
      id: this.options.id ?? 'imported-survey',
      version: this.options.version ?? '1.0.0',
      locales: ctx.texts.locales,
      title: ctx.texts.text(field(root, 'title'), ['title'], this.options.id ?? 'SurveyJS'),
      provenance: this.options.provenance ?? { authors: ['SurveyJS import'] },
      licence: this.options.licence ?? 'NOASSERTION',
      sections: sections.map((s) => s.section),
    };
    const description = ctx.texts.optionalText(field(root, 'description'), ['description']);
    if (description) template.description = description;
    if (introduction) template.introduction = introduction;
    if (ctx.scales.size > 0)
      template.scales = Object.fromEntries([...ctx.scales.values()].map(({ id, scale }) => [id, scale]));
    ctx.texts.completeLocales(template);
    return { template, unconverted: ctx.issues };
  }

  private condition(source: unknown, path: PathSegment[]): string | undefined {
    if (source === undefined || source === '') return undefined;
    if (typeof source !== 'string') {
      this.ctx.unsupportedProperty(path);
      return undefined;
    }
    const result = readSurveyJSCondition(source, this.ctx.names);
    if (result.ok) {
      // SurveyJS conditions read the answer of a hidden question (unless `clearInvisibleValues`
      // cleared it); kizuki reads it as unanswered. Each read of a question that can be hidden,
      // outside the context of that question's own conditions, is where the two can differ.
      for (const name of unguardedReads(source, this.shownWhen))
        this.ctx.report('hidden_answer_read', path, { expression: source, name });
      for (const name of unwatchedReads(source))
        this.ctx.report('part_read_not_rerun', path, { expression: source, name });
      return result.text;
    }
    const custom = result.functions.filter((name) => !SURVEYJS_FUNCTIONS.has(name));
    if (custom.length > 0)
      for (const name of new Set(custom))
        this.ctx.report('custom_function', path, { expression: source, name });
    else this.ctx.report('expression_not_imported', path, { expression: source, detail: result.detail });
    return undefined;
  }

  /** Rewrites SurveyJS pipes in texts: `{matrix.row}` → `{item}`, renamed questions → their ids. */
  private repipe(question: Question): void {
    const rewrite = (text: LocalisedText): LocalisedText =>
      Object.fromEntries(
        Object.entries(text).map(([loc, value]) => [
          loc,
          value.replace(/\{([^{}]{1,200})\}/g, (whole, name: string) => {
            const found = this.ctx.names.get(name.trim());
            return found ? `{${found.id}}` : whole;
          }),
        ]),
      ) as LocalisedText;
    question.label = rewrite(question.label);
    if (question.help) question.help = rewrite(question.help);
    if (question.type === 'matrix') for (const item of question.items) item.text = rewrite(item.text);
  }
}

const ROOT_KEYS = new Set([
  'title',
  'description',
  'locale',
  'pages',
  'elements',
  'questions',
  'firstPageIsStartPage',
  'clearInvisibleValues',
  KIZUKI_PROPERTY,
]);
const PAGE_KEYS = new Set(['name', 'title', 'description', 'visibleIf', 'elements', 'questions']);
// The functions survey-core 3.1.1 registers itself (FunctionFactory); any other name in an expression is a custom function.
const SURVEYJS_FUNCTIONS = new Set([
  'age',
  'avg',
  'count',
  'currentDate',
  'currentYear',
  'dateAdd',
  'dateDiff',
  'day',
  'diffDays',
  'displayValue',
  'getComment',
  'getDate',
  'getYear',
  'iif',
  'isContainerReady',
  'isDisplayMode',
  'max',
  'min',
  'month',
  'propertyValue',
  'round',
  'substring',
  'sum',
  'today',
  'trunc',
  'weekday',
  'year',
]);

/** The template kizuki wrote beside its export (`toSurveyJS`), if there is one. */
function carriedTemplate(json: unknown, locale: MessageLocale) {
  const root = record(json);
  if (root === undefined || !Object.hasOwn(root, KIZUKI_PROPERTY)) return undefined;
  const { [KIZUKI_PROPERTY]: carried, ...content } = root;
  return readCarriedTemplate(carried, content, {
    format: 'SurveyJS',
    property: KIZUKI_PROPERTY,
    path: [KIZUKI_PROPERTY],
    locale,
  });
}
