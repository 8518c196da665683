/** The SHA-256 of a text as lowercase hex, through Web Crypto. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

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
