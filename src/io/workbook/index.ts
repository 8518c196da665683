/**
 * Templates as Excel workbooks (.xlsx) for officers who customise them without a programmer:
 * `templateToWorkbook` writes readable sheets with drop-down lists, frozen headers and notes;
 * `workbookToTemplate` reads them back, losslessly, with every mistake named by its cell.
 * `toXlsForm` writes the template as an XLSForm (ODK, KoboToolbox) and lists what it cannot carry;
 * `fromXlsForm` reads an XLSForm back, reporting at its cell everything that does not translate.
 * Runs in Node and in the browser (the zip layer is `fflate`).
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale } from '../../core/issue.js';
export type { FromXlsFormOptions, FromXlsFormResult } from '../xlsform/fromXlsForm.js';
export { fromXlsForm } from '../xlsform/fromXlsForm.js';
export type { XlsFormIssueCode } from '../xlsform/messages.js';
export type { ToXlsFormOptions, ToXlsFormResult } from '../xlsform/toXlsForm.js';
export { toXlsForm } from '../xlsform/toXlsForm.js';
export type { WorkbookIssueCode } from './messages.js';
export type { TemplateToWorkbookOptions, TemplateToWorkbookResult } from './templateToWorkbook.js';
export { templateToWorkbook } from './templateToWorkbook.js';
export type { WorkbookToTemplateOptions, WorkbookToTemplateResult } from './workbookToTemplate.js';
export { workbookToTemplate } from './workbookToTemplate.js';
