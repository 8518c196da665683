/**
 * Scoring and analysis: per-response scores, mergeable aggregates with intervals and group gaps,
 * reliability, change over time, benchmarks and the statutory indicators employers publish.
 * Runs in browsers, Node, Deno and workers. Formulas: docs/analyse.en.md.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale } from '../core/issue.js';
export type {
  AggregateResult,
  CodeCount,
  GroupInfo,
  ItemGroupResult,
  ItemResult,
  MeanEstimate,
  Reliability,
  ResultOptions,
  ScoreGroupResult,
  ScoreResult,
  SetGroupResult,
  SetResult,
  ShareEstimate,
} from './aggregateResult.js';
export type { AggregateSettings, AggregateState } from './aggregateState.js';
export type { CheckPassRuleOptions, PassRuleCheck, PassRuleGroupCheck } from './checkPassRule.js';
export { checkPassRule } from './checkPassRule.js';
export type { BenchmarkComparison, BenchmarkStatus, CompareBenchmarksOptions } from './compareBenchmarks.js';
export { compareBenchmarks } from './compareBenchmarks.js';
export type { CompareGapChangeOptions, ItemGapChange } from './compareGapChange.js';
export { compareGapChange } from './compareGapChange.js';
export type {
  CompareOverlappingOptions,
  OverlappingComparison,
  OverlappingCounts,
  OverlappingItem,
  OverlappingScore,
  OverlappingSet,
} from './compareOverlapping.js';
export { compareOverlapping } from './compareOverlapping.js';
export type {
  ComparePairedOptions,
  PairedComparison,
  PairedItem,
  PairedScore,
  PairedSet,
} from './comparePaired.js';
export { comparePaired } from './comparePaired.js';
export type { CompareWavesOptions, WaveComparison, WaveInfo } from './compareWaves.js';
export { compareWaves } from './compareWaves.js';
export type { Aggregator, AggregatorOptions, FromJSONOptions, ResponseColumns } from './createAggregator.js';
export { aggregatorFromJSON, createAggregator } from './createAggregator.js';
export type {
  Interval,
  LevelOptions,
  MeanDifference,
  OverlappingMeanDifference,
  OverlappingMeans,
  OverlappingShareDifference,
  OverlappingShares,
  PairedMeanDifference,
  PairedShareDifference,
  PairedTable,
  ShareDifference,
} from './differences.js';
export {
  meanDifference,
  overlappingMeanDifference,
  overlappingShareDifference,
  pairedMeanDifference,
  pairedShareDifference,
  shareDifference,
  wilsonInterval,
} from './differences.js';
export type {
  EstimationCalibration,
  EstimationDesign,
  LonelyPsu,
  ResponseWeight,
} from './estimationDesign.js';
export type { GapRequest, GapResult, ItemDifference, ScoreDifference, SetDifference } from './groupGaps.js';
export type { ChildcareLeaveInput, IndicatorOptions, WageGroup } from './indicators.js';
export { menChildcareLeaveRate, payGapIndicator, womenManagerShare } from './indicators.js';
export type { MergedStates, MergeStatesOptions, NamedState } from './mergeStates.js';
export { mergeStates } from './mergeStates.js';
export type { ScoringIssueCode } from './messages.js';
export type { ResponseScore, ScoreResponseOptions } from './scoreResponse.js';
export { scoreResponse } from './scoreResponse.js';
export { IndicatorError, ScoringError } from './scoringError.js';
export type {
  ReadStateFileOptions,
  StateAggregatorOptions,
  StateFile,
  WriteStateFileOptions,
} from './stateFile.js';
export { readStateFile, stateAggregator, writeStateFile } from './stateFile.js';
export type { ItemKind, ItemSet } from './surveyPlan.js';
export type { WeightedDifference, WeightedMean, WeightedShare } from './weightedEstimate.js';
export type {
  WeightedCode,
  WeightedItem,
  WeightedScore,
  WeightedSet,
  WeightingInfo,
} from './weightedResult.js';
export type { WeightedState } from './weightedState.js';
