import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateToWorkbook, workbookToTemplate } from '../../../src/io/workbook/index.js';
import { hashTemplate, type Template } from '../../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../../src/templates/index.js';
import { templateArbitrary } from '../fhir/templateArbitrary.js';

function roundTrip(template: Template): Template {
  const written = templateToWorkbook(template);
  if (!written.success) throw new Error(JSON.stringify(written.issues, null, 1));
  const read = workbookToTemplate(written.bytes);
  if (!read.success) throw new Error(JSON.stringify(read.issues.slice(0, 5), null, 1));
  return read.template;
}

describe('template → workbook → template', () => {
  for (const { id } of listTemplates()) {
    it(`${id} comes back with the same hash`, () => {
      const template = getTemplate(id)!;
      const back = roundTrip(template);
      expect(back).toEqual(template);
      expect(hashTemplate(back)).toBe(hashTemplate(template));
    });
  }

  it('keeps generated templates (every question type, conditions, options) exactly', () => {
    fc.assert(
      fc.property(templateArbitrary(), (template) => {
        expect(hashTemplate(roundTrip(template))).toBe(hashTemplate(template));
      }),
      { numRuns: 60, seed: 18 },
    );
  });
});
