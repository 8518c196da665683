import type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue, formatPath } from '../core/issue.js';
import { expressionDependencies, parseExpression } from '../expr/index.js';
import {
  IdSchema,
  indexTemplate,
  LocaleSchema,
  type LocalisedText,
  type MatrixItem,
  parseTemplate,
  type Question,
  type Section,
  SemverSchema,
  type Survey,
  type Template,
  type TemplateChange,
  TemplateIdSchema,
} from '../schema/index.js';
import { customiseMessages } from './messages.js';
import { renameIdentifier } from './renameIdentifier.js';
import { textSlots } from './textSlots.js';

/** Text in several locales, as in templates: `{ "ja": "…", "en": "…" }`. */
type Text = LocalisedText;

/** Fields every change may carry. */
interface ChangeBase {
  /** Why the change was made; recorded in `derivedFrom.changes`. */
  note?: string;
}

/** Rewording changes: a new id unless declared editorial. */
interface RewordBase extends ChangeBase {
  /** The wording changes but not the meaning (a typo, a politer form): the id stays. */
  editorial?: boolean;
  /** The id for the reworded question or item; default: the old id with `_m1` (or the next `_mN`). */
  newId?: string;
}

/**
 * One customisation. Changes apply in order; each names what it changes by id.
 *
 * - `addQuestion` — insert `question` into `section`, after the question `after` (default: at the end).
 * - `removeQuestion` — remove a question (a matrix with all its items).
 * - `rewordQuestion` — new `label`, `help`, option labels (`options`: code → text) or `unit`.
 * - `addItem` — insert `item` into the matrix `question`, after the item `after` (default: at the end).
 * - `removeItem` — remove a matrix item.
 * - `rewordItem` — new `text` for a matrix item.
 * - `relabelScale` — new option labels of a scale (`labels`: code → text); a new id for every answer on it.
 * - `addLocale` — a new language: one string per text key (see `templateTexts`).
 * - `setText` — any text that does not shape answers: title, introduction, section titles, score labels, notes….
 * - `substitute` — fill placeholders such as `{municipality}` in every text.
 */
export type Customisation =
  | (ChangeBase & { kind: 'addQuestion'; section: string; after?: string; question: Question })
  | (ChangeBase & { kind: 'removeQuestion'; id: string })
  | (RewordBase & {
      kind: 'rewordQuestion';
      id: string;
      label?: Text;
      help?: Text;
      options?: Record<string, Text>;
      unit?: Text;
    })
  | (ChangeBase & { kind: 'addItem'; question: string; after?: string; item: MatrixItem })
  | (ChangeBase & { kind: 'removeItem'; id: string })
  | (RewordBase & { kind: 'rewordItem'; id: string; text: Text })
  | (ChangeBase & { kind: 'relabelScale'; scale: string; labels: Record<string, Text>; editorial?: boolean })
  | (ChangeBase & { kind: 'addLocale'; locale: string; texts: Record<string, string> })
  | (ChangeBase & { kind: 'setText'; key: string; text: Text })
  | (ChangeBase & { kind: 'substitute'; values: Record<string, string | Text> });

/** Options of {@link customiseTemplate}. */
export interface CustomiseOptions {
  /** The new template's id (kebab case); it must differ from the base's. */
  id: string;
  /** The new template's version. Default `1.0.0`. */
  version?: string;
  /** Added to `provenance.authors`, e.g. the municipality. */
  authors?: string[];
  /** The changes, applied in order. */
  changes: readonly Customisation[];
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
}

/** The result of {@link customiseTemplate}: the new template and its parsed survey, or every issue. */
export type CustomiseResult =
  | { success: true; template: Template; survey: Survey; issues: [] }
  | { success: false; issues: Issue[] };

/** Most changes one customisation may carry; far above any real use, low enough to stay fast. */
const MAX_CHANGES = 10_000;

type Kind = Customisation['kind'];
// Keyed by kind so that the compiler catches a kind added to Customisation but not here, or the reverse.
const KINDS = Object.keys({
  addQuestion: true,
  removeQuestion: true,
  rewordQuestion: true,
  addItem: true,
  removeItem: true,
  rewordItem: true,
  relabelScale: true,
  addLocale: true,
  setText: true,
  substitute: true,
} satisfies Record<Kind, true>) as Kind[];
const KIND_SET: ReadonlySet<string> = new Set(KINDS);

