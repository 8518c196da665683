import { type AnonymisedExport, anonymisedExport } from '../anonymise/index.js';
import { responsesToCsv } from '../io/index.js';
import type { Survey, SurveyResponse } from '../schema/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { writeTextFile } from './fileAccess.js';

/**
 * Runs `anonymisedExport` with k and the template's roles; its refusals (fewer responses than k,
 * responses of another template) fail with exit code 1.
 */
export function anonymise(
  context: CliContext,
  survey: Survey,
  responses: readonly SurveyResponse[],
  k: number,
): AnonymisedExport {
  try {
    return anonymisedExport(survey, responses, { k, locale: context.lang });
  } catch (error) {
    throw new CliFailure(EXIT.invalid, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Writes anonymised rows — `.jsonl` as they are, anything else as the wide CSV (with a byte order
 * mark for Excel; the row id in the first column, no metadata columns) — and the audit log beside
 * them as `<file>.audit.json`. Returns the audit file's path.
 */
export async function writeAnonymised(
  context: CliContext,
  survey: Survey,
  exported: AnonymisedExport,
  file: string,
): Promise<string> {
  if (file.toLowerCase().endsWith('.jsonl')) {
    await writeTextFile(context, file, exported.rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
  } else {
    // The CSV writer takes response-shaped rows: the random row id stands where the respondent id was.
    const rows = exported.rows.map(
      (row): SurveyResponse => ({
        templateId: exported.template.id,
        templateVersion: exported.template.version,
        templateHash: exported.template.hash,
        respondentId: row.rowId,
        answers: row.answers,
        ...(row.other === undefined ? {} : { other: row.other }),
        meta: { locale: '', startedAt: '', submittedAt: '', seed: 0 },
      }),
    );
    await writeTextFile(context, file, responsesToCsv(survey, rows, { bom: true, meta: false }));
  }
  const audit = `${file}.audit.json`;
  const { template, k, smallestClass, log } = exported;
  await writeTextFile(
    context,
    audit,
    `${JSON.stringify({ template, k, rows: exported.rows.length, smallestClass, log }, null, 2)}\n`,
  );
  return audit;
}
