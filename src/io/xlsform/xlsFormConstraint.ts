import type { QuestionType } from '../../schema/index.js';
import type { XPathNode } from './parseXPath.js';

/** The bounds a constraint sets, as the question fields that hold them. */
export type ConstraintBounds = Partial<
  Record<'min' | 'max' | 'minSelected' | 'maxSelected' | 'maxLength', number | string>
>;

/**
 * Reads an XLSForm `constraint` as bounds on the answer, the forms `toXlsForm` writes and ODK
 * users commonly write: `. >= 18 and . <= 99`, `. >= date('2020-01-01')`, `count-selected(.) <= 3`,
 * `string-length(.) <= 200`. A strict bound (`. > 17`) is read as an inclusive one only where the
 * answer is a whole number. Parts joined by `and` are read one by one; `rest` holds those that are
 * not a bound kizuki has, so that each can be reported with its own text.
 */
export function xlsFormConstraint(
  node: XPathNode,
  type: QuestionType,
  integer: boolean,
): { bounds: ConstraintBounds; rest: XPathNode[] } {
  const bounds: ConstraintBounds = {};
  const rest: XPathNode[] = [];
  for (const part of conjuncts(node)) if (!bound(part, type, integer, bounds)) rest.push(part);
  return { bounds, rest };
}

function conjuncts(node: XPathNode): XPathNode[] {
  const out: XPathNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'binary' && n.op === 'and') stack.push(n.right, n.left);
    else out.push(n);
  }
  return out;
}

const isCall = (node: XPathNode, name: string): boolean =>
  node.kind === 'call' && node.name === name && node.args.length === 1 && node.args[0]!.kind === 'self';

function bound(node: XPathNode, type: QuestionType, integer: boolean, bounds: ConstraintBounds): boolean {
  if (node.kind !== 'binary' || !['>=', '<=', '>', '<'].includes(node.op)) return false;
  const { left, right, op } = node;
  const lower = op[0] === '>';
  const strict = op.length === 1;
  const whole = (n: number): number | undefined =>
    !strict ? n : Number.isInteger(n) ? n + (lower ? 1 : -1) : undefined;
  const set = (key: keyof ConstraintBounds, value: number | string | undefined): boolean => {
    if (value === undefined || bounds[key] !== undefined) return false;
    bounds[key] = value;
    return true;
  };
  if (type === 'number' && left.kind === 'self' && right.kind === 'number') {
    return set(lower ? 'min' : 'max', integer || !strict ? whole(right.value) : undefined);
  }
  if (type === 'date' && left.kind === 'self' && !strict) {
    const date =
      right.kind === 'string'
        ? right.value
        : right.kind === 'call' && right.name === 'date' && right.args[0]?.kind === 'string'
          ? right.args[0].value
          : undefined;
    return date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) && set(lower ? 'min' : 'max', date);
  }
  if (right.kind !== 'number') return false;
  if (type === 'multiple' && isCall(left, 'count-selected')) {
    return set(lower ? 'minSelected' : 'maxSelected', whole(right.value));
  }
  if (type === 'text' && isCall(left, 'string-length') && !lower) return set('maxLength', whole(right.value));
  return false;
}
