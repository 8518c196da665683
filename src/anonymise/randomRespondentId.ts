import { nanoid } from 'nanoid';

/**
 * A fresh random respondent id: 21 URL-safe characters (126 random bits) from the platform's
 * cryptographic random source. It carries no information about the respondent.
 *
 * @example
 * ```ts
 * const response = { respondentId: randomRespondentId(), answers: {} }; // e.g. 'V1StGXR8_Z5jdHi6B-myT'
 * ```
 */
export function randomRespondentId(): string {
  return nanoid();
}
