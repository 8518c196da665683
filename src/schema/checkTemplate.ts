import type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue, formatPath } from '../core/issue.js';
import type { Expr } from '../expr/index.js';
import { checkExpression, expressionDependencies, parseExpression } from '../expr/index.js';
import { indexTemplate, type TemplateIndex } from './indexTemplate.js';
import { forEachText } from './localeCompleteness.js';
import { templateMessages } from './messages.js';
import type { TemplateLimits } from './scanInput.js';
import type { SurveyCondition } from './survey.js';
import type { ChoiceOption, Question, Template } from './templateSchema.js';

type Code = keyof typeof templateMessages;

/** Checks what the schema cannot: references, uniqueness, translations, expressions and cycles. */
export function checkTemplate(
  template: Template,
  limits: TemplateLimits,
  locale: MessageLocale,
): { issues: Issue[]; conditions: SurveyCondition[] } {
  const issues: Issue[] = [];
  const report = (code: Code, path: PathSegment[], params?: Record<string, unknown>) => {
    issues.push(createIssue(templateMessages, code, path, locale, params));
  };
  const index = indexTemplate(template);

  checkLocales(template, report);
  checkIds(template, report);
  checkScales(template, report);
  checkQuestions(template, index, report);
  checkScores(template, index, report);
  checkBenchmarks(template, index, report);
  checkPassRules(template, index, report);
  const conditions = compileConditions(template, index, limits, locale, issues, report);
  return { issues, conditions };
}

type Report = (code: Code, path: PathSegment[], params?: Record<string, unknown>) => void;

function checkLocales(template: Template, report: Report): void {
  const seen = new Set<string>();
  template.locales.forEach((locale, i) => {
    if (seen.has(locale)) report('duplicate_locale', ['locales', i], { locale });
    seen.add(locale);
  });
  if (!seen.has('ja')) report('missing_ja_locale', ['locales']);
  forEachText(template, (text, path) => {
    for (const locale of seen) {
      const value = Object.hasOwn(text, locale) ? text[locale] : undefined;
      if (typeof value !== 'string' || value.trim() === '')
        report('missing_translation', [...path, locale], { locale });
    }
    for (const key of Object.keys(text)) {
      if (!seen.has(key)) report('undeclared_locale', [...path, key], { locale: key });
    }
  });
}

function checkIds(template: Template, report: Report): void {
  const first = new Map<string, PathSegment[]>();
  const claim = (id: string, path: PathSegment[]) => {
    const earlier = first.get(id);
    if (earlier) report('duplicate_id', path, { id, first: formatPath(earlier) });
    else first.set(id, path);
  };
  template.sections.forEach((section, si) => {
    claim(section.id, ['sections', si, 'id']);
    section.questions.forEach((q, qi) => {
      claim(q.id, ['sections', si, 'questions', qi, 'id']);
      if (q.type === 'matrix') {
        q.items.forEach((item, ii) => claim(item.id, ['sections', si, 'questions', qi, 'items', ii, 'id']));
      }
    });
  });
  const scores = new Map<string, PathSegment[]>();
  template.scores?.forEach((score, i) => {
    const earlier = scores.get(score.id);
    if (earlier) report('duplicate_id', ['scores', i, 'id'], { id: score.id, first: formatPath(earlier) });
    else scores.set(score.id, ['scores', i, 'id']);
  });
}

function checkCodes(codes: readonly { code: number }[], path: PathSegment[], report: Report): Set<number> {
  const seen = new Set<number>();
  codes.forEach((option, i) => {
    if (seen.has(option.code)) report('duplicate_code', [...path, i, 'code'], { code: option.code });
    seen.add(option.code);
  });
  return seen;
}

function checkScales(template: Template, report: Report): void {
  for (const [scaleId, scale] of Object.entries(template.scales ?? {})) {
    const path: PathSegment[] = ['scales', scaleId];
    const codes = checkCodes(scale.options, [...path, 'options'], report);
    for (const key of ['favourable', 'missing'] as const) {
      scale[key]?.forEach((code, i) => {
        if (!codes.has(code)) report('unknown_code', [...path, key, i], { code, owner: scaleId });
      });
    }
  }
}

function checkQuestions(template: Template, index: TemplateIndex, report: Report): void {
  template.sections.forEach((section, si) => {
    section.questions.forEach((q, qi) => {
      const path: PathSegment[] = ['sections', si, 'questions', qi];
      if ((q.type === 'likert' || q.type === 'matrix') && !index.scales.has(q.scale)) {
        report('unknown_scale', [...path, 'scale'], { scale: q.scale });
      }
      if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') checkChoice(q, path, report);
      if (q.type === 'number' || q.type === 'date') {
        if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
          report('min_exceeds_max', [...path, 'min'], { min: q.min, max: q.max });
        }
      }
    });
  });
}

