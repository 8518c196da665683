/** A JSON object read from a file in another format (SurveyJS, FHIR): anything may be in it. */
export type Fields = Record<string, unknown>;

/** An object (not an array), or undefined: foreign JSON is read defensively. */
export function record(value: unknown): Fields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** An own property only: a key like `__proto__` or `constructor` must not reach Object.prototype. */
export function field(object: Fields, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
