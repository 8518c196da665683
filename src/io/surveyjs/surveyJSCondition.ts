import { type Comparison, isComparison, MIRRORED, NEGATED } from '../../expr/comparisons.js';
import type { BinaryOperator, Expr } from '../../expr/index.js';
import type { TemplateIndex } from '../../schema/index.js';

/** Why a kizuki condition has no SurveyJS equivalent. */
export type ConditionGap =
  | 'boolean_compare'
  | 'array_value'
  | 'non_literal'
  | 'string_quote'
  | 'other_order'
  | 'unknown_id'
  | 'too_large';

/** Facts about the survey that the translation needs. */
export interface SurveyJSConditionContext {
  index: TemplateIndex;
  /** The code of the "other" option of choice questions that SurveyJS stores as `"other"`. */
  otherCodes: ReadonlyMap<string, number>;
  /**
   * For each question id, the `visibleIf`s that must hold for it to be shown (its section's, then its
   * own). kizuki reads the answer of a hidden question as unanswered, so every read of an answer is
   * guarded by the question's own visibility, translated the same way. Without it, answers are read
   * as they are.
   */
  shownWhen?: ReadonlyMap<string, readonly Expr[]>;
}

/** Longest condition text written; a deep web of guarded conditions beyond it is reported instead. */
const MAX_TEXT = 20_000;

/** A SurveyJS condition being built, with the loosest operator at its top: 0 `or`, 1 `and`, 2 none. */
interface Cond {
  text: string;
  level: 0 | 1 | 2;
}

class Gap extends Error {
  constructor(readonly gap: ConditionGap) {
    super(gap);
  }
}

const TRUE: Cond = { text: 'true', level: 2 };
const FALSE: Cond = { text: 'false', level: 2 };
const atom = (text: string): Cond => ({ text, level: 2 });
const wrap = (c: Cond, min: number): string => (c.level < min ? `(${c.text})` : c.text);
/** SurveyJS's `!`: SurveyJS logic is two-valued, so this is exactly "the condition does not hold". */
const negate = (c: Cond): Cond => (c === TRUE ? FALSE : c === FALSE ? TRUE : atom(`!(${c.text})`));

function all(...parts: Cond[]): Cond {
  const kept: Cond[] = [];
  for (const part of parts) {
    if (part === FALSE) return FALSE;
    if (part !== TRUE) kept.push(part);
  }
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0]!;
  return { text: kept.map((c) => wrap(c, 1)).join(' and '), level: 1 };
}

function any(...parts: Cond[]): Cond {
  const kept: Cond[] = [];
  for (const part of parts) {
    if (part === TRUE) return TRUE;
    if (part !== FALSE) kept.push(part);
  }
  if (kept.length === 0) return FALSE;
  if (kept.length === 1) return kept[0]!;
  return { text: kept.map((c) => wrap(c, 0)).join(' or '), level: 0 };
}

/**
 * Translates a kizuki condition into a SurveyJS expression that is true exactly when the kizuki
 * condition is true. kizuki's logic is three-valued (an unanswered question is unknown, and unknown
 * hides) while SurveyJS's is two-valued (`{q} != 1` is true when `q` is empty), so the translation
 * carries two forms of each part — "is true" and "is false" — and guards comparisons with
 * `notempty` where SurveyJS would otherwise count an empty answer as a match.
 */
export function surveyJSCondition(
  expr: Expr,
  context: SurveyJSConditionContext,
): { ok: true; text: string } | { ok: false; gap: ConditionGap } {
  try {
    const { text } = new Translator(context).truth(expr, true);
    if (text.length > MAX_TEXT) return { ok: false, gap: 'too_large' };
    return { ok: true, text };
  } catch (error) {
    if (error instanceof Gap) return { ok: false, gap: error.gap };
    throw error;
  }
}

class Translator {
  private readonly shown = new Map<string, Cond>();

  constructor(private readonly context: SurveyJSConditionContext) {}

  /**
   * The SurveyJS condition for "question `id` (or the matrix of item `id`) is shown", memoised.
   * Conditions of a template form no cycle, so the recursion ends.
   */
  private visible(id: string): Cond {
    const owner = this.context.index.items.get(id)?.question.id ?? id;
    let cond = this.shown.get(owner);
    if (cond === undefined) {
      cond = all(...(this.context.shownWhen?.get(owner) ?? []).map((expr) => this.truth(expr, true)));
      if (cond.text.length > MAX_TEXT) throw new Gap('too_large');
      this.shown.set(owner, cond);
    }
    return cond;
  }

  /** "`expr` (an identifier) has a value kizuki reads": shown and answered. */
  private present(expr: Expr | undefined): Cond {
    if (expr?.type !== 'identifier') throw new Gap('non_literal');
    return all(
      this.visible(expr.name),
      this.matrix(expr.name, 'notempty'),
      atom(`${this.variable(expr)} notempty`),
    );
  }

