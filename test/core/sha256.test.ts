import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonicalJson.js';
import { sha256Hex, sha256HexOfBytes } from '../../src/core/sha256.js';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on any text, including multi-byte and block-boundary lengths', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
    // Longer than the reused 1 MB buffer, one after the other; a lone surrogate becomes U+FFFD.
    for (const text of ['é'.repeat(400_000), 'x'.repeat(1_100_000), 'abc', 'a\uD800b']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    for (const n of [55, 56, 63, 64, 65, 119, 120]) {
      const text = 'あ'.repeat(n);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('sha256HexOfBytes', () => {
  it('agrees with node:crypto on any bytes, including block-boundary lengths and more than 1 MB', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256HexOfBytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
    for (const n of [0, 55, 56, 63, 64, 65, 119, 120, 1_100_000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31) & 255);
      expect(sha256HexOfBytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('hashes the UTF-8 bytes of a text as sha256Hex hashes the text', () => {
    const text = '{"confidentiality":"機密です"}';
    expect(sha256HexOfBytes(new TextEncoder().encode(text))).toBe(sha256Hex(text));
  });
});

describe('canonicalJson', () => {
  it('ignores key order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('is JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
