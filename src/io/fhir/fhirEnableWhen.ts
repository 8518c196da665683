import { isComparison, MIRRORED } from '../../expr/comparisons.js';
import type { BinaryOperator, Expr } from '../../expr/index.js';
import type { TemplateIndex } from '../../schema/index.js';

/** A FHIR R4 `Questionnaire.item.enableWhen`. */
export interface FhirEnableWhen {
  question: string;
  operator: 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: { code: string };
}

type Operator = FhirEnableWhen['operator'];
type Context = 'all' | 'any' | 'alone';

/**
 * Writes a kizuki condition as FHIR `enableWhen` entries and an `enableBehavior`, when it is a
 * single test or tests joined all by `and` or all by `or`: `q = c`, `q != c` (with `exists`, since
 * kizuki hides when `q` is unanswered), comparisons of numbers and dates, `in` and `not in`,
 * `selected(q, c)`, `answered(q)` and `not answered(q)`. An ordering of choice codes becomes the
 * codes it admits. Anything else gives `undefined`.
 */
export function fhirEnableWhen(
  expr: Expr,
  index: TemplateIndex,
): { enableWhen: FhirEnableWhen[]; enableBehavior?: 'all' | 'any' } | undefined {
  const join = expr.type === 'binary' && (expr.op === 'and' || expr.op === 'or') ? expr.op : undefined;
  const parts = join === undefined ? [expr] : flatten(expr, join);
  const context: Context = join === undefined ? 'alone' : join === 'and' ? 'all' : 'any';
  const enableWhen: FhirEnableWhen[] = [];
  let behavior: 'all' | 'any' | undefined = context === 'alone' ? undefined : context;
  for (const part of parts) {
    const tests = new Atoms(index).of(part, context);
    if (tests === undefined) return undefined;
    if (context === 'alone' && tests.entries.length > 1) behavior = tests.behavior;
    enableWhen.push(...tests.entries);
  }
  if (enableWhen.length === 0) return undefined;
  return enableWhen.length > 1 && behavior !== undefined
    ? { enableWhen, enableBehavior: behavior }
    : { enableWhen };
}

function flatten(expr: Expr, op: 'and' | 'or'): Expr[] {
  return expr.type === 'binary' && expr.op === op
    ? [...flatten(expr.left, op), ...flatten(expr.right, op)]
    : [expr];
}

class Atoms {
  constructor(private readonly index: TemplateIndex) {}

