/** `{id}` in a text, where id is a question or matrix item id. */
const REFERENCE = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * Replaces each `{id}` whose `resolve(id)` is a string; other braces stay as written, so a text that
 * merely contains braces is shown unchanged.
 */
export function pipeText(text: string, resolve: (id: string) => string | undefined): string {
  if (!text.includes('{')) return text;
  return text.replace(REFERENCE, (whole, id: string) => resolve(id) ?? whole);
}

/** The ids a text pipes, in order of appearance. */
export function pipedIds(text: string): string[] {
  if (!text.includes('{')) return [];
  return Array.from(text.matchAll(REFERENCE), (m) => m[1]!);
}
