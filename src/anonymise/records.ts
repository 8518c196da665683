import type { MessageLocale } from '../core/issue.js';
import { checkOption, fail } from './anonymiseError.js';

/** One row of data: field name → value. */
export type DataRecord = Readonly<Record<string, unknown>>;

/** Throws an `AnonymiseError` unless `records` is an array of objects and the field list is a list of strings. */
export function checkRecords(
  records: unknown,
  fields: unknown,
  option: string,
  locale: MessageLocale | undefined,
): asserts records is readonly DataRecord[] {
  if (!Array.isArray(records)) fail('not_records', ['records'], locale);
  records.forEach((record: unknown, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      fail('not_records', ['records', index], locale);
  });
  checkOption(
    Array.isArray(fields) && fields.every((f) => typeof f === 'string'),
    option,
    { en: 'a list of field names', ja: '項目名の配列' },
    locale,
  );
}

/** The values of one field of every record; absent fields read as `undefined`. */
export function recordColumn(records: readonly DataRecord[], field: string): unknown[] {
  return records.map((record) => (Object.hasOwn(record, field) ? record[field] : undefined));
}

/** Sets an own property, also for keys such as `__proto__` that plain assignment would not create. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
