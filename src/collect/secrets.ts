/**
 * Whether `value` is one of `candidates`, comparing every candidate in full so that the time taken
 * says nothing about how much of a wrong token was right.
 */
export function timingSafeIncludes(candidates: readonly string[], value: string): boolean {
  let found = 0;
  for (const candidate of candidates) {
    let diff = candidate.length ^ value.length;
    for (let i = 0; i < value.length; i++) diff |= (candidate.charCodeAt(i) | 0) ^ value.charCodeAt(i);
    found |= diff === 0 ? 1 : 0;
  }
  return found === 1;
}
