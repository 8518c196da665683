import type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import { templateMessages } from './messages.js';

/** Size limits that `parseTemplate` enforces before it looks at the meaning of a template. */
export interface TemplateLimits {
  /** Deepest nesting of objects and arrays (a real template needs about 10). Default 32. */
  maxDepth: number;
  /** Longest string in characters. Default 100,000. */
  maxStringLength: number;
  /** Most values (objects, arrays, strings, numbers…) in the whole template. Default 1,000,000. */
  maxValues: number;
  /** Most entries in one array or keys in one object. Default 10,000. */
  maxArrayLength: number;
  /** Most questions over all sections. Default 5,000. */
  maxQuestions: number;
  /** Longest expression in characters. Default 2,000. */
  maxExpressionLength: number;
}

/** The limits `parseTemplate` uses unless told otherwise. */
export const defaultTemplateLimits: Readonly<TemplateLimits> = {
  maxDepth: 32,
  maxStringLength: 100_000,
  maxValues: 1_000_000,
  maxArrayLength: 10_000,
  maxQuestions: 5_000,
  maxExpressionLength: 2_000,
};

/**
 * Walks the raw input once, without recursion, and stops at the first problem of size or shape that
 * could make later steps slow or unsafe: excessive depth (including circular references), huge
 * strings, too many values, non-JSON values and `__proto__` keys. Only the first such problem is
 * reported, since anything past it may be arbitrarily large.
 */
export function scanInput(input: unknown, limits: TemplateLimits, locale: MessageLocale): Issue[] {
  // Counted first so that 100,000 questions are refused before anything walks them.
  const tooMany = countQuestions(input, limits, locale);
  if (tooMany.length > 0) return tooMany;
  // Frames point to their parent instead of copying paths, so the walk stays linear; a path is
  // only built for the one problem reported.
  type Frame = { value: unknown; key: PathSegment | undefined; parent: Frame | undefined; depth: number };
  const pathOf = (frame: Frame): PathSegment[] => {
    const path: PathSegment[] = [];
    for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
    return path.reverse();
  };
  const fail = (code: keyof typeof templateMessages, frame: Frame, params: Record<string, unknown>) => [
    createIssue(templateMessages, code, pathOf(frame), locale, params),
  ];
  const stack: Frame[] = [{ value: input, key: undefined, parent: undefined, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    values += 1;
    if (values > limits.maxValues)
      return [createIssue(templateMessages, 'too_many_values', [], locale, { limit: limits.maxValues })];
    if (depth > limits.maxDepth) return fail('too_deep', frame, { limit: limits.maxDepth });
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) {
        return fail('string_too_long', frame, { length: value.length, limit: limits.maxStringLength });
      }
      continue;
    }
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
      continue;
    if (typeof value !== 'object') return fail('not_plain_value', frame, { kind: typeof value });
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength) {
        return fail('too_many_values', frame, { limit: limits.maxArrayLength });
      }
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], key: i, parent: frame, depth: depth + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return fail('not_plain_value', frame, { kind: proto?.constructor?.name ?? 'object' });
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxArrayLength)
      return fail('too_many_values', frame, { limit: limits.maxArrayLength });
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child: Frame = {
        value: (value as Record<string, unknown>)[key],
        key,
        parent: frame,
        depth: depth + 1,
      };
      if (key === '__proto__') return fail('forbidden_key', child, { key });
      stack.push(child);
    }
  }
  return [];
}

function countQuestions(input: unknown, limits: TemplateLimits, locale: MessageLocale): Issue[] {
  if (typeof input !== 'object' || input === null) return [];
  const sections = (input as { sections?: unknown }).sections;
  if (!Array.isArray(sections)) return [];
  let count = 0;
  for (const section of sections) {
    const questions = (section as { questions?: unknown } | null)?.questions;
    if (Array.isArray(questions)) count += questions.length;
  }
  return count > limits.maxQuestions
    ? [
        createIssue(templateMessages, 'too_many_questions', ['sections'], locale, {
          count,
          limit: limits.maxQuestions,
        }),
      ]
    : [];
}