  /** The entries of one test; `behavior` says how they combine when there are several. */
  of(expr: Expr, context: Context): { entries: FhirEnableWhen[]; behavior: 'all' | 'any' } | undefined {
    const all = (entries: FhirEnableWhen[]) =>
      context === 'any' && entries.length > 1 ? undefined : { entries, behavior: 'all' as const };
    const any = (entries: FhirEnableWhen[]) =>
      context === 'all' && entries.length > 1 ? undefined : { entries, behavior: 'any' as const };
    if (expr.type === 'unary' && expr.op === 'not') {
      const inner = expr.operand;
      if (inner.type === 'call' && inner.name === 'answered') {
        const id = this.id(inner.args[0]);
        return id === undefined
          ? undefined
          : all([{ question: this.first(id), operator: 'exists', answerBoolean: false }]);
      }
      return undefined;
    }
    if (expr.type === 'call') {
      const id = this.id(expr.args[0]);
      if (id === undefined) return undefined;
      if (expr.name === 'answered')
        return all([{ question: this.first(id), operator: 'exists', answerBoolean: true }]);
      if (expr.name === 'selected') {
        const code = expr.args[1];
        if (code?.type !== 'literal' || typeof code.value !== 'number') return undefined;
        const answer = this.answer(id, code.value);
        if (answer === undefined) return undefined;
        // A ranking is a group of one item per rank: the code may be at any rank.
        const ranks = this.ranks(id);
        if (ranks.length > 0) return any(ranks.map((rank) => ({ question: rank, operator: '=', ...answer })));
        return all([{ question: id, operator: '=', ...answer }]);
      }
      return undefined;
    }
    if (expr.type !== 'binary') return undefined;
    let { left, right, op } = expr;
    if (left.type === 'literal' && right.type === 'identifier' && isComparison(op)) {
      [left, right] = [right, left];
      op = MIRRORED[op];
    }
    if (left.type !== 'identifier') return undefined;
    const id = this.id(left);
    if (id === undefined) return undefined;
    const symbol = this.index.symbol(id);
    if (op === 'in' || op === 'not in') {
      if (right.type !== 'list' || symbol?.kind !== 'code') return undefined;
      const answers = right.items.map((item) =>
        item.type === 'literal' && typeof item.value === 'number' ? this.answer(id, item.value) : undefined,
      );
      if (answers.some((a) => a === undefined)) return undefined;
      if (op === 'in') return any(answers.map((a) => ({ question: id, operator: '=', ...a })));
      return all([
        { question: id, operator: 'exists', answerBoolean: true },
        ...answers.map((a): FhirEnableWhen => ({ question: id, operator: '!=', ...a })),
      ]);
    }
    if (right.type !== 'literal' || !isComparison(op)) return undefined;
    const value = right.value;
    if (symbol?.kind === 'code') {
      if (typeof value !== 'number') return undefined;
      if (op === '=') return all([{ question: id, operator: '=', ...this.answer(id, value)! }]);
      if (op === '!=')
        return all([
          { question: id, operator: 'exists', answerBoolean: true },
          { question: id, operator: '!=', ...this.answer(id, value)! },
        ]);
      // FHIR orders no codings: an ordering of codes becomes the codes it admits.
      const codes = (symbol.codes ?? []).filter((c) => order(op, c, value));
      if (codes.length === 0) return undefined;
      return any(codes.map((c) => ({ question: id, operator: '=', ...this.answer(id, c)! })));
    }
    const answer = this.answer(id, value);
    if (answer === undefined) return undefined;
    const test: FhirEnableWhen = { question: id, operator: op as Operator, ...answer };
    // kizuki's `q != v` is unknown, so hidden, while q is unanswered: FHIR must see an answer first.
    return op === '!=' ? all([{ question: id, operator: 'exists', answerBoolean: true }, test]) : all([test]);
  }

  /** The linkIds of a ranking's rank items (`q.1`, `q.2`, …); empty for other questions. */
  private ranks(id: string): string[] {
    const question = this.index.questions.get(id)?.question;
    if (question?.type !== 'ranking') return [];
    return Array.from({ length: question.maxRanked }, (_, i) => `${id}.${i + 1}`);
  }

  /** The item whose answer says whether `id` is answered: a ranking's first rank, else itself. */
  private first(id: string): string {
    return this.ranks(id)[0] ?? id;
  }

  private id(expr: Expr | undefined): string | undefined {
    if (expr?.type !== 'identifier') return undefined;
    return this.index.symbol(expr.name) === undefined ? undefined : expr.name;
  }

  /** The typed answer of a test on `id`. */
  private answer(id: string, value: unknown): Omit<FhirEnableWhen, 'question' | 'operator'> | undefined {
    const kind = this.index.symbol(id)?.kind;
    if (kind === 'code' || kind === 'codes')
      return typeof value === 'number' ? { answerCoding: { code: String(value) } } : undefined;
    if (kind === 'number') {
      if (typeof value !== 'number') return undefined;
      const entry = this.index.questions.get(id)?.question;
      const integer = entry?.type === 'number' && entry.integer === true;
      if (!integer) return { answerDecimal: value };
      // An integer item takes integer answers only; a fractional bound is left to the extension.
      return Number.isInteger(value) ? { answerInteger: value } : undefined;
    }
    if (kind === 'date') return typeof value === 'string' ? { answerDate: value } : undefined;
    if (kind === 'text') return typeof value === 'string' ? { answerString: value } : undefined;
    return undefined;
  }
}

function order(op: BinaryOperator, a: number, b: number): boolean {
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}
