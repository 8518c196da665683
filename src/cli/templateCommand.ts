import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { templateToWorkbook, workbookToTemplate } from '../io/workbook/index.js';
import type { Issue } from '../schema/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { resolvePath, writeTextFile } from './fileAccess.js';
import { formatIssue } from './formatIssue.js';
import { resolveSurvey } from './resolveSurvey.js';
import { templateText } from './templateText.js';

/** `kizuki template export|import`: templates as Excel workbooks for officers who edit them. */
export const templateCommand: Command = {
  name: 'template',
  help: { ja: templateText.ja.help, en: templateText.en.help },
  options: { xlsx: { type: 'boolean' }, out: { type: 'string' }, base: { type: 'string' } },
  positionals: ['export|import', 'FILE'],
  async run(context, values, [action, argument]) {
    const text = templateText[context.lang];
    if (action === 'export') {
      if (values.xlsx !== true) throw new CliFailure(EXIT.usage, text.needFormat);
      const survey = await resolveSurvey(context, argument!);
      const written = templateToWorkbook(survey.template, { locale: context.lang });
      if (!written.success) fail(context, argument!, written.issues);
      const out = typeof values.out === 'string' ? values.out : `${survey.template.id}.xlsx`;
      await writeBytes(context, out, written.bytes);
      context.out(text.wrote(out));
      return EXIT.ok;
    }
    if (action === 'import') {
      const bytes = await readBytes(context, argument!);
      const base =
        typeof values.base === 'string' ? (await resolveSurvey(context, values.base)).template : undefined;
      const result = workbookToTemplate(bytes, { locale: context.lang, ...(base ? { base } : {}) });
      if (!result.success) fail(context, argument!, result.issues);
      const out =
        typeof values.out === 'string' ? values.out : `${basename(argument!, extname(argument!))}.json`;
      await writeTextFile(context, out, `${JSON.stringify(result.template, null, 2)}\n`);
      if (result.changes) context.out(text.changes(result.changes.length));
      context.out(text.wrote(out));
      return EXIT.ok;
    }
    throw new CliFailure(EXIT.usage, text.unknownAction(String(action)));
  },
};

function fail(context: CliContext, file: string, issues: readonly Issue[]): never {
  const text = templateText[context.lang];
  // Workbook issues carry their `sheet!cell` in the message already.
  const lines = issues.map(
    (issue) => `  ${issue.params?.cell === undefined ? formatIssue(issue) : issue.message}`,
  );
  throw new CliFailure(EXIT.invalid, [text.invalid(file, issues.length), ...lines].join('\n'));
}

async function readBytes(context: CliContext, path: string): Promise<Uint8Array> {
  try {
    return await readFile(resolvePath(context, path));
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    throw new CliFailure(EXIT.io, context.text.io.cannotRead(path, code ?? String(error)));
  }
}

async function writeBytes(context: CliContext, path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(resolvePath(context, path), bytes);
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    throw new CliFailure(EXIT.io, context.text.io.cannotWrite(path, code ?? String(error)));
  }
}