const PLACEHOLDER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Makes a municipality's version of a template: adds, removes or rewords questions and items, fills
 * in the municipality's name, adds a locale or relabels a scale. The result has its own id and
 * version, records its base and every change in `derivedFrom`, and is checked again by
 * `parseTemplate`.
 *
 * The id rule keeps results comparable: questions and items left unchanged keep their ids; a
 * reworded question or item gets a new id (`newId`, or the old id with `_m1`) unless the change is
 * declared `editorial: true`. Relabelling a scale rewords every answer on it. Ids of the base are
 * never reused for something new, even after removal. Conditions, scores and groups that use a
 * renamed id follow it; benchmarks of reworded or removed items are dropped, because they were
 * matched to the old wording. See docs/customise.en.md.
 *
 * Never throws: bad changes come back as issues whose path starts with `changes` and the index.
 *
 * @example
 * ```ts
 * import { customiseTemplate, getTemplate } from 'kizuki/templates';
 * const result = customiseTemplate(getTemplate('bias-awareness-community')!, {
 *   id: 'toyooka-bias-2026',
 *   authors: ['豊岡市'],
 *   changes: [
 *     { kind: 'substitute', values: { municipality: { ja: '豊岡市', en: 'Toyooka City' } } },
 *     { kind: 'removeItem', id: 'c03', note: 'no portable shrine festivals here' },
 *     { kind: 'rewordItem', id: 'c08', text: { ja: '消防団の団員は、男性が務めるものだ。', en: 'Fire brigade members should be men.' } },
 *   ],
 * });
 * if (result.success) result.template.derivedFrom?.changes; // c08 is now c08_m1
 * else console.log(result.issues);
 * ```
 */
export function customiseTemplate(base: Template, options: CustomiseOptions): CustomiseResult {
  const locale: MessageLocale =
    isRecord(options) && Object.hasOwn(options, 'locale') && options.locale === 'en' ? 'en' : 'ja';
  try {
    return customise(base, options, locale);
  } catch (error) {
    // A last guard: getters or proxies in hand-built input must not crash the caller.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      success: false,
      issues: [createIssue(customiseMessages, 'internal_error', [], locale, { detail })],
    };
  }
}

type Code = keyof typeof customiseMessages;
/** Records an issue; returns false so that a failed step can `return report(…)`. */
type Report = (code: Code, path: PathSegment[], params?: Record<string, unknown>) => false;

function customise(base: Template, options: CustomiseOptions, locale: MessageLocale): CustomiseResult {
  const issues: Issue[] = [];
  const report: Report = (code, path, params) => {
    issues.push(createIssue(customiseMessages, code, path, locale, params));
    return false;
  };
  if (!isRecord(options)) {
    report('invalid_options', []);
    return { success: false, issues };
  }
  const parsedBase = parseTemplate(base, { locale });
  if (!parsedBase.success) {
    return {
      success: false,
      issues: parsedBase.issues.map((issue) => ({ ...issue, path: ['base', ...issue.path] })),
    };
  }
  const baseTemplate = parsedBase.survey.template;

  const id = own(options, 'id');
  if (typeof id !== 'string' || !TemplateIdSchema.safeParse(id).success)
    report('invalid_template_id', ['id'], { id: String(id) });
  else if (id === baseTemplate.id) report('same_template_id', ['id'], { id });
  const version = own(options, 'version') ?? '1.0.0';
  if (typeof version !== 'string' || !SemverSchema.safeParse(version).success) {
    report('invalid_version', ['version'], { version: String(version) });
  }
  const authors = own(options, 'authors') ?? [];
  if (!Array.isArray(authors) || !authors.every((a) => typeof a === 'string' && a.trim() !== '')) {
    report('invalid_change', ['authors'], { field: 'authors', ...EXPECTED.strings });
  }
  const changes = own(options, 'changes');
  if (!Array.isArray(changes)) {
    report('invalid_change', ['changes'], { field: 'changes', ...EXPECTED.array });
    return { success: false, issues };
  }
  if (changes.length > MAX_CHANGES) {
    report('too_many_changes', ['changes'], { count: changes.length, limit: MAX_CHANGES });
    return { success: false, issues };
  }

  const draft = new Draft(structuredClone(baseTemplate), report);
  changes.forEach((change: unknown, i) => draft.apply(change, ['changes', i]));
  draft.finish(baseTemplate);
  if (issues.length > 0) return { success: false, issues };

  const template: Template = {
    ...draft.template,
    id: id as string,
    version: version as string,
    provenance: {
      ...draft.template.provenance,
      authors: [...draft.template.provenance.authors, ...(authors as string[])],
    },
    derivedFrom: {
      id: baseTemplate.id,
      version: baseTemplate.version,
      hash: parsedBase.survey.hash,
      changes: draft.records,
    },
  };
  const parsed = parseTemplate(template, { locale });
  if (!parsed.success) return { success: false, issues: parsed.issues };
  return { success: true, template: parsed.survey.template, survey: parsed.survey, issues: [] };
}

