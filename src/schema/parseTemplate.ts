import type { z } from 'zod';
import { canonicalJson } from '../core/canonicalJson.js';
import type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import { sha256Hex } from '../core/sha256.js';
import { checkTemplate } from './checkTemplate.js';
import { templateMessages } from './messages.js';
import { defaultTemplateLimits, scanInput, type TemplateLimits } from './scanInput.js';
import type { Survey } from './survey.js';
import { type Template, TemplateSchema } from './templateSchema.js';

/** Options of {@link parseTemplate}. */
export interface ParseTemplateOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Size limits; each defaults to {@link defaultTemplateLimits}. */
  limits?: Partial<TemplateLimits>;
}

/** The result of {@link parseTemplate}: a survey, or every issue found. */
export type ParseTemplateResult = { success: true; survey: Survey } | { success: false; issues: Issue[] };

/** Thrown by {@link loadTemplate} and {@link assertTemplate}; carries every issue. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    const shown = issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    super(issues.length > 5 ? `${shown}; … ${issues.length - 5} more` : shown);
    this.issues = issues;
  }
}

/**
 * Checks a template — a value or JSON text — and compiles its expressions. Never throws: every
 * problem of shape, size, reference, translation and logic comes back as an issue with its path.
 *
 * @example
 * ```ts
 * import { parseTemplate } from 'kizuki/schema';
 * const result = parseTemplate(json, { locale: 'en' });
 * if (result.success) console.log(result.survey.hash);
 * else for (const issue of result.issues) console.log(issue.path.join('.'), issue.message);
 * ```
 */
export function parseTemplate(input: unknown, options: ParseTemplateOptions = {}): ParseTemplateResult {
  const locale = options.locale ?? 'ja';
  const limits: TemplateLimits = { ...defaultTemplateLimits, ...options.limits };
  try {
    let value = input;
    if (typeof input === 'string') {
      const parsed = parseJson(input, limits, locale);
      if (!parsed.success) return parsed;
      value = parsed.value;
    }
    const scanned = scanInput(value, limits, locale);
    if (scanned.length > 0) return { success: false, issues: scanned };
    const shaped = TemplateSchema.safeParse(value, { reportInput: true });
    if (!shaped.success) return { success: false, issues: fromZodIssues(shaped.error.issues, locale, value) };
    const template = shaped.data;
    const { issues, conditions } = checkTemplate(template, limits, locale);
    if (issues.length > 0) return { success: false, issues };
    return { success: true, survey: { template, hash: hashTemplate(template), conditions } };
  } catch (error) {
    // A last line of defence: a getter or proxy in a hand-built object must not crash the caller.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      success: false,
      issues: [createIssue(templateMessages, 'internal_error', [], locale, { detail })],
    };
  }
}

/**
 * Like {@link parseTemplate} but returns the survey directly and throws a {@link TemplateError}.
 *
 * @example
 * ```ts
 * const survey = loadTemplate(JSON.parse(text));
 * ```
 */
export function loadTemplate(input: unknown, options: ParseTemplateOptions = {}): Survey {
  const result = parseTemplate(input, options);
  if (!result.success) throw new TemplateError(result.issues);
  return result.survey;
}

/**
 * Asserts that a value is a valid template, narrowing its type; throws a {@link TemplateError}.
 *
 * @example
 * ```ts
 * assertTemplate(value);
 * value.sections.length; // typed as Template
 * ```
 */
export function assertTemplate(
  input: unknown,
  options: ParseTemplateOptions = {},
): asserts input is Template {
  loadTemplate(input, options);
}

/**
 * The content hash a survey carries: `sha256-` and the hex digest of the canonical JSON of the
 * template without `$schema`. Key order and whitespace do not change it.
 *
 * @example
 * ```ts
 * hashTemplate(survey.template) === survey.hash; // true
 * ```
 */
export function hashTemplate(template: Template): string {
  const { $schema: _ignored, ...content } = template;
  return `sha256-${sha256Hex(canonicalJson(content))}`;
}

