import { bench, describe } from 'vitest';
import { fromXlsForm, templateToWorkbook, toXlsForm, workbookToTemplate } from '../src/io/workbook/index.js';
import { parseTemplate } from '../src/schema/index.js';
import { generateTemplate } from '../test/helpers/generateTemplate.js';

// 2,000 questions (with options, a scale and conditions): the size the issue sets a 1 s budget for.
const template = generateTemplate({ questions: 2_000 });
const json = JSON.stringify(template);
const written = templateToWorkbook(template);
if (!written.success) throw new Error('not written');
const bytes = written.bytes;

describe(`workbook, generated 2,000-question template (${Math.round(bytes.length / 1024)} kB .xlsx)`, () => {
  bench('workbookToTemplate (unzip, read sheets, parseTemplate)', () => {
    if (!workbookToTemplate(bytes).success) throw new Error('not read');
  });
  bench('templateToWorkbook', () => {
    if (!templateToWorkbook(template).success) throw new Error('not written');
  });
  bench('peer: parseTemplate from the same template as JSON text', () => {
    if (!parseTemplate(json).success) throw new Error('invalid');
  });
});

// The same template as an XLSForm (survey, choices and settings sheets; conditions as XPath).
const form = toXlsForm(template);
if (!form.success) throw new Error('not written');
const formBytes = form.bytes;

describe(`XLSForm, generated 2,000-question template (${Math.round(formBytes.length / 1024)} kB .xlsx)`, () => {
  bench('fromXlsForm (unzip, read sheets, translate XPath, parseTemplate)', () => {
    if (!fromXlsForm({ data: formBytes }).template) throw new Error('not read');
  });
  bench('peer: workbookToTemplate of the same template', () => {
    if (!workbookToTemplate(bytes).success) throw new Error('not read');
  });
});
