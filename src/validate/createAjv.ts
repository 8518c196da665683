import { Ajv2020, type CodeOptions } from 'ajv/dist/2020.js';
import { fastKeywords } from './fastKeywords.js';

/**
 * The ajv instance response schemas are compiled with. The runtime validator and the standalone
 * code share these options, so both make the same decisions:
 * - `strict`: the generated schemas must be unambiguous;
 * - `allErrors: false`: stop at the first problem — fastest, and a million bad codes give one issue;
 * - `ownProperties`: only own properties count, so an answer key such as `toString`, or a key an
 *   attacker managed to add to `Object.prototype`, is never read from the prototype;
 * - `messages: false`: issues get kizuki's own ja/en messages;
 * - formats are annotations only: `pattern` carries the check (ajv-formats is not needed);
 * - `uniqueItems`, `maxLength` and `minLength` are {@link fastKeywords}: the same meaning, less work.
 */
export function createAjv(code?: CodeOptions): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: false,
    ownProperties: true,
    messages: false,
    formats: { date: true, 'date-time': true },
    ...(code === undefined ? {} : { code }),
  });
  for (const keyword of fastKeywords) ajv.removeKeyword(keyword.keyword as string).addKeyword(keyword);
  return ajv;
}
