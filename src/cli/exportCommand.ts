import { codebookToCsv, codebookToMarkdown, csvLayout, spssSyntax } from '../io/index.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { writeTextFile } from './fileAccess.js';
import { choice } from './optionValues.js';
import { resolveSurvey } from './resolveSurvey.js';

const FORMATS = ['codebook', 'codebook-md', 'spss', 'csv-header'] as const;

/** `kizuki export TEMPLATE --format …`: codebook, SPSS syntax or the CSV header row. */
export const exportCommand: Command = {
  name: 'export',
  options: { format: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' } },
  positionals: ['TEMPLATE'],
  async run(context, values, [template]) {
    if (values.format === undefined)
      throw new CliFailure(EXIT.usage, context.text.usage.needArgs('--format'));
    const format = choice(context, 'format', values.format, FORMATS, 'codebook');
    const survey = await resolveSurvey(context, template!);
    // Files get a byte order mark so Excel reads the Japanese; the screen does not need one.
    const toFile = typeof values.out === 'string';
    let content: string;
    switch (format) {
      case 'codebook':
        content = codebookToCsv(survey, { bom: toFile });
        break;
      case 'codebook-md':
        content = codebookToMarkdown(survey, { locale: context.lang });
        break;
      case 'spss':
        content = spssSyntax(survey, {
          locale: context.lang,
          dataFile: typeof values.data === 'string' ? values.data : 'responses.csv',
        });
        break;
      case 'csv-header':
        content = `${toFile ? '\uFEFF' : ''}${csvLayout(survey)
          .map((c) => c.name)
          .join(',')}\r\n`;
        break;
    }
    if (toFile) {
      await writeTextFile(context, values.out as string, content);
      context.err(context.text.io.wrote(values.out as string));
    } else {
      context.io.stdout.write(content);
    }
    return EXIT.ok;
  },
};
