/**
 * What one transformation step did, for a machine-readable audit log. Steps:
 * `removeIdentifier`, `dropUnknown`, `dropInvalid`, `dropLinkingCode`, `coarsenMeta`, `dropText`,
 * `redactText`, `generalise`, `topBottomCode`, `mergeRare`, `suppressValues`, `removeRecords`,
 * `shuffle`, `kAnonymity`.
 *
 * @example
 * ```json
 * { "step": "mergeRare", "field": "occupation", "count": 3, "parameters": { "threshold": 5, "otherCode": 99, "codes": [7, 8] } }
 * ```
 */
export interface AuditEntry {
  /** The kind of transformation. */
  step: AuditStep;
  /** The answer key or column it applied to, if one. */
  field?: string;
  /** How many values, cells or records it changed. */
  count: number;
  /** Its settings, such as thresholds or generalisation levels. */
  parameters?: Record<string, unknown>;
}

/** The kinds of step an {@link AuditEntry} records. */
export type AuditStep =
  | 'removeIdentifier'
  | 'dropUnknown'
  | 'dropInvalid'
  | 'dropLinkingCode'
  | 'coarsenMeta'
  | 'dropText'
  | 'redactText'
  | 'generalise'
  | 'topBottomCode'
  | 'mergeRare'
  | 'suppressValues'
  | 'removeRecords'
  | 'shuffle'
  | 'kAnonymity';