const EXPECTED = {
  string: { expectedJa: '文字列', expectedEn: 'a string' },
  strings: { expectedJa: '空でない文字列の配列', expectedEn: 'an array of non-empty strings' },
  array: { expectedJa: '配列', expectedEn: 'an array' },
  object: { expectedJa: 'オブジェクト', expectedEn: 'an object' },
  boolean: { expectedJa: '真偽値', expectedEn: 'true or false' },
} as const;

/** The template being customised, with the bookkeeping the id rule needs. */
class Draft {
  readonly records: TemplateChange[] = [];
  /** Every section, question and item id of the base and of this customisation: never reused. */
  private readonly used = new Set<string>();
  /** Answer keys removed, with the change that removed them, to check nothing still uses them. */
  private readonly removed = new Map<string, PathSegment[]>();
  /** Answer keys that no longer mean what the base meant (removed or renamed): their benchmarks go. */
  private readonly retired = new Set<string>();
  /** Sections that had questions before; emptied by removals, they are dropped. */
  private readonly nonEmpty: Set<string>;

  constructor(
    readonly template: Template,
    private readonly report: Report,
  ) {
    for (const section of template.sections) {
      this.used.add(section.id);
      for (const q of section.questions) {
        this.used.add(q.id);
        if (q.type === 'matrix') for (const item of q.items) this.used.add(item.id);
      }
    }
    this.nonEmpty = new Set(template.sections.filter((s) => s.questions.length > 0).map((s) => s.id));
  }

  /** Applies one change; false when it was refused (the issues say why). */
  apply(change: unknown, path: PathSegment[]): boolean {
    if (!isRecord(change)) {
      this.report('invalid_change', path, { field: 'kind', ...EXPECTED.object });
      return false;
    }
    const kind = own(change, 'kind');
    if (typeof kind !== 'string' || !KIND_SET.has(kind)) {
      this.report('unknown_kind', [...path, 'kind'], { kind: String(kind), allowed: KINDS });
      return false;
    }
    const note = own(change, 'note');
    if (note !== undefined && typeof note !== 'string') {
      this.report('invalid_change', [...path, 'note'], { field: 'note', ...EXPECTED.string });
      return false;
    }
    const reader = new Reader(change, path, this.report);
    const record: Recorder = (entry) => {
      this.records.push({ kind: kind as Kind, ...entry, ...(note === undefined ? {} : { note }) });
      return true;
    };
    switch (kind as Kind) {
      case 'addQuestion':
        return this.addQuestion(reader, record);
      case 'removeQuestion':
        return this.removeQuestion(reader, record);
      case 'rewordQuestion':
        return this.rewordQuestion(reader, record, note);
      case 'addItem':
        return this.addItem(reader, record);
      case 'removeItem':
        return this.removeItem(reader, record, note);
      case 'rewordItem':
        return this.rewordItem(reader, record);
      case 'relabelScale':
        return this.relabelScale(reader, record, note);
      case 'addLocale':
        return this.addLocale(reader, record);
      case 'setText':
        return this.setText(reader, record);
      case 'substitute':
        return this.substitute(reader, record);
    }
  }

