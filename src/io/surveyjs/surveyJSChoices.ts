import type { PathSegment } from '../../core/issue.js';
import type { ChoiceOption, LocalisedText, ScaleOption } from '../../schema/index.js';
import type { ImportContext } from './surveyJSImportContext.js';
import {
  arrayOf,
  type Fields,
  field,
  finite,
  integerCode,
  itemParts,
  positiveInt,
  record,
} from './surveyJSJson.js';

// Words for SurveyJS's built-in special choices when the survey gives none; kizuki's own wording.
const SPECIAL = {
  other: { key: 'otherText', label: { ja: 'その他', en: 'Other' } },
  none: { key: 'noneText', label: { ja: 'どれもない', en: 'None of these' } },
  refused: { key: 'refuseText', label: { ja: '答えたくない', en: 'Prefer not to say' } },
  dontknow: { key: 'dontKnowText', label: { ja: 'わからない', en: "Don't know" } },
} as const;
const SPECIAL_SWITCHES = [
  ['showNoneItem', 'none'],
  ['showRefuseItem', 'refused'],
  ['showDontKnowItem', 'dontknow'],
  ['showOtherItem', 'other'],
] as const;
/** Most values a generated rating scale gets. */
const MAX_RATING = 100;

/** Choices or rating values as options with integer codes, and SurveyJS values (as strings) → codes. */
export interface ImportedChoices {
  options: ChoiceOption[];
  codes: Map<string, number>;
}

/**
 * The options of a choice question: its choices in SurveyJS's order (`choicesOrder`: `random` →
 * shuffled, `asc`/`desc` → sorted now by the default-language text), then SurveyJS's special items.
 */
export function readChoices(
  ctx: ImportContext,
  element: Fields,
  path: PathSegment[],
  multiple: boolean,
): ImportedChoices & { randomise: boolean } {
  const order = field(element, 'choicesOrder');
  const randomise = order === 'random';
  if (order !== undefined && order !== 'random' && order !== 'none' && order !== 'asc' && order !== 'desc')
    ctx.unsupportedProperty([...path, 'choicesOrder']);
  const source = field(element, 'choicesFromQuestion');
  if (source !== undefined)
    ctx.report('choices_from_question', [...path, 'choicesFromQuestion'], { source: String(source) });
  const { options, codes } = choiceList(
    ctx,
    field(element, 'choices'),
    [...path, 'choices'],
    multiple,
    randomise,
  );
  if (order === 'asc' || order === 'desc') {
    const locale = ctx.defaultLocale;
    const textOf = (o: ChoiceOption) => o.label[locale] ?? o.label.ja;
    options.sort((a, b) => textOf(a).localeCompare(textOf(b), locale) * (order === 'asc' ? 1 : -1));
    ctx.report('choices_sorted', [...path, 'choicesOrder'], { order, locale });
  }
  let next = Math.max(0, ...options.map((o) => o.code)) + 1;
  for (const [key, special] of SPECIAL_SWITCHES) {
    if (field(element, key) !== true) continue;
    const words = SPECIAL[special];
    const code = next++;
    const option: ChoiceOption = {
      code,
      label: ctx.texts.text(field(element, words.key), [...path, words.key], words.label.en, words.label),
    };
    if (special === 'other') option.other = true;
    else if (multiple) option.exclusive = true;
    if (special === 'refused' || special === 'dontknow') option.missing = true;
    // SurveyJS never shuffles its special items.
    if (randomise) option.pinned = true;
    options.push(option);
    codes.set(special, code);
    ctx.report('special_choice', [...path, key], { item: special, code });
  }
  if (options.length === 0) {
    ctx.invalid([...path, 'choices'], '選択肢', 'choices');
    options.push({ code: 1, label: { ja: '1' } });
  }
  return { options, codes, randomise };
}

