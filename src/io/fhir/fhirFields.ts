import { arrayOf, type Fields, field, record } from '../jsonFields.js';

export { arrayOf, type Fields, field, record };

/**
 * The key of a FHIR value among an item's option codes: `c:<code>` for a Coding, `s:<text>`,
 * `i:<n>`, `b:true`/`b:false`. Reads `value[x]` (answers, options) and `answer[x]` (enableWhen).
 */
export function answerKeyOf(object: Fields): string | undefined {
  for (const prefix of ['value', 'answer']) {
    const coding = record(field(object, `${prefix}Coding`));
    const code = coding ? field(coding, 'code') : undefined;
    if (typeof code === 'string') return `c:${code}`;
    const text = field(object, `${prefix}String`);
    if (typeof text === 'string') return `s:${text}`;
    const n = field(object, `${prefix}Integer`);
    if (typeof n === 'number') return `i:${n}`;
    const b = field(object, `${prefix}Boolean`);
    if (typeof b === 'boolean') return `b:${b}`;
  }
  return undefined;
}

/**
 * kizuki codes for a list of option keys: integer codes (`c:3`, `i:3`) are kept, the others (and
 * repeats) get codes after the largest. `recoded` marks the ones that got a new code; a missing or
 * repeated key gets no code.
 */
export function assignCodes(keys: readonly (string | undefined)[]): { code?: number; recoded: boolean }[] {
  const wanted = keys.map((key) => {
    if (key === undefined) return undefined;
    const text = key.slice(2);
    return (key.startsWith('c:') || key.startsWith('i:')) && /^-?\d{1,15}$/.test(text)
      ? Number(text)
      : undefined;
  });
  let next = Math.max(0, ...wanted.filter((c): c is number => c !== undefined)) + 1;
  const claimed = new Set<number>();
  const seenKeys = new Set<string>();
  return keys.map((key, i) => {
    if (key === undefined || seenKeys.has(key)) return { recoded: false };
    seenKeys.add(key);
    let code = wanted[i];
    const recoded = code === undefined || claimed.has(code);
    if (recoded) code = next++;
    claimed.add(code as number);
    return { code: code as number, recoded };
  });
}