  private addQuestion(reader: Reader, record: Recorder): boolean {
    const sectionId = reader.string('section');
    const after = reader.optionalString('after');
    const question = reader.object('question');
    if (sectionId === undefined || after === null || question === undefined) return false;
    const section = this.template.sections.find((s) => s.id === sectionId);
    if (!section) return this.report('unknown_section', reader.at('section'), { id: sectionId });
    const position = this.position(section, after, reader.at('after'));
    if (position === undefined) return false;
    const newId = own(question, 'id');
    if (typeof newId !== 'string') {
      return this.report('invalid_change', reader.at('question', 'id'), {
        field: 'question.id',
        ...EXPECTED.string,
      });
    }
    if (!this.claim(newId, reader.at('question', 'id'))) return false;
    const items = own(question, 'items');
    if (own(question, 'type') === 'matrix' && Array.isArray(items)) {
      items.forEach((item: unknown, i) => {
        const itemId = isRecord(item) ? own(item, 'id') : undefined;
        if (typeof itemId === 'string') this.claim(itemId, reader.at('question', 'items', i, 'id'));
      });
    }
    // The shape of the question itself is checked by parseTemplate at the end.
    section.questions.splice(position, 0, structuredClone(question) as Question);
    this.nonEmpty.add(section.id);
    return record({ target: newId });
  }

  private removeQuestion(reader: Reader, record: Recorder): boolean {
    const id = reader.string('id');
    if (id === undefined) return false;
    const entry = indexTemplate(this.template).questions.get(id);
    if (!entry) return this.report('unknown_question', reader.at('id'), { id });
    this.dropQuestion(entry.section, entry.question, reader.at('id'));
    return record({ target: id });
  }

  private rewordQuestion(reader: Reader, record: Recorder, note: string | undefined): boolean {
    const id = reader.string('id');
    const editorial = reader.boolean('editorial');
    const newId = reader.optionalString('newId');
    if (id === undefined || editorial === null || newId === null) return false;
    const entry = indexTemplate(this.template).questions.get(id);
    if (!entry) return this.report('unknown_question', reader.at('id'), { id });
    const q = entry.question;
    if (editorial && newId !== undefined) return this.report('editorial_with_new_id', reader.at('newId'));
    const locales = this.template.locales;
    const label = reader.text('label', locales);
    const help = reader.text('help', locales);
    const unit = reader.text('unit', locales);
    const options = reader.record('options');
    if (label === null || help === null || unit === null || options === null) return false;
    if (label === undefined && help === undefined && unit === undefined && options === undefined) {
      return this.report('nothing_to_change', reader.path);
    }
    if (unit !== undefined && q.type !== 'number') return this.report('no_unit', reader.at('unit'), { id });
    const relabels: Array<{ option: { label: Text }; text: Text }> = [];
    if (options !== undefined) {
      if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'ranking') {
        return this.report('no_options', reader.at('options'), { id });
      }
      for (const key of Object.keys(options)) {
        const option = q.options.find((o) => String(o.code) === key);
        if (!option) {
          this.report('unknown_code', reader.at('options', key), { code: key, owner: id });
          continue;
        }
        const text = reader.textValue(options[key], ['options', key], locales);
        if (text) relabels.push({ option, text });
      }
      if (relabels.length !== Object.keys(options).length) return false;
    }
    if (label) q.label = label;
    if (help) q.help = help;
    if (unit && q.type === 'number') q.unit = unit;
    for (const { option, text } of relabels) option.label = text;

