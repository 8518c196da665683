/**
 * The programme's built-in questionnaire templates and the tools to adapt them: list and fetch
 * templates, list their texts for translation, and make a municipality's version that keeps item
 * ids comparable with the base.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale } from '../core/issue.js';
export type {
  Comparability,
  ComparabilityReason,
  ResultVerdict,
  TemplateComparison,
  TemplateDifference,
  TemplatePart,
} from './compareTemplates.js';
export { compareTemplates } from './compareTemplates.js';
export type { Customisation, CustomiseOptions, CustomiseResult } from './customiseTemplate.js';
export { customiseTemplate } from './customiseTemplate.js';
export { getTemplate } from './getTemplate.js';
export type { TemplateSummary } from './listTemplates.js';
export { listTemplates } from './listTemplates.js';
export type { CustomiseIssueCode } from './messages.js';
export type { RenderTemplateComparisonOptions } from './renderTemplateComparison.js';
export { renderTemplateComparison } from './renderTemplateComparison.js';
export type { TemplateText } from './templateTexts.js';
export { templateTexts } from './templateTexts.js';