  /** "`expr` (an identifier) reads as unanswered in kizuki": hidden or unanswered. */
  private absent(expr: Expr | undefined): Cond {
    if (expr?.type !== 'identifier') throw new Gap('non_literal');
    return any(
      negate(this.visible(expr.name)),
      this.matrix(expr.name, 'empty'),
      atom(`${this.variable(expr)} empty`),
    );
  }

  /**
   * For a matrix item, `{matrix} empty`/`notempty`: survey-core re-runs a condition that reads
   * `{matrix.item}` only when that item's value changes, not when the whole matrix is cleared, so the
   * condition names the matrix too. For a question, the neutral part of the `or` or `and` it joins.
   */
  private matrix(id: string, test: 'empty' | 'notempty'): Cond {
    const item = this.context.index.items.get(id);
    if (item) return atom(`{${item.question.id}} ${test}`);
    return test === 'empty' ? FALSE : TRUE;
  }

  /** The SurveyJS condition for "expr is true" (`positive`) or "expr is false". */
  truth(expr: Expr, positive: boolean): Cond {
    switch (expr.type) {
      case 'literal':
        if (typeof expr.value !== 'boolean') return FALSE;
        return expr.value === positive ? TRUE : FALSE;
      case 'unary':
        if (expr.op === 'not') return this.truth(expr.operand, !positive);
        return FALSE;
      case 'binary':
        return this.binary(expr, positive);
      case 'call':
        if (expr.name === 'answered')
          return positive ? this.present(expr.args[0]) : this.absent(expr.args[0]);
        if (expr.name === 'selected') return this.selected(expr.args, positive);
        // A number is neither true nor false: the condition is unknown, which never holds.
        return FALSE;
      default:
        return FALSE;
    }
  }

  private binary(expr: Extract<Expr, { type: 'binary' }>, positive: boolean): Cond {
    const { op, left, right } = expr;
    if (op === 'and' || op === 'or') {
      const l = this.truth(left, positive);
      const r = this.truth(right, positive);
      // not (a and b) is (not a) or (not b): the "false" forms swap the connective.
      return (op === 'and') === positive ? all(l, r) : any(l, r);
    }
    if (op === 'in' || op === 'not in') return this.membership(left, right, (op === 'in') === positive);
    if (!isComparison(op)) return FALSE; // arithmetic as a condition is a number, never true
    return this.compare(positive ? op : NEGATED[op], left, right, positive);
  }

  private compare(op: Comparison, left: Expr, right: Expr, positive: boolean): Cond {
    // Literal on the right, so that "an empty answer never matches a literal" applies below.
    if (left.type === 'literal' && right.type !== 'literal')
      return this.compare(MIRRORED[op], right, left, positive);
    if (this.isCount(left)) return this.countCompare(op, left, right);
    if (this.isCount(right)) return this.countCompare(MIRRORED[op], right, left);
    const choice = this.choiceWithOther(left);
    let rightText: string;
    if (choice !== undefined && right.type === 'literal' && typeof right.value === 'number') {
      if (op !== '=' && op !== '!=') throw new Gap('other_order');
      rightText = right.value === choice.code ? "'other'" : this.value(right);
    } else {
      rightText = this.value(right);
    }
    const text = atom(`${this.value(left)} ${op} ${rightText}`);
    // SurveyJS compares an empty answer with a literal as false for = < <= > >=, like kizuki's unknown;
    // for != (and every comparison of two answers) the answers must be there first.
    const bare =
      positive &&
      op !== '!=' &&
      left.type === 'identifier' &&
      !this.context.index.items.has(left.name) &&
      right.type === 'literal';
    return bare ? all(this.visible(left.name), text) : all(this.guard(left), this.guard(right), text);
  }

  private membership(value: Expr, list: Expr, inside: boolean): Cond {
    if (list.type !== 'list') throw new Gap('non_literal');
    const choice = this.choiceWithOther(value);
    const items = list.items.map((item) => {
      if (item.type !== 'literal') throw new Gap('non_literal');
      if (choice !== undefined && item.value === choice.code) return "'other'";
      return this.value(item);
    });
    const known = this.guard(value);
    if (items.length === 0) return inside ? FALSE : known;
    const text = atom(`${this.value(value)} ${inside ? 'anyof' : 'noneof'} [${items.join(', ')}]`);
    // `noneof` is true for an empty answer; kizuki's `not in` is unknown then.
    const bare = inside && value.type === 'identifier' && !this.context.index.items.has(value.name);
    return bare ? all(this.visible(value.name), text) : all(known, text);
  }

  private selected(args: readonly Expr[], positive: boolean): Cond {
    const [target, code] = args;
    if (target?.type !== 'identifier' || code?.type !== 'literal') throw new Gap('non_literal');
    const name = this.variable(target);
    const other = this.context.otherCodes.get(target.name);
    const codeText = other !== undefined && code.value === other ? "'other'" : this.value(code);
    // selected() on a single answer is equality that is false, never unknown, when unanswered.
    const test = this.isArray(target.name)
      ? atom(`${name} ${positive ? 'contains' : 'notcontains'} ${codeText}`)
      : atom(`${name} ${positive ? '=' : '!='} ${codeText}`);
    return positive ? all(this.present(target), test) : any(this.absent(target), test);
  }