    // A note holds no answer: rewording it cannot break comparability.
    if (q.type === 'note' || editorial) return record({ target: id, editorial: true });
    const replacement = newId ?? nextId(id, this.used);
    if (!this.claim(replacement, reader.at(newId === undefined ? 'id' : 'newId'))) return false;
    q.id = replacement;
    if (q.type === 'matrix') {
      // The stem frames every row: each item's answers now mean something new too.
      record({ target: id, replacedBy: replacement });
      for (const item of q.items) this.renameItem(item, nextId(item.id, this.used), reader.at('id'), note);
      return true;
    }
    this.renameAnswerKey(id, replacement);
    return record({ target: id, replacedBy: replacement });
  }

  private addItem(reader: Reader, record: Recorder): boolean {
    const questionId = reader.string('question');
    const after = reader.optionalString('after');
    const item = reader.object('item');
    if (questionId === undefined || after === null || item === undefined) return false;
    const q = indexTemplate(this.template).questions.get(questionId)?.question;
    if (!q) return this.report('unknown_question', reader.at('question'), { id: questionId });
    if (q.type !== 'matrix') return this.report('not_matrix', reader.at('question'), { id: questionId });
    let position = q.items.length;
    if (after !== undefined) {
      const index = q.items.findIndex((it) => it.id === after);
      if (index < 0) return this.report('unknown_item', reader.at('after'), { id: after });
      position = index + 1;
    }
    const newId = own(item, 'id');
    if (typeof newId !== 'string') {
      return this.report('invalid_change', reader.at('item', 'id'), { field: 'item.id', ...EXPECTED.string });
    }
    if (!this.claim(newId, reader.at('item', 'id'))) return false;
    q.items.splice(position, 0, structuredClone(item) as MatrixItem);
    return record({ target: newId });
  }

  private removeItem(reader: Reader, record: Recorder, note: string | undefined): boolean {
    const id = reader.string('id');
    if (id === undefined) return false;
    const entry = indexTemplate(this.template).items.get(id);
    if (!entry) return this.report('unknown_item', reader.at('id'), { id });
    entry.question.items.splice(entry.itemIndex, 1);
    this.retire(id, reader.at('id'));
    record({ target: id });
    if (entry.question.items.length === 0) {
      // A matrix needs at least one row: with its last row gone, the question goes too.
      this.dropQuestion(entry.section, entry.question, reader.at('id'));
      this.records.push({
        kind: 'removeQuestion',
        target: entry.question.id,
        ...(note === undefined ? {} : { note }),
      });
    }
    return true;
  }

  private rewordItem(reader: Reader, record: Recorder): boolean {
    const id = reader.string('id');
    const editorial = reader.boolean('editorial');
    const newId = reader.optionalString('newId');
    if (id === undefined || editorial === null || newId === null) return false;
    const entry = indexTemplate(this.template).items.get(id);
    if (!entry) return this.report('unknown_item', reader.at('id'), { id });
    if (editorial && newId !== undefined) return this.report('editorial_with_new_id', reader.at('newId'));
    const text = reader.text('text', this.template.locales);
    if (text === null) return false;
    if (text === undefined) return this.report('nothing_to_change', reader.path);
    entry.item.text = text;
    if (editorial) return record({ target: id, editorial: true });
    const replacement = newId ?? nextId(id, this.used);
    if (!this.claim(replacement, reader.at(newId === undefined ? 'id' : 'newId'))) return false;
    entry.item.id = replacement;
    this.renameAnswerKey(id, replacement);
    return record({ target: id, replacedBy: replacement });
  }

  private relabelScale(reader: Reader, record: Recorder, note: string | undefined): boolean {
    const scaleId = reader.string('scale');
    const editorial = reader.boolean('editorial');
    const labels = reader.record('labels');
    if (scaleId === undefined || editorial === null || labels === null) return false;
    const scale =
      this.template.scales && Object.hasOwn(this.template.scales, scaleId)
        ? this.template.scales[scaleId]
        : undefined;
    if (!scale) return this.report('unknown_scale', reader.at('scale'), { id: scaleId });
    if (labels === undefined || Object.keys(labels).length === 0)
      return this.report('nothing_to_change', reader.path);
    const relabels: Array<{ option: { label: Text }; text: Text }> = [];
    for (const key of Object.keys(labels)) {
      const option = scale.options.find((o) => String(o.code) === key);
      if (!option) {
        this.report('unknown_code', reader.at('labels', key), { code: key, owner: scaleId });
        continue;
      }
      const text = reader.textValue(labels[key], ['labels', key], this.template.locales);
      if (text) relabels.push({ option, text });
    }
    if (relabels.length !== Object.keys(labels).length) return false;
    for (const { option, text } of relabels) option.label = text;
    if (editorial) return record({ target: scaleId, editorial: true });
    record({ target: scaleId });
    // Every answer on the scale now means something new.
    for (const section of this.template.sections) {
      for (const q of section.questions) {
        if (q.type === 'matrix' && q.scale === scaleId) {
          for (const item of q.items)
            this.renameItem(item, nextId(item.id, this.used), reader.at('scale'), note);
        } else if (q.type === 'likert' && q.scale === scaleId) {
          const old = q.id;
          const replacement = nextId(old, this.used);
          if (!this.claim(replacement, reader.at('scale'))) continue;
          q.id = replacement;
          this.renameAnswerKey(old, replacement);
          this.records.push({
            kind: 'rewordQuestion',
            target: old,
            replacedBy: replacement,
            ...(note === undefined ? {} : { note }),
          });
        }
      }
    }
    return true;
  }

  private addLocale(reader: Reader, record: Recorder): boolean {
    const locale = reader.string('locale');
    const texts = reader.record('texts');
    if (locale === undefined || texts === null) return false;
    if (!LocaleSchema.safeParse(locale).success)
      return this.report('invalid_locale', reader.at('locale'), { locale });
    if (this.template.locales.includes(locale))
      return this.report('locale_exists', reader.at('locale'), { locale });
    const slots = textSlots(this.template, { present: true });
    let ok = true;
    for (const key of Object.keys(texts ?? {})) {
      const value = texts?.[key];
      if (!slots.has(key)) {
        this.report('unknown_text_key', reader.at('texts', key), { key });
        ok = false;
      } else if (typeof value !== 'string' || value.trim() === '') {
        this.report('invalid_text', reader.at('texts', key));
        ok = false;
      }
    }
    const missing = [...slots.keys()].filter((key) => !texts || !Object.hasOwn(texts, key));
    if (missing.length > 0) {
      this.report('missing_texts', reader.at('texts'), { locale, count: missing.length, missing });
      ok = false;
    }
    if (!ok) return false;
    for (const [key, slot] of slots) slot.set({ ...slot.get()!, [locale]: texts![key] as string });
    this.template.locales.push(locale);
    return record({ target: locale });
  }

  private setText(reader: Reader, record: Recorder): boolean {
    const key = reader.string('key');
    if (key === undefined) return false;
    const slot = textSlots(this.template).get(key);
    if (!slot) return this.report('unknown_text_key', reader.at('key'), { key });
    if (slot.reword) return this.report('use_reword', reader.at('key'), { key, kind: slot.reword });
    const text = reader.text('text', this.template.locales);
    if (text === null) return false;
    if (text === undefined) return this.report('nothing_to_change', reader.path);
    slot.set(text);
    return record({ target: key });
  }

  private substitute(reader: Reader, record: Recorder): boolean {
    const values = reader.record('values');
    if (values === null) return false;
    if (values === undefined || Object.keys(values).length === 0)
      return this.report('nothing_to_change', reader.path);
    const slots = [...textSlots(this.template, { present: true }).values()];
    const answers = indexTemplate(this.template);
    let applied = true;
    for (const name of Object.keys(values)) {
      const path = reader.at('values', name);
      if (!PLACEHOLDER_NAME.test(name)) {
        applied = this.report('invalid_placeholder', path, { name });
        continue;
      }
      if (answers.questions.has(name) || answers.items.has(name)) {
        // `{question_id}` pipes an answer into a label: it is not a placeholder to fill.
        applied = this.report('placeholder_is_answer', path, { name });
        continue;
      }
      const value = values[name];
      if (typeof value === 'string' && value.trim() === '') {
        applied = this.report('invalid_text', path);
        continue;
      }
      const byLocale =
        typeof value === 'string'
          ? undefined
          : reader.partialText(value, ['values', name], this.template.locales);
      if (byLocale === null) {
        applied = false;
        continue;
      }
      const token = `{${name}}`;
      let found = false;
      const lacking = new Set<string>();
      for (const slot of slots) {
        const text = slot.get()!;
        const next: Record<string, string> = { ...text };
        for (const [loc, original] of Object.entries(text)) {
          if (!original.includes(token)) continue;
          found = true;
          const replacement = typeof value === 'string' ? value : byLocale?.get(loc);
          if (replacement === undefined) lacking.add(loc);
          else next[loc] = original.split(token).join(replacement);
        }
        slot.set(next as Text);
      }
      if (!found) applied = this.report('placeholder_not_found', path, { name });
      else if (lacking.size > 0) applied = this.report('incomplete_text', path, { missing: [...lacking] });
      else record({ target: name });
    }
    return applied;
  }

  /** Applies what removals leave behind, and reports anything that still uses a removed answer. */
  finish(base: Template): void {
    const t = this.template;
    const baseScores = new Map((base.scores ?? []).map((s) => [s.id, s.items.join('\u0000')]));
    const droppedScores = new Set<string>();
    const changedScores = new Set<string>();
    if (t.scores) {
      t.scores = t.scores.flatMap((score) => {
        const items = score.items.filter((item) => !this.removed.has(item));
        if (items.length === 0) {
          droppedScores.add(score.id);
          return [];
        }
        if (baseScores.get(score.id) !== items.join('\u0000')) changedScores.add(score.id);
        const kept = { ...score, items };
        if (kept.minAnswered !== undefined && kept.minAnswered > items.length)
          kept.minAnswered = items.length;
        return [kept];
      });
    }
    if (t.benchmarks) {
      // A benchmark was matched to the base's wording: it does not carry over to new or changed measures.
      t.benchmarks = t.benchmarks.filter(
        (b) =>
          (b.item === undefined || !this.retired.has(b.item)) &&
          (b.score === undefined || (!droppedScores.has(b.score) && !changedScores.has(b.score))),
      );
    }
    if (t.passRules) t.passRules = t.passRules.filter((rule) => !droppedScores.has(rule.score));
    t.sections = t.sections.filter((s) => s.questions.length > 0 || !this.nonEmpty.has(s.id));

    const users = this.users();
    for (const [id, path] of this.removed) {
      const where = users.get(id);
      if (where) this.report('still_referenced', path, { id, where });
    }
  }

  /** Where each answer key is read: conditions and group definitions of benchmarks and pass rules. */
  private users(): Map<string, string[]> {
    const users = new Map<string, string[]>();
    const use = (id: string, path: PathSegment[]) => {
      const list = users.get(id) ?? [];
      list.push(formatPath(path));
      users.set(id, list);
    };
    const readConditions = (
      owner: { visibleIf?: string | undefined; requiredIf?: string | undefined },
      path: PathSegment[],
    ) => {
      for (const field of ['visibleIf', 'requiredIf'] as const) {
        const source = owner[field];
        if (source === undefined) continue;
        const parsed = parseExpression(source);
        if (parsed.success) for (const dep of expressionDependencies(parsed.expr)) use(dep, [...path, field]);
      }
    };
    this.template.sections.forEach((section, si) => {
      readConditions(section, ['sections', si]);
      section.questions.forEach((q, qi) => readConditions(q, ['sections', si, 'questions', qi]));
    });
    this.template.benchmarks?.forEach((b, i) => {
      for (const id of Object.keys(b.group ?? {})) use(id, ['benchmarks', i, 'group', id]);
    });
    this.template.passRules?.forEach((rule, i) =>
      rule.groups.forEach((g, gi) => {
        for (const id of Object.keys(g.where)) use(id, ['passRules', i, 'groups', gi, 'where', id]);
      }),
    );
    return users;
  }

  /** The insertion index after question `after` in `section` (the end when absent). */
  private position(section: Section, after: string | undefined, path: PathSegment[]): number | undefined {
    if (after === undefined) return section.questions.length;
    const index = section.questions.findIndex((q) => q.id === after);
    if (index < 0) {
      this.report('not_in_section', path, { id: after, section: section.id });
      return undefined;
    }
    return index + 1;
  }

  private dropQuestion(section: Section, q: Question, path: PathSegment[]): void {
    section.questions.splice(section.questions.indexOf(q), 1);
    if (q.type === 'matrix') for (const item of q.items) this.retire(item.id, path);
    else if (q.type !== 'note') this.retire(q.id, path);
  }

  private retire(id: string, path: PathSegment[]): void {
    this.removed.set(id, path);
    this.retired.add(id);
  }

  private renameItem(
    item: MatrixItem,
    replacement: string,
    path: PathSegment[],
    note: string | undefined,
  ): void {
    if (!this.claim(replacement, path)) return;
    const old = item.id;
    item.id = replacement;
    this.renameAnswerKey(old, replacement);
    this.records.push({
      kind: 'rewordItem',
      target: old,
      replacedBy: replacement,
      ...(note === undefined ? {} : { note }),
    });
  }

  /** Points everything that reads answer key `from` at `to`. */
  private renameAnswerKey(from: string, to: string): void {
    const t = this.template;
    this.retired.add(from);
    const renameConditions = (owner: { visibleIf?: string | undefined; requiredIf?: string | undefined }) => {
      if (owner.visibleIf !== undefined) owner.visibleIf = renameIdentifier(owner.visibleIf, from, to);
      if (owner.requiredIf !== undefined) owner.requiredIf = renameIdentifier(owner.requiredIf, from, to);
    };
    for (const section of t.sections) {
      renameConditions(section);
      for (const q of section.questions) renameConditions(q);
    }
    for (const score of t.scores ?? []) score.items = score.items.map((item) => (item === from ? to : item));
    const renameKeys = (where: Record<string, number>) =>
      Object.fromEntries(Object.entries(where).map(([key, code]) => [key === from ? to : key, code]));
    for (const b of t.benchmarks ?? []) if (b.group) b.group = renameKeys(b.group);
    for (const rule of t.passRules ?? []) for (const g of rule.groups) g.where = renameKeys(g.where);
  }

  /** Takes a new id: it must be a valid id that neither the base nor this customisation has used. */
  private claim(id: string, path: PathSegment[]): boolean {
    if (!IdSchema.safeParse(id).success) {
      this.report('invalid_id', path, { id });
      return false;
    }
    if (this.used.has(id)) {
      this.report('duplicate_id', path, { id });
      return false;
    }
    this.used.add(id);
    return true;
  }
}

