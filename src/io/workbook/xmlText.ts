/**
 * The little XML that an .xlsx needs, written and read without a general XML library: escaping,
 * the OOXML `_xHHHH_` escape for characters XML 1.0 cannot hold, and a scanner that yields tags and
 * text. The scanner refuses document type declarations, so entity expansion (billion laughs) and
 * external entities cannot happen.
 */

/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

// Characters XML 1.0 cannot carry (controls other than tab/newline/CR, lone surrogates, U+FFFE/FFFF)
// are written as `_xHHHH_`; a literal `_x` that looks like such an escape is itself escaped.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /_x(?=[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes a cell string the way OOXML does, then for XML. */
export function escapeCellText(text: string): string {
  const encoded = text.replace(UNSAFE, (c) =>
    c === '_x' ? '_x005F_x' : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
  return escapeXml(encoded);
}

/** Undoes the OOXML `_xHHHH_` escape of a cell string. */
export function unescapeCellText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is an error. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    return Object.hasOwn(ENTITIES, name) ? ENTITIES[name]! : whole;
  });
}

function safeCodePoint(code: number, whole: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** One event of {@link scanXml}: a start tag (with attributes), an end tag, or text between tags. */
export type XmlEvent =
  | { kind: 'open'; name: string; attr: (name: string) => string | undefined; empty: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

/** Thrown by {@link scanXml} on markup it will not read. */
export class XmlError extends Error {}

/**
 * Walks XML text, calling `visit` for every tag and text run. Names lose their namespace prefix
 * (`x:row` is `row`). Comments and processing instructions are skipped; `<!DOCTYPE` is refused.
 */
export function scanXml(xml: string, visit: (event: XmlEvent) => void): void {
  let at = 0;
  const length = xml.length;
  // Attributes are looked up only when asked for, in the tag being visited: most tags are never asked.
  let body = '';
  const attr = (name: string) => attribute(body, name);
  while (at < length) {
    const lt = xml.indexOf('<', at);
    if (lt === -1) {
      if (at < length) visit({ kind: 'text', text: decodeEntities(xml.slice(at)) });
      return;
    }
    if (lt > at) visit({ kind: 'text', text: decodeEntities(xml.slice(at, lt)) });
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      at = endOf(xml, '?>', lt);
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        at = endOf(xml, '-->', lt);
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = endOf(xml, ']]>', lt);
        visit({ kind: 'text', text: xml.slice(lt + 9, end - 3) });
        at = end;
        continue;
      }
      throw new XmlError('document type declarations are not allowed');
    }
    const gt = xml.indexOf('>', lt);
    if (gt === -1) throw new XmlError('unterminated tag');
    if (next === 47 /* / */) {
      visit({ kind: 'close', name: localName(xml.slice(lt + 2, gt).trim()) });
      at = gt + 1;
      continue;
    }
    const empty = xml.charCodeAt(gt - 1) === 47;
    body = xml.slice(lt + 1, empty ? gt - 1 : gt);
    const space = body.search(/\s/);
    const name = localName(space === -1 ? body : body.slice(0, space));
    visit({ kind: 'open', name, attr, empty });
    at = gt + 1;
  }
}

/** The value of attribute `name` (with or without a namespace prefix) in a tag's text. */
function attribute(body: string, name: string): string | undefined {
  for (let at = body.indexOf(name); at !== -1; at = body.indexOf(name, at + 1)) {
    const before = body.charCodeAt(at - 1);
    // Preceded by white space or a prefix's colon, so that `id` does not match `sheetId`.
    if (!(before === 32 || before === 9 || before === 10 || before === 13 || before === 58)) continue;
    let i = at + name.length;
    while (body.charCodeAt(i) === 32) i++;
    if (body[i] !== '=') continue;
    i++;
    while (body.charCodeAt(i) === 32) i++;
    const quote = body[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = body.indexOf(quote, i + 1);
    if (end === -1) return undefined;
    return decodeEntities(body.slice(i + 1, end));
  }
  return undefined;
}

function endOf(xml: string, terminator: string, from: number): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw new XmlError(`unterminated ${terminator}`);
  return end + terminator.length;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