function parseJson(
  text: string,
  limits: TemplateLimits,
  locale: MessageLocale,
): { success: true; value: unknown } | { success: false; issues: Issue[] } {
  // Bounded before parsing so that one enormous document is refused, not parsed.
  const maxChars = limits.maxStringLength * 20;
  if (text.length > maxChars) {
    return {
      success: false,
      issues: [
        createIssue(templateMessages, 'string_too_long', [], locale, {
          length: text.length,
          limit: maxChars,
        }),
      ],
    };
  }
  try {
    return { success: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(detail);
    const position = match ? Number(match[1]) + 1 : 0;
    return {
      success: false,
      issues: [createIssue(templateMessages, 'invalid_json', [], locale, { position, detail })],
    };
  }
}

const KNOWN_PATTERNS: Record<string, { ja: string; en: string }> = {
  '/^[A-Za-z][A-Za-z0-9_]*$/': {
    ja: 'IDは英字で始まり、英数字と _ だけを使います',
    en: 'an id starts with a letter and uses only letters, digits and _',
  },
  '/^[a-z0-9]+(?:-[a-z0-9]+)*$/': {
    ja: 'テンプレートIDは小文字英数字とハイフンで書きます（例: bias-awareness-community）',
    en: 'a template id uses lowercase letters, digits and hyphens (e.g. bias-awareness-community)',
  },
  '/^(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?$/': {
    ja: 'バージョンは 1.0.0 のような形式です',
    en: 'a version looks like 1.0.0',
  },
  '/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/': {
    ja: '言語は ja や en のような言語タグです',
    en: 'a locale is a language tag such as ja or en',
  },
};

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

type ZodIssue = z.core.$ZodIssue;

function fromZodIssues(zodIssues: readonly ZodIssue[], locale: MessageLocale, root?: unknown): Issue[] {
  const out: Issue[] = [];
  const push = (code: keyof typeof templateMessages, path: PathSegment[], params: Record<string, unknown>) =>
    out.push(createIssue(templateMessages, code, path, locale, params));
  for (const zi of zodIssues) {
    const path = zi.path.filter((k): k is PathSegment => typeof k !== 'symbol');
    switch (zi.code) {
      case 'invalid_type': {
        const received = 'input' in zi ? describeType(zi.input) : describeType(valueAt(root, path));
        const receivedText = (zi as { received?: string }).received ?? received;
        push('invalid_type', path, { expected: zi.expected, received: receivedText });
        break;
      }
      case 'too_small':
        push('too_small', path, { origin: zi.origin, limit: Number(zi.minimum) });
        break;
      case 'too_big':
        push('too_big', path, { origin: zi.origin, limit: Number(zi.maximum) });
        break;
      case 'invalid_format': {
        const known = zi.format === 'regex' && zi.pattern ? KNOWN_PATTERNS[zi.pattern] : undefined;
        const fallback =
          zi.format === 'date'
            ? { ja: '日付は YYYY-MM-DD で書きます', en: 'a date is written YYYY-MM-DD' }
            : { ja: `${zi.format}`, en: `${zi.format}` };
        const text = known ?? fallback;
        push('invalid_format', path, { format: zi.format, expectedJa: text.ja, expectedEn: text.en });
        break;
      }
      case 'unrecognized_keys':
        for (const key of zi.keys) push('unknown_field', [...path, key], { key });
        break;
      case 'invalid_union': {
        const union = zi as { discriminator?: string; options?: unknown[]; input?: unknown };
        if (union.discriminator === 'type') {
          const type = valueAt(union.input, ['type']);
          push('invalid_question_type', path, { type: String(type), allowed: union.options ?? [] });
        } else {
          push('invalid_value', path, { allowed: union.options ?? [] });
        }
        break;
      }
      case 'invalid_key':
        push('invalid_key', path, { key: String(path.at(-1)) });
        break;
      case 'invalid_value':
        push('invalid_value', path, { allowed: zi.values });
        break;
      case 'custom': {
        const id = valueAt(root, path) ?? ('input' in zi ? zi.input : undefined);
        push('reserved_id', path, { id: String(id) });
        break;
      }
      default:
        push('invalid_value', path, { allowed: [] });
    }
  }
  return out;
}