/** Records an applied change; returns true. */
type Recorder = (entry: Omit<TemplateChange, 'kind'>) => true;

/**
 * Reads the fields of one untrusted change. Each reader returns the value, `undefined` when the
 * field is absent, or `null` after reporting a field of the wrong type.
 */
class Reader {
  constructor(
    private readonly change: Record<string, unknown>,
    readonly path: PathSegment[],
    private readonly report: Report,
  ) {}

  at(...segments: PathSegment[]): PathSegment[] {
    return [...this.path, ...segments];
  }

  /** A required string. */
  string(field: string): string | undefined {
    const value = own(this.change, field);
    if (typeof value === 'string') return value;
    this.report('invalid_change', this.at(field), { field, ...EXPECTED.string });
    return undefined;
  }

  optionalString(field: string): string | undefined | null {
    const value = own(this.change, field);
    if (value === undefined || typeof value === 'string') return value;
    this.report('invalid_change', this.at(field), { field, ...EXPECTED.string });
    return null;
  }

  /** An optional flag, false when absent. */
  boolean(field: string): boolean | null {
    const value = own(this.change, field);
    if (value === undefined) return false;
    if (typeof value === 'boolean') return value;
    this.report('invalid_change', this.at(field), { field, ...EXPECTED.boolean });
    return null;
  }

