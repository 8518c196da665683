import type { Expr, FunctionName } from '../../expr/index.js';
import { printExpression } from '../../expr/index.js';
import { answerKeyOf, arrayOf, field, record } from './fhirFields.js';

/** What the condition reader needs to know of the item an `enableWhen` refers to. */
export interface EnableWhenTarget {
  type: string;
  repeats: boolean;
  /** Option codes of a choice (see `FhirAnswerTarget`). */
  codes?: Record<string, number>;
  /** A rank item of a ranking group: the ranking's linkId, this rank and the number of ranks. */
  rank?: { ranking: string; rank: number; ranks: number };
}

/** Why one `enableWhen` entry could not be read; the item's whole condition is then left out. */
export interface EnableWhenProblem {
  index: number;
  question: string;
  operator: string;
  detail: string;
}

const OPERATORS = new Set(['exists', '=', '!=', '>', '<', '>=', '<=']);
const AT = { start: 0, end: 0 };
const id = (name: string): Expr => ({ type: 'identifier', name, ...AT });
const literal = (value: number | string): Expr => ({ type: 'literal', value, ...AT });
const call = (name: FunctionName, ...args: Expr[]): Expr => ({ type: 'call', name, args, ...AT });
const binary = (op: Extract<Expr, { type: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({
  type: 'binary',
  op,
  left,
  right,
  ...AT,
});
const not = (operand: Expr): Expr => ({ type: 'unary', op: 'not', operand, ...AT });

/**
 * Reads an item's `enableWhen` and `enableBehavior` as a kizuki condition with FHIR's meaning: an
 * entry on an unanswered item is false (kizuki's comparison with an unanswered question is unknown,
 * which hides just the same), a repeating item matches when any answer does, `exists` is
 * `answered`. A test of a ranking's rank items is read only in the form `toFhirQuestionnaire` writes
 * for `selected` (the same code at every rank, with `any`). Anything it cannot state is a problem,
 * and the condition is then left out whole.
 */
export function readFhirEnableWhen(
  item: Record<string, unknown>,
  context: { target(linkId: string): EnableWhenTarget | undefined; resolve(linkId: string): string },
): { expr?: Expr; problems: EnableWhenProblem[]; behaviorMissing: boolean } {
  const entries = arrayOf(field(item, 'enableWhen'));
  const problems: EnableWhenProblem[] = [];
  if (entries.length === 0) return { problems, behaviorMissing: false };
  const declared = field(item, 'enableBehavior');
  const behaviorMissing = entries.length > 1 && declared !== 'all' && declared !== 'any';
  const behavior = declared === 'any' ? 'or' : 'and';
  const parts: Expr[] = [];
  // Rank tests by ranking and code: the ranks they name must be all of them.
  const rankTests = new Map<
    string,
    { ranking: string; code: number; ranks: Set<number>; of: number; index: number }
  >();

  entries.forEach((raw, index) => {
    const entry = record(raw) ?? {};
    const question = field(entry, 'question');
    const operator = field(entry, 'operator');
    const problem = (detail: string) =>
      problems.push({ index, question: String(question), operator: String(operator), detail });
    if (typeof question !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator))
      return problem('not_supported');
    const target = context.target(question);
    if (!target) return problem('unknown_question');
    if (target.type === 'group' || target.type === 'display') return problem('not_answerable');
    if (operator === 'exists') {
      const answered = field(entry, 'answerBoolean');
      if (typeof answered !== 'boolean') return problem('answer_type');
      const rank = target.rank;
      const name = context.resolve(rank ? rank.ranking : question);
      const has =
        rank && rank.rank > 1
          ? binary('>=', call('count', id(name)), literal(rank.rank))
          : call('answered', id(name));
      parts.push(
        answered
          ? has
          : rank && rank.rank > 1
            ? binary('or', not(call('answered', id(name))), not(has))
            : not(has),
      );
      return;
    }
    const op = operator as '=' | '!=' | '>' | '<' | '>=' | '<=';
    if (target.codes) {
      const key = answerKeyOf(entry);
      const code = key === undefined ? undefined : target.codes[key];
      if (op !== '=' && op !== '!=') return problem('coding_order');
      if (code === undefined)
        return problem(
          key?.startsWith('s:') && target.type === 'open-choice' ? 'other_text' : 'unknown_code',
        );
      if (target.rank) {
        if (op !== '=') return problem('rank_position');
        const test = `${target.rank.ranking}\u0000${code}`;
        const known = rankTests.get(test) ?? {
          ranking: target.rank.ranking,
          code,
          ranks: new Set<number>(),
          of: target.rank.ranks,
          index,
        };
        known.ranks.add(target.rank.rank);
        rankTests.set(test, known);
        return;
      }
      const name = id(context.resolve(question));
      if (!target.repeats) {
        parts.push(binary(op, name, literal(code)));
        return;
      }
      if (op === '=') {
        parts.push(call('selected', name, literal(code)));
        return;
      }
      // FHIR: a repeating item is != c when any of its answers is another code.
      const others = Object.values(target.codes).filter((c) => c !== code);
      if (others.length === 0) return problem('unknown_code');
      parts.push(others.map((c) => call('selected', name, literal(c))).reduce((a, b) => binary('or', a, b)));
      return;
    }
    const value = answerValue(entry, target.type);
    if (value === undefined) return problem('answer_type');
    if ((target.type === 'string' || target.type === 'text') && op !== '=' && op !== '!=')
      return problem('not_supported');
    parts.push(binary(op, id(context.resolve(question)), literal(value)));
  });

  for (const test of rankTests.values()) {
    const complete = test.ranks.size === test.of && (behavior === 'or' || test.of === 1);
    if (!complete) {
      problems.push({ index: test.index, question: test.ranking, operator: '=', detail: 'rank_position' });
      continue;
    }
    parts.push(call('selected', id(context.resolve(test.ranking)), literal(test.code)));
  }
  if (problems.length > 0) return { problems, behaviorMissing };
  const seen = new Set<string>();
  const unique = parts.filter((part) => {
    const text = printExpression(part);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  const expr = unique.reduce((a, b) => binary(behavior, a, b));
  return { expr, problems, behaviorMissing };
}

/** The compared value of a non-choice entry, when its type suits the item. */
function answerValue(entry: Record<string, unknown>, type: string): number | string | undefined {
  if (type === 'integer' || type === 'decimal') {
    const n = field(entry, 'answerInteger') ?? field(entry, 'answerDecimal');
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  }
  if (type === 'date') {
    const d = field(entry, 'answerDate');
    return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined;
  }
  if (type === 'string' || type === 'text') {
    const s = field(entry, 'answerString');
    return typeof s === 'string' ? s : undefined;
  }
  return undefined;
}
