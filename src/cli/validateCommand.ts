import { createResponseValidator } from '../validate/index.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { encodingOption, pick } from './optionValues.js';
import { readResponseFile, responseFormat } from './readResponseFile.js';
import { resolveSurvey } from './resolveSurvey.js';

/** `kizuki validate FILE`: a template, or a responses file against its template. */
export const validateCommand: Command = {
  name: 'validate',
  options: { template: { type: 'string' }, encoding: { type: 'string' } },
  positionals: ['FILE'],
  async run(context, values, [file]) {
    const { text } = context;
    if (typeof values.template !== 'string') {
      if (!file!.toLowerCase().endsWith('.json')) {
        responseFormat(context, file!);
        throw new CliFailure(EXIT.usage, text.usage.needTemplate);
      }
      const survey = await resolveSurvey(context, file!);
      const { template } = survey;
      const questions = template.sections.reduce(
        (n, s) => n + s.questions.filter((q) => q.type !== 'note').length,
        0,
      );
      context.out(
        text.lines.templateValid(template.id, template.version, pick(template.title, context.lang)),
      );
      context.out(
        text.lines.templateSummary(template.sections.length, questions, template.scores?.length ?? 0),
      );
      return EXIT.ok;
    }
    const encoding = encodingOption(context, values.encoding);
    responseFormat(context, file!);
    const survey = await resolveSurvey(context, values.template);
    const validate = createResponseValidator(survey, { locale: context.lang });
    const tally = await readResponseFile(context, survey, file!, {
      encoding,
      validate,
      onResponse: () => {},
      problemsTo: 'stdout',
    });
    if (tally.fatal) return EXIT.invalid;
    if (tally.rejected === 0) {
      context.out(text.lines.allValid(file!, tally.valid));
      return EXIT.ok;
    }
    context.out(text.lines.summary(tally.rows - tally.blank, tally.valid, tally.rejected));
    return EXIT.invalid;
  },
};
