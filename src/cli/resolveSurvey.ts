import { parseTemplate, type Survey } from '../schema/index.js';
import { getTemplate } from '../templates/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { readTextFile } from './fileAccess.js';
import { formatIssue } from './formatIssue.js';

/** True when a TEMPLATE argument names a file rather than a built-in id. */
export function isTemplatePath(argument: string): boolean {
  return /[/\\]/.test(argument) || argument.toLowerCase().endsWith('.json');
}

/**
 * A TEMPLATE argument as a survey: a built-in template id, or the path of a template JSON file.
 * An invalid template fails with every issue listed (exit code 1).
 */
export async function resolveSurvey(context: CliContext, argument: string): Promise<Survey> {
  const { text } = context;
  let input: unknown;
  if (isTemplatePath(argument)) {
    input = await readTextFile(context, argument);
  } else {
    input = getTemplate(argument);
    if (input === undefined) throw new CliFailure(EXIT.usage, text.usage.unknownTemplate(argument));
  }
  const result = parseTemplate(input, { locale: context.lang });
  if (result.success) return result.survey;
  const lines = [text.lines.templateInvalid(argument, result.issues.length)];
  for (const issue of result.issues) lines.push(`  ${argument} ${formatIssue(issue)}`);
  throw new CliFailure(EXIT.invalid, lines.join('\n'));
}
