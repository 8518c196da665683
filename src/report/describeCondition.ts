import { type Comparison, isComparison, MIRRORED, NEGATED } from '../expr/comparisons.js';
import { type Expr, printExpression } from '../expr/index.js';
import { localText } from '../io/localText.js';
import type { TemplateIndex } from '../schema/index.js';
import type { QuestionNumber } from './questionNumbers.js';

/** What a condition text is built from. */
export interface ConditionContext {
  index: TemplateIndex;
  numbers: ReadonlyMap<string, QuestionNumber>;
  locale: 'ja' | 'en';
}

/** A condition in words, or the expression with question numbers when words cannot say it. */
export type ConditionText = { kind: 'words'; text: string } | { kind: 'expression'; text: string };

interface Atom {
  ref: string;
  verb: 'answer' | 'choose';
  negative: boolean;
  /** What was answered or chosen, with its Japanese particle; absent for "answered Qn". */
  object?: { ja: string; en: string };
  /** For a number compared with a bound: the bound alone (`15以上`, `at least 15`), to merge ranges. */
  bound?: { side: 'lower' | 'upper'; ja: string; en: string };
}

/**
 * Describes a `visibleIf` condition for a paper questionnaire: "those who answered 1 (Male) in Q2
 * and more than 0 in Q4" / 「Q2で「1 男性」と回答し、かつQ4で0より大きい数を回答した」. Comparisons
 * of one question with constants, `in`, `selected`, `answered`, `not` of those, and one level of
 * `and` or `or` are put in words; anything else is printed as the expression with question numbers
 * in place of ids.
 */
export function describeCondition(expr: Expr, context: ConditionContext): ConditionText {
  const words = describeWords(expr, context);
  if (words !== undefined) return { kind: 'words', text: words };
  return { kind: 'expression', text: printExpression(renumber(expr, context.numbers)) };
}

function describeWords(expr: Expr, context: ConditionContext): string | undefined {
  const joiner = expr.type === 'binary' && (expr.op === 'and' || expr.op === 'or') ? expr.op : undefined;
  const parts = joiner === undefined ? [expr] : flatten(expr, joiner);
  const atoms: Atom[] = [];
  for (const part of parts) {
    const atom = toAtom(part, context, false);
    if (atom === undefined) return undefined;
    atoms.push(atom);
  }
  const merged = joiner === 'or' ? atoms : mergeRanges(atoms);
  return context.locale === 'ja' ? joinJa(merged, joiner ?? 'and') : joinEn(merged, joiner ?? 'and');
}

/** "at least 15 in Q3 and less than 100 in Q3" becomes one range: 「15以上100未満の数」. */
function mergeRanges(atoms: readonly Atom[]): Atom[] {
  const out: Atom[] = [];
  for (const atom of atoms) {
    const previous = out[out.length - 1];
    if (
      previous?.bound !== undefined &&
      atom.bound !== undefined &&
      previous.ref === atom.ref &&
      previous.bound.side !== atom.bound.side
    ) {
      const [lower, upper] =
        previous.bound.side === 'lower' ? [previous.bound, atom.bound] : [atom.bound, previous.bound];
      out[out.length - 1] = {
        ref: atom.ref,
        verb: 'answer',
        negative: false,
        object: { ja: `${lower.ja}${upper.ja}の数を`, en: `${lower.en} and ${upper.en}` },
      };
    } else out.push(atom);
  }
  return out;
}

function boundPhrase(op: Comparison, value: number): Atom['bound'] {
  switch (op) {
    case '>':
      return { side: 'lower', ja: `${value}より大きく`, en: `more than ${value}` };
    case '>=':
      return { side: 'lower', ja: `${value}以上`, en: `at least ${value}` };
    case '<':
      return { side: 'upper', ja: `${value}未満`, en: `less than ${value}` };
    case '<=':
      return { side: 'upper', ja: `${value}以下`, en: `at most ${value}` };
    default:
      return undefined;
  }
}

