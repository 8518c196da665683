import type { SurveyResponse } from '../schema/index.js';
import { createResponseValidator } from '../validate/index.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { encodingOption, positiveInt } from './optionValues.js';
import { readResponseFile, responseFormat } from './readResponseFile.js';
import { resolveSurvey } from './resolveSurvey.js';
import { anonymise, writeAnonymised } from './writeAnonymised.js';

/** `kizuki anonymise TEMPLATE RESPONSES --out FILE`: an anonymised copy with its audit log. */
export const anonymiseCommand: Command = {
  name: 'anonymise',
  options: { out: { type: 'string' }, k: { type: 'string' }, encoding: { type: 'string' } },
  positionals: ['TEMPLATE', 'RESPONSES'],
  async run(context, values, [templateArg, file]) {
    const { text } = context;
    if (typeof values.out !== 'string') throw new CliFailure(EXIT.usage, text.usage.needArgs('--out'));
    const k = positiveInt(context, 'k', values.k, 5);
    const encoding = encodingOption(context, values.encoding);
    responseFormat(context, file!);
    const survey = await resolveSurvey(context, templateArg!);
    const validate = createResponseValidator(survey, { locale: context.lang });
    const responses: SurveyResponse[] = [];
    const tally = await readResponseFile(context, survey, file!, {
      encoding,
      validate,
      onResponse: (response) => responses.push(response),
      problemsTo: 'stderr',
      maxShown: 100,
    });
    if (tally.fatal) return EXIT.invalid;
    const exported = anonymise(context, survey, responses, k);
    const audit = await writeAnonymised(context, survey, exported, values.out);
    const suppressed = exported.log
      .filter((entry) => entry.step === 'suppressValues')
      .reduce((sum, entry) => sum + entry.count, 0);
    if (tally.rejected > 0) context.err(text.lines.excluded);
    context.out(text.anonymise.done(values.out, exported.rows.length, k));
    context.out(text.anonymise.smallest(exported.smallestClass));
    context.out(text.anonymise.suppressed(suppressed));
    context.out(text.anonymise.audit(audit));
    return tally.rejected > 0 ? EXIT.invalid : EXIT.ok;
  },
};
