import type { SurveyResponse } from '../schema/response.js';

/** What a respondent gets back for a stored response; a repeat of the same response gets the same one. */
export interface Receipt {
  /** A random receipt number the respondent can quote. */
  receipt: string;
  respondentId: string;
  /** When the store committed the response (ISO 8601). */
  receivedAt: string;
}

/** The outcome of {@link CollectStore.storeResponse}. */
export type StoreOutcome =
  | { status: 'stored'; receipt: Receipt }
  /** The same respondent id was stored before: its first receipt. */
  | { status: 'duplicate'; receipt: Receipt }
  /** The invitation code is unknown. */
  | { status: 'unknown_code' }
  /** The invitation code was used by another response. */
  | { status: 'code_used' }
  | { status: 'closed' }
  | { status: 'unknown_survey' };

/** An invitation to load: the keyed hash of its code, never the code itself. */
export interface InvitationRecord {
  codeHash: string;
  /** The stratum it was drawn in (from the sample), for response rates by stratum. */
  stratum?: string;
  /** AAPOR disposition name; default `pending` (no answer yet). */
  disposition?: string;
}

/** Counts by stratum and disposition. */
export interface DispositionCount {
  stratum: string;
  disposition: string;
  count: number;
}

/** A survey the collector serves. */
export interface SurveyRecord {
  surveyKey: string;
  templateId: string;
  templateVersion: string;
  templateHash: string;
  open: boolean;
}

/**
 * Where a collector keeps what it receives. One small interface, two implementations over the same
 * SQL: PGlite (embedded, a data folder) and PostgreSQL (several collectors share it).
 */
export interface CollectStore {
  /** Registers a survey, or updates its template facts; keeps its open/closed state. */
  putSurvey(survey: Omit<SurveyRecord, 'open'>): Promise<void>;
  getSurvey(surveyKey: string): Promise<SurveyRecord | undefined>;
  /** The keys of every survey in the store, sorted. */
  listSurveys(): Promise<string[]>;
  setOpen(surveyKey: string, open: boolean): Promise<void>;
  /**
   * Stores a validated response exactly once, keyed by its respondent id, and marks its invitation
   * complete in the same transaction. Resolves only after the commit.
   */
  storeResponse(input: {
    surveyKey: string;
    response: SurveyResponse;
    codeHash?: string;
    receipt: string;
  }): Promise<StoreOutcome>;
  /** Adds invitations; codes already loaded keep their disposition. Returns how many were new. */
  addInvitations(surveyKey: string, invitations: readonly InvitationRecord[]): Promise<number>;
  /** Whether a code hash is a known invitation, and whether it has been answered. */
  invitationState(surveyKey: string, codeHash: string): Promise<'unknown' | 'open' | 'answered'>;
  /**
   * Sets the disposition of an invitation not yet answered (returned letters, refusals by phone …):
   * an AAPOR code or name as `kizuki/design`'s `dispositionClass` reads it, or `pending`; anything
   * else throws. Returns false for an unknown or answered code.
   */
  setDisposition(surveyKey: string, codeHash: string, disposition: string): Promise<boolean>;
  dispositionCounts(surveyKey: string): Promise<DispositionCount[]>;
  saveDraft(surveyKey: string, codeHash: string, draft: unknown): Promise<void>;
  loadDraft(surveyKey: string, codeHash: string): Promise<unknown | undefined>;
  countResponses(surveyKey: string): Promise<number>;
  /** Every stored response in the order received, in pages so that memory stays flat. */
  responses(surveyKey: string, pageSize?: number): AsyncIterable<SurveyResponse>;
  addAdminToken(tokenHash: string): Promise<void>;
  /** Hashes of the admin tokens, for the collector to compare in constant time. */
  adminTokenHashes(): Promise<string[]>;
  close(): Promise<void>;
}