function flatten(expr: Expr, op: 'and' | 'or'): Expr[] {
  if (expr.type === 'binary' && expr.op === op)
    return [...flatten(expr.left, op), ...flatten(expr.right, op)];
  return [expr];
}

function toAtom(expr: Expr, context: ConditionContext, negated: boolean): Atom | undefined {
  if (expr.type === 'unary' && expr.op === 'not') return toAtom(expr.operand, context, !negated);
  if (expr.type === 'call') {
    const [target, code] = expr.args;
    if (target?.type !== 'identifier') return undefined;
    const ref = context.numbers.get(target.name)?.label;
    if (ref === undefined) return undefined;
    if (expr.name === 'answered' && expr.args.length === 1) return { ref, verb: 'answer', negative: negated };
    if (
      expr.name === 'selected' &&
      expr.args.length === 2 &&
      code?.type === 'literal' &&
      typeof code.value === 'number'
    ) {
      const label = codeLabel(target.name, code.value, context);
      return { ref, verb: 'choose', negative: negated, object: { ja: `${label.ja}を`, en: label.en } };
    }
    return undefined;
  }
  if (expr.type !== 'binary') return undefined;
  if (expr.op === 'in' || expr.op === 'not in') {
    if (expr.left.type !== 'identifier' || expr.right.type !== 'list') return undefined;
    const codes: number[] = [];
    for (const item of expr.right.items) {
      if (item.type !== 'literal' || typeof item.value !== 'number') return undefined;
      codes.push(item.value);
    }
    const negative = (expr.op === 'not in') !== negated;
    return codeAtom(expr.left.name, negative ? '!=' : '=', codes, context);
  }
  if (!isComparison(expr.op)) return undefined;
  let op: Comparison = expr.op;
  let id: string;
  let literal: Expr;
  if (expr.left.type === 'identifier') {
    id = expr.left.name;
    literal = expr.right;
  } else if (expr.right.type === 'identifier') {
    id = expr.right.name;
    literal = expr.left;
    op = MIRRORED[op];
  } else return undefined;
  if (
    literal.type !== 'literal' ||
    (typeof literal.value !== 'number' && typeof literal.value !== 'string')
  ) {
    return undefined;
  }
  if (negated) op = NEGATED[op];
  const symbol = context.index.symbol(id);
  const value = literal.value;
  if (symbol?.kind === 'code' && typeof value === 'number' && (op === '=' || op === '!=')) {
    return codeAtom(id, op, [value], context);
  }
  const ref = context.numbers.get(id)?.label;
  if (ref === undefined) return undefined;
  if (symbol?.kind === 'number' && typeof value === 'number') {
    const atom: Atom = { ref, verb: 'answer', negative: false, object: numberPhrase(op, value) };
    const bound = boundPhrase(op, value);
    if (bound !== undefined) atom.bound = bound;
    return atom;
  }
  if (typeof value === 'string' && (op === '=' || op === '!=')) {
    const object =
      op === '='
        ? { ja: `「${value}」と`, en: `"${value}"` }
        : { ja: `「${value}」以外を`, en: `something other than "${value}"` };
    return { ref, verb: 'answer', negative: false, object };
  }
  return undefined;
}

function codeAtom(
  id: string,
  op: '=' | '!=',
  codes: readonly number[],
  context: ConditionContext,
): Atom | undefined {
  const ref = context.numbers.get(id)?.label;
  const symbol = context.index.symbol(id);
  if (ref === undefined || symbol?.kind !== 'code') return undefined;
  const labels = codes.map((code) => codeLabel(id, code, context));
  if (op === '=') {
    return {
      ref,
      verb: 'answer',
      negative: false,
      object: { ja: `${labels.map((l) => l.ja).join('か')}と`, en: labels.map((l) => l.en).join(' or ') },
    };
  }
  return {
    ref,
    verb: 'answer',
    negative: false,
    object: {
      ja: `${labels.map((l) => l.ja).join('')}以外を`,
      en: `something other than ${labels.map((l) => l.en).join(' or ')}`,
    },
  };
}

