import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PathSegment } from '../../../src/core/issue.js';
import { parseExpression, printExpression } from '../../../src/expr/index.js';
import { fromXlsForm, toXlsForm } from '../../../src/io/workbook/index.js';
import type { Template } from '../../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../../src/templates/index.js';
import { templateArbitrary } from '../fhir/templateArbitrary.js';

/** A condition as kizuki prints it: `(q0 = 1)` and `q0 = 1` are the same expression. */
function canonical(key: string | undefined, value: unknown): unknown {
  if ((key !== 'visibleIf' && key !== 'requiredIf') || typeof value !== 'string') return value;
  const parsed = parseExpression(value);
  return parsed.success ? printExpression(parsed.expr) : value;
}

/** Paths where two values differ, leaf by leaf; conditions compared as expressions. */
function differences(a: unknown, b: unknown, path: PathSegment[] = [], out: PathSegment[][] = []) {
  const key = path.at(-1);
  a = canonical(String(key), a);
  b = canonical(String(key), b);
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const segment = Array.isArray(a) ? Number(key) : key;
      differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        [...path, segment],
        out,
      );
    }
  } else if (a !== b) out.push(path);
  return out;
}

/**
 * What the round trip loses that `toXlsForm` does not already list in `dropped`, as kinds of
 * path (indexes and scale ids left out).
 */
function unlisted(template: Template): string[] {
  const written = toXlsForm(template);
  if (!written.success) throw new Error(`${template.id} not written`);
  const read = fromXlsForm({ data: written.bytes });
  if (!read.template) throw new Error(JSON.stringify(read.issues.slice(0, 3), null, 1));
  const listed = written.dropped.map((d) => d.path);
  const kinds = new Set<string>();
  for (const path of differences(template, read.template)) {
    if (listed.some((p) => p.every((segment, i) => path[i] === segment))) continue;
    const kind = path
      .map((s, i) => (typeof s === 'number' ? '[]' : path[i - 1] === 'scales' ? '{scale}' : `.${s}`))
      .join('')
      .slice(1);
    kinds.add(kind);
  }
  return [...kinds].sort();
}

/**
 * Everything XLSForm cannot carry beyond what `toXlsForm` lists: the whole list, so that the test
 * fails when anything new is lost.
 */
const CANNOT = [
  // The JSON Schema reference of the template file.
  '$schema',
  // `integer: false` and no `integer` are both XLSForm's `decimal`.
  'sections[].questions[].integer',
];

describe('template → toXlsForm → fromXlsForm', () => {
  it('keeps every question, option, condition and translation of every built-in template that XLSForm can state', () => {
    const lost = new Set<string>();
    for (const { id } of listTemplates()) for (const kind of unlisted(getTemplate(id)!)) lost.add(kind);
    expect([...lost].sort()).toEqual([...CANNOT].sort());
  });

  it('keeps the conditions exactly, `in` lists included', () => {
    const template = getTemplate('youth-voice')!;
    const written = toXlsForm(template);
    if (!written.success) throw new Error('not written');
    const back = fromXlsForm({ data: written.bytes }).template!;
    const conditions = (t: Template) =>
      t.sections.flatMap((s) => [
        s.visibleIf,
        ...s.questions.flatMap((q) => [q.visibleIf, 'requiredIf' in q ? q.requiredIf : undefined]),
      ]);
    expect(conditions(back)).toEqual(conditions(template));
    expect(conditions(back)).toContain('residence not in [3, 4]');
  });

  it('keeps generated templates (every question type, conditions, options) within the same list', () => {
    fc.assert(
      fc.property(templateArbitrary(), (template) => {
        for (const kind of unlisted(template)) expect(CANNOT).toContain(kind);
      }),
      { numRuns: 40, seed: 18 },
    );
  });
});
