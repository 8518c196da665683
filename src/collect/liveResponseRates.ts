import type { MessageLocale } from '../core/issue.js';
import { type ResponseRates, responseRates } from '../design/responseRates.js';
import type { CollectStore, DispositionCount } from './collectStore.js';

/** Options of {@link liveResponseRates}. */
export interface LiveResponseRatesOptions {
  store: CollectStore;
  surveyKey: string;
  /** The eligible share of unknown cases; default: estimated within each stratum (proportional method). */
  e?: number;
  locale?: MessageLocale;
}

/**
 * An invitation still waiting is, in AAPOR's terms, a letter to a named person with nothing ever
 * returned (3.19): eligibility unknown.
 */
const WAITING = '3.19';

/**
 * AAPOR response, cooperation, refusal and contact rates of a survey as they stand now, overall
 * and by stratum, from the dispositions the store keeps per invitation (completes are marked as
 * responses arrive; other outcomes are set with {@link CollectStore.setDisposition}). Computed by
 * `kizuki/design`'s `responseRates`, so they equal what `kizuki rates` gives for the same
 * dispositions. A disposition that is not an AAPOR code or name fails with a `DesignError` naming it.
 *
 * @example
 * ```ts
 * import { createPgliteStore, liveResponseRates } from 'kizuki/collect';
 * const store = await createPgliteStore({ dataDir: './kizuki-data/pglite' });
 * const rates = await liveResponseRates({ store, surveyKey: 'staff-2026' });
 * rates.overall.rates.RR1; // completes / all invitations so far
 * rates.breakdowns[0]?.groups.map((g) => [g.label, g.rates.RR1]);
 * ```
 */
export async function liveResponseRates(options: LiveResponseRatesOptions): Promise<ResponseRates> {
  const { records, stratified } = dispositionRecords(
    await options.store.dispositionCounts(options.surveyKey),
  );
  return responseRates({
    records,
    disposition: 'disposition',
    ...(stratified ? { by: [['stratum']] } : {}),
    ...(options.e === undefined ? {} : { e: options.e }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
}

/**
 * One record per invitation (`stratum`, `disposition`, a waiting one as {@link WAITING}), as
 * `responseRates` and `kizuki report --dispositions` read them; `stratified` when any has a stratum.
 */
export function dispositionRecords(counts: readonly DispositionCount[]): {
  records: Array<{ stratum: string; disposition: string }>;
  stratified: boolean;
} {
  const records: Array<{ stratum: string; disposition: string }> = [];
  for (const { stratum, disposition, count } of counts) {
    // One shared record per (stratum, disposition): the array holds references, not copies.
    const record = { stratum, disposition: disposition === 'pending' ? WAITING : disposition };
    for (let i = 0; i < count; i++) records.push(record);
  }
  return { records, stratified: counts.some((c) => c.stratum !== '') };
}
