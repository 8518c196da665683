import * as z from 'zod';
import { TemplateSchema } from './templateSchema.js';

/**
 * The JSON Schema (draft 2020-12) of the template format, generated from the zod schemas. Editors
 * use it to complete and check template files; `templates/schema.json` is this, written out.
 * Meaning checks (references, translations, expressions) are beyond JSON Schema: run
 * `parseTemplate` for those.
 *
 * @example
 * ```ts
 * import { templateJsonSchema } from 'kizuki/schema';
 * writeFileSync('schema.json', JSON.stringify(templateJsonSchema(), null, 2));
 * ```
 */
export function templateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(TemplateSchema, { target: 'draft-2020-12', io: 'input', reused: 'ref' });
  return {
    ...schema,
    $id: 'https://kizuki.invalid/schema/template.schema.json',
    title: 'kizuki questionnaire template',
  };
}
