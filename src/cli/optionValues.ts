import type { CsvEncoding } from '../io/index.js';
import type { LocalisedText } from '../schema/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';

/** A positive whole number option, or its default; anything else is a usage error. */
export function positiveInt(context: CliContext, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const text = String(value);
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new CliFailure(EXIT.usage, context.text.usage.badNumber(name, text));
  }
  return number;
}

/** One of a fixed set of values, or its default; anything else is a usage error. */
export function choice<T extends string>(
  context: CliContext,
  name: string,
  value: unknown,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const text = String(value);
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new CliFailure(EXIT.usage, context.text.usage.badChoice(name, text, choices.join(', ')));
}

/** The `--encoding` option. */
export function encodingOption(context: CliContext, value: unknown): CsvEncoding {
  return choice(context, 'encoding', value, ['auto', 'utf-8', 'shift_jis'] as const, 'auto');
}

/** A template text in the command's language, falling back to Japanese. */
export function pick(text: LocalisedText, lang: string): string {
  return Object.hasOwn(text, lang) ? (text[lang] ?? text.ja) : text.ja;
}

/** Every value of a repeatable string option (declared with `multiple: true`), in the order given. */
export function listOption(values: Record<string, unknown>, name: string): string[] {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}
