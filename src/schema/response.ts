/** An answer as stored in a response. */
export type AnswerValue =
  /** single, likert, matrix item: an option code; number: the number */
  | number
  /** text, and date as `YYYY-MM-DD` */
  | string
  /** multiple: selected codes; ranking: codes from first to last */
  | number[];

/**
 * A submitted response: plain JSON. Answers are keyed by question id, and by item id for matrix
 * items, so analysis works item by item; hidden questions are absent.
 *
 * @example
 * ```json
 * { "templateId": "example-all-features", "templateVersion": "1.0.0", "templateHash": "sha256-…",
 *   "respondentId": "V1StGXR8_Z5jdHi6B-myT",
 *   "answers": { "sex": 2, "age": 34, "arrangements": [1, 5], "v_care": 4 },
 *   "other": { "arrangements": "週4日勤務" },
 *   "meta": { "locale": "ja", "startedAt": "2026-05-01T09:00:00.000Z", "submittedAt": "2026-05-01T09:06:12.000Z",
 *             "seed": 123456789, "order": { "arrangements": [2, 1, 4, 3, 5, 6], "views": ["v_lead", "v_care", "v_share"] } } }
 * ```
 */
export interface SurveyResponse {
  templateId: string;
  templateVersion: string;
  /** The survey's content hash (`sha256-…`). */
  templateHash: string;
  /** A random id (nanoid); never a name, e-mail or employee number. */
  respondentId: string;
  /** Answers by question id or matrix item id. */
  answers: Record<string, AnswerValue>;
  /** "Other, please specify" texts by question id. */
  other?: Record<string, string>;
  meta: ResponseMeta;
}

/** Metadata recorded with every response. */
export interface ResponseMeta {
  /** The locale the respondent answered in. */
  locale: string;
  /** ISO 8601 date-times. */
  startedAt: string;
  submittedAt: string;
  /** The unsigned 32-bit seed of option randomisation. */
  seed: number;
  /** The order presented, for randomised questions: option codes, or item ids for a matrix. */
  order?: Record<string, number[] | string[]>;
}
