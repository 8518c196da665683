import type { PathSegment } from '../../core/issue.js';
import type { LocalisedText, Template } from '../../schema/index.js';
import { type Fields, field, jsonValues, record } from './surveyJSJson.js';

type Report = (
  code: 'markup_removed' | 'missing_japanese' | 'missing_translation',
  path: PathSegment[],
  params: Record<string, unknown>,
) => void;

const LOCALE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
// Kana and the CJK ideographs: text written in Japanese. (Chinese shares the ideographs; a survey in
// Chinese says so with `locale`.)
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;
const LATIN = /[A-Za-z\u00c0-\u024f]/;
// The properties whose plain strings are texts a respondent reads (not names, values or expressions).
const TEXT_KEYS = new Set([
  'title',
  'description',
  'text',
  'html',
  'otherText',
  'noneText',
  'refuseText',
  'dontKnowText',
  'labelTrue',
  'labelFalse',
  'minRateDescription',
  'maxRateDescription',
]);

// Lists whose plain-string items are texts (`"value|text"` or a value shown as it is).
const LISTS = new Set(['choices', 'rows', 'columns', 'rateValues']);

/** The language of SurveyJS's plain strings and `default` entries, and where that was learnt. */
export interface DefaultLocale {
  locale: string;
  source: 'option' | 'locale' | 'script' | 'default';
}

/**
 * The language of a survey's plain strings. An option says it outright. Otherwise the survey's
 * `locale` says it — unless the texts are in another script (a survey marked `ja` whose texts are
 * all in Latin letters is English, and Japanese text is never labelled as a Latin-script language),
 * or texts give that locale explicitly, in which case `default` is another language. Without either,
 * the script decides: kana or kanji → `ja`, else SurveyJS's default, `en`.
 */
export function defaultLocaleOf(root: Fields, option: string | undefined): DefaultLocale {
  if (option !== undefined) return { locale: option, source: 'option' };
  const declared = field(root, 'locale');
  let japanese = 0;
  let latin = 0;
  let explicit = false;
  for (const { key, value, parent } of jsonValues(root)) {
    if (typeof declared === 'string' && parent && key === declared && typeof value === 'string')
      explicit = true;
    if (typeof value !== 'string') continue;
    // A `default` that copies the Japanese is a fallback written by toSurveyJS, not a language.
    const read =
      key === 'default'
        ? parent !== undefined && field(parent, 'ja') !== value
        : TEXT_KEYS.has(key) || LISTS.has(key);
    if (!read) continue;
    if (JAPANESE.test(value)) japanese++;
    else if (LATIN.test(value)) latin++;
  }
  const script = japanese > 0 && japanese >= latin ? 'ja' : latin > 0 ? 'latin' : undefined;
  if (typeof declared === 'string' && LOCALE_TAG.test(declared) && !explicit) {
    if (declared === 'ja' && script === 'latin') return { locale: 'en', source: 'script' };
    if (declared !== 'ja' && script === 'ja') return { locale: 'ja', source: 'script' };
    return { locale: declared, source: 'locale' };
  }
  if (script === 'ja') return { locale: 'ja', source: 'script' };
  return { locale: 'en', source: 'default' };
}

/** Reads SurveyJS localizable strings as kizuki texts, and keeps track of the locales met. */
export class SurveyJSTexts {
  readonly locales: string[] = ['ja'];
  private readonly missingJa: PathSegment[][] = [];

  constructor(
    private readonly defaultLocale: string,
    private readonly report: Report,
  ) {}

  /**
   * A SurveyJS localizable string as a kizuki text. `default` (and a plain string) is in
   * `defaultLocale`. A `default` equal to the Japanese is a fallback copy, not a translation.
   */
  text(
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
      if (LOCALE_TAG.test(key) && key.length <= 35) out[key] = text;
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

  optionalText(value: unknown, path: PathSegment[]): LocalisedText | undefined {
    if (typeof value === 'string' ? value === '' : record(value) === undefined) return undefined;
    return this.text(value, path, '');
  }

  /** A note from SurveyJS html: tags removed; one or two plain paragraphs are a label and its help. */
  html(value: unknown, path: PathSegment[]): { label: LocalisedText; help?: LocalisedText } | undefined {
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

  /** Says once how many texts had no Japanese. */
  reportMissingJapanese(): void {
    if (this.missingJa.length > 0)
      this.report('missing_japanese', [], {
        count: this.missingJa.length,
        first: this.missingJa[0]!.join('.'),
      });
  }

  /** A template has every text in every locale it declares: a missing one gets the Japanese. */
  completeLocales(template: Template): void {
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
