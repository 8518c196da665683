import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../core/issue.js';
import type { Template } from '../schema/index.js';
import { interopMessages } from './interopMessages.js';

/** A template field that SurveyJS or FHIR may have no place for. */
export type DroppableField =
  | 'id'
  | 'version'
  | 'provenance'
  | 'licence'
  | 'audience'
  | 'derivedFrom'
  | 'scores'
  | 'benchmarks'
  | 'passRules'
  | 'label'
  | 'value'
  | 'favourable'
  | 'missing'
  | 'role'
  | 'personalData'
  | 'reverse'
  | 'tags'
  | 'unit'
  | 'randomise';

const TEMPLATE_FIELDS = [
  'id',
  'version',
  'provenance',
  'licence',
  'audience',
  'derivedFrom',
  'scores',
  'benchmarks',
  'passRules',
] as const;
const QUESTION_FIELDS = ['role', 'personalData', 'reverse', 'tags', 'unit', 'randomise'] as const;

/**
 * One issue for each field of `template` that the target format has no place for: everything a
 * converter leaves out is reported, nothing is dropped silently. `carried` lists the fields the
 * format does carry.
 */
export function droppedFields(
  template: Template,
  options: { format: string; carried: ReadonlySet<DroppableField>; locale: MessageLocale },
): Issue[] {
  const { format, carried, locale } = options;
  const issues: Issue[] = [];
  const drop = (fieldName: DroppableField, path: PathSegment[]) => {
    if (!carried.has(fieldName))
      issues.push(createIssue(interopMessages, 'field_dropped', path, locale, { format, field: fieldName }));
  };
  // A false flag (`reverse: false`) says nothing that is lost.
  const has = (object: object, key: string) => {
    const value = Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
    return value !== undefined && value !== false;
  };

  for (const key of TEMPLATE_FIELDS) if (has(template, key)) drop(key, [key]);
  for (const [scaleId, scale] of Object.entries(template.scales ?? {})) {
    if (scale.label !== undefined) drop('label', ['scales', scaleId, 'label']);
    if (scale.favourable !== undefined) drop('favourable', ['scales', scaleId, 'favourable']);
    if (scale.missing !== undefined) drop('missing', ['scales', scaleId, 'missing']);
    scale.options.forEach((option, i) => {
      if (option.value !== undefined) drop('value', ['scales', scaleId, 'options', i, 'value']);
    });
  }
  template.sections.forEach((section, si) => {
    section.questions.forEach((question, qi) => {
      const path = ['sections', si, 'questions', qi];
      for (const key of QUESTION_FIELDS) if (has(question, key)) drop(key, [...path, key]);
      if (question.type === 'matrix') {
        question.items.forEach((item, ii) => {
          if (item.reverse === true) drop('reverse', [...path, 'items', ii, 'reverse']);
          if (item.tags !== undefined) drop('tags', [...path, 'items', ii, 'tags']);
        });
      }
      if (question.type === 'single' || question.type === 'multiple' || question.type === 'ranking') {
        question.options.forEach((option, oi) => {
          if (option.missing === true) drop('missing', [...path, 'options', oi, 'missing']);
          if (option.value !== undefined) drop('value', [...path, 'options', oi, 'value']);
        });
      }
    });
  });
  return issues;
}
