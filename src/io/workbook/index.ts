/**
 * Templates as Excel workbooks (.xlsx) for officers who customise them without a programmer:
 * `templateToWorkbook` writes readable sheets with drop-down lists, frozen headers and notes;
 * `workbookToTemplate` reads them back, losslessly, with every mistake named by its cell.
 * Runs in Node and in the browser (the zip layer is `fflate`).
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale } from '../../core/issue.js';
export type { WorkbookIssueCode } from './messages.js';
export type { TemplateToWorkbookOptions, TemplateToWorkbookResult } from './templateToWorkbook.js';
export { templateToWorkbook } from './templateToWorkbook.js';
export type { WorkbookToTemplateOptions, WorkbookToTemplateResult } from './workbookToTemplate.js';
export { workbookToTemplate } from './workbookToTemplate.js';
