import type { Expr } from '../expr/index.js';
import type { Template } from './templateSchema.js';

/** An expression of a template, parsed and checked once. */
export interface CompiledExpression {
  /** The text as written in the template. */
  source: string;
  /** The parsed expression. */
  expr: Expr;
  /** Ids the expression reads, sorted. */
  dependencies: string[];
}

/** The compiled conditions of one section or question. */
export interface SurveyCondition {
  id: string;
  target: 'section' | 'question';
  visibleIf?: CompiledExpression;
  requiredIf?: CompiledExpression;
}

/**
 * A checked template, ready for the engine, validators and scoring. It is plain JSON: a server can
 * parse a template once and send the survey to browsers, which then need no schema library.
 */
export interface Survey {
  /** The template as checked. */
  template: Template;
  /** `sha256-` and the hex SHA-256 of the template's canonical JSON (sorted keys, `$schema` left out). */
  hash: string;
  /** Every condition, each after the conditions it depends on. */
  conditions: SurveyCondition[];
}
