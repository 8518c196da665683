/** A row of a frame or of responses: column name → value. */
export type DesignRecord = Readonly<Record<string, unknown>>;

/** The record's own value of `field` (never one inherited from a prototype, such as `__proto__`). */
export function ownValue(record: DesignRecord, field: string): unknown {
  return Object.hasOwn(record, field) ? record[field] : undefined;
}

/** Whether a value counts as missing: undefined, null, an empty or blank string, NaN. */
export function isMissing(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

/** Sets `key` as an own data property, so that `__proto__` and friends stay plain keys. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The label of a cell of several variables, as people read it: `F × 20-29`. */
export const cellLabel = (levels: readonly string[]): string => levels.join(' × ');