  /** A required object. */
  object(field: string): Record<string, unknown> | undefined {
    const value = own(this.change, field);
    if (isRecord(value)) return value;
    this.report('invalid_change', this.at(field), { field, ...EXPECTED.object });
    return undefined;
  }

  /** An optional map object. */
  record(field: string): Record<string, unknown> | undefined | null {
    const value = own(this.change, field);
    if (value === undefined || isRecord(value)) return value;
    this.report('invalid_change', this.at(field), { field, ...EXPECTED.object });
    return null;
  }

  /** An optional complete text: every template locale, nothing else. */
  text(field: string, locales: readonly string[]): Text | undefined | null {
    const value = own(this.change, field);
    if (value === undefined) return undefined;
    return this.textValue(value, [field], locales) ?? null;
  }

  textValue(value: unknown, at: PathSegment[], locales: readonly string[]): Text | undefined {
    const texts = this.partialText(value, at, locales);
    if (!texts) return undefined;
    const missing = locales.filter((loc) => !texts.has(loc));
    if (missing.length > 0) {
      this.report('incomplete_text', this.at(...at), { missing });
      return undefined;
    }
    // Keys are declared locales (language tags), so building the object cannot touch a prototype.
    return Object.fromEntries(locales.map((loc) => [loc, texts.get(loc)!])) as Text;
  }

  /** A text in some of the template's locales, as a map; null after reporting a problem. */
  partialText(value: unknown, at: PathSegment[], locales: readonly string[]): Map<string, string> | null {
    if (!isRecord(value)) {
      this.report('invalid_text', this.at(...at));
      return null;
    }
    const texts = new Map<string, string>();
    let ok = true;
    for (const key of Object.keys(value)) {
      const text = value[key];
      if (!locales.includes(key)) {
        this.report('undeclared_locale', this.at(...at, key), { locale: key });
        ok = false;
      } else if (typeof text !== 'string' || text.trim() === '') {
        this.report('invalid_text', this.at(...at, key));
        ok = false;
      } else {
        texts.set(key, text);
      }
    }
    return ok ? texts : null;
  }
}

/** The next free modified id: `h01` → `h01_m1`, `h01_m1` → `h01_m2`. */
function nextId(id: string, used: ReadonlySet<string>): string {
  const match = /^(.*)_m(\d+)$/.exec(id);
  const stem = match ? match[1]! : id;
  let n = match ? Number(match[2]) + 1 : 1;
  while (used.has(`${stem}_m${n}`)) n += 1;
  return `${stem}_m${n}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
