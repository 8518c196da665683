import type { TemplateLimits } from '../../schema/index.js';
import type { ReportAt } from './readSheetRows.js';
import { type RawSheet, readXlsx, XlsxError } from './readXlsx.js';
import { ZipError } from './readZip.js';

/**
 * Reads every sheet of a workbook within bounds that follow from the template limits, or reports
 * why it cannot (not a workbook, too large, damaged, linked to other files) and returns undefined.
 */
export function readWorkbookSheets(
  bytes: Uint8Array,
  limits: TemplateLimits,
  report: ReportAt,
): RawSheet[] | undefined {
  // A template within the limits needs at most this: one row per question or item, option, …
  const maxRows = limits.maxArrayLength * 2 + 1;
  const maxTotalBytes = limits.maxStringLength * 20 * 32;
  try {
    if (!(bytes instanceof Uint8Array)) throw new ZipError('not_zip', 'not bytes');
    return readXlsx(bytes, {
      maxEntries: 1000,
      maxEntryBytes: maxTotalBytes,
      maxTotalBytes,
      maxRows,
      maxColumns: 256,
    });
  } catch (error) {
    if (error instanceof ZipError) {
      const code =
        error.reason === 'not_zip'
          ? 'not_workbook'
          : error.reason === 'unsupported'
            ? 'unsupported_workbook'
            : error.reason === 'corrupt'
              ? 'corrupt_workbook'
              : 'workbook_too_large';
      report(code, '', undefined, { detail: error.detail });
    } else if (error instanceof XlsxError) {
      const { sheet = '', cell, limit, part } = error.detail;
      if (error.reason === 'external_link') report('external_link', sheet, undefined);
      else if (error.reason === 'corrupt')
        report('corrupt_workbook', sheet, undefined, { detail: part ?? sheet });
      else report(error.reason, sheet, cell, { limit });
    } else {
      // The XML scanner's refusals (a DOCTYPE, an unterminated tag) and anything unforeseen.
      report('corrupt_workbook', '', undefined, {
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    return undefined;
  }
}
