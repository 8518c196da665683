import { describe, expect, it } from 'vitest';
import * as anonymise from '../../src/anonymise/index.js';
import { AnonymiseError, createPseudonymiser, hmacPseudonym } from '../../src/anonymise/index.js';

const bytes = (length: number, value: number) => new Uint8Array(length).fill(value);
const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 4231 §4: the HMAC-SHA-256 test vectors. Cases 6 and 7 use a 131-byte key of 0xaa.
const LONG_KEY_CASES = [
  {
    name: 'test case 6',
    data: 'Test Using Larger Than Block-Size Key - Hash Key First',
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'test case 7',
    data: 'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];
// Cases 1–5 use keys shorter than 32 bytes, which kizuki refuses.
const SHORT_KEYS = [
  { name: 'test case 1', key: bytes(20, 0x0b) },
  { name: 'test case 2', key: ascii('Jefe') },
  { name: 'test case 3', key: bytes(20, 0xaa) },
  { name: 'test case 4', key: Uint8Array.from({ length: 25 }, (_, i) => i + 1) },
  { name: 'test case 5', key: bytes(20, 0x0c) },
];

async function rejection(promise: Promise<unknown>): Promise<AnonymiseError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AnonymiseError) return error;
    throw error;
  }
  throw new Error('expected an AnonymiseError');
}

describe('hmacPseudonym', () => {
  it.each(LONG_KEY_CASES)('matches RFC 4231 $name', async ({ data, mac }) => {
    expect(await hmacPseudonym(bytes(131, 0xaa), data)).toBe(mac);
  });

  it.each(LONG_KEY_CASES)('matches RFC 4231 $name with an imported CryptoKey', async ({ data, mac }) => {
    const key = await crypto.subtle.importKey(
      'raw',
      bytes(131, 0xaa),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    expect(await hmacPseudonym(key, data)).toBe(mac);
  });

  it.each(SHORT_KEYS)('refuses the short key of RFC 4231 $name', async ({ key }) => {
    const error = await rejection(hmacPseudonym(key, 'Hi There'));
    expect(error.issues[0]).toMatchObject({
      code: 'key_too_short',
      path: ['key'],
      params: { length: key.length, minimum: 32 },
    });
  });

  it('accepts exactly 32 bytes and refuses 31', async () => {
    expect(await hmacPseudonym(bytes(32, 1), 'x')).toMatch(/^[0-9a-f]{64}$/);
    expect((await rejection(hmacPseudonym(bytes(31, 1), 'x'))).issues[0]?.code).toBe('key_too_short');
  });

  it('refuses a CryptoKey shorter than 256 bits, or one that cannot sign', async () => {
    const short = await crypto.subtle.importKey(
      'raw',
      bytes(16, 1),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    expect((await rejection(hmacPseudonym(short, 'x'))).issues[0]?.code).toBe('key_too_short');
    const verifyOnly = await crypto.subtle.importKey(
      'raw',
      bytes(32, 1),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    expect((await rejection(hmacPseudonym(verifyOnly, 'x'))).issues[0]?.code).toBe('key_invalid');
    const sha1 = await crypto.subtle.importKey('raw', bytes(32, 1), { name: 'HMAC', hash: 'SHA-1' }, false, [
      'sign',
    ]);
    expect((await rejection(hmacPseudonym(sha1, 'x'))).issues[0]?.code).toBe('key_invalid');
  });

  it('refuses keys of the wrong type and values that are not strings, in the chosen language', async () => {
    for (const key of ['a'.repeat(64), null, 42, Array(32).fill(1), new Uint16Array(32)]) {
      const error = await rejection(hmacPseudonym(key as unknown as Uint8Array, 'x', { locale: 'en' }));
      expect(error.issues[0]).toMatchObject({ code: 'key_invalid', path: ['key'] });
      expect(error.message).toMatch(/Uint8Array of at least 32 bytes/);
    }
    const error = await rejection(hmacPseudonym(bytes(32, 1), 12345 as unknown as string));
    expect(error.issues[0]).toMatchObject({ code: 'not_text', path: ['value'] });
    expect(error.message).toBe('文字列が必要ですが、numberです');
  });

  it('gives the same pseudonym for the same key and value, and different ones otherwise', async () => {
    const key = bytes(32, 7);
    const a = await hmacPseudonym(key, 'E-1234');
    expect(await hmacPseudonym(key, 'E-1234')).toBe(a);
    expect(await hmacPseudonym(key, 'E-1235')).not.toBe(a);
    expect(await hmacPseudonym(bytes(32, 8), 'E-1234')).not.toBe(a);
  });

  it('hashes the UTF-8 bytes of the value', async () => {
    const key = bytes(32, 3);
    const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', imported, ascii('山田 太郎')));
    expect(await hmacPseudonym(key, '山田 太郎')).toBe(Buffer.from(mac).toString('hex'));
  });
});

describe('createPseudonymiser', () => {
  it('agrees with hmacPseudonym for many values', async () => {
    const key = bytes(48, 0x5a);
    const pseudonymiser = await createPseudonymiser({ key });
    const values = Array.from({ length: 50 }, (_, i) => `0${9000000000 + i}`);
    const many = await Promise.all(values.map((v) => pseudonymiser.pseudonym(v)));
    expect(many).toEqual(await Promise.all(values.map((v) => hmacPseudonym(key, v))));
    expect(new Set(many).size).toBe(values.length);
  });

  it('does not depend on later changes to the key bytes', async () => {
    const key = bytes(32, 1);
    const pseudonymiser = await createPseudonymiser({ key });
    const before = await pseudonymiser.pseudonym('x');
    key.fill(2);
    expect(await pseudonymiser.pseudonym('x')).toBe(before);
  });
});

describe('kizuki/anonymise exports', () => {
  it('offers no unkeyed hash function', () => {
    expect(Object.keys(anonymise).filter((name) => /hash|sha-?\d|digest/i.test(name))).toEqual([]);
  });
});
