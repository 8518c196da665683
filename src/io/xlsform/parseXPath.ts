/**
 * An XLSForm expression as parsed: the part of XPath 1.0 that ODK forms use in `relevant`,
 * `required` and `constraint`. `start`/`end` are offsets into the source, so a constraint can be
 * reported part by part.
 */
export type XPathNode = { start: number; end: number } & (
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ref'; name: string }
  | { kind: 'self' }
  | { kind: 'binary'; op: string; left: XPathNode; right: XPathNode }
  | { kind: 'negate'; operand: XPathNode }
  | { kind: 'call'; name: string; args: XPathNode[] }
);

/** Why an XPath expression could not be read, and where. */
export interface XPathSyntaxError {
  reason: 'too_long' | 'too_deep' | 'syntax' | 'unsupported';
  position: number;
  /** The token or construct at fault, shortened. */
  detail: string;
}

/** Bounds for {@link parseXPath}. */
export interface XPathLimits {
  maxLength: number;
  maxDepth: number;
}

// Binding strength of XPath 1.0's binary operators, loosest first; comparisons do not chain here.
const LEVELS: readonly (readonly string[])[] = [
  ['or'],
  ['and'],
  ['=', '!=', '<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];
const WORD_OPERATORS: ReadonlySet<string> = new Set(['or', 'and', 'div', 'mod']);

interface Token {
  kind: 'number' | 'string' | 'ref' | 'name' | 'symbol' | 'end';
  text: string;
  start: number;
  end: number;
}

class Failure extends Error {
  constructor(readonly error: XPathSyntaxError) {
    super(error.reason);
  }
}

const clip = (text: string): string => (text.length > 30 ? `${text.slice(0, 30)}…` : text);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNamePart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_.:-]/.test(c);

/**
 * Parses an XLSForm expression by recursive descent, one character at a time (no regular
 * expression runs over the whole source, so nothing backtracks). The length is checked before any
 * scanning and every level of nesting, operator chains included, counts against `maxDepth`, so a
 * huge or deeply nested expression is refused quickly and never exhausts the stack.
 */
export function parseXPath(source: string, limits: XPathLimits): { node: XPathNode } | XPathSyntaxError {
  if (source.length > limits.maxLength) {
    return { reason: 'too_long', position: limits.maxLength, detail: String(source.length) };
  }
  let offset = 0;
  let ahead: Token | undefined;
  const fail = (reason: XPathSyntaxError['reason'], position: number, detail: string): never => {
    throw new Failure({ reason, position, detail: clip(detail) });
  };

  const read = (): Token => {
    while (offset < source.length && /\s/.test(source[offset]!)) offset++;
    const start = offset;
    const c = source[offset];
    const token = (kind: Token['kind'], end: number): Token => {
      offset = end;
      return { kind, text: source.slice(start, end), start, end };
    };
    if (c === undefined) return token('end', start);
    if (isDigit(c) || (c === '.' && isDigit(source[offset + 1]))) {
      let i = offset;
      while (isDigit(source[i])) i++;
      if (source[i] === '.') i++;
      while (isDigit(source[i])) i++;
      return token('number', i);
    }
    if (c === "'" || c === '"') {
      const close = source.indexOf(c, offset + 1);
      if (close < 0) fail('syntax', start, source.slice(start));
      return token('string', close + 1);
    }
    if (c === '$' && source[offset + 1] === '{') {
      const close = source.indexOf('}', offset + 2);
      if (close < 0) fail('syntax', start, source.slice(start));
      return token('ref', close + 1);
    }
    if (isNameStart(c)) {
      let i = offset + 1;
      while (isNamePart(source[i])) i++;
      return token('name', i);
    }
    const two = source.slice(offset, offset + 2);
    if (two === '!=' || two === '<=' || two === '>=' || two === '..' || two === '//')
      return token('symbol', offset + 2);
    if ('=<>+-*()/,|[]@.'.includes(c)) return token('symbol', offset + 1);
    return fail('syntax', start, c);
  };
  const peek = (): Token => {
    ahead ??= read();
    return ahead;
  };
  const next = (): Token => {
    const token = peek();
    ahead = undefined;
    return token;
  };
  const isSymbol = (text: string, token = peek()): boolean => token.kind === 'symbol' && token.text === text;
  const heights = new WeakMap<XPathNode, number>();
  const height = (node: XPathNode): number => heights.get(node) ?? 1;
  const grown = (node: XPathNode, h: number, at: number): XPathNode => {
    if (h > limits.maxDepth) fail('too_deep', at, String(limits.maxDepth));
    heights.set(node, h);
    return node;
  };

  const binary = (level: number, depth: number): XPathNode => {
    if (level === LEVELS.length) return unary(depth);
    let left = binary(level + 1, depth);
    for (;;) {
      const token = peek();
      const op = token.kind === 'symbol' || token.kind === 'name' ? token.text : '';
      if (!LEVELS[level]!.includes(op) || (token.kind === 'name' && !WORD_OPERATORS.has(op))) return left;
      if (token.kind === 'symbol' && WORD_OPERATORS.has(op)) return left;
      next();
      const right = binary(level + 1, depth);
      left = grown(
        { kind: 'binary', op, left, right, start: left.start, end: right.end },
        1 + Math.max(height(left), height(right)),
        token.start,
      );
      // `a < b < c` means `(a < b) < c` in XPath, almost always a mistake; refuse rather than guess.
      if (level === 2 && LEVELS[2]!.includes(peek().text) && peek().kind === 'symbol')
        fail('unsupported', peek().start, `${source.slice(left.start, peek().end)}`);
    }
  };
  const unary = (depth: number): XPathNode => {
    const token = peek();
    if (!isSymbol('-', token)) return primary(depth);
    next();
    if (depth + 1 > limits.maxDepth) fail('too_deep', token.start, String(limits.maxDepth));
    const operand = unary(depth + 1);
    return grown(
      { kind: 'negate', operand, start: token.start, end: operand.end },
      1 + height(operand),
      token.start,
    );
  };
  const primary = (depth: number): XPathNode => {
    const token = next();
    const { start, end, text } = token;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: Number(text), start, end };
      case 'string':
        return { kind: 'string', value: text.slice(1, -1), start, end };
      case 'ref':
        return { kind: 'ref', name: text.slice(2, -1).trim(), start, end };
      case 'end':
        return fail('syntax', start, '');
      case 'name': {
        if (!isSymbol('(')) return fail('unsupported', start, text);
        next();
        if (depth + 1 > limits.maxDepth) fail('too_deep', start, String(limits.maxDepth));
        const args: XPathNode[] = [];
        if (!isSymbol(')')) {
          for (;;) {
            args.push(binary(0, depth + 1));
            if (isSymbol(')')) break;
            if (!isSymbol(',')) fail('syntax', peek().start, peek().text);
            next();
          }
        }
        const close = next();
        const node: XPathNode = { kind: 'call', name: text, args, start, end: close.end };
        return grown(node, 1 + args.reduce((h, a) => Math.max(h, height(a)), 0), start);
      }
      case 'symbol':
        if (text === '.') return { kind: 'self', start, end };
        if (text === '(') {
          if (depth + 1 > limits.maxDepth) fail('too_deep', start, String(limits.maxDepth));
          const inner = binary(0, depth + 1);
          if (!isSymbol(')')) fail('syntax', peek().start, peek().text);
          const close = next();
          const node: XPathNode = { ...inner, start, end: close.end };
          return grown(node, height(inner) + 1, start);
        }
        // Paths (`/data/q1`, `..`), predicates, unions and attributes are XPath that kizuki has no use for.
        if (['/', '//', '..', '[', '|', '@'].includes(text))
          return fail('unsupported', start, source.slice(start));
        return fail('syntax', start, text);
    }
  };

  try {
    if (peek().kind === 'end') return { reason: 'syntax', position: 0, detail: '' };
    const node = binary(0, 0);
    const rest = peek();
    if (rest.kind !== 'end') {
      const reason = ['/', '//', '|', '['].includes(rest.text) ? 'unsupported' : 'syntax';
      return { reason, position: rest.start, detail: clip(source.slice(rest.start)) };
    }
    return { node };
  } catch (error) {
    if (error instanceof Failure) return error.error;
    // The depth limit keeps recursion shallow; this is a last guard for engines with tiny stacks.
    if (error instanceof RangeError)
      return { reason: 'too_deep', position: 0, detail: String(limits.maxDepth) };
    throw error;
  }
}
