import { renderQuestionnaire } from '../report/index.js';
import { EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { writeTextFile } from './fileAccess.js';
import { resolveSurvey } from './resolveSurvey.js';

/** `kizuki print TEMPLATE`: the paper questionnaire. */
export const printCommand: Command = {
  name: 'print',
  options: { out: { type: 'string' } },
  positionals: ['TEMPLATE'],
  async run(context, values, [template]) {
    const survey = await resolveSurvey(context, template!);
    const out = typeof values.out === 'string' ? values.out : 'questionnaire.html';
    await writeTextFile(context, out, renderQuestionnaire({ survey, locale: context.lang }));
    context.out(context.text.io.wrote(out));
    return EXIT.ok;
  },
};
