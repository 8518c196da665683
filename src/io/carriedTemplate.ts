import { canonicalJson } from '../core/canonicalJson.js';
import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../core/issue.js';
import { sha256Hex } from '../core/sha256.js';
import type { Template } from '../schema/index.js';
import { interopMessages } from './interopMessages.js';

/**
 * What kizuki writes beside an export in a place the other format ignores: the template itself,
 * so that scores, scales, benchmarks, provenance and everything else the format has no place for
 * come back, and the hash of the exported content, so that an import can tell whether the content
 * was changed since (then the template no longer describes it and is not applied).
 */
export interface CarriedTemplate {
  template: Template;
  content: string;
}

/** The hash of exported content, as `CarriedTemplate.content`. */
export function contentHash(content: unknown): string {
  return `sha256-${sha256Hex(canonicalJson(content))}`;
}

/** The record to write beside `content`. */
export function carryTemplate(template: Template, content: unknown): CarriedTemplate {
  const { $schema: _ignored, ...rest } = template;
  return { template: rest as Template, content: contentHash(content) };
}

/**
 * A carried template read back: `current` when `content` still has the hash written on export (the
 * template then describes it exactly); otherwise `stale` is the issue to report. `undefined` when
 * there is no usable record.
 */
export function readCarriedTemplate(
  record: unknown,
  content: unknown,
  where: { format: string; property: string; path: PathSegment[]; locale: MessageLocale },
): { template: Template; current: boolean; stale?: Issue } | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  // Hashing and copying walk the values recursively: a hostile nesting is not a record of ours.
  if (!within(record, MAX_DEPTH) || !within(content, MAX_DEPTH)) return undefined;
  const fields = record as Record<string, unknown>;
  const template = Object.hasOwn(fields, 'template') ? fields.template : undefined;
  if (template === null || typeof template !== 'object' || Array.isArray(template)) return undefined;
  // A copy, so that the caller may change the template without touching the input.
  const copy = JSON.parse(JSON.stringify(template)) as Template;
  if (Object.hasOwn(fields, 'content') && fields.content === contentHash(content))
    return { template: copy, current: true };
  const stale = createIssue(interopMessages, 'kizuki_data_stale', where.path, where.locale, {
    format: where.format,
    property: where.property,
  });
  return { template: copy, current: false, stale };
}

/** Deeper than any template or export kizuki writes. */
const MAX_DEPTH = 64;

/** Whether a JSON value nests at most `max` deep (counted without recursion). */
function within(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [next, depth] = stack.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(next)) stack.push([child, depth + 1]);
  }
  return true;
}
