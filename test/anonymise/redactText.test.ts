import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnonymiseError, type RedactionFinding, redactText } from '../../src/anonymise/index.js';
import { isMyNumber } from '../../src/anonymise/myNumber.js';

const FULL_WIDTH = (text: string) =>
  text.replace(/[0-9A-Za-z@.+\-()]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const HYPHENS = ['-', '‐', '‑', '–', '—', '―', '−', 'ー', 'ｰ', '－'];

/** Random Japanese prose without digits or Latin letters. */
const prose = fc
  .array(
    fc.constantFrom(
      ...'あいうえおかきくけこさしすせそアイウエオカキクケコー仕事働家族地域会社連絡電話番号住所、。「」：　 ',
    ),
    {
      maxLength: 12,
    },
  )
  .map((chars) => chars.join(''));

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** National numbers of every kind: fixed lines, mobiles, IP, free dial, 0570. */
const nationalNumber = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(8)).map(([a, rest]) => `0${a}${rest}`),
  fc.tuple(fc.constantFrom('070', '080', '090', '050'), digits(8)).map(([p, rest]) => p + rest),
  fc.tuple(fc.constantFrom('0120', '0570'), digits(6)).map(([p, rest]) => p + rest),
  digits(7).map((rest) => `0800${rest}`),
);

/** Cuts a digit string into 1–4 groups at random places. */
const grouped = (number: string, minFirst = 1) =>
  fc.uniqueArray(fc.integer({ min: minFirst, max: number.length - 1 }), { maxLength: 3 }).map((cuts) => {
    const at = [0, ...cuts.sort((a, b) => a - b), number.length];
    return at.slice(1).map((end, i) => number.slice(at[i], end));
  });

const separator = fc.constantFrom(...HYPHENS, ' ', ' - ', '.');

const phone = nationalNumber.chain((number) =>
  fc.oneof(
    // Any grouping with any separator.
    fc.tuple(grouped(number), separator).map(([groups, sep]) => groups.join(sep)),
    // Area code in parentheses.
    fc
      .tuple(fc.integer({ min: 2, max: 5 }), separator)
      .map(
        ([cut, sep]) =>
          `(${number.slice(0, cut)})${number.slice(cut, cut + 4)}${sep}${number.slice(cut + 4)}`,
      ),
    // +81 with the leading 0 dropped, e.g. +81-90-1234-5678 or +81 3 1234 5678.
    fc
      .tuple(grouped(number.slice(1)), fc.constantFrom('-', ' ', ''), fc.constantFrom('+', '＋'))
      .map(([groups, sep, plus]) => `${plus}81${sep}${groups.join(sep || '-')}`),
  ),
);

const postalCode = fc
  .tuple(digits(3), digits(4), fc.constantFrom('〒', '〒 ', ''), fc.constantFrom(...HYPHENS))
  .map(([a, b, mark, hyphen]) => `${mark}${a}${hyphen}${b}`);

const checkDigit = (eleven: string) => {
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const r = [...eleven].reduce((sum, d, i) => sum + Number(d) * weights[i]!, 0) % 11;
  return r <= 1 ? 0 : 11 - r;
};
const myNumberDigits = digits(11).map((eleven) => `${eleven}${checkDigit(eleven)}`);
const wrongMyNumberDigits = fc
  .tuple(digits(11), fc.integer({ min: 1, max: 9 }))
  .map(([eleven, shift]) => `${eleven}${(checkDigit(eleven) + shift) % 10}`);
const formatMyNumber = (twelve: string) =>
  fc
    .constantFrom('', '-', ' ', '－')
    .map((sep) =>
      sep === '' ? twelve : [twelve.slice(0, 4), twelve.slice(4, 8), twelve.slice(8)].join(sep),
    );

const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const email = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('.', '_', '+', '-'),
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
  )
  .map(([local, joiner, domain, tld]) => `${local.join(joiner)}@${domain.join('.')}.${tld}`);

const maybeFullWidth = (arb: fc.Arbitrary<string>) =>
  fc.tuple(arb, fc.boolean()).map(([text, wide]) => (wide ? FULL_WIDTH(text) : text));

