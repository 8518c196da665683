import type { PathSegment } from '../core/issue.js';
import type { LocalisedText, Template } from './templateSchema.js';

/** Calls `visit` with every localised text of a template and its path. */
export function forEachText(
  template: Template,
  visit: (text: LocalisedText, path: PathSegment[]) => void,
): void {
  const maybe = (text: LocalisedText | undefined, path: PathSegment[]) => {
    if (text !== undefined) visit(text, path);
  };
  maybe(template.title, ['title']);
  maybe(template.description, ['description']);
  maybe(template.introduction, ['introduction']);
  maybe(template.audience, ['audience']);
  maybe(template.provenance.notes, ['provenance', 'notes']);
  for (const [scaleId, scale] of Object.entries(template.scales ?? {})) {
    maybe(scale.label, ['scales', scaleId, 'label']);
    scale.options.forEach((o, i) => visit(o.label, ['scales', scaleId, 'options', i, 'label']));
  }
  template.sections.forEach((section, si) => {
    const sp: PathSegment[] = ['sections', si];
    visit(section.title, [...sp, 'title']);
    maybe(section.description, [...sp, 'description']);
    section.questions.forEach((q, qi) => {
      const qp: PathSegment[] = [...sp, 'questions', qi];
      visit(q.label, [...qp, 'label']);
      maybe(q.help, [...qp, 'help']);
      if (q.type === 'number') maybe(q.unit, [...qp, 'unit']);
      if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') {
        q.options.forEach((o, oi) => visit(o.label, [...qp, 'options', oi, 'label']));
      }
      if (q.type === 'matrix') q.items.forEach((item, ii) => visit(item.text, [...qp, 'items', ii, 'text']));
    });
  });
  template.scores?.forEach((score, i) => visit(score.label, ['scores', i, 'label']));
  template.benchmarks?.forEach((b, i) => maybe(b.note, ['benchmarks', i, 'note']));
  template.passRules?.forEach((rule, i) => {
    visit(rule.label, ['passRules', i, 'label']);
    rule.groups.forEach((g, gi) => visit(g.label, ['passRules', i, 'groups', gi, 'label']));
  });
}

/** How far one locale's translation of a template has got. */
export interface LocaleCompleteness {
  locale: string;
  /** Texts in the template. */
  total: number;
  /** Texts that have a non-empty translation in this locale. */
  translated: number;
  /** `translated / total`, 1 when the template has no texts. */
  ratio: number;
  /** Paths of the texts still missing. */
  missing: PathSegment[][];
}

/**
 * Reports, for each locale, how many texts are translated and which are missing. Useful while a
 * municipality adds a locale to a template, before `parseTemplate` insists on completeness.
 *
 * @example
 * ```ts
 * const [ja, en] = localeCompleteness({ template, locales: ['ja', 'en'] });
 * console.log(`${en.translated}/${en.total}`, en.missing);
 * ```
 */
export function localeCompleteness(options: {
  template: Template;
  locales?: readonly string[];
}): LocaleCompleteness[] {
  const locales = options.locales ?? options.template.locales;
  const reports = locales.map((locale) => ({
    locale,
    total: 0,
    translated: 0,
    ratio: 1,
    missing: [] as PathSegment[][],
  }));
  forEachText(options.template, (text, path) => {
    for (const report of reports) {
      report.total += 1;
      const value = Object.hasOwn(text, report.locale) ? text[report.locale] : undefined;
      if (typeof value === 'string' && value.trim() !== '') report.translated += 1;
      else report.missing.push(path);
    }
  });
  for (const report of reports) report.ratio = report.total === 0 ? 1 : report.translated / report.total;
  return reports;
}