function checkChoice(
  q: Extract<Question, { options: ChoiceOption[] }>,
  path: PathSegment[],
  report: Report,
): void {
  checkCodes(q.options, [...path, 'options'], report);
  const others = q.options.filter((o) => o.other);
  if (others.length > 1)
    report('multiple_other', [...path, 'options', q.options.lastIndexOf(others.at(-1)!)]);
  if (q.type !== 'multiple') {
    q.options.forEach((o, i) => {
      if (o.exclusive) report('exclusive_outside_multiple', [...path, 'options', i, 'exclusive']);
    });
  }
  if (q.type === 'multiple') {
    if (q.minSelected !== undefined && q.maxSelected !== undefined && q.minSelected > q.maxSelected) {
      report('min_exceeds_max', [...path, 'minSelected'], { min: q.minSelected, max: q.maxSelected });
    }
    if (q.maxSelected !== undefined && q.maxSelected > q.options.length) {
      report('max_exceeds_options', [...path, 'maxSelected'], {
        max: q.maxSelected,
        options: q.options.length,
      });
    }
    if (q.minSelected !== undefined && q.minSelected > q.options.length) {
      report('max_exceeds_options', [...path, 'minSelected'], {
        max: q.minSelected,
        options: q.options.length,
      });
    }
  }
  if (q.type === 'ranking') {
    if (q.maxRanked > q.options.length) {
      report('max_ranked_too_large', [...path, 'maxRanked'], {
        maxRanked: q.maxRanked,
        options: q.options.length,
      });
    }
    if (q.minRanked !== undefined && q.minRanked > q.maxRanked) {
      report('min_exceeds_max', [...path, 'minRanked'], { min: q.minRanked, max: q.maxRanked });
    }
  }
}

/** The scale an id is answered on, if it is a Likert question or a matrix item. */
function scaleOf(index: TemplateIndex, id: string): string | undefined {
  const item = index.items.get(id);
  if (item) return item.question.scale;
  const q = index.questions.get(id)?.question;
  return q?.type === 'likert' ? q.scale : undefined;
}

function checkScaleItem(
  index: TemplateIndex,
  id: string,
  path: PathSegment[],
  report: Report,
): string | undefined {
  if (!index.items.has(id) && !index.questions.has(id)) {
    report('unknown_item', path, { id });
    return undefined;
  }
  const scale = scaleOf(index, id);
  if (scale === undefined) report('not_scale_item', path, { id });
  return scale;
}

function checkScores(template: Template, index: TemplateIndex, report: Report): void {
  template.scores?.forEach((score, i) => {
    const path: PathSegment[] = ['scores', i];
    const scales = new Set<string>();
    score.items.forEach((id, ii) => {
      const scale = checkScaleItem(index, id, [...path, 'items', ii], report);
      if (scale !== undefined) scales.add(scale);
    });
    if (scales.size > 1) report('mixed_scales', [...path, 'items'], { scales: [...scales] });
    if (scales.size === 1 && (score.method === 'favourableShare' || score.method === 'count')) {
      const scaleId = [...scales][0]!;
      const scale = index.scales.get(scaleId);
      if (scale && (scale.favourable ?? []).length === 0)
        report('no_favourable_codes', [...path, 'method'], { scale: scaleId });
    }
    if (score.minAnswered !== undefined && score.minAnswered > score.items.length) {
      report('min_answered_too_large', [...path, 'minAnswered'], {
        minAnswered: score.minAnswered,
        items: score.items.length,
      });
    }
  });
}

function checkGroup(
  where: Record<string, number>,
  index: TemplateIndex,
  path: PathSegment[],
  report: Report,
): void {
  for (const [id, code] of Object.entries(where)) {
    const entry = index.questions.get(id);
    if (!entry) {
      report('unknown_item', [...path, id], { id });
      continue;
    }
    const symbol = index.symbol(id);
    if (symbol?.kind !== 'code' || entry.question.type === 'matrix') {
      report('not_choice_question', [...path, id], { id });
    } else if (symbol.codes && !symbol.codes.includes(code)) {
      report('unknown_code', [...path, id], { code, owner: id });
    }
  }
}

function checkBenchmarks(template: Template, index: TemplateIndex, report: Report): void {
  const scoreIds = new Set((template.scores ?? []).map((s) => s.id));
  template.benchmarks?.forEach((b, i) => {
    const path: PathSegment[] = ['benchmarks', i];
    if ((b.item === undefined) === (b.score === undefined)) report('benchmark_target', path);
    if (b.item !== undefined) checkScaleItem(index, b.item, [...path, 'item'], report);
    if (b.score !== undefined && !scoreIds.has(b.score))
      report('unknown_score', [...path, 'score'], { id: b.score });
    if ((b.statistic ?? 'favourableShare') === 'favourableShare' && (b.value < 0 || b.value > 1)) {
      report('share_out_of_range', [...path, 'value'], { value: b.value });
    }
    if (b.group) checkGroup(b.group, index, [...path, 'group'], report);
  });
}

