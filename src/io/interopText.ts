import type { LocalisedText } from '../schema/index.js';

/**
 * A SurveyJS localizable string. SurveyJS stores the text of its default locale — English — under
 * `default`, and reads `default` rather than `en` when showing English. So kizuki writes English (or,
 * if a text has no English, the Japanese as a fallback) under `default`, Japanese under `ja`, and
 * any other locale under its own tag; it never writes an `en` key.
 */
export type SurveyJSText = Record<string, string>;

/** A kizuki text as a SurveyJS localizable string, for the template's locales. */
export function surveyJSText(text: LocalisedText, locales: readonly string[], map = identity): SurveyJSText {
  const out: SurveyJSText = { default: map(own(text, 'en') ?? text.ja), ja: map(text.ja) };
  for (const locale of locales) {
    if (locale === 'ja' || locale === 'en') continue;
    const value = own(text, locale);
    if (value !== undefined) out[locale] = map(value);
  }
  return out;
}

/** A text in one locale, or undefined when the text does not have it. */
export function own(text: LocalisedText, locale: string): string | undefined {
  return Object.hasOwn(text, locale) ? text[locale] : undefined;
}

/** HTML-escapes plain text for SurveyJS `html` properties. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function identity(text: string): string {
  return text;
}

/** The FHIR R4 translation extension, which carries a text in another language on `_text` or `_display`. */
export const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

/** A FHIR extension (the subset kizuki writes). */
export interface FhirExtension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  valueDate?: string;
  valueCoding?: {
    system?: string;
    code?: string;
    display?: string;
    _display?: { extension: FhirExtension[] };
  };
  valueCodeableConcept?: { coding: { system?: string; code?: string; display?: string }[]; text?: string };
  extension?: FhirExtension[];
}

/** The primitive-element extension (`_text`) holding the translations of a text other than Japanese. */
export function fhirTranslations(
  text: LocalisedText,
  locales: readonly string[],
): { extension: FhirExtension[] } | undefined {
  const extension: FhirExtension[] = [];
  for (const locale of locales) {
    if (locale === 'ja') continue;
    const value = own(text, locale);
    if (value === undefined) continue;
    extension.push({
      url: TRANSLATION_URL,
      extension: [
        { url: 'lang', valueCode: locale },
        { url: 'content', valueString: value },
      ],
    });
  }
  return extension.length === 0 ? undefined : { extension };
}
