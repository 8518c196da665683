import { arrayOf, type Fields, field, record } from '../jsonFields.js';

export { arrayOf, type Fields, field, record };

/** The value and text of a SurveyJS item: an object, a primitive, or SurveyJS's `"value|text"`. */
export function itemParts(raw: unknown): { value: unknown; text: unknown } {
  const fields = record(raw);
  if (fields) return { value: field(fields, 'value'), text: field(fields, 'text') ?? field(fields, 'value') };
  if (typeof raw === 'string' && raw.includes('|')) {
    const at = raw.indexOf('|');
    return { value: raw.slice(0, at), text: raw.slice(at + 1) };
  }
  return { value: raw, text: typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined };
}

export function integerCode(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d{1,15}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(number) ? number : undefined;
}

export function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

export function finite(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(number) ? number : undefined;
}

export function isoDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Where a page (or a survey without pages) lists its elements: `elements`, or `questions`, the older
 * name survey-core still reads.
 */
export function elementsKey(container: Fields): 'elements' | 'questions' | undefined {
  if (Array.isArray(field(container, 'elements'))) return 'elements';
  if (Array.isArray(field(container, 'questions'))) return 'questions';
  return undefined;
}

/** Every value in a JSON tree, depth first, with a bound on how many are visited. */
export function* jsonValues(
  root: unknown,
  limit = 100_000,
): Generator<{ key: string; value: unknown; parent: Fields | undefined }> {
  const stack: { key: string; value: unknown; parent: Fields | undefined }[] = [
    { key: '', value: root, parent: undefined },
  ];
  for (let seen = 0; stack.length > 0 && seen < limit; seen++) {
    const entry = stack.pop()!;
    yield entry;
    const { value } = entry;
    if (Array.isArray(value))
      for (const item of value.slice(0, 10_000))
        stack.push({ key: entry.key, value: item, parent: undefined });
    else {
      const fields = record(value);
      if (fields)
        for (const key of Object.keys(fields)) stack.push({ key, value: fields[key], parent: fields });
    }
  }
}