/** Choices or matrix columns as options with integer codes, and SurveyJS values → codes. */
export function choiceList(
  ctx: ImportContext,
  list: unknown,
  path: PathSegment[],
  exclusiveAllowed: boolean,
  randomise = false,
): ImportedChoices {
  const items = arrayOf(list).map((raw, i) => ({ ...itemParts(raw), raw, path: [...path, i] }));
  const taken = new Set<number>();
  const wanted = items.map(({ value }) => {
    const code = integerCode(value);
    if (code === undefined || taken.has(code)) return undefined;
    taken.add(code);
    return code;
  });
  let next = Math.max(0, ...taken) + 1;
  const codes = new Map<string, number>();
  const options: ChoiceOption[] = items.map((item, i) => {
    let code = wanted[i];
    if (code === undefined) {
      code = next++;
      ctx.report('recoded_choice', [...item.path, 'value'], { value: String(item.value), code });
    }
    if (!codes.has(String(item.value))) codes.set(String(item.value), code);
    const option: ChoiceOption = {
      code,
      label: ctx.texts.text(item.text, [...item.path, 'text'], String(item.value ?? code)),
    };
    const fields = record(item.raw);
    if (fields) {
      for (const key of Object.keys(fields))
        if (!['value', 'text', 'isExclusive', 'randomize'].includes(key))
          ctx.unsupportedProperty([...item.path, key]);
      if (field(fields, 'isExclusive') === true) {
        if (exclusiveAllowed) option.exclusive = true;
        else ctx.unsupportedProperty([...item.path, 'isExclusive']);
      }
      if (field(fields, 'randomize') === false && randomise) option.pinned = true;
    }
    return option;
  });
  return { options, codes };
}

/**
 * The scale of a rating: its `rateValues`, or the values `rateMin` to `rateMax` in `rateStep` (or
 * `rateCount` values), SurveyJS's defaults 1 to 5. Integer values are their own codes; a scale with
 * other values (steps of 0.5) is coded 1…n in order, each value its label, and reported.
 */
export function ratingScale(
  ctx: ImportContext,
  element: Fields,
  path: PathSegment[],
): { options: ScaleOption[]; codes: Map<string, number> } {
  const rateValues = field(element, 'rateValues');
  if (Array.isArray(rateValues) && rateValues.length >= 2) {
    const { options, codes } = choiceList(ctx, rateValues, [...path, 'rateValues'], false);
    return { options: options.map(({ code, label }) => ({ code, label })), codes };
  }
  if (Array.isArray(rateValues) && rateValues.length > 0) ctx.unsupportedProperty([...path, 'rateValues']);
  const min = finite(field(element, 'rateMin')) ?? 1;
  const step = finite(field(element, 'rateStep')) ?? 1;
  const count = positiveInt(field(element, 'rateCount'));
  const max = finite(field(element, 'rateMax')) ?? (count !== undefined ? min + (count - 1) * step : 5);
  const values: number[] = [];
  if (step > 0 && max >= min) {
    // Values as SurveyJS computes them, rounded so that 0.1 steps give 0.3, not 0.30000000000000004.
    for (let i = 0; values.length <= MAX_RATING; i++) {
      const value = Number((min + i * step).toFixed(10));
      if (value > max) break;
      values.push(value);
    }
  } else {
    ctx.invalid(
      [...path, step > 0 ? 'rateMax' : 'rateStep'],
      '最小値以上の最大値と正の刻み',
      'a rateMax of at least rateMin and a positive rateStep',
    );
  }
  if (values.length > MAX_RATING) {
    values.length = MAX_RATING;
    ctx.report('rating_truncated', [...path, 'rateMax'], { count: MAX_RATING });
  }
  while (values.length < 2) values.push((values.at(-1) ?? 0) + 1);
  const integers = values.every((v) => Number.isSafeInteger(v));
  if (!integers)
    ctx.report('rating_recoded', [...path, 'rateStep'], { values: values.join(', '), count: values.length });
  const codes = new Map<string, number>();
  const options: ScaleOption[] = values.map((value, i) => {
    const code = integers ? value : i + 1;
    codes.set(String(value), code);
    return { code, label: { ja: String(value) } };
  });
  const ends = [
    ['minRateDescription', options[0]!, values[0]!],
    ['maxRateDescription', options.at(-1)!, values.at(-1)!],
  ] as const;
  for (const [key, option, value] of ends) {
    const description = ctx.texts.optionalText(field(element, key), [...path, key]);
    if (description) {
      option.label = Object.fromEntries(
        Object.entries(description).map(([loc, text]) => [loc, `${value}（${text}）`]),
      ) as LocalisedText;
    }
  }
  return { options, codes };
}
