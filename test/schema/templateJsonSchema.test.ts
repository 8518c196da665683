import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { templateJsonSchema } from '../../src/schema/index.js';
import { exampleTemplate, minimalTemplate } from '../helpers/templates.js';

const file = new URL('../../templates/schema.json', import.meta.url);
// `npm run schema` sets UPDATE_SCHEMA to rewrite the committed file.
if (process.env.UPDATE_SCHEMA) writeFileSync(file, `${JSON.stringify(templateJsonSchema(), null, 2)}\n`);
const committed = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;

describe('templates/schema.json', () => {
  it('is up to date with the zod schemas (run `npm run schema` to refresh it)', () => {
    expect(committed).toEqual(templateJsonSchema());
  });

  it('accepts the valid templates and rejects a broken one in a standard validator', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(committed);
    expect(validate(exampleTemplate())).toBe(true);
    expect(validate(minimalTemplate())).toBe(true);
    const broken = minimalTemplate() as unknown as Record<string, unknown>;
    broken.unknownField = 1;
    expect(validate(broken)).toBe(false);
  });
});
