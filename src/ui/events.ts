import type { Issue } from '../core/issue.js';
import type { AnswerResult, SessionState, SurveyResponse } from '../engine/index.js';

/** `kizuki-change`: an answer action ran (successfully or not); `state` is the engine state after it. */
export interface KizukiChangeDetail {
  /** The question or matrix item id the action concerned. */
  readonly id: string;
  readonly result: AnswerResult;
  readonly state: SessionState;
}

/** `kizuki-page`: another page is shown. */
export interface KizukiPageDetail {
  readonly state: SessionState;
}

/** `kizuki-submit`: the respondent confirmed the review; `response` is what the engine submitted. */
export interface KizukiSubmitDetail {
  readonly response: SurveyResponse;
}

/**
 * `kizuki-error`: something the host must know about — a survey that cannot be parsed or started
 * (the element then shows a message instead of a form), or initial answers the engine refused.
 */
export interface KizukiErrorDetail {
  /**
   * `broken`: no form can be shown; `answers`: some initial answers were not taken; `delivery`: a
   * submission failed (it is kept and retried, or was refused); the issue carries the reason.
   */
  readonly kind: 'broken' | 'answers' | 'delivery';
  readonly issues: readonly Issue[];
  /** The issues' messages joined, in the element's locale. */
  readonly message: string;
}

declare global {
  interface HTMLElementEventMap {
    'kizuki-change': CustomEvent<KizukiChangeDetail>;
    'kizuki-page': CustomEvent<KizukiPageDetail>;
    'kizuki-submit': CustomEvent<KizukiSubmitDetail>;
    'kizuki-error': CustomEvent<KizukiErrorDetail>;
  }
}
