/**
 * Anonymisation and disclosure control for survey data, for browsers, Node, Deno and workers:
 * random ids and keyed pseudonyms (Web Crypto), identifier removal and generalisation by template
 * role, k-anonymity and l-diversity, suppression of small cells in tables, redaction of personal
 * data in free text, differentially private counts, and an anonymised export with an audit log.
 * What each helper guarantees, and what it does not, is in docs/protect.en.md.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale } from '../core/issue.js';
export type {
  AnonymisedExport,
  AnonymisedExportOptions,
  AnonymisedRow,
} from './anonymisedExport.js';
export { anonymisedExport } from './anonymisedExport.js';
export { AnonymiseError } from './anonymiseError.js';
export type { AuditEntry, AuditStep } from './auditEntry.js';
export type {
  EnforceKAnonymityOptions,
  EnforceKAnonymityReport,
  EnforceKAnonymityResult,
} from './enforceKAnonymity.js';
export { enforceKAnonymity } from './enforceKAnonymity.js';
export type { GeneraliseOptions, GeneraliseRule } from './generalise.js';
export { DEFAULT_AGE_EDGES, generalise } from './generalise.js';
export type { Hierarchy, HierarchyFunction, HierarchyTable } from './hierarchies.js';
export { dateHierarchy, rangeHierarchy, SUPPRESSED } from './hierarchies.js';
export type { Pseudonymiser, PseudonymiserOptions, WebCryptoKey } from './hmacPseudonym.js';
export { createPseudonymiser, hmacPseudonym } from './hmacPseudonym.js';
export type { KAnonymityMeasure, MeasureKAnonymityOptions } from './measureKAnonymity.js';
export { measureKAnonymity } from './measureKAnonymity.js';
export type { LDiversityMeasure, MeasureLDiversityOptions } from './measureLDiversity.js';
export { measureLDiversity } from './measureLDiversity.js';
export type { AnonymiseIssueCode } from './messages.js';
export type { NoisyCountOptions } from './noisyCount.js';
export { noisyCount } from './noisyCount.js';
export type { PrivacyBudget } from './privacyBudget.js';
export { createPrivacyBudget } from './privacyBudget.js';
export { randomRespondentId } from './randomRespondentId.js';
export type { RandomFill } from './randomStream.js';
export type { DataRecord } from './records.js';
export type {
  RedactionFinding,
  RedactionKind,
  RedactTextOptions,
  RedactTextResult,
} from './redactText.js';
export { REDACTION_KINDS, redactText } from './redactText.js';
export type { ResponsesResult } from './removeIdentifiers.js';
export { removeIdentifiers } from './removeIdentifiers.js';
export { suppressDerived, tableShares } from './suppressDerived.js';
export type { CellStatus, SuppressedTable, SuppressTableOptions } from './suppressTable.js';
export { suppressTable } from './suppressTable.js';
