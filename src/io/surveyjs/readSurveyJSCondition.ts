import { parseExpression, printExpression } from '../../expr/index.js';

/** What the reader needs to know about a SurveyJS name used in an expression. */
export interface ImportedName {
  /** The kizuki id the name became. */
  id: string;
  /**
   * `codes`: multiple choice or ranking; `code`: a choice coded by `codes`; `matrix`: a matrix as a
   * whole, whose item ids are `items`; else the answer type.
   */
  kind: 'code' | 'codes' | 'number' | 'text' | 'date' | 'matrix';
  /** SurveyJS choice values (as `String(value)`) to kizuki codes. */
  codes?: ReadonlyMap<string, number>;
  /** The kizuki ids of a matrix's items. */
  items?: readonly string[];
}

/** Names of a SurveyJS survey: questions by name, and matrix rows by `matrix.row`. */
export type ImportedNames = ReadonlyMap<string, ImportedName>;

type Node =
  | { type: 'literal'; value: number | string | boolean }
  | { type: 'variable'; name: string }
  | { type: 'list'; items: Node[] }
  | { type: 'not'; operand: Node }
  | { type: 'logic'; op: 'and' | 'or'; left: Node; right: Node }
  | { type: 'compare'; op: string; left: Node; right: Node }
  | { type: 'unary'; op: 'empty' | 'notempty'; operand: Node }
  | { type: 'other' };

class Unreadable extends Error {}

const WORD_OPERATORS: Record<string, string> = {
  equal: '=',
  notequal: '!=',
  less: '<',
  lessorequal: '<=',
  greater: '>',
  greaterorequal: '>=',
  contains: 'contains',
  notcontains: 'notcontains',
  anyof: 'anyof',
  allof: 'allof',
  noneof: 'noneof',
};
const SYMBOL_OPERATORS = ['<=', '>=', '==', '!=', '<>', '=', '<', '>'];
const MAX_LENGTH = 10_000;
const MAX_DEPTH = 64;

/**
 * Reads a SurveyJS condition and writes the kizuki expression that is true exactly when SurveyJS's
 * is. SurveyJS logic is two-valued — `{q} != 1` holds for an empty `q` — so every comparison is
 * written in a form that is never unknown in kizuki: `selected(q, 1)` for choice equality,
 * `answered(q) and q > 3` for an ordering, `not answered(q) or q != 3` for inequality. Arithmetic,
 * functions, variables and comparisons between two answers are not read: `ok: false`.
 */