  private countCompare(op: BinaryOperator, count: Expr, other: Expr): Cond {
    if (other.type !== 'literal' || typeof other.value !== 'number' || count.type !== 'call')
      throw new Gap('non_literal');
    const target = count.args[0];
    if (target?.type !== 'identifier') throw new Gap('non_literal');
    const n = other.value;
    const name = this.variable(target);
    const holds = (value: number): Cond => (compareNumbers(op, value, n) ? TRUE : FALSE);
    // count() is 0 when unanswered, the number of codes of a multiple answer, and 1 for any other answer.
    const answered = this.isArray(target.name)
      ? atom(`${name.slice(0, -1)}.length} ${op} ${this.value(other)}`)
      : holds(1);
    return any(all(this.absent(target), holds(0)), all(this.present(target), answered));
  }

  /** The SurveyJS condition for "expr has a value" (kizuki: is not null). */
  private guard(expr: Expr): Cond {
    switch (expr.type) {
      case 'literal':
        return expr.value === null ? FALSE : TRUE;
      case 'identifier':
        return this.present(expr);
      case 'unary':
        if (expr.op === '-') return this.guard(expr.operand);
        throw new Gap('boolean_compare');
      case 'binary': {
        if (!['+', '-', '*', '/', '%'].includes(expr.op)) throw new Gap('boolean_compare');
        const divides = expr.op === '/' || expr.op === '%';
        const nonZero = expr.right.type === 'literal' && expr.right.value !== 0;
        return all(
          this.guard(expr.left),
          this.guard(expr.right),
          divides && !nonZero ? atom(`${this.value(expr.right)} != 0`) : TRUE,
        );
      }
      case 'call':
        if (expr.name === 'count') return TRUE;
        if (expr.name === 'sum' || expr.name === 'mean' || expr.name === 'min' || expr.name === 'max')
          return any(...flatten(expr.args).map((arg) => this.guard(arg)));
        throw new Gap('boolean_compare');
      default:
        throw new Gap('non_literal');
    }
  }

  /** The SurveyJS text of a value (not a condition). */
  private value(expr: Expr): string {
    switch (expr.type) {
      case 'literal':
        if (typeof expr.value === 'number') {
          const text = String(expr.value);
          if (/e/i.test(text)) throw new Gap('non_literal');
          return text;
        }
        if (typeof expr.value === 'string') {
          if (/['"\\{}]/.test(expr.value)) throw new Gap('string_quote');
          return `'${expr.value}'`;
        }
        throw new Gap('boolean_compare');
      case 'identifier':
        if (this.isArray(expr.name)) throw new Gap('array_value');
        return this.variable(expr);
      case 'unary':
        if (expr.op === '-') return `(0 - ${this.value(expr.operand)})`;
        throw new Gap('boolean_compare');
      case 'binary':
        if (!['+', '-', '*', '/', '%'].includes(expr.op)) throw new Gap('boolean_compare');
        return `(${this.value(expr.left)} ${expr.op} ${this.value(expr.right)})`;
      case 'call': {
        if (expr.name !== 'sum' && expr.name !== 'mean' && expr.name !== 'min' && expr.name !== 'max')
          throw new Gap(expr.name === 'count' ? 'non_literal' : 'boolean_compare');
        const name = expr.name === 'mean' ? 'avg' : expr.name;
        // kizuki skips arguments that are unknown (hidden, unanswered, a failed operation); SurveyJS
        // skips empty ones, which `iif` without an else gives.
        return `${name}(${flatten(expr.args)
          .map((arg) => {
            const known = this.guard(arg);
            return known === TRUE ? this.value(arg) : `iif(${known.text}, ${this.value(arg)})`;
          })
          .join(', ')})`;
      }
      default:
        throw new Gap('non_literal');
    }
  }

  /** `{q}`, or `{matrix.item}` for a matrix item. */
  private variable(expr: Expr | undefined): string {
    if (expr?.type !== 'identifier') throw new Gap('non_literal');
    const { index } = this.context;
    const item = index.items.get(expr.name);
    if (item) return `{${item.question.id}.${expr.name}}`;
    if (!index.questions.has(expr.name)) throw new Gap('unknown_id');
    return `{${expr.name}}`;
  }

  private isArray(id: string): boolean {
    return this.context.index.symbol(id)?.kind === 'codes';
  }

  private isCount(expr: Expr): boolean {
    return expr.type === 'call' && expr.name === 'count';
  }

  private choiceWithOther(expr: Expr): { code: number } | undefined {
    if (expr.type !== 'identifier') return undefined;
    const code = this.context.otherCodes.get(expr.name);
    return code === undefined ? undefined : { code };
  }
}

/** Arguments of sum/mean/min/max with list literals expanded, as kizuki expands them. */
function flatten(args: readonly Expr[]): Expr[] {
  return args.flatMap((arg) => (arg.type === 'list' ? flatten(arg.items) : [arg]));
}

function compareNumbers(op: BinaryOperator, a: number, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}
