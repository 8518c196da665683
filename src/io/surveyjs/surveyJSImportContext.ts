import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import type { Scale, ScaleOption } from '../../schema/index.js';
import { type InteropIssueCode, interopMessages } from '../interopMessages.js';
import type { ImportedName } from './readSurveyJSCondition.js';
import { SurveyJSTexts } from './surveyJSTexts.js';

const RESERVED = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'constructor', 'prototype']);

/** What the parts of a SurveyJS import share: the loss report, the ids taken, names and scales. */
export class ImportContext {
  readonly issues: Issue[] = [];
  readonly texts: SurveyJSTexts;
  /** SurveyJS names (and `matrix.row`) → what they became. */
  readonly names = new Map<string, ImportedName>();
  /** Scales by the JSON of their options, so that questions with the same options share one. */
  readonly scales = new Map<string, { id: string; scale: Scale }>();
  private readonly ids = new Set<string>();

  constructor(
    readonly locale: MessageLocale,
    readonly defaultLocale: string,
  ) {
    this.texts = new SurveyJSTexts(defaultLocale, (code, path, params) => this.report(code, path, params));
  }

  report(code: InteropIssueCode, path: PathSegment[], params: Record<string, unknown>): void {
    this.issues.push(createIssue(interopMessages, code, path, this.locale, params));
  }

  unsupportedProperty(path: PathSegment[]): void {
    this.report('unsupported_property', path, { property: String(path.at(-1)) });
  }

  /** `invalid_input` with what was expected, in the message locale. */
  invalid(path: PathSegment[], ja: string, en: string): void {
    this.report('invalid_input', path, { expected: this.locale === 'ja' ? ja : en });
  }

  /** A valid id from a SurveyJS name, unique in the template; a change is reported at `path`. */
  uniqueId(name: unknown, path: PathSegment[], prefix: string): string {
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

  /** The id of a scale with these options, shared by every question that uses the same options. */
  scaleId(options: ScaleOption[], questionId: string): string {
    const key = JSON.stringify(options);
    const found = this.scales.get(key);
    if (found) return found.id;
    const id = this.uniqueId(`${questionId}_scale`, [], 'scale');
    this.scales.set(key, { id, scale: { options } });
    return id;
  }
}
