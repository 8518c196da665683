import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fromXlsForm, templateToWorkbook, toXlsForm, workbookToTemplate } from '../io/workbook/index.js';
import { baseStyles, htmlDocument } from '../report/htmlDocument.js';
import type { Issue, Template } from '../schema/index.js';
import { compareTemplates, renderTemplateComparison } from '../templates/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { resolvePath, writeTextFile } from './fileAccess.js';
import { formatIssue } from './formatIssue.js';
import { resolveSurvey } from './resolveSurvey.js';
import { templateText } from './templateText.js';

/**
 * `kizuki template export|import|diff`: templates as Excel workbooks for officers who edit them, and
 * what an edit does to comparability with the previous wave and the national benchmarks.
 */
export const templateCommand: Command = {
  name: 'template',
  help: { ja: templateText.ja.help, en: templateText.en.help },
  options: {
    xlsx: { type: 'boolean' },
    xlsform: { type: 'boolean' },
    out: { type: 'string' },
    base: { type: 'string' },
  },
  positionals: ['export|import|diff', 'FILE', 'CHANGED'],
  arity: () => ({ min: 2, max: 3 }),
  async run(context, values, [action, argument, changedArgument]) {
    const text = templateText[context.lang];
    if (action === 'export') {
      if ((values.xlsx === true) === (values.xlsform === true))
        throw new CliFailure(EXIT.usage, text.needFormat);
      const survey = await resolveSurvey(context, argument!);
      if (values.xlsform === true) {
        const form = toXlsForm(survey.template, { locale: context.lang });
        if (!form.success) fail(context, argument!, form.issues);
        const out = typeof values.out === 'string' ? values.out : `${survey.template.id}.xlsform.xlsx`;
        await writeBytes(context, out, form.bytes);
        // What XLSForm cannot carry is said, not dropped silently.
        if (form.dropped.length > 0) context.err(text.dropped(form.dropped.length));
        for (const issue of form.dropped) context.err(`  ${formatIssue(issue)}`);
        context.out(text.wrote(out));
        return EXIT.ok;
      }
      const written = templateToWorkbook(survey.template, { locale: context.lang });
      if (!written.success) fail(context, argument!, written.issues);
      const out = typeof values.out === 'string' ? values.out : `${survey.template.id}.xlsx`;
      await writeBytes(context, out, written.bytes);
      context.out(text.wrote(out));
      return EXIT.ok;
    }
    if (action === 'import') {
      const bytes = await readBytes(context, argument!);
      const out =
        typeof values.out === 'string' ? values.out : `${basename(argument!, extname(argument!))}.json`;
      // An XLSForm is told by its survey sheet (or said with --xlsform); otherwise it is our workbook.
      const form = fromXlsForm({ data: bytes, locale: context.lang });
      if (values.xlsform === true || !form.issues.some((i) => i.code === 'missing_sheet')) {
        if (typeof values.base === 'string') throw new CliFailure(EXIT.usage, text.baseNotForXlsForm);
        const errors = form.issues.filter((i) => i.params?.severity !== 'notice');
        const notices = form.issues.filter((i) => i.params?.severity === 'notice');
        if (errors.length > 0 || !form.template) fail(context, argument!, [...errors, ...notices]);
        if (notices.length > 0) context.err(text.notices(notices.length));
        for (const issue of notices) context.err(`  ${issue.message}`);
        await writeTextFile(context, out, `${JSON.stringify(form.template, null, 2)}\n`);
        context.out(text.wrote(out));
        return EXIT.ok;
      }
      const base =
        typeof values.base === 'string' ? (await resolveSurvey(context, values.base)).template : undefined;
      const result = workbookToTemplate(bytes, { locale: context.lang, ...(base ? { base } : {}) });
      if (!result.success) fail(context, argument!, result.issues);
      await writeTextFile(context, out, `${JSON.stringify(result.template, null, 2)}\n`);
      if (result.changes) context.out(text.changes(result.changes.length));
      context.out(text.wrote(out));
      return EXIT.ok;
    }
    if (action === 'diff') {
      if (changedArgument === undefined) throw new CliFailure(EXIT.usage, text.diffNeedsTwo);
      const base = (await resolveSurvey(context, argument!)).template;
      const changed = await changedTemplate(context, changedArgument);
      const comparison = compareTemplates(base, changed);
      context.out(renderTemplateComparison(comparison, { locale: context.lang }));
      if (typeof values.out === 'string') {
        const body = renderTemplateComparison(comparison, { locale: context.lang, format: 'html' });
        const title = text.diffTitle(base.id, changed.id);
        await writeTextFile(
          context,
          values.out,
          htmlDocument({
            lang: context.lang,
            title,
            styles: `${baseStyles}
${DIFF_STYLES}`,
            body,
          }),
        );
        context.out(text.wrote(values.out));
      }
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

const DIFF_STYLES = `table.data { border-collapse: collapse; width: 100%; }
table.data th, table.data td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }`;

/**
 * The changed side of a diff: a template JSON (or built-in id), or a workbook read as it stands (an
 * officer's edited copy usually still carries the base's id, which an import against the base refuses).
 */
async function changedTemplate(context: CliContext, argument: string): Promise<Template> {
  if (extname(argument).toLowerCase() !== '.xlsx') return (await resolveSurvey(context, argument)).template;
  const result = workbookToTemplate(await readBytes(context, argument), { locale: context.lang });
  if (!result.success) fail(context, argument, result.issues);
  return result.template;
}
