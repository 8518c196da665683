import { indexTemplate, type LocalisedText } from '../schema/index.js';
import { builtInTemplates } from './builtInTemplates.js';
import { templateTexts } from './templateTexts.js';

/** A built-in template as listed by {@link listTemplates}. */
export interface TemplateSummary {
  id: string;
  title: LocalisedText;
  audience?: LocalisedText;
  version: string;
  locales: string[];
  /**
   * Placeholder names used in its texts (`municipality` for `{municipality}`), to fill before use.
   * Braces around a question id pipe an earlier answer instead and are not listed.
   */
  placeholders: string[];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * The built-in templates: the programme's nine questionnaires in programme order, then the format
 * sampler `example-all-features`. Each call returns fresh objects.
 *
 * @example
 * ```ts
 * import { listTemplates } from 'kizuki/templates';
 * for (const t of listTemplates()) console.log(t.id, t.version, t.title.ja);
 * ```
 */
export function listTemplates(): TemplateSummary[] {
  return [...builtInTemplates.values()].map((template) => {
    const index = indexTemplate(template);
    const placeholders = new Set<string>();
    for (const { text } of templateTexts(template)) {
      for (const value of Object.values(text)) {
        for (const match of value.matchAll(PLACEHOLDER)) {
          const name = match[1]!;
          if (!index.questions.has(name) && !index.items.has(name)) placeholders.add(name);
        }
      }
    }
    const summary: TemplateSummary = {
      id: template.id,
      title: { ...template.title },
      version: template.version,
      locales: [...template.locales],
      placeholders: [...placeholders].sort(),
    };
    if (template.audience) summary.audience = { ...template.audience };
    return summary;
  });
}
