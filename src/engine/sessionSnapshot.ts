import type { AnswerValue } from '../schema/response.js';
import type { QuestionType } from '../schema/templateSchema.js';
import type { PageMode } from './surveyModel.js';

/**
 * A session saved to resume later: plain JSON, to keep in `localStorage`, IndexedDB or on a server.
 * It holds answers, so store it as carefully as a response.
 */
export interface SessionSnapshot {
  format: 'kizuki-session/1';
  templateId: string;
  templateVersion: string;
  /** The survey hash the answers were given to; a different hash on restore means a changed template. */
  templateHash: string;
  respondentId: string;
  /** ISO 8601 date-time the session started. */
  startedAt: string;
  seed: number;
  locale: string;
  pageMode: PageMode;
  pageIndex: number;
  /** Every stored answer, hidden ones included, by question or item id. */
  answers: Record<string, AnswerValue>;
  /** The question type each answer was given to, so that a type change in a new version is noticed. */
  kinds: Record<string, QuestionType>;
  /** "Other, please specify" texts by question id. */
  other: Record<string, string>;
  /** Questions whose errors are already shown. */
  touched: string[];
}
