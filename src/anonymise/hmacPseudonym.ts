import type { MessageLocale } from '../core/issue.js';
import { describeValue, fail } from './anonymiseError.js';

type Subtle = NonNullable<typeof globalThis.crypto>['subtle'];

/** A Web Crypto `CryptoKey` (named through `globalThis.crypto`, so no DOM or Node typings are needed). */
export type WebCryptoKey = Awaited<ReturnType<Subtle['importKey']>>;

/** The shortest key accepted: 32 bytes, the output size of SHA-256 (RFC 2104 §3). */
const MIN_KEY_BYTES = 32;

/** Options of {@link createPseudonymiser}. */
export interface PseudonymiserOptions {
  /** The secret key: at least 32 random bytes, or an HMAC-SHA-256 `CryptoKey` of at least 256 bits. */
  key: Uint8Array | WebCryptoKey;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/** Turns values into keyed pseudonyms with one imported key. */
export interface Pseudonymiser {
  /** The HMAC-SHA-256 of the UTF-8 bytes of `value`, as 64 lowercase hex digits. */
  pseudonym(value: string): Promise<string>;
}

/**
 * Imports a secret key once and returns a pseudonymiser for many values. Whoever holds the key can
 * link pseudonyms back to values by recomputing them, so data pseudonymised this way is at most
 * 仮名加工情報: keep the key apart from the data, and discard it for anonymised output.
 *
 * @example
 * ```ts
 * const key = crypto.getRandomValues(new Uint8Array(32));
 * const pseudonymiser = await createPseudonymiser({ key });
 * const ids = await Promise.all(employeeNumbers.map((n) => pseudonymiser.pseudonym(n)));
 * ```
 */
export async function createPseudonymiser(options: PseudonymiserOptions): Promise<Pseudonymiser> {
  const locale = options?.locale;
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) fail('crypto_unavailable', [], locale);
  const cryptoKey = await importKey(subtle, options?.key, locale);
  const encoder = new TextEncoder();
  return {
    async pseudonym(value: string): Promise<string> {
      if (typeof value !== 'string') fail('not_text', ['value'], locale, { received: describeValue(value) });
      const mac = new Uint8Array(await subtle.sign('HMAC', cryptoKey, encoder.encode(value)));
      let hex = '';
      for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
      return hex;
    },
  };
}

/**
 * The keyed pseudonym of one value: HMAC-SHA-256 with a secret key of at least 32 bytes, as 64
 * lowercase hex digits, the same in browsers, Node, Deno and workers. An unkeyed hash of a phone or
 * employee number could be reversed by trying every number; without the key this cannot.
 * For many values, import the key once with {@link createPseudonymiser}.
 *
 * @example
 * ```ts
 * const key = crypto.getRandomValues(new Uint8Array(32)); // keep it secret, apart from the data
 * await hmacPseudonym(key, 'E-1234'); // '9f2c…' (64 hex digits)
 * ```
 */
export async function hmacPseudonym(
  key: Uint8Array | WebCryptoKey,
  value: string,
  options: { locale?: MessageLocale } = {},
): Promise<string> {
  const pseudonymiser = await createPseudonymiser({ key, ...options });
  return pseudonymiser.pseudonym(value);
}

async function importKey(
  subtle: Subtle,
  key: unknown,
  locale: MessageLocale | undefined,
): Promise<WebCryptoKey> {
  if (key instanceof Uint8Array) {
    if (key.length < MIN_KEY_BYTES)
      fail('key_too_short', ['key'], locale, { length: key.length, minimum: MIN_KEY_BYTES });
    return subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  }
  if (isHmacSha256Key(key)) {
    const bits = key.algorithm.length;
    if (bits < MIN_KEY_BYTES * 8)
      fail('key_too_short', ['key'], locale, { length: bits / 8, minimum: MIN_KEY_BYTES });
    return key;
  }
  return fail('key_invalid', ['key'], locale);
}

interface HmacAlgorithm {
  name?: string;
  hash?: { name?: string };
  length?: number;
}

function isHmacSha256Key(key: unknown): key is WebCryptoKey & { algorithm: { length: number } } {
  const CryptoKeyClass = (globalThis as { CryptoKey?: abstract new () => unknown }).CryptoKey;
  if (CryptoKeyClass === undefined || !(key instanceof CryptoKeyClass)) return false;
  const cryptoKey = key as WebCryptoKey;
  const algorithm = cryptoKey.algorithm as HmacAlgorithm;
  return (
    cryptoKey.type === 'secret' &&
    algorithm.name === 'HMAC' &&
    algorithm.hash?.name === 'SHA-256' &&
    typeof algorithm.length === 'number' &&
    cryptoKey.usages.includes('sign')
  );
}