/** Embeds `pii` in prose and returns the text and where the piece sits. */
const embedded = (pii: fc.Arbitrary<string>) =>
  fc.tuple(prose, maybeFullWidth(pii), prose).map(([before, piece, after]) => ({
    text: before + piece + after,
    start: before.length,
    end: before.length + piece.length,
    piece,
  }));

/** The finding that covers [start, end) entirely, if any. */
const covering = (findings: RedactionFinding[], start: number, end: number) =>
  findings.find((f) => f.start <= start && end <= f.end);

describe('redactText finds', () => {
  it.each([
    ['090-1234-5678', 'phone'],
    ['０９０ー１２３４ー５６７８', 'phone'],
    ['(03)1234-5678', 'phone'],
    ['03(1234)5678', 'phone'],
    ['03 1234 5678', 'phone'],
    ['0312345678', 'phone'],
    ['+81-90-1234-5678', 'phone'],
    ['+81 3 1234 5678', 'phone'],
    ['+81 (0)3 1234 5678', 'phone'],
    ['0120-123-456', 'phone'],
    ['0800-123-4567', 'phone'],
    ['0570-123-456', 'phone'],
    ['050-1234-5678', 'phone'],
    ['〒100-0001', 'postal_code'],
    ['〒1000001', 'postal_code'],
    ['100－0001', 'postal_code'],
    ['123456789018', 'my_number'],
    ['1234 5678 9018', 'my_number'],
    ['taro.yamada+news@example.co.jp', 'email'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'email'],
    ['https://example.com/a?b=c', 'url'],
    ['www.example.jp', 'url'],
  ])('%s as %s', (piece, kind) => {
    const text = `前${piece}後`;
    const { text: out, findings } = redactText(text, { includeOriginal: true });
    expect(findings).toEqual([{ kind, start: 1, end: 1 + piece.length, original: piece }]);
    expect(out.startsWith('前［') && out.endsWith('］後')).toBe(true);
  });

  it('finds dates of birth by a nearby birth word, and other dates only when asked', () => {
    const text =
      '生年月日：昭和60年4月12日、1985/04/12生まれ、born 1985-04-12、S60.4.12 生。入社は2010年4月1日です。';
    const { findings } = redactText(text, { includeOriginal: true });
    expect(findings.map((f) => [f.kind, f.original])).toEqual([
      ['date_of_birth', '昭和60年4月12日'],
      ['date_of_birth', '1985/04/12'],
      ['date_of_birth', '1985-04-12'],
      ['date_of_birth', 'S60.4.12'],
    ]);
    const all = redactText(text, { kinds: ['date', 'date_of_birth'], includeOriginal: true });
    expect(all.findings.at(-1)).toMatchObject({ kind: 'date', original: '2010年4月1日' });
    expect(redactText('誕生日は平成元年1月8日', { includeOriginal: true }).findings[0]).toMatchObject({
      kind: 'date_of_birth',
      original: '平成元年1月8日',
    });
  });

  it('leaves ordinary numbers and impossible dates alone', () => {
    for (const text of [
      '売上は1234万円',
      '2024年度',
      '2023年13月40日生まれ',
      '00-1234-5678',
      '12345',
      '3.14',
      '第2回',
    ]) {
      expect(redactText(text).findings).toEqual([]);
    }
  });
});

