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

describe('numbers', () => {
  it('keeps numbers that need more than the 15 digits spreadsheets keep', () => {
    const template = getTemplate('workplace-attractiveness')!;
    template.passRules![0]!.threshold = 2 / 3;
    template.scales![Object.keys(template.scales!)[0]!]!.options[0]!.value = 0.1 + 0.2;
    expect(hashTemplate(roundTrip(template))).toBe(hashTemplate(template));
  });
});
