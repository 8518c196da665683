import type { PlanScore, SurveyPlan } from './surveyPlan.js';

/** The answers object of a response, or undefined when the response has none that can be read. */
export function answersOf(response: unknown): Record<string, unknown> | undefined {
  if (response === null || typeof response !== 'object') return undefined;
  const answers: unknown = Object.hasOwn(response, 'answers')
    ? (response as { answers: unknown }).answers
    : undefined;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return undefined;
  return answers as Record<string, unknown>;
}

/**
 * Reads every one-code item of a response into `g`: the count-layout position of the answered
 * option, the item's "invalid" position for a value that is no option code, or −1 when unanswered.
 * Only own properties count: a missing id never picks up a value from the object prototype.
 */
export function readCodes(plan: SurveyPlan, answers: Record<string, unknown>, g: Int32Array): void {
  const keys = plan.slotKeys;
  for (let s = 0, n = plan.codeSlots; s < n; s++) {
    const key = keys[s]!;
    const v = answers[key];
    if (typeof v === 'number') g[s] = codePosition(plan, s, v);
    else if (v === undefined || v === null || !Object.hasOwn(answers, key)) g[s] = -1;
    else g[s] = plan.slotBase[s]! + plan.slotOptions[s]!;
  }
}

/** The count-layout position of code `v` of choice slot `s`; the slot's "invalid" position if `v` is no option code. */
export function codePosition(plan: SurveyPlan, s: number, v: number): number {
  // Dense table for compact code ranges (the common case); CodeIndex handles the rest.
  const offset = v - plan.slotLo[s]!;
  const local =
    offset >= 0 && offset < plan.slotSpan[s]! && Number.isInteger(offset)
      ? plan.codeTable[plan.slotTableBase[s]! + offset]!
      : plan.slotIndex[s]!.get(v);
  return plan.slotBase[s]! + (local >= 0 ? local : plan.slotOptions[s]!);
}

/** The cross-classification cell of a response: each grouping question's category, or "unanswered". */
export function cellOf(plan: SurveyPlan, answers: Record<string, unknown>): number {
  let cell = 0;
  const by = plan.by;
  for (let v = 0; v < by.length; v++) {
    const b = by[v]!;
    const value = Object.hasOwn(answers, b.id) ? answers[b.id] : undefined;
    const category = typeof value === 'number' ? b.index.get(value) : -1;
    cell += (category >= 0 ? category : b.codes.length) * plan.byStride[v]!;
  }
  return cell;
}

/**
 * Computes one score from read codes into `out`: [value, answered items, favourable items, total],
 * where total is the sum of scored values (mean, sum) or the favourable count (favourableShare,
 * count) — the quantity whose variance Cronbach's alpha uses. `value` is NaN below `minAnswered`.
 * With `items`, also writes each item's scored value (NaN if unanswered) for reliability.
 */
export function computeScore(
  plan: SurveyPlan,
  score: PlanScore,
  g: Int32Array,
  out: Float64Array,
  items?: Float64Array,
): void {
  const slots = score.slots;
  const missing = plan.optMissing;
  const values = plan.optScoreValue;
  const favourable = plan.optScoreFavourable;
  const dichotomous = score.methodCode >= 2;
  let answered = 0;
  let sum = 0;
  let favourableCount = 0;
  for (let i = 0; i < slots.length; i++) {
    const gi = g[slots[i]!]!;
    if (gi < 0 || missing[gi] === 1) {
      if (items) items[i] = Number.NaN;
      continue;
    }
    answered++;
    const value = values[gi]!;
    const fav = favourable[gi]!;
    sum += value;
    favourableCount += fav;
    if (items) items[i] = dichotomous ? fav : value;
  }
  let value = Number.NaN;
  if (answered >= score.minAnswered && answered > 0) {
    switch (score.methodCode) {
      case 0:
        value = sum / answered;
        break;
      case 1:
        value = sum;
        break;
      case 2:
        value = favourableCount / answered;
        break;
      default:
        value = favourableCount;
    }
  }
  out[0] = value;
  out[1] = answered;
  out[2] = favourableCount;
  out[3] = dichotomous ? favourableCount : sum;
}