function checkPassRules(template: Template, index: TemplateIndex, report: Report): void {
  const scores = new Map((template.scores ?? []).map((s) => [s.id, s]));
  template.passRules?.forEach((rule, i) => {
    const path: PathSegment[] = ['passRules', i];
    const score = scores.get(rule.score);
    if (!score) report('unknown_score', [...path, 'score'], { id: rule.score });
    else if (score.method !== 'favourableShare')
      report('pass_rule_method', [...path, 'score'], { id: rule.score });
    rule.groups.forEach((g, gi) => checkGroup(g.where, index, [...path, 'groups', gi, 'where'], report));
  });
}

/**
 * Parses and type-checks every condition, then orders them so that each comes after the conditions
 * it depends on. A question's visibility depends on its section's and on the visibility of every
 * answer its `visibleIf` reads (hidden answers count as unanswered), so a cycle there has no meaning.
 */
function compileConditions(
  template: Template,
  index: TemplateIndex,
  limits: TemplateLimits,
  locale: MessageLocale,
  issues: Issue[],
  report: Report,
): SurveyCondition[] {
  const compiled = new Map<string, SurveyCondition>();
  const paths = new Map<string, PathSegment[]>();
  const compile = (source: string, path: PathSegment[]) => {
    const parsed = parseExpression(source, { locale, maxLength: limits.maxExpressionLength });
    if (!parsed.success) {
      for (const issue of parsed.issues) issues.push({ ...issue, path: [...path, ...issue.path] });
      return undefined;
    }
    const problems = checkExpression(parsed.expr, { symbols: index.symbol, locale });
    for (const issue of problems) issues.push({ ...issue, path: [...path, ...issue.path] });
    if (problems.length > 0) return undefined;
    return { source, expr: parsed.expr as Expr, dependencies: expressionDependencies(parsed.expr) };
  };
  const add = (
    id: string,
    target: 'section' | 'question',
    path: PathSegment[],
    visibleIf: string | undefined,
    requiredIf: string | undefined,
  ) => {
    const condition: SurveyCondition = { id, target };
    if (visibleIf !== undefined) {
      const c = compile(visibleIf, [...path, 'visibleIf']);
      if (c) condition.visibleIf = c;
    }
    if (requiredIf !== undefined) {
      const c = compile(requiredIf, [...path, 'requiredIf']);
      if (c) {
        condition.requiredIf = c;
        if (c.dependencies.includes(id)) report('self_reference', [...path, 'requiredIf'], { id });
      }
    }
    if (condition.visibleIf || condition.requiredIf) {
      compiled.set(id, condition);
      paths.set(id, path);
    }
  };
  template.sections.forEach((section, si) => {
    add(section.id, 'section', ['sections', si], section.visibleIf, undefined);
    section.questions.forEach((q, qi) => {
      add(
        q.id,
        'question',
        ['sections', si, 'questions', qi],
        q.visibleIf,
        'requiredIf' in q ? q.requiredIf : undefined,
      );
    });
  });

  // Visibility graph: node → nodes whose visibility or value it needs first.
  const owner = (id: string): string => index.items.get(id)?.question.id ?? id;
  const edges = (id: string): string[] => {
    const out: string[] = [];
    const entry = index.questions.get(id);
    if (entry && compiled.get(entry.section.id)?.visibleIf) out.push(entry.section.id);
    for (const dep of compiled.get(id)?.visibleIf?.dependencies ?? []) out.push(owner(dep));
    return out;
  };
  const order = topologicalOrder([...compiled.keys()], edges, (cycle) => {
    const first = cycle[0]!;
    const path = paths.get(first);
    if (cycle.length === 1) report('self_reference', [...(path ?? []), 'visibleIf'], { id: first });
    else report('condition_cycle', [...(path ?? []), 'visibleIf'], { cycle: [...cycle, first] });
  });
  return order.flatMap((id) => {
    const c = compiled.get(id);
    return c ? [c] : [];
  });
}

/** Depth-first post-order without recursion; each cycle found is reported once. */
function topologicalOrder(
  roots: readonly string[],
  edges: (id: string) => string[],
  onCycle: (cycle: string[]) => void,
): string[] {
  const state = new Map<string, 'active' | 'done'>();
  const order: string[] = [];
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: Array<{ id: string; next: string[] }> = [{ id: root, next: edges(root) }];
    state.set(root, 'active');
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const dep = top.next.shift();
      if (dep === undefined) {
        stack.pop();
        state.set(top.id, 'done');
        order.push(top.id);
        continue;
      }
      const s = state.get(dep);
      if (s === 'active') {
        const start = stack.findIndex((frame) => frame.id === dep);
        onCycle(stack.slice(start).map((frame) => frame.id));
      } else if (s === undefined) {
        state.set(dep, 'active');
        stack.push({ id: dep, next: edges(dep) });
      }
    }
  }
  return order;
}
