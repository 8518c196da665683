/**
 * Survey design: drawing stratified and systematic samples with invitation codes, AAPOR response
 * rates from dispositions, and weights — base weights, nonresponse adjustment, post-stratification,
 * raking, linear and raking calibration, trimming — with diagnostics. Equal to R `survey` 4.1.1 on
 * the same data. Runs in browsers, Node, Deno and workers. Guide: docs/design.en.md.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale } from '../core/issue.js';
export type { AdjustNonresponseOptions, ClassFactor, NonresponseAdjustment } from './adjustNonresponse.js';
export { adjustNonresponse } from './adjustNonresponse.js';
export type { AllocateSampleOptions, Allocation, StratumAllocation, StratumSize } from './allocateSample.js';
export { allocateSample } from './allocateSample.js';
export type { CalibrateOptions } from './calibrate.js';
export { calibrate } from './calibrate.js';
export { DesignError } from './designError.js';
export type { DrawSampleOptions, MailingEntry, Sample, SampleDesign, SampledRecord } from './drawSample.js';
export { drawSample, INVITATION_ALPHABET } from './drawSample.js';
export type { Margin } from './margins.js';
export type { PoststratifyOptions } from './poststratify.js';
export { poststratify } from './poststratify.js';
export type { RakeOptions } from './rake.js';
export { rake } from './rake.js';
export type { DesignRecord } from './records.js';
export type {
  AaporRates,
  AaporRatesOptions,
  DispositionClass,
  DispositionCounts,
  GroupRates,
  RateSummary,
  ResponseRates,
  ResponseRatesOptions,
} from './responseRates.js';
export { aaporRates, dispositionClass, responseRates } from './responseRates.js';
export type { TrimmedWeights, TrimWeightsOptions } from './trimWeights.js';
export { trimWeights } from './trimWeights.js';
export type { WeightDiagnostics, WeightDiagnosticsOptions } from './weightDiagnostics.js';
export { weightDiagnostics } from './weightDiagnostics.js';
export type {
  CalibrationInfo,
  CellFit,
  TrimBounds,
  TrimOptions,
  TrimReport,
  WeightingOptions,
  WeightingResult,
} from './weighting.js';
