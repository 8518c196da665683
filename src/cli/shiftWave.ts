import type { SurveyResponse } from '../schema/index.js';

/** Options of {@link shiftWave}. */
export interface ShiftWaveOptions {
  /** Moves every date this many years later. */
  years: number;
  /** The answer key to change, e.g. "h01". */
  item: string;
  /** Only respondents who gave these answers, e.g. `{ sex: 1 }`. */
  where: Record<string, number>;
  /** Answers that change: from this code … */
  from: readonly number[];
  /** … to this code. */
  to: number;
  /** Every how-many-th matching answer changes (2 = half of them). */
  every: number;
}

/**
 * A later wave made from made-up responses, with a change built in: the dates move on by whole
 * years and one answer changes for part of one group (for the demo and tests of "What changed").
 * Deterministic; the input is not modified.
 */
export function shiftWave(responses: readonly SurveyResponse[], options: ShiftWaveOptions): SurveyResponse[] {
  let seen = 0;
  const later = (iso: string) => {
    const date = new Date(iso);
    date.setUTCFullYear(date.getUTCFullYear() + options.years);
    return date.toISOString();
  };
  return responses.map((response) => {
    const answers = { ...response.answers };
    const matches = Object.entries(options.where).every(([q, code]) => answers[q] === code);
    const answer = answers[options.item];
    if (matches && typeof answer === 'number' && options.from.includes(answer)) {
      seen += 1;
      if (seen % options.every === 0) answers[options.item] = options.to;
    }
    return {
      ...response,
      answers,
      meta: {
        ...response.meta,
        startedAt: later(response.meta.startedAt),
        submittedAt: later(response.meta.submittedAt),
      },
    };
  });
}