describe('redactText output', () => {
  it('replaces the original characters and reports original offsets', () => {
    const text = '連絡先は０９０ー１２３４ー５６７８、taro@example.jp です';
    expect(redactText(text)).toEqual({
      text: '連絡先は［電話番号］、［メールアドレス］ です',
      findings: [
        { kind: 'phone', start: 4, end: 17 },
        { kind: 'email', start: 18, end: 33 },
      ],
    });
  });

  it('labels in English, or with the replacement given', () => {
    expect(redactText('tel 03-1234-5678', { locale: 'en' }).text).toBe('tel [phone]');
    expect(redactText('tel 03-1234-5678', { replacement: '■' }).text).toBe('tel ■');
    expect(
      redactText('tel 03-1234-5678', { replacement: (f) => `<${f.kind}:${f.end - f.start}>` }).text,
    ).toBe('tel <phone:12>');
  });

  it('redacts only the kinds asked for', () => {
    const text = 'a@b.jp 03-1234-5678';
    expect(redactText(text, { kinds: ['phone'] }).text).toBe('a@b.jp ［電話番号］');
  });

  it('keeps the longest of overlapping findings', () => {
    const { findings } = redactText('https://example.com/contact/taro@example.com/0312345678');
    expect(findings).toEqual([{ kind: 'url', start: 0, end: 55 }]);
  });

  it('redacts names that a host detector finds', () => {
    const nameDetector = (text: string) =>
      [...text.matchAll(/山田 ?太郎/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    expect(redactText('担当の山田太郎さん（03-1234-5678）', { nameDetector }).text).toBe(
      '担当の［氏名］さん（［電話番号］）',
    );
    expect(redactText('山田太郎', { nameDetector, kinds: ['phone'] }).text).toBe('山田太郎');
  });

  it('refuses invalid detector spans, kinds and text', () => {
    const bad = [{ start: 3, end: 2 }];
    expect(() => redactText('abcd', { nameDetector: () => bad })).toThrow(AnonymiseError);
    expect(() => redactText('abcd', { nameDetector: () => [{ start: 0, end: 9 }] })).toThrow(AnonymiseError);
    expect(() => redactText('abcd', { nameDetector: () => 'x' as never })).toThrow(AnonymiseError);
    expect(() => redactText('abcd', { kinds: ['ssn' as never] })).toThrow(AnonymiseError);
    expect(() => redactText(42 as never)).toThrow(AnonymiseError);
  });

  it('leaves text without personal data untouched', () => {
    const text = '職場の雰囲気はよいと思います。ー以上ー';
    expect(redactText(text)).toEqual({ text, findings: [] });
  });
});

describe('redactText properties', () => {
  const covered = (kind: string) => (sample: { text: string; start: number; end: number }) => {
    const { findings, text } = redactText(sample.text);
    const finding = covering(findings, sample.start, sample.end);
    expect(finding?.kind).toBe(kind);
    expect(text).not.toContain(sample.text.slice(sample.start, sample.end));
  };

  it('always redacts phone numbers in any format', () => {
    fc.assert(fc.property(embedded(phone), covered('phone')), { numRuns: 400 });
  });

  it('always redacts postal codes', () => {
    fc.assert(fc.property(embedded(postalCode), covered('postal_code')), { numRuns: 200 });
  });

  it('always redacts valid My Numbers as my_number', () => {
    fc.assert(fc.property(embedded(myNumberDigits.chain(formatMyNumber)), covered('my_number')), {
      numRuns: 200,
    });
  });

  it('always redacts e-mail addresses', () => {
    fc.assert(fc.property(embedded(email), covered('email')), { numRuns: 300 });
  });

  it('never labels a 12-digit number with a wrong check digit as my_number', () => {
    fc.assert(
      fc.property(embedded(wrongMyNumberDigits.chain(formatMyNumber)), ({ text }) => {
        expect(redactText(text).findings.filter((f) => f.kind === 'my_number')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('labels as my_number only digits whose check digit is right, whatever the text', () => {
    const noisy = fc
      .array(fc.oneof(digits(4), fc.constantFrom('-', ' ', 'ー', '、', '12', '9')), { maxLength: 20 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(noisy, (text) => {
        for (const f of redactText(text).findings.filter((x) => x.kind === 'my_number')) {
          const ds = text.slice(f.start, f.end).replace(/\D/g, '');
          expect(isMyNumber([...ds].map(Number))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every character outside the findings', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(prose, phone, email, postalCode), { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        const { text: out, findings } = redactText(text, { replacement: '' });
        let rebuilt = '';
        let at = 0;
        for (const f of findings) {
          rebuilt += text.slice(at, f.start);
          at = f.end;
        }
        expect(out).toBe(rebuilt + text.slice(at));
      }),
      { numRuns: 200 },
    );
  });
});
