import { bench, describe } from 'vitest';
import { hashTemplate, parseTemplate, TemplateSchema } from '../src/schema/index.js';
import { generateTemplate } from '../test/helpers/generateTemplate.js';

const template = generateTemplate({ questions: 1_000 });
const json = JSON.stringify(template);
const check = (result: ReturnType<typeof parseTemplate>) => {
  if (!result.success) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
};

describe('parseTemplate, generated 1,000-question template', () => {
  bench('parseTemplate from a value (everything)', () => check(parseTemplate(template)));
  bench('parseTemplate from JSON text (everything)', () => check(parseTemplate(json)));
  bench('zod shape check only (TemplateSchema.safeParse)', () => {
    if (!TemplateSchema.safeParse(template).success) throw new Error('invalid');
  });
  bench('content hash only (canonical JSON + SHA-256)', () => {
    hashTemplate(template);
  });
});