export function readSurveyJSCondition(
  source: string,
  names: ImportedNames,
): { ok: true; text: string } | { ok: false; detail: string; functions: string[] } {
  if (source.length > MAX_LENGTH) return { ok: false, detail: 'too long', functions: [] };
  const parser = new Parser(source);
  try {
    const node = parser.parse();
    const text = translate(node, names);
    // Round the text through the kizuki parser: it checks the result and prints it with only the
    // parentheses the meaning needs.
    const parsed = parseExpression(text, { locale: 'en' });
    if (!parsed.success)
      return { ok: false, detail: parsed.issues[0]?.message ?? 'not parsed', functions: parser.functions };
    return { ok: true, text: printExpression(parsed.expr) };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, detail: error.message, functions: parser.functions };
    throw error;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** The names of the functions called, so that custom ones can be named in the report. */
  readonly functions: string[] = [];

  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.or();
    this.space();
    if (this.pos < this.src.length)
      throw new Unreadable(`unexpected "${this.src.slice(this.pos, this.pos + 10)}"`);
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.keyword('or') || this.symbol('||'))
      left = { type: 'logic', op: 'or', left, right: this.and() };
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.keyword('and') || this.symbol('&&'))
      left = { type: 'logic', op: 'and', left, right: this.not() };
    return left;
  }

  private not(): Node {
    if (this.symbol('!') || this.keyword('not'))
      return this.nested(() => ({ type: 'not', operand: this.not() }));
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.additive();
    if (this.keyword('notempty')) return { type: 'unary', op: 'notempty', operand: left };
    if (this.keyword('empty')) return { type: 'unary', op: 'empty', operand: left };
    for (const [word, op] of Object.entries(WORD_OPERATORS)) {
      if (this.keyword(word)) return { type: 'compare', op, left, right: this.additive() };
    }
    for (const op of SYMBOL_OPERATORS) {
      if (this.symbol(op)) {
        const normal = op === '==' ? '=' : op === '<>' ? '!=' : op;
        return { type: 'compare', op: normal, left, right: this.additive() };
      }
    }
    return left;
  }

  private additive(): Node {
    let node = this.primary();
    // Arithmetic is recognised so that it can be reported, not translated.
    for (;;) {
      this.space();
      const c = this.src[this.pos];
      if (c === '+' || c === '-' || c === '*' || c === '/' || c === '%') {
        this.pos++;
        this.primary();
        node = { type: 'other' };
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    this.space();
    const rest = this.src.slice(this.pos);
    if (this.symbol('(')) {
      const inner = this.nested(() => this.or());
      if (!this.symbol(')')) throw new Unreadable('missing )');
      return inner;
    }
    if (this.symbol('[')) {
      const items: Node[] = [];
      if (!this.symbol(']')) {
        do items.push(this.nested(() => this.additive()));
        while (this.symbol(','));
        if (!this.symbol(']')) throw new Unreadable('missing ]');
      }
      return { type: 'list', items };
    }
    const variable = /^\{([^{}]{1,200})\}/.exec(rest);
    if (variable) {
      this.pos += variable[0].length;
      return { type: 'variable', name: variable[1]!.trim() };
    }
    const number = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { type: 'literal', value: Number(number[0]) };
    }
    const string = /^'([^'\\]*)'|^"([^"\\]*)"/.exec(rest);
    if (string) {
      this.pos += string[0].length;
      return { type: 'literal', value: string[1] ?? string[2] ?? '' };
    }
    if (this.keyword('true')) return { type: 'literal', value: true };
    if (this.keyword('false')) return { type: 'literal', value: false };
    const call = /^[A-Za-z_][A-Za-z0-9_]*\s*\(/.exec(rest);
    if (call) {
      this.pos += call[0].length;
      this.functions.push(call[0].slice(0, -1).trim());
      if (!this.symbol(')')) {
        do this.nested(() => this.or());
        while (this.symbol(','));
        if (!this.symbol(')')) throw new Unreadable('missing )');
      }
      return { type: 'other' };
    }
    throw new Unreadable(rest === '' ? 'unexpected end' : `unexpected "${rest.slice(0, 10)}"`);
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new Unreadable('nested too deeply');
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private space(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  private symbol(text: string): boolean {
    this.space();
    if (!this.src.startsWith(text, this.pos)) return false;
    // "!" must not eat the start of "!=", nor "<" the start of "<=".
    const next = this.src[this.pos + text.length];
    if ((text === '!' || text === '<' || text === '>' || text === '=') && next === '=') return false;
    if (text === '<' && next === '>') return false;
    this.pos += text.length;
    return true;
  }

  private keyword(word: string): boolean {
    this.space();
    const candidate = this.src.slice(this.pos, this.pos + word.length);
    if (candidate.toLowerCase() !== word) return false;
    if (/[A-Za-z0-9_]/.test(this.src[this.pos + word.length] ?? '')) return false;
    this.pos += word.length;
    return true;
  }
}

function translate(node: Node, names: ImportedNames): string {
  switch (node.type) {
    case 'literal':
      if (typeof node.value === 'boolean') return String(node.value);
      throw new Unreadable('a value is not a condition');
    case 'not':
      return `not (${translate(node.operand, names)})`;
    case 'logic':
      return `(${translate(node.left, names)}) ${node.op} (${translate(node.right, names)})`;
    case 'unary': {
      const name = lookup(node.operand, names);
      // A SurveyJS matrix has a value as soon as one row is answered.
      const answered =
        name.kind === 'matrix'
          ? (name.items ?? []).map((item) => `answered(${item})`).join(' or ') || 'false'
          : `answered(${name.id})`;
      return node.op === 'notempty' ? `(${answered})` : `not (${answered})`;
    }
    case 'compare':
      return compare(node.op, node.left, node.right, names);
    default:
      throw new Unreadable('arithmetic and functions are not read');
  }
}

const MIRROR: Record<string, string> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function compare(op: string, left: Node, right: Node, names: ImportedNames): string {
  if (left.type !== 'variable' && right.type === 'variable' && MIRROR[op] !== undefined)
    return compare(MIRROR[op]!, right, left, names);
  const lengthOf = left.type === 'variable' ? /^(.*)\.length$/.exec(left.name) : null;
  if (lengthOf && !names.has(left.type === 'variable' ? left.name : '')) {
    const target = names.get(lengthOf[1]!);
    if (target?.kind !== 'codes') throw new Unreadable(`${lengthOf[1]} is not a multiple answer`);
    if (MIRROR[op] === undefined) throw new Unreadable(`${op} is not a comparison`);
    return `count(${target.id}) ${op} ${number(right)}`;
  }
  const name = lookup(left, names);
  if (name.kind === 'matrix') throw new Unreadable(`${name.id} is a matrix: compare its rows`);
  switch (op) {
    case 'contains':
    case 'notcontains': {
      if (name.kind !== 'codes') throw new Unreadable(`${name.id} is not a multiple answer`);
      const test = `selected(${name.id}, ${code(name, right)})`;
      return op === 'contains' ? test : `not ${test}`;
    }
    case 'anyof':
    case 'allof':
    case 'noneof': {
      if (name.codes === undefined) throw new Unreadable(`${name.id} has no choices`);
      const items = right.type === 'list' ? right.items : [right];
      if (items.length === 0) return op === 'allof' ? 'true' : op === 'anyof' ? 'false' : 'true';
      const tests = items.map((item) => `selected(${name.id}, ${code(name, item)})`);
      const joined = tests.join(op === 'allof' ? ' and ' : ' or ');
      return op === 'noneof' ? `not (${joined})` : joined;
    }
    default:
      break;
  }
  if (MIRROR[op] === undefined) throw new Unreadable(`${op} is not supported`);
  if (name.kind === 'codes') throw new Unreadable(`${name.id} is a multiple answer`);
  if (name.kind === 'code') {
    const c = code(name, right);
    if (op === '=') return `selected(${name.id}, ${c})`;
    if (op === '!=') return `not selected(${name.id}, ${c})`;
    return `answered(${name.id}) and ${name.id} ${op} ${c}`;
  }
  const value = name.kind === 'number' ? number(right) : text(right);
  // SurveyJS counts an empty answer as different from every value, and as not ordered.
  if (op === '!=') return `not answered(${name.id}) or ${name.id} != ${value}`;
  return `answered(${name.id}) and ${name.id} ${op} ${value}`;
}

function lookup(node: Node, names: ImportedNames): ImportedName {
  if (node.type !== 'variable') throw new Unreadable('only answers can be compared with values');
  const name = names.get(node.name);
  if (name === undefined) throw new Unreadable(`{${node.name}} is not a question`);
  return name;
}

function code(name: ImportedName, node: Node): string {
  if (node.type !== 'literal')
    throw new Unreadable('a choice is compared with something that is not a value');
  const found = name.codes?.get(String(node.value));
  // A value no choice has can never be selected: SurveyJS compares it as unequal.
  if (found === undefined) throw new Unreadable(`${String(node.value)} is not a choice of ${name.id}`);
  return String(found);
}

function number(node: Node): string {
  if (
    node.type === 'literal' &&
    typeof node.value !== 'boolean' &&
    Number.isFinite(Number(node.value)) &&
    node.value !== ''
  )
    return String(Number(node.value));
  throw new Unreadable('not a number');
}

function text(node: Node): string {
  if (node.type !== 'literal' || typeof node.value !== 'string') throw new Unreadable('not a text');
  return `'${node.value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * The questions a SurveyJS condition reads outside the context of their own visibility. SurveyJS
 * reads a hidden question's answer where kizuki reads it as unanswered; the two agree when the read
 * only matters while the question is shown — when the conditions it is shown under (`shownWhen`:
 * its page's and its own) are conjuncts beside the read (`shown and {q} > 1`) or negated beside it
 * in an `or` (`!(shown) or {q} empty`), at any depth. This is checked on the parsed expressions, so
 * spacing, parentheses and the order of conjuncts do not matter. A condition that cannot be parsed
 * reads nothing; a `shownWhen` that cannot be parsed guards nothing.
 */
export function unguardedReads(source: string, shownWhen: ReadonlyMap<string, readonly string[]>): string[] {
  const root = parsed(source);
  if (root === undefined) return [];
  const needed = new Map<string, string[] | undefined>();
  const factsFor = (owner: string): string[] | undefined => {
    if (!needed.has(owner)) {
      const nodes = (shownWhen.get(owner) ?? []).map(parsed);
      needed.set(
        owner,
        nodes.every((n) => n !== undefined) ? nodes.flatMap((n) => operands(n, 'and').map(key)) : undefined,
      );
    }
    return needed.get(owner);
  };
  const unguarded = new Set<string>();
  const visit = (node: Node, facts: ReadonlySet<string>, depth: number): void => {
    if (depth > MAX_DEPTH * 4) return;
    switch (node.type) {
      case 'variable': {
        const owner = shownWhen.has(node.name) ? node.name : node.name.split('.')[0]!;
        if (!shownWhen.has(owner)) return;
        const required = factsFor(owner);
        if (required === undefined || !required.every((fact) => facts.has(fact))) unguarded.add(owner);
        return;
      }
      case 'list':
        for (const item of node.items) visit(item, facts, depth + 1);
        return;
      case 'not':
      case 'unary':
        visit(node.operand, facts, depth + 1);
        return;
      case 'compare':
        visit(node.left, facts, depth + 1);
        visit(node.right, facts, depth + 1);
        return;
      case 'logic': {
        const chain = operands(node, node.op);
        chain.forEach((child, i) => {
          const more = new Set(facts);
          chain.forEach((sibling, j) => {
            // `a and b`: b matters only when a holds; `!a or b`: b matters only when a holds.
            if (j === i) return;
            const held = node.op === 'and' ? sibling : sibling.type === 'not' ? sibling.operand : undefined;
            if (held) for (const fact of operands(held, 'and')) more.add(key(fact));
          });
          visit(child, more, depth + 1);
        });
        return;
      }
      default:
        return;
    }
  };
  visit(root, new Set(), 0);
  return [...unguarded];
}

function parsed(source: string): Node | undefined {
  if (source.length > MAX_LENGTH) return undefined;
  try {
    return new Parser(source).parse();
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

/** The operands of a chain of one logical operator: `a and (b and c)` → a, b, c. */
function operands(node: Node, op: 'and' | 'or'): Node[] {
  const out: Node[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.type === 'logic' && next.op === op) stack.push(next.right, next.left);
    else out.push(next);
  }
  return out;
}

const key = (node: Node): string => JSON.stringify(node);

/**
 * The parts of answers (`{q.length}`, a matrix row `{m.row}`) a SurveyJS condition reads without
 * reading the whole answer `{q}` too. survey-core re-runs such a condition when the part changes but
 * not when the whole answer is cleared, so it keeps its last result where kizuki's (re-run on every
 * change) differs; naming `{q}` as well (`{q} notempty and {q.length} > 1`) makes both re-run.
 */
export function unwatchedReads(source: string): string[] {
  const root = parsed(source);
  if (root === undefined) return [];
  const names = new Set<string>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'variable') names.add(node.name);
    else if (node.type === 'list') stack.push(...node.items);
    else if (node.type === 'not' || node.type === 'unary') stack.push(node.operand);
    else if (node.type === 'compare' || node.type === 'logic') stack.push(node.left, node.right);
  }
  return [...names].filter((name) => name.includes('.') && !names.has(name.split('.')[0]!));
}