/** `「1 男性」` and `1 (Male)`; a code without a label is shown as the bare number. */
function codeLabel(id: string, code: number, context: ConditionContext): { ja: string; en: string } {
  const option = optionsOf(id, context).find((o) => o.code === code);
  if (option === undefined) return { ja: `「${code}」`, en: String(code) };
  return {
    ja: `「${code} ${localText(option.label, 'ja')}」`,
    en: `${code} (${localText(option.label, 'en')})`,
  };
}

function optionsOf(id: string, context: ConditionContext) {
  const { index } = context;
  const item = index.items.get(id);
  if (item) return index.scales.get(item.question.scale)?.options ?? [];
  const question = index.questions.get(id)?.question;
  if (question === undefined) return [];
  if (question.type === 'likert') return index.scales.get(question.scale)?.options ?? [];
  if (question.type === 'single' || question.type === 'multiple' || question.type === 'ranking')
    return question.options;
  return [];
}

function numberPhrase(op: Comparison, value: number): { ja: string; en: string } {
  switch (op) {
    case '>':
      return { ja: `${value}より大きい数を`, en: `more than ${value}` };
    case '>=':
      return { ja: `${value}以上の数を`, en: `at least ${value}` };
    case '<':
      return { ja: `${value}未満の数を`, en: `less than ${value}` };
    case '<=':
      return { ja: `${value}以下の数を`, en: `at most ${value}` };
    case '=':
      return { ja: `「${value}」と`, en: `exactly ${value}` };
    case '!=':
      return { ja: `${value}以外の数を`, en: `a number other than ${value}` };
  }
}

const VERB_JA = { answer: '回答', choose: '選択' } as const;

function atomJa(atom: Atom, final: boolean): string {
  const verb = VERB_JA[atom.verb];
  const ending = atom.negative ? (final ? 'しなかった' : 'せず') : final ? 'した' : 'し';
  return atom.object === undefined
    ? `${atom.ref}に${verb}${ending}`
    : `${atom.ref}で${atom.object.ja}${verb}${ending}`;
}

function joinJa(atoms: readonly Atom[], joiner: 'and' | 'or'): string {
  if (joiner === 'or') return atoms.map((a) => atomJa(a, true)).join('か、');
  return atoms.map((a, i) => atomJa(a, i === atoms.length - 1)).join('、かつ');
}

function verbEn(atom: Atom): string {
  if (atom.verb === 'answer') return atom.negative ? 'did not answer' : 'answered';
  return atom.negative ? 'did not choose' : 'chose';
}

function joinEn(atoms: readonly Atom[], joiner: 'and' | 'or'): string {
  return atoms
    .map((atom, i) => {
      const previous = atoms[i - 1];
      // "answered 1 (Male) in Q2 and more than 0 in Q4": a repeated verb is left out.
      const sameVerb =
        joiner === 'and' &&
        previous !== undefined &&
        previous.object !== undefined &&
        atom.object !== undefined &&
        verbEn(previous) === verbEn(atom);
      const verb = sameVerb ? '' : `${verbEn(atom)} `;
      return atom.object === undefined ? `${verb}${atom.ref}` : `${verb}${atom.object.en} in ${atom.ref}`;
    })
    .join(joiner === 'and' ? ' and ' : ' or ');
}

/** A copy of the expression with question numbers (`Q5`, `Q9(2)`) in place of ids. */
function renumber(expr: Expr, numbers: ReadonlyMap<string, QuestionNumber>): Expr {
  switch (expr.type) {
    case 'identifier':
      return { ...expr, name: numbers.get(expr.name)?.label ?? expr.name };
    case 'list':
      return { ...expr, items: expr.items.map((item) => renumber(item, numbers)) };
    case 'unary':
      return { ...expr, operand: renumber(expr.operand, numbers) };
    case 'binary':
      return { ...expr, left: renumber(expr.left, numbers), right: renumber(expr.right, numbers) };
    case 'call':
      return { ...expr, args: expr.args.map((arg) => renumber(arg, numbers)) };
    case 'literal':
      return expr;
  }
}
